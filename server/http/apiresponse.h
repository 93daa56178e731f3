#pragma once

// Builds every JSON answer of the REST API, including the one error shape {"error":{"code","message"}}.

#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QHttpServerResponse>
#include <QJsonObject>

namespace betthat::server {

class ApiResponse
{
public:
    // Retry-After of every 503: storage hiccups are short, and clients back off further on their own.
    static constexpr int kRetryAfterSeconds = 2;

    static QHttpServerResponse json(const QJsonObject &body, int status = 200);
    static QHttpServerResponse raw(const QByteArray &jsonBytes, int status);
    static QHttpServerResponse error(const Error &error);
    static QHttpServerResponse error(ErrorCode code, const QString &message);
    static QHttpServerResponse stored(const StoredResponse &response);

    static QJsonObject errorBody(const Error &error);
    static int status(const QHttpServerResponse &response);
};

} // namespace betthat::server
