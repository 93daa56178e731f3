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

bool DesktopNotifier::notify(Toast::Kind kind, const QString &title, const QString &message)
{
    switch (backend()) {
    case Backend::Freedesktop:
        if (notifyFreedesktop(kind, title, message)) {
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

bool DesktopNotifier::notifyFreedesktop(Toast::Kind kind, const QString &title, const QString &message)
{
#ifdef BETTHAT_HAVE_DBUS
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService),
        QString::fromLatin1(kPath), QString::fromLatin1(kService), QStringLiteral("Notify"));
    QVariantMap hints;
    // Lets the desktop group the notifications under the app and find its icon.
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("betthat"));
    hints.insert(QStringLiteral("urgency"),
        QVariant::fromValue<uchar>(kind == Toast::Kind::Error || kind == Toast::Kind::Warning ? 1 : 0));
    call << QApplication::applicationDisplayName() << uint(0) << QStringLiteral("betthat") << title << message
         << QStringList() << hints << int(-1);
    return QDBusConnection::sessionBus().send(call);
#else
    Q_UNUSED(kind)
    Q_UNUSED(title)
    Q_UNUSED(message)
    return false;
#endif
}

} // namespace betthat::app
