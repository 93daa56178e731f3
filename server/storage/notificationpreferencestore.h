#pragma once

// Storage port: each user's notification preferences (per event type and channel, quiet hours).

#include "common/error.h"
#include "common/notificationpreferences.h"

#include <QString>
#include <optional>

namespace betthat::server {

class NotificationPreferenceStore
{
public:
    virtual ~NotificationPreferenceStore() = default;

    // nullopt: the user never saved any (callers use the defaults). An error: they could not be read; never
    // taken for "none saved", which would switch a muted channel back on.
    virtual Result<std::optional<NotificationPreferences>> notificationPreferences(const QString &userId) = 0;
    // Replaces the user's preferences; NotFound for an unknown user.
    virtual Status setNotificationPreferences(const QString &userId, const NotificationPreferences &preferences) = 0;
};

} // namespace betthat::server
