#include "errorenvelope.h"

namespace betthat::json {

QJsonObject encodeErrorEnvelope(const Error &error)
{
    QJsonObject inner;
    inner.insert(QStringLiteral("code"), errorCodeName(error.code));
    inner.insert(QStringLiteral("message"), error.message);
    return QJsonObject{{QStringLiteral("error"), inner}};
}

Result<ErrorEnvelope> decodeErrorEnvelope(const QJsonObject &object)
{
    const QJsonValue inner = object.value(QStringLiteral("error"));
    if (!inner.isObject())
        return makeError(ErrorCode::BadRequest, QStringLiteral("error must be an object"));
    const QJsonObject e = inner.toObject();
    const QJsonValue code = e.value(QStringLiteral("code"));
    if (!code.isString() || code.toString().isEmpty())
        return makeError(ErrorCode::BadRequest, QStringLiteral("error.code must be a non-empty string"));
    const QJsonValue message = e.value(QStringLiteral("message"));
    if (!message.isUndefined() && !message.isNull() && !message.isString())
        return makeError(ErrorCode::BadRequest, QStringLiteral("error.message must be a string"));
    // A newer server may add codes: the caller still learns that it failed, and why in words.
    return ErrorEnvelope{makeError(errorCodeFromName(code.toString()).value_or(ErrorCode::Internal),
                                   message.toString())};
}

} // namespace betthat::json
