#pragma once

// Notifies the desktop while the window is not active: freedesktop notifications over D-Bus where a
// notification server runs, else the system tray's balloon.

#include "common/notificationpreferences.h"
#include "common/timeutil.h"
#include "toast.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <optional>

class QSystemTrayIcon;

namespace betthat::app {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Backend { None, Freedesktop, Tray };
    Q_ENUM(Backend)

    explicit DesktopNotifier(QObject *parent = nullptr);

    // Decided once, on first use: what this desktop offers.
    Backend backend();
    // The user's choices (desktop channel per event type, quiet hours); the clock decides "quiet now".
    void setPreferences(const NotificationPreferences &preferences) { m_preferences = preferences; }
    const NotificationPreferences &preferences() const { return m_preferences; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Whether a notification may be shown now: never inside quiet hours; for a bet event (`type` set) only
    // when its desktop channel is on. Connection and summary notifications have no type.
    bool allows(std::optional<EventType> type = std::nullopt) const;

    // key: what the notification is about ("bet:12"); with `replace`, it takes the place of the last one shown
    // for that key (freedesktop replaces_id) instead of adding a second, contradicting one. urgent: critical
    // urgency (a dispute decided); everything else is normal. The category hint follows the freedesktop
    // spec: network.* for the connection, x-betthat.bet / x-betthat.dispute for bet events.
    // Returns false, showing nothing, when allows(type) says no or the desktop offers no way to notify.
    bool notify(Toast::Kind kind, const QString &title, const QString &message, const QString &key = {},
        bool replace = false, std::optional<EventType> type = std::nullopt, bool urgent = false);
    // Withdraws what is still shown (freedesktop CloseNotification): one key's, or every one (read).
    void close(const QString &key);
    void closeAll();
    int sentCount() const { return m_sent; }
    // Whether the notification server told us the id of a notification for this key (it can be replaced).
    bool hasNotificationFor(const QString &key) const { return m_idByKey.contains(key); }
    // Whether the notification server shows actions (GetCapabilities "actions"); without them a click on the
    // notification is all there is, and no action is offered.
    bool serverHasActions() const { return m_hasActions; }

Q_SIGNALS:
    // The user clicked the notification (tray balloon or a freedesktop "default" action).
    void activated();

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    bool notifyFreedesktop(Toast::Kind kind, const QString &title, const QString &message, const QString &key,
        bool replace, std::optional<EventType> type, bool urgent);

    std::optional<Backend> m_backend;
    QPointer<QSystemTrayIcon> m_tray;
    int m_sent = 0;
    NotificationPreferences m_preferences;
    Clock m_clock = systemClock();
    QHash<QString, uint> m_idByKey; // the notification server's id of the last notification per key
    bool m_hasActions = false;
};

} // namespace betthat::app
