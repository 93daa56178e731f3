#include "notificationscontroller.h"

#include "common/jsoncodec.h"
#include "common/notificationpreferences.h"
#include "server/http/apiresponse.h"
#include "server/http/jsonbody.h"
#include "server/storage/notificationpreferencestore.h"

namespace betthat::server {

QHttpServerResponse NotificationsController::get(const ApiRequest &request) const
{
    const auto saved = m_preferences.notificationPreferences(request.user.id);
    if (!saved)
        return ApiResponse::error(saved.error());
    return ApiResponse::json(json::encode(saved->value_or(NotificationPreferences {})));
}

QHttpServerResponse NotificationsController::patch(const ApiRequest &request) const
{
    // Strictness (unknown keys, types, channels, times, zones) is the shared codec's, so the app's settings
    // page and the server refuse the same things with the same field names.
    const auto body
        = JsonBody::parse(request.http.body(), { QStringLiteral("channels"), QStringLiteral("quiet_hours") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto saved = m_preferences.notificationPreferences(request.user.id);
    if (!saved)
        return ApiResponse::error(saved.error());
    const auto patched = json::applyNotificationPatch(saved->value_or(NotificationPreferences {}), *body);
    if (!patched)
        return ApiResponse::error(patched.error());
    if (const auto stored = m_preferences.setNotificationPreferences(request.user.id, *patched); !stored)
        return ApiResponse::error(stored.error());
    return ApiResponse::json(json::encode(*patched));
}

} // namespace betthat::server
