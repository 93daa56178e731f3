// ConnectionStatusWidget: text, colour and tooltip per RealTimeClient state; a click retries at once.
#include "app/net/realtimeclient.h"
#include "app/widgets/connectionstatuswidget.h"
#include "tests/support/testsupport.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

Q_DECLARE_METATYPE(betthat::app::RealTimeClient::State)

class TestConnectionStatusWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void state_showsTextAndColour_data()
    {
        QTest::addColumn<RealTimeClient::State>("state");
        QTest::addColumn<int>("nextRetryMs");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QColor>("color");
        QTest::newRow("live") << RealTimeClient::State::Live << -1 << QStringLiteral("Live (WebSocket)")
                              << QColor(0x1e, 0x9e, 0x4a);
        QTest::newRow("polling") << RealTimeClient::State::Polling << 30000
                                 << QStringLiteral("Polling every 5 s") << QColor(0xe0, 0x8e, 0x00);
        QTest::newRow("reconnecting") << RealTimeClient::State::Reconnecting << 4200
                                      << QStringLiteral("Reconnecting in 5 s") << QColor(0xf2, 0xb7, 0x05);
        QTest::newRow("reconnecting, nothing scheduled")
            << RealTimeClient::State::Reconnecting << -1 << QStringLiteral("Reconnecting…")
            << QColor(0xf2, 0xb7, 0x05);
        QTest::newRow("offline") << RealTimeClient::State::Offline << 30000 << QStringLiteral("Offline")
                                 << QColor(0xd9, 0x30, 0x25);
        QTest::newRow("sign-in needed") << RealTimeClient::State::AuthFailed << -1
                                        << QStringLiteral("Sign-in needed") << QColor(0xd9, 0x30, 0x25);
        QTest::newRow("connecting") << RealTimeClient::State::Connecting << -1
                                    << QStringLiteral("Connecting…") << QColor(0x1b, 0x6e, 0xf3);
        QTest::newRow("stopped") << RealTimeClient::State::Stopped << -1 << QStringLiteral("Not connected")
                                 << QColor(0x90, 0x96, 0xa0);
    }

    void state_showsTextAndColour()
    {
        QFETCH(RealTimeClient::State, state);
        QFETCH(int, nextRetryMs);
        QFETCH(QString, text);
        QFETCH(QColor, color);
        ConnectionStatusWidget widget;
        widget.setStatus(state, QStringLiteral("connection refused"), nextRetryMs, 5000);
        QCOMPARE(widget.text(), text);
        QCOMPARE(widget.indicatorColor(), color);
        QCOMPARE(widget.state(), state);
        if (state == RealTimeClient::State::Live)
            QVERIFY(!widget.toolTip().contains(QStringLiteral("connection refused")));
        else
            QVERIFY2(widget.toolTip().contains(QStringLiteral("Last error: connection refused")),
                qPrintable(widget.toolTip()));
    }

    void reconnecting_countsDown()
    {
        ConnectionStatusWidget widget;
        widget.setStatus(RealTimeClient::State::Reconnecting, {}, 2400);
        QCOMPARE(widget.text(), QStringLiteral("Reconnecting in 3 s"));
        QTRY_COMPARE_WITH_TIMEOUT(widget.text(), QStringLiteral("Reconnecting in 1 s"), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(widget.text(), QStringLiteral("Reconnecting in 0 s"), 3000);
    }

    void realClient_liveThenRefused_followsTheStateAndAClickRetriesNow()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));

        RealTimeClient live(ServerEndpoint(QUrl(server.baseUrl()), alice.token), alice.user.id);
        ConnectionStatusWidget widget;
        widget.setClient(&live);
        QCOMPARE(widget.text(), QStringLiteral("Not connected"));
        live.start();
        QTRY_COMPARE_WITH_TIMEOUT(widget.text(), QStringLiteral("Live (WebSocket)"), 10000);
        QCOMPARE(widget.indicatorColor(), ConnectionStatusWidget::colorFor(RealTimeClient::State::Live));

        // A port nobody listens on: the attempt fails and the next one waits for the backoff.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 deadPort = probe.serverPort();
        probe.close();
        RealTimeClient refused(
            ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(deadPort)), alice.token),
            alice.user.id);
        RealTimeClient::Config config = refused.config();
        config.backoffBaseMs = 20000;
        config.backoffCapMs = 20000;
        refused.setConfig(config);
        refused.setRandomSource([] { return 1.0; });
        widget.setClient(&refused);
        QSignalSpy attempts(&refused, &RealTimeClient::connectAttempted);
        refused.start();
        QTRY_VERIFY_WITH_TIMEOUT(widget.text().startsWith(QStringLiteral("Reconnecting in")), 10000);
        QVERIFY(widget.toolTip().contains(QStringLiteral("Last error:")));
        QCOMPARE(attempts.count(), 1);

        QSignalSpy retried(&widget, &ConnectionStatusWidget::retryRequested);
        QTest::mouseClick(&widget, Qt::LeftButton);
        QCOMPARE(retried.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 2, 2000); // long before the 20 s backoff
    }

    void signInNeeded_clickAsksToSignIn_andDoesNotRetry()
    {
        ConnectionStatusWidget widget;
        widget.setStatus(RealTimeClient::State::AuthFailed, QStringLiteral("invalid token"));
        QSignalSpy signIn(&widget, &ConnectionStatusWidget::signInRequested);
        QSignalSpy retried(&widget, &ConnectionStatusWidget::retryRequested);
        QTest::mouseClick(&widget, Qt::LeftButton);
        QCOMPARE(signIn.count(), 1);
        QCOMPARE(retried.count(), 0);
    }

    void keyboard_spaceRetriesToo()
    {
        ConnectionStatusWidget widget;
        widget.setStatus(RealTimeClient::State::Offline);
        QSignalSpy retried(&widget, &ConnectionStatusWidget::retryRequested);
        QTest::keyClick(&widget, Qt::Key_Space);
        QCOMPARE(retried.count(), 1);
    }
};

QTEST_MAIN(TestConnectionStatusWidget)
#include "tst_connectionstatuswidget.moc"
