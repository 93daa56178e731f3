// Session against a real server: whose view after signing in, one feed per feed user (the admin window's global
// feed shared with the "everyone" view), a quick change of view loads only the last one, the balance of the
// viewed bettor, a refused token asks to sign in again, and an outage is told once when lost and once when back.
#include "app/models/betlistmodel.h"
#include "app/session/session.h"
#include "tests/support/testsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestServer m_server;
    TestUser m_op;
    TestUser m_alice;
    TestUser m_bob;
    int m_sessions = 0;

    std::unique_ptr<Session> open(const TestUser &user, const QHash<QString, QString> &tokens = {})
    {
        SessionConfig config;
        config.endpoint = ServerEndpoint(QUrl(m_server.baseUrl()), user.token);
        config.userTokens = tokens;
        config.cursorFile = m_dir.filePath(QStringLiteral("state-%1.ini").arg(++m_sessions));
        auto session = std::make_unique<Session>(config);
        RealTimeClient::Config feed = session->feedConfig();
        feed.backoffBaseMs = 50;
        feed.backoffCapMs = 300;
        feed.pollIntervalMs = 200;
        session->setFeedConfig(feed);
        return session;
    }

    static bool live(RealTimeClient *feed)
    {
        return QTest::qWaitFor([feed] { return feed->state() == RealTimeClient::State::Live; }, 10000);
    }

    static QStringList owners(const Session &session)
    {
        QStringList users;
        for (const Bet &bet : session.betModel()->bets())
            users.append(bet.userId);
        users.removeDuplicates();
        return users;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_op = m_server.addUser(QStringLiteral("op"), Role::Operator);
        m_alice = m_server.addUser(QStringLiteral("alice"), Role::Bettor, 50000);
        m_bob = m_server.addUser(QStringLiteral("bob"), Role::Bettor, 70000);
        m_server.placeBet(m_alice, 1000);
        m_server.placeBet(m_bob, 2000);
        m_server.placeBet(m_bob, 3000);
    }

    void bettor_seesTheirOwnView_onTheirOwnFeed()
    {
        auto session = open(m_alice);
        QSignalSpy ready(session.get(), &Session::ready);
        session->start(QStringLiteral("bob")); // an operator's remembered view: not for a bettor
        QVERIFY(ready.wait(10000));
        QCOMPARE(session->viewedUserId(), QStringLiteral("alice"));
        QVERIFY(!session->operatorOverview());
        QCOMPARE(session->feed()->feedUserId(), QStringLiteral("alice"));
        QVERIFY(live(session->feed()));
        QCOMPARE(owners(*session), QStringList { QStringLiteral("alice") });
        QVERIFY(session->canPlaceBet());
        QTRY_COMPARE_WITH_TIMEOUT(session->viewedBalance().value_or(-1), qint64(49000), 10000);
    }

    void operator_globalFeed_isSharedWithTheEveryoneView_andOutlivesIt()
    {
        auto session = open(m_op);
        QSignalSpy ready(session.get(), &Session::ready);
        session->start();
        QVERIFY(ready.wait(10000));
        QVERIFY(session->operatorOverview());
        QVERIFY(!session->canPlaceBet());
        RealTimeClient *everyone = session->feed();
        QVERIFY(live(everyone));
        // The admin window's feed is the very same client: one per feed.
        QCOMPARE(session->acquireGlobalFeed(), everyone);

        QSignalSpy feedChanged(session.get(), &Session::feedChanged);
        QSignalSpy loaded(session.get(), &Session::betsLoaded);
        session->viewAs(QStringLiteral("bob"));
        QCOMPARE(feedChanged.count(), 1);
        QVERIFY(session->feed() != everyone);
        QCOMPARE(session->feed()->feedUserId(), QStringLiteral("bob"));
        QVERIFY(loaded.wait(10000));
        QVERIFY(live(session->feed()));
        // Still held by the admin window: it keeps running while the view shows bob.
        QCOMPARE(everyone->state(), RealTimeClient::State::Live);
        session->releaseGlobalFeed();
        QCOMPARE(everyone->state(), RealTimeClient::State::Stopped);
    }

    void quickChangeOfView_loadsOnlyTheLast()
    {
        auto session = open(m_op);
        QSignalSpy ready(session.get(), &Session::ready);
        session->start(QStringLiteral("alice"));
        QVERIFY(ready.wait(10000));
        QCOMPARE(owners(*session), QStringList { QStringLiteral("alice") });
        QSignalSpy loaded(session.get(), &Session::betsLoaded);
        session->viewAs(QString());
        session->viewAs(QStringLiteral("bob"));
        QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 10000));
        QVERIFY(live(session->feed()));
        QCOMPARE(session->feed()->feedUserId(), QStringLiteral("bob"));
        QCOMPARE(owners(*session), QStringList { QStringLiteral("bob") });
        QCOMPARE(session->betModel()->rowCount(), 2);
        // No token for bob: the operator can look, not act.
        QVERIFY(!session->canAct());
        QTRY_COMPARE_WITH_TIMEOUT(session->viewedBalance().value_or(-1), qint64(65000), 10000);
    }

    void viewedBettorWithAToken_canBeActedFor()
    {
        auto session = open(m_op, { { QStringLiteral("alice"), m_alice.token } });
        QSignalSpy ready(session.get(), &Session::ready);
        session->start(QStringLiteral("alice"));
        QVERIFY(ready.wait(10000));
        QVERIFY(session->canAct());
        QVERIFY(session->canPlaceBet());
        QVERIFY(session->actingApi() != session->api());
    }

    void outage_isToldOnceWhenLost_andOnceWhenRestored()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        SessionConfig config;
        config.endpoint = ServerEndpoint(QUrl(server.baseUrl()), op.token);
        config.cursorFile = m_dir.filePath(QStringLiteral("outage.ini"));
        Session session(config);
        RealTimeClient::Config feed = session.feedConfig();
        feed.backoffBaseMs = 50;
        feed.backoffCapMs = 200;
        feed.pollIntervalMs = 200;
        feed.heartbeatIntervalMs = 1000;
        feed.connectTimeoutMs = 1000;
        feed.requestTimeoutMs = 1000;
        session.setFeedConfig(feed);
        QSignalSpy ready(&session, &Session::ready);
        session.start();
        QVERIFY(ready.wait(10000));
        QVERIFY(live(session.feed()));

        QSignalSpy notice(&session, &Session::notice);
        server.stop();
        QVERIFY(notice.wait(10000));
        QCOMPARE(notice.at(0).at(0).value<Session::NoticeKind>(), Session::NoticeKind::Warning);
        QCOMPARE(notice.at(0).at(1).toString(), QStringLiteral("Connection lost"));
        QVERIFY(server.restart());
        QVERIFY(live(session.feed()));
        QTRY_VERIFY_WITH_TIMEOUT(!notice.isEmpty()
                && notice.last().at(1).toString() == QStringLiteral("Connection restored"),
            10000);
        // Retries while down are not news: one "lost" (the polling notice may come between), one "restored".
        int lost = 0;
        int restored = 0;
        for (const QList<QVariant> &n : std::as_const(notice)) {
            lost += n.at(1).toString() == QStringLiteral("Connection lost");
            restored += n.at(1).toString() == QStringLiteral("Connection restored");
        }
        QCOMPARE(lost, 1);
        QCOMPARE(restored, 1);
    }

    void refusedToken_asksToSignInAgain()
    {
        SessionConfig config;
        config.endpoint = ServerEndpoint(QUrl(m_server.baseUrl()), QStringLiteral("not-a-token"));
        config.cursorFile = m_dir.filePath(QStringLiteral("refused.ini"));
        Session session(config);
        QSignalSpy notice(&session, &Session::notice);
        QSignalSpy status(&session, &Session::statusChanged);
        session.start();
        QVERIFY(notice.wait(10000));
        QCOMPARE(notice.at(0).at(0).value<Session::NoticeKind>(), Session::NoticeKind::Error);
        QCOMPARE(notice.at(0).at(1).toString(), QStringLiteral("Sign-in needed"));
        QCOMPARE(status.last().at(0).value<RealTimeClient::State>(), RealTimeClient::State::AuthFailed);
        QVERIFY(!session.signedInUser());
        QVERIFY(!session.isReady());
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
