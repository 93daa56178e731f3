// DesktopNotifier: no session bus and no tray -> it says it cannot notify; with a session bus (a private
// dbus-daemon) and a notification server on it, a real org.freedesktop.Notifications.Notify call arrives with
// the title, the text and the desktop-entry hint.
#include "app/widgets/desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QTest>

using namespace betthat::app;

// Stands in for the desktop's notification daemon: records what it is asked to show.
class NotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString app;
        QString icon;
        QString summary;
        QString body;
        QVariantMap hints;
        uint replacesId = 0;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &app, uint replacesId, const QString &icon, const QString &summary,
        const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(actions)
        Q_UNUSED(timeout)
        calls.append({ app, icon, summary, body, hints, replacesId });
        // A real server answers a replacement with the id it replaced.
        return replacesId ? replacesId : uint(100 + calls.size());
    }
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private:
    QProcess m_bus;

private Q_SLOTS:
    void withoutBusOrTray_saysItCannotNotify()
    {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        DesktopNotifier notifier;
        QCOMPARE(notifier.backend(), DesktopNotifier::Backend::None);
        QVERIFY(
            !notifier.notify(Toast::Kind::Success, QStringLiteral("You won €25.00"), QStringLiteral("x")));
        QCOMPARE(notifier.sentCount(), 0);
    }

    void withANotificationServer_sendsAFreedesktopNotification()
    {
        m_bus.start(QStringLiteral("dbus-daemon"),
            { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1") });
        QVERIFY2(m_bus.waitForStarted(5000), "dbus-daemon is needed (Debian package dbus-daemon)");
        QVERIFY(m_bus.waitForReadyRead(5000));
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        QDBusConnection daemonSide
            = QDBusConnection::connectToBus(QString::fromUtf8(address), QStringLiteral("fake"));
        QVERIFY(daemonSide.isConnected());
        NotificationServer server;
        QVERIFY(daemonSide.registerObject(
            QStringLiteral("/org/freedesktop/Notifications"), &server, QDBusConnection::ExportAllSlots));
        QVERIFY(daemonSide.registerService(QStringLiteral("org.freedesktop.Notifications")));

        DesktopNotifier notifier;
        QCOMPARE(notifier.backend(), DesktopNotifier::Backend::Freedesktop);
        QVERIFY(notifier.notify(Toast::Kind::Error, QStringLiteral("Bet lost"),
            QStringLiteral("Arsenal v Chelsea · Match winner: Arsenal")));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 1, 5000);
        const NotificationServer::Call &call = server.calls.constFirst();
        QCOMPARE(call.summary, QStringLiteral("Bet lost"));
        QCOMPARE(call.body, QStringLiteral("Arsenal v Chelsea · Match winner: Arsenal"));
        QCOMPARE(call.icon, QStringLiteral("betthat"));
        QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("betthat"));
        QCOMPARE(call.hints.value(QStringLiteral("urgency")).toInt(), 1);
        QCOMPARE(notifier.sentCount(), 1);
        QCOMPARE(call.replacesId, 0u);

        // A bet's result, then its correction: the correction replaces that notification (replaces_id).
        QVERIFY(notifier.notify(Toast::Kind::Error, QStringLiteral("Bet lost"), QString(), QStringLiteral("bet:7")));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 2, 5000);
        const uint shownId = 100 + 2;
        QCOMPARE(server.calls.at(1).replacesId, 0u);
        // The id arrives with the answer; only then can a correction name it.
        QTRY_VERIFY_WITH_TIMEOUT(notifier.hasNotificationFor(QStringLiteral("bet:7")), 5000);
        QVERIFY(notifier.notify(Toast::Kind::Success, QStringLiteral("Correction: your bet on Arsenal was re-settled"),
            QString(), QStringLiteral("bet:7"), true));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 3, 5000);
        QCOMPARE(server.calls.at(2).replacesId, shownId);
        // Another bet's notification is not replaced.
        QVERIFY(notifier.notify(Toast::Kind::Success, QStringLiteral("Correction"), QString(),
            QStringLiteral("bet:8"), true));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 4, 5000);
        QCOMPARE(server.calls.at(3).replacesId, 0u);

        QDBusConnection::disconnectFromBus(QStringLiteral("fake"));
    }

    void cleanupTestCase()
    {
        if (m_bus.state() == QProcess::Running) {
            m_bus.terminate();
            m_bus.waitForFinished(5000);
        }
    }
};

QTEST_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
