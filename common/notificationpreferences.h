#pragma once

// Which notifications a user wants, per event type and channel, and their quiet hours: one type and one
// codec for the server (storage, email) and the app (toasts, desktop notifications, the settings page).

#include "betevent.h"
#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QTime>
#include <optional>

namespace betthat {

// socket: in-app toasts; desktop: the desktop's notifications; email; webhook: stored for the webhook
// deliveries (not acted on by this build).
enum class NotificationChannel { Socket, Desktop, Email, Webhook };
inline constexpr int kNotificationChannelCount = 4;
inline constexpr int kNotificationEventTypeCount = 3;

QString channelName(NotificationChannel channel); // "socket", ...
std::optional<NotificationChannel> channelFromName(const QString &name);

// A daily window in a time zone, e.g. 22:00-07:00 Europe/Berlin (it may wrap midnight; start == end is
// refused). Applies to the desktop and email channels only: toasts are seen only by someone at the app.
struct QuietHours
{
    QTime start;
    QTime end;
    QString timeZone; // IANA id

    bool contains(const QDateTime &instant) const;
    // The end of the window that contains `instant` (an instant; invalid if it is not inside one).
    QDateTime endOfWindow(const QDateTime &instant) const;
    bool operator==(const QuietHours &other) const;
};

struct NotificationPreferences
{
    // Everything on but the webhook channel: a user who never opened the page gets what they always got.
    NotificationPreferences();

    bool isEnabled(EventType type, NotificationChannel channel) const;
    void setEnabled(EventType type, NotificationChannel channel, bool enabled);
    std::optional<QuietHours> quietHours;

    // Enabled, and for desktop and email not inside quiet hours at `now`.
    bool allowsNow(EventType type, NotificationChannel channel, const QDateTime &now) const;
    bool operator==(const NotificationPreferences &other) const;

private:
    bool m_enabled[kNotificationEventTypeCount][kNotificationChannelCount];
};

namespace json {

// {"channels":{"bet_resolved":{"socket":true,"desktop":true,"email":true,"webhook":false},...},
//  "quiet_hours":{"start":"22:00","end":"07:00","time_zone":"Europe/Berlin"} | null}
QJsonObject encode(const NotificationPreferences &preferences);
// A complete object (what storage keeps and GET answers).
Result<NotificationPreferences> decodeNotificationPreferences(const QJsonObject &object);
// PATCH: only the given types, channels and quiet_hours change (quiet_hours: a whole object or null).
// Strict: unknown keys, wrong types, an unknown time zone or a bad time are BadRequest naming the field,
// e.g. "channels.bet_resolved.sms".
Result<NotificationPreferences> applyNotificationPatch(
    const NotificationPreferences &current, const QJsonObject &patch);

} // namespace json

} // namespace betthat
