#include "healthcontroller.h"

#include "server/http/apiresponse.h"

namespace betthat::server {

QHttpServerResponse HealthController::health(const ApiRequest &) const
{
    return ApiResponse::json(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") } });
}

} // namespace betthat::server
