#include "desktopnotifier.h"

#include "app/logcategories.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>
#include <optional>

#ifdef BETTHAT_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace betthat::app {

namespace {
constexpr char kService[] = "org.freedesktop.Notifications";
constexpr char kPath[] = "/org/freedesktop/Notifications";
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{ }

DesktopNotifier::Backend DesktopNotifier::backend()
{
    if (m_backend)
        return *m_backend;
    m_backend = Backend::None;
#ifdef BETTHAT_HAVE_DBUS
    // Without a session bus address libdbus may try to autolaunch one: never start daemons to show a message.
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS")) {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (bus.isConnected() && bus.interface()
            && bus.interface()->isServiceRegistered(QString::fromLatin1(kService)).value()) {
            m_backend = Backend::Freedesktop;
            // Asked once, without blocking the window: a server without actions (some minimal daemons) gets
            // none, and a click on the notification itself stays the way back to the window. Until the answer
            // arrives no actions are offered.
            auto *watcher = new QDBusPendingCallWatcher(
                bus.asyncCall(QDBusMessage::createMethodCall(QString::fromLatin1(kService), QString::fromLatin1(kPath),
                    QString::fromLatin1(kService), QStringLiteral("GetCapabilities"))),
                this);
            connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<QStringList> reply = *w;
                m_hasActions = reply.isValid() && reply.value().contains(QStringLiteral("actions"));
            });
            bus.connect(QString::fromLatin1(kService), QString::fromLatin1(kPath), QString::fromLatin1(kService),
                QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
            bus.connect(QString::fromLatin1(kService), QString::fromLatin1(kPath), QString::fromLatin1(kService),
                QStringLiteral("NotificationClosed"), this, SLOT(onNotificationClosed(uint, uint)));
        }
    }
#endif
    if (*m_backend == Backend::None && QSystemTrayIcon::isSystemTrayAvailable()) {
        auto *tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/betthat.svg")), this);
        tray->setToolTip(tr("Bet That"));
        connect(tray, &QSystemTrayIcon::messageClicked, this, &DesktopNotifier::activated);
        connect(tray, &QSystemTrayIcon::activated, this, &DesktopNotifier::activated);
        m_tray = tray;
        m_backend = Backend::Tray;
    }
    qCInfo(lcAppNotify) << "desktop notifications via" << *m_backend;
    return *m_backend;
}

bool DesktopNotifier::allows(std::optional<EventType> type) const
{
    // Quiet hours silence the desktop as a whole: a "connection lost" at 3 a.m. wakes someone just the same.
    if (m_preferences.quietHours && m_preferences.quietHours->contains(m_clock()))
        return false;
    return !type || m_preferences.isEnabled(*type, NotificationChannel::Desktop);
}

bool DesktopNotifier::notify(Toast::Kind kind, const QString &title, const QString &message, const QString &key,
    bool replace, std::optional<EventType> type, bool urgent)
{
    if (!allows(type)) {
        qCDebug(lcAppNotify) << "desktop notification held back by the notification preferences";
        return false;
    }
    switch (backend()) {
    case Backend::Freedesktop:
        if (notifyFreedesktop(kind, title, message, key, replace, type, urgent)) {
            ++m_sent;
            return true;
        }
        return false;
    case Backend::Tray: {
        if (!m_tray)
            return false;
        m_tray->show();
        QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
        if (kind == Toast::Kind::Error)
            icon = QSystemTrayIcon::Critical;
        else if (kind == Toast::Kind::Warning)
            icon = QSystemTrayIcon::Warning;
        m_tray->showMessage(title, message, icon);
        ++m_sent;
        return true;
    }
    case Backend::None:
        return false;
    }
    return false;
}

bool DesktopNotifier::notifyFreedesktop(Toast::Kind kind, const QString &title, const QString &message,
    const QString &key, bool replace, std::optional<EventType> type, bool urgent)
{
#ifdef BETTHAT_HAVE_DBUS
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService),
        QString::fromLatin1(kPath), QString::fromLatin1(kService), QStringLiteral("Notify"));
    QVariantMap hints;
    // Lets the desktop group the notifications under the app and find its icon.
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("betthat"));
    // The spec's levels: 0 low, 1 normal, 2 critical (stays until dismissed). Only a decided dispute is
    // critical: money moved on the bettor's complaint.
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(urgent ? 2 : 1));
    QString category;
    if (type)
        category = urgent ? QStringLiteral("x-betthat.dispute") : QStringLiteral("x-betthat.bet");
    else if (kind == Toast::Kind::Success)
        category = QStringLiteral("network.connected");
    else if (kind == Toast::Kind::Warning)
        category = QStringLiteral("network.disconnected");
    else if (kind == Toast::Kind::Error)
        category = QStringLiteral("network.error");
    else
        category = QStringLiteral("network");
    hints.insert(QStringLiteral("category"), category);
    QStringList actions;
    if (m_hasActions)
        actions << QStringLiteral("default") << tr("Show");
    const uint replacesId = replace ? m_idByKey.value(key) : 0;
    call << QApplication::applicationDisplayName() << replacesId << QStringLiteral("betthat") << title
         << message << actions << hints << int(-1);
    if (key.isEmpty())
        return QDBusConnection::sessionBus().send(call);
    // The server's answer is the id a later correction replaces; asynchronous, so a slow daemon never blocks
    // the window.
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isValid())
            m_idByKey.insert(key, reply.value());
    });
    return true;
#else
    Q_UNUSED(key)
    Q_UNUSED(replace)
    Q_UNUSED(kind)
    Q_UNUSED(title)
    Q_UNUSED(message)
    Q_UNUSED(type)
    Q_UNUSED(urgent)
    return false;
#endif
}

void DesktopNotifier::close(const QString &key)
{
    const uint id = m_idByKey.take(key);
#ifdef BETTHAT_HAVE_DBUS
    if (id == 0 || m_backend != Backend::Freedesktop)
        return;
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService), QString::fromLatin1(kPath),
        QString::fromLatin1(kService), QStringLiteral("CloseNotification"));
    call << id;
    QDBusConnection::sessionBus().send(call);
#else
    Q_UNUSED(id)
#endif
}

void DesktopNotifier::closeAll()
{
    const QStringList keys = m_idByKey.keys();
    for (const QString &key : keys)
        close(key);
}

void DesktopNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    Q_UNUSED(actionKey)
    // Only our own notifications: the signal is broadcast to every client of the notification server.
    for (auto it = m_idByKey.cbegin(); it != m_idByKey.cend(); ++it) {
        if (it.value() == id) {
            Q_EMIT activated();
            return;
        }
    }
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    // Gone from the screen: a later correction shows as new instead of naming a dead id.
    for (auto it = m_idByKey.begin(); it != m_idByKey.end(); ++it) {
        if (it.value() == id) {
            m_idByKey.erase(it);
            return;
        }
    }
}

} // namespace betthat::app
