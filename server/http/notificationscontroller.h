#pragma once

// /api/v1/me/notifications: the caller's notification preferences (per event type and channel, quiet hours).

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class NotificationPreferenceStore;

class NotificationsController
{
public:
    explicit NotificationsController(NotificationPreferenceStore &preferences)
        : m_preferences(preferences)
    { }

    // The saved preferences, or the defaults for a user who never saved any.
    QHttpServerResponse get(const ApiRequest &request) const;
    // {channels?: {type: {channel: bool}}, quiet_hours?: {start, end, time_zone} | null}: changes only what
    // it names; answers the whole result like GET.
    QHttpServerResponse patch(const ApiRequest &request) const;

private:
    NotificationPreferenceStore &m_preferences;
};

} // namespace betthat::server
