// DesktopNotifier: no session bus and no tray -> it says it cannot notify; with a session bus (a private
// dbus-daemon) and a notification server on it, a real org.freedesktop.Notifications.Notify call arrives with
// the title, the text and the desktop-entry hint; the user's preferences (desktop channel per event type, quiet
// hours by an injected clock, also across midnight) hold notifications back before they reach the server.
#include "app/widgets/desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QTest>
#include <QTimeZone>

using namespace betthat;
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
        QStringList actions;
    };
    QList<Call> calls;
    QList<uint> closed;
    bool hasActions = false;

public Q_SLOTS:
    QStringList GetCapabilities() const
    {
        return hasActions ? QStringList { QStringLiteral("body"), QStringLiteral("actions") }
                          : QStringList { QStringLiteral("body") };
    }

    void CloseNotification(uint id) { closed.append(id); }

    uint Notify(const QString &app, uint replacesId, const QString &icon, const QString &summary,
        const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(timeout)
        calls.append({ app, icon, summary, body, hints, replacesId, actions });
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

    void allows_followsDesktopChannelAndQuietHours_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("withQuietHours");
        QTest::addColumn<bool>("resolvedAllowed");
        QTest::addColumn<bool>("updatedAllowed");
        QTest::addColumn<bool>("untypedAllowed");
        const QTimeZone berlin("Europe/Berlin");
        // bet_updated's desktop channel is off in every row; quiet hours are 22:00-07:00 Berlin.
        QTest::newRow("no quiet hours") << QDateTime(QDate(2026, 1, 15), QTime(23, 0), berlin) << false << true
                                        << false << true;
        QTest::newRow("daytime") << QDateTime(QDate(2026, 1, 15), QTime(12, 0), berlin) << true << true << false
                                 << true;
        QTest::newRow("at start, inclusive") << QDateTime(QDate(2026, 1, 15), QTime(22, 0), berlin) << true
                                             << false << false << false;
        QTest::newRow("after midnight") << QDateTime(QDate(2026, 1, 16), QTime(3, 30), berlin) << true << false
                                        << false << false;
        QTest::newRow("at end, exclusive") << QDateTime(QDate(2026, 1, 16), QTime(7, 0), berlin) << true << true
                                           << false << true;
        // 21:30 UTC is 22:30 in Berlin: the window is in the user's zone, not the machine's.
        QTest::newRow("other zone") << QDateTime(QDate(2026, 1, 15), QTime(21, 30), QTimeZone::utc()) << true
                                    << false << false << false;
    }

    void allows_followsDesktopChannelAndQuietHours()
    {
        QFETCH(QDateTime, now);
        QFETCH(bool, withQuietHours);
        NotificationPreferences preferences;
        preferences.setEnabled(EventType::BetUpdated, NotificationChannel::Desktop, false);
        if (withQuietHours)
            preferences.quietHours = QuietHours { QTime(22, 0), QTime(7, 0), QStringLiteral("Europe/Berlin") };
        DesktopNotifier notifier;
        notifier.setPreferences(preferences);
        notifier.setClock([now] { return now; });
        QTEST(notifier.allows(EventType::BetResolved), "resolvedAllowed");
        QTEST(notifier.allows(EventType::BetUpdated), "updatedAllowed");
        QTEST(notifier.allows(), "untypedAllowed");
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
        QCOMPARE(call.hints.value(QStringLiteral("category")).toString(), QStringLiteral("network.error"));
        // This server has no actions: none are offered (a click on the notification still raises the window).
        QTRY_COMPARE_WITH_TIMEOUT(notifier.serverHasActions(), false, 5000);
        QVERIFY(call.actions.isEmpty());
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

        // Held back by the preferences: nothing reaches the server. A later allowed one shows it did not lag.
        NotificationPreferences preferences;
        preferences.setEnabled(EventType::BetDisputed, NotificationChannel::Desktop, false);
        preferences.quietHours = QuietHours { QTime(23, 0), QTime(6, 0), QStringLiteral("UTC") };
        notifier.setPreferences(preferences);
        QDateTime now(QDate(2026, 1, 15), QTime(12, 0), QTimeZone::utc());
        notifier.setClock([&now] { return now; });
        QVERIFY(!notifier.notify(Toast::Kind::Warning, QStringLiteral("Dispute"), QString(), QStringLiteral("bet:9"),
            false, EventType::BetDisputed));
        now = QDateTime(QDate(2026, 1, 16), QTime(0, 30), QTimeZone::utc());
        QVERIFY(!notifier.notify(Toast::Kind::Success, QStringLiteral("Quiet"), QString(), QStringLiteral("bet:9"),
            false, EventType::BetResolved));
        now = QDateTime(QDate(2026, 1, 16), QTime(6, 0), QTimeZone::utc());
        QVERIFY(notifier.notify(Toast::Kind::Success, QStringLiteral("Morning"), QString(), QStringLiteral("bet:9"),
            false, EventType::BetResolved));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 5, 5000);
        QCOMPARE(server.calls.at(4).summary, QStringLiteral("Morning"));
        QCOMPARE(notifier.sentCount(), 5);
        QCOMPARE(server.calls.at(4).hints.value(QStringLiteral("urgency")).toInt(), 1);
        QCOMPARE(server.calls.at(4).hints.value(QStringLiteral("category")).toString(), QStringLiteral("x-betthat.bet"));

        // A decided dispute is critical and replaces what the desktop showed for that bet.
        notifier.setPreferences(NotificationPreferences());
        QTRY_VERIFY_WITH_TIMEOUT(notifier.hasNotificationFor(QStringLiteral("bet:9")), 5000);
        QVERIFY(notifier.notify(Toast::Kind::Success, QStringLiteral("Dispute upheld"), QString(),
            QStringLiteral("bet:9"), true, EventType::BetResolved, true));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 6, 5000);
        QCOMPARE(server.calls.at(5).hints.value(QStringLiteral("urgency")).toInt(), 2);
        QCOMPARE(server.calls.at(5).hints.value(QStringLiteral("category")).toString(),
            QStringLiteral("x-betthat.dispute"));
        QCOMPARE(server.calls.at(5).replacesId, 100u + 5);

        // Read (the window is active again): what is still shown is withdrawn with CloseNotification.
        QTRY_VERIFY_WITH_TIMEOUT(notifier.hasNotificationFor(QStringLiteral("bet:8")), 5000);
        notifier.closeAll();
        QTRY_COMPARE_WITH_TIMEOUT(server.closed.size(), 3, 5000); // bet:7, bet:8, bet:9
        QVERIFY(server.closed.contains(100u + 5));
        QVERIFY(!notifier.hasNotificationFor(QStringLiteral("bet:9")));

        // A server with actions gets the default action (a click raises the window).
        server.hasActions = true;
        DesktopNotifier withActions;
        QCOMPARE(withActions.backend(), DesktopNotifier::Backend::Freedesktop);
        QTRY_VERIFY_WITH_TIMEOUT(withActions.serverHasActions(), 5000);
        QVERIFY(withActions.notify(Toast::Kind::Info, QStringLiteral("Bet placed"), QString()));
        QTRY_COMPARE_WITH_TIMEOUT(server.calls.size(), 7, 5000);
        QCOMPARE(server.calls.at(6).actions.value(0), QStringLiteral("default"));

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
