#include "apiresponse.h"

#include "common/errorenvelope.h"
#include "common/jsoncodec.h"

namespace betthat::server {

namespace {
const QByteArray kJsonType = QByteArrayLiteral("application/json");
}

QHttpServerResponse ApiResponse::json(const QJsonObject &body, int status)
{
    return raw(json::toBytes(body), status);
}

QHttpServerResponse ApiResponse::raw(const QByteArray &jsonBytes, int status)
{
    return QHttpServerResponse(kJsonType, jsonBytes, static_cast<QHttpServerResponse::StatusCode>(status));
}

QJsonObject ApiResponse::errorBody(const Error &error)
{
    return json::encodeErrorEnvelope(error);
}

QHttpServerResponse ApiResponse::error(const Error &error)
{
    QHttpServerResponse response = json(errorBody(error), httpStatusFor(error.code));
    // RFC 6750: a 401 names the scheme the client should use.
    if (error.code == ErrorCode::Unauthorized)
        response.addHeader(
            QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"betthat\""));
    // Storage trouble passes: tell the client when to try again instead of letting it guess (or give up).
    // A rate limit knows how long; Retry-After is in whole seconds, rounded up so the client never comes back
    // a moment too early.
    if (error.retryAfterMs >= 0)
        response.addHeader(
            QByteArrayLiteral("Retry-After"), QByteArray::number(qMax(1, (error.retryAfterMs + 999) / 1000)));
    else if (error.code == ErrorCode::Unavailable || error.code == ErrorCode::RateLimited)
        response.addHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(kRetryAfterSeconds));
    return response;
}

QHttpServerResponse ApiResponse::error(ErrorCode code, const QString &message)
{
    return error(makeError(code, message));
}

QHttpServerResponse ApiResponse::stored(const StoredResponse &response)
{
    QHttpServerResponse replay = raw(response.body, response.status);
    replay.addHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
    return replay;
}

int ApiResponse::status(const QHttpServerResponse &response)
{
    return static_cast<int>(response.statusCode());
}

} // namespace betthat::server
