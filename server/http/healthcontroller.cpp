#include "healthcontroller.h"

#include "server/http/apiresponse.h"
#include "server/logcategories.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace betthat::server {

QHttpServerResponse HealthController::health(const ApiRequest &) const
{
    return ApiResponse::json(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") } });
}

QHttpServerResponse HealthController::ready(const ApiRequest &) const
{
    // Answering at all proves the API listener accepts connections.
    QList<QPair<QString, Status>> results { { QStringLiteral("listening"), Ok {} } };
    if (m_readiness)
        results += m_readiness();
    QJsonObject checks;
    QJsonArray failed;
    for (const auto &[name, status] : results) {
        checks.insert(name, status ? QStringLiteral("ok") : status.error().message.left(300));
        if (!status)
            failed.append(name);
    }
    if (!failed.isEmpty()) {
        qCWarning(lcHttp).noquote() << "not ready:" << QJsonDocument(checks).toJson(QJsonDocument::Compact);
        return ApiResponse::json(QJsonObject { { QStringLiteral("status"), QStringLiteral("not_ready") },
                                     { QStringLiteral("failed"), failed }, { QStringLiteral("checks"), checks } },
            503);
    }
    return ApiResponse::json(
        QJsonObject { { QStringLiteral("status"), QStringLiteral("ready") }, { QStringLiteral("checks"), checks } });
}

QHttpServerResponse HealthController::metrics(const ApiRequest &request) const
{
    if (!m_metrics)
        return ApiResponse::error(ErrorCode::NotFound, QStringLiteral("metrics are not served here"));
    if (!request.user.isOperator())
        return ApiResponse::error(ErrorCode::Forbidden, QStringLiteral("metrics are for operators"));
    return metricsResponse(m_metrics());
}

QHttpServerResponse HealthController::metricsResponse(const QByteArray &exposition)
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), exposition);
}

} // namespace betthat::server
