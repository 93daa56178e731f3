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
    bool replace, std::optional<EventType> type)
{
    if (!allows(type)) {
        qCDebug(lcAppNotify) << "desktop notification held back by the notification preferences";
        return false;
    }
    switch (backend()) {
    case Backend::Freedesktop:
        if (notifyFreedesktop(kind, title, message, key, replace)) {
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

bool DesktopNotifier::notifyFreedesktop(
    Toast::Kind kind, const QString &title, const QString &message, const QString &key, bool replace)
{
#ifdef BETTHAT_HAVE_DBUS
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService),
        QString::fromLatin1(kPath), QString::fromLatin1(kService), QStringLiteral("Notify"));
    QVariantMap hints;
    // Lets the desktop group the notifications under the app and find its icon.
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("betthat"));
    hints.insert(QStringLiteral("urgency"),
        QVariant::fromValue<uchar>(kind == Toast::Kind::Error || kind == Toast::Kind::Warning ? 1 : 0));
    const uint replacesId = replace ? m_idByKey.value(key) : 0;
    call << QApplication::applicationDisplayName() << replacesId << QStringLiteral("betthat") << title
         << message << QStringList() << hints << int(-1);
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
    return false;
#endif
}

} // namespace betthat::app
