// RealTimeClient against the real server on 127.0.0.1: live, fallback to polling, outages, auth, resync,
// resume.
#include "app/net/cursorstore.h"
#include "app/net/realtimeclient.h"
#include "common/protocol.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace betthat;
using namespace betthat::app;
using State = RealTimeClient::State;

namespace {

// Everything a client announced, in order.
class Recorder : public QObject
{
public:
    explicit Recorder(RealTimeClient *client)
    {
        connect(client, &RealTimeClient::eventReceived, this, [this](const BetEvent &e) {
            seqs << e.seq;
            switch (e.type) {
            case EventType::BetResolved:
                resolved << e.seq;
                break;
            case EventType::BetUpdated:
                updated << e.seq;
                break;
            case EventType::BetDisputed:
                disputed << e.seq;
                break;
            }
        });
        connect(client, &RealTimeClient::stateChanged, this, [this](State s) { states << s; });
        connect(client, &RealTimeClient::stateChanged, this, [this, client](State s) {
            // A refused token: the one state that stops every retry.
            if (s == State::AuthFailed)
                authFailures << client->lastError();
        });
        connect(client, &RealTimeClient::retryScheduled, this, [this](int, int delay) { delays << delay; });
        connect(client, &RealTimeClient::connectAttempted, this, [this](int) { ++attempts; });
        connect(client, &RealTimeClient::resyncRequired, this, [this](const QString &r) { resyncs << r; });
    }

    QList<qint64> seqs, resolved, updated, disputed;
    QList<State> states;
    QList<int> delays;
    int attempts = 0;
    QStringList resyncs, authFailures;
};

RealTimeClient::Config fastConfig()
{
    RealTimeClient::Config c;
    c.backoffBaseMs = 40;
    c.backoffCapMs = 320;
    c.stableAfterMs = 10000;
    c.failuresBeforePolling = 3;
    c.pollIntervalMs = 100;
    c.pollLimit = 4; // small, so a backlog exercises has_more
    c.heartbeatIntervalMs = 2000;
    c.connectTimeoutMs = 3000;
    c.requestTimeoutMs = 3000;
    return c;
}

QString describe(const QList<qint64> &seqs)
{
    QStringList parts;
    for (qint64 s : seqs)
        parts << QString::number(s);
    return parts.join(QLatin1Char(','));
}

QString describe(const QList<State> &states)
{
    QStringList parts;
    for (State s : states)
        parts << RealTimeClient::stateName(s);
    return parts.join(QStringLiteral(" -> "));
}

} // namespace

class TestRealTimeClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void liveEvents_arriveInOrderExactlyOnce();
    void noCursor_startsAtServerHead_withoutReplayingHistory_data();
    void noCursor_startsAtServerHead_withoutReplayingHistory();
    void operatorGlobalFeed_receivesEveryUsersEvents();
    void webSocketRefused_backsOffThenPolls_thenReturnsToLive();
    void serverDown_offlineThenBackOnSamePort_nothingLostNothingTwice();
    void unauthorized4401_stopsRetrying();
    void forbidden4403_stopsRetrying();
    void pollingUnauthorized_stopsRetrying();
    void tryAgainLater1013_keepsRetrying();
    void storageTrouble_503And1013_keepsRetryingNeverAsksToSignIn();
    void usersUnreadable_tokenCannotBeChecked_retriesNeverSignsOut();
    void resyncRequired_cursorAheadOfLog_signalsAndContinues();
    void resyncRequired_whilePolling_signalsAndContinues();
    void backoff_resetOnlyAfterStableConnection_data();
    void backoff_resetOnlyAfterStableConnection();
    void afterDrop_firstRetrySpreadOverTheServersJitterWindow_data();
    void afterDrop_firstRetrySpreadOverTheServersJitterWindow();
    void cursor_persistedAndUsedAfterClientRestart();
    void heartbeat_idleRealServer_staysLive();
    void heartbeat_silentPeer_pingedThenDeclaredLost();
    void retryNow_skipsTheBackoffDelay();
    void stop_closesAndStaysStopped();

private:
    RealTimeClient *makeClient(
        const test::TestUser &user, const QString &feed, CursorStore *cursors = nullptr);
    // n bets for `who`, each placed then resolved: 2n events.
    void commitEvents(const test::TestUser &who, int n);
    QList<qint64> expectedSeqs(const QString &userId);

    std::unique_ptr<test::TestServer> m_server;
    test::TestUser m_operator;
    test::TestUser m_alice;
    test::TestUser m_bob;
    QTemporaryDir m_dir;
    std::unique_ptr<QObject> m_owner; // parent of the clients of one test
};

void TestRealTimeClient::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY(m_server->start());
    m_operator = m_server->addUser(QStringLiteral("olga"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 10000000);
    m_bob = m_server->addUser(QStringLiteral("bob"), Role::Bettor, 10000000);
    m_owner = std::make_unique<QObject>();
}

void TestRealTimeClient::cleanup()
{
    m_owner.reset();
    m_server.reset();
}

RealTimeClient *TestRealTimeClient::makeClient(
    const test::TestUser &user, const QString &feed, CursorStore *cursors)
{
    auto *client = new RealTimeClient(
        ServerEndpoint(QUrl(m_server->baseUrl()), user.token), feed, cursors, m_owner.get());
    client->setConfig(fastConfig());
    client->setRandomSource([] { return 1.0; }); // the ceiling: delays become exact
    return client;
}

void TestRealTimeClient::commitEvents(const test::TestUser &who, int n)
{
    auto &service = m_server->server().service();
    for (int i = 0; i < n; ++i) {
        const Bet bet = m_server->placeBet(who);
        const auto resolved = service.resolve(m_operator.user, bet.id,
            i % 2 ? BetResult::Loss : BetResult::Win, QStringLiteral("round %1").arg(i));
        QVERIFY2(resolved.ok(), qPrintable(resolved.ok() ? QString() : resolved.error().message));
    }
}

QList<qint64> TestRealTimeClient::expectedSeqs(const QString &userId)
{
    server::EventQuery query;
    query.userId = userId;
    query.limit = 100000;
    QList<qint64> seqs;
    const auto events = m_server->server().repository().events(query);
    if (!events)
        qFatal("reading the event log failed: %s", qPrintable(events.error().message));
    for (const BetEvent &event : *events)
        seqs << event.seq;
    return seqs;
}

void TestRealTimeClient::liveEvents_arriveInOrderExactlyOnce()
{
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    QVERIFY(client->isConnected());
    QVERIFY2(
        rec.states == (QList<State> { State::Connecting, State::Live }), qPrintable(describe(rec.states)));

    commitEvents(m_alice, 10);
    commitEvents(m_bob, 3); // never for alice
    const Bet disputed = m_server->placeBet(m_alice);
    auto &service = m_server->server().service();
    QVERIFY(service.resolve(m_operator.user, disputed.id, BetResult::Loss, {}).ok());
    QVERIFY(service.dispute(m_alice.user, disputed.id, QStringLiteral("wrong score")).ok());

    const QList<qint64> expected = expectedSeqs(QStringLiteral("alice"));
    QCOMPARE(expected.size(), 23);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs.size(), expected.size(), 5000);
    QVERIFY2(
        rec.seqs == expected, qPrintable(describe(rec.seqs) + QStringLiteral(" vs ") + describe(expected)));
    QCOMPARE(rec.resolved.size(), 11);
    QCOMPARE(rec.updated.size(), 11);
    QCOMPARE(rec.disputed, QList<qint64> { expected.last() });
    QCOMPARE(client->lastSeq(), expected.last());
    QCOMPARE(client->lastMessage().value(QStringLiteral("seq")).toInteger(), expected.last());
    QCOMPARE(rec.attempts, 1);
    QCOMPARE(client->state(), State::Live);
    QCOMPARE(rec.resyncs, QStringList { QStringLiteral("initial") }); // once, for the missing cursor
}

void TestRealTimeClient::noCursor_startsAtServerHead_withoutReplayingHistory_data()
{
    QTest::addColumn<bool>("webSocket");
    QTest::newRow("websocket") << true;
    QTest::newRow("polling") << false;
}

void TestRealTimeClient::noCursor_startsAtServerHead_withoutReplayingHistory()
{
    QFETCH(bool, webSocket);
    commitEvents(m_alice, 3); // history: the UI loads it as bets, not as a flood of toasts
    if (!webSocket)
        m_server->server().setRealtimeEnabled(false);
    CursorStore cursors(m_dir.filePath(QStringLiteral("fresh-%1.ini").arg(webSocket)));
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"), &cursors);
    Recorder rec(client);
    QCOMPARE(client->lastSeq(), -1);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(rec.resyncs, QStringList { QStringLiteral("initial") }, 5000);
    QCOMPARE(client->lastSeq(), 6);
    const ServerEndpoint endpoint(QUrl(m_server->baseUrl()), m_alice.token);
    QTRY_COMPARE_WITH_TIMEOUT(
        cursors.load(CursorStore::keyFor(endpoint.serverKey(), QStringLiteral("alice"))), 6, 2000);

    commitEvents(m_alice, 1);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, (QList<qint64> { 7, 8 }), 5000);
    QCOMPARE(rec.resyncs.size(), 1);
}

void TestRealTimeClient::operatorGlobalFeed_receivesEveryUsersEvents()
{
    RealTimeClient *client = makeClient(m_operator, QString());
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    commitEvents(m_alice, 3);
    commitEvents(m_bob, 3);
    const QList<qint64> expected = expectedSeqs(QString());
    QCOMPARE(expected.size(), 12);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expected, 5000);
}

void TestRealTimeClient::webSocketRefused_backsOffThenPolls_thenReturnsToLive()
{
    m_server->server().setRealtimeEnabled(false);
    commitEvents(m_alice, 1); // after the stored cursor, before the client starts: arrives by the first poll
    CursorStore cursors(m_dir.filePath(QStringLiteral("refused.ini")));
    const ServerEndpoint endpoint(QUrl(m_server->baseUrl()), m_alice.token);
    cursors.save(CursorStore::keyFor(endpoint.serverKey(), QStringLiteral("alice")), 0);

    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"), &cursors);
    Recorder rec(client);
    client->start();

    // Three refused upgrades: growing delays (random = 1: exactly the ceilings), then the cap while polling.
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Polling, 5000);
    QVERIFY2(rec.delays.size() >= 3, qPrintable(QString::number(rec.delays.size())));
    QCOMPARE(rec.delays.mid(0, 3), (QList<int> { 40, 80, 320 }));
    QCOMPARE(client->consecutiveFailures(), 3);
    QVERIFY(client->lastError().contains(QStringLiteral("503")));
    QVERIFY(!client->isConnected());
    QVERIFY2(rec.states == (QList<State> { State::Connecting, State::Reconnecting, State::Polling }),
        qPrintable(describe(rec.states)));

    // Committed while polling: arrives by polling (a backlog larger than the poll limit drains at once).
    commitEvents(m_alice, 5);
    commitEvents(m_bob, 2);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expectedSeqs(QStringLiteral("alice")), 5000);
    QCOMPARE(client->state(), State::Polling);
    QVERIFY(client->nextRetryIn() >= 0 && client->nextRetryIn() <= 320);
    for (int i = 3; i < rec.delays.size(); ++i)
        QCOMPARE(rec.delays.at(i), 320); // the WebSocket keeps being retried at the cap

    // WebSocket back: Live again, and polling stops after one catch-up.
    int pollsWhileLive = 0;
    connect(client, &RealTimeClient::pollFinished, this, [client, &pollsWhileLive] {
        pollsWhileLive += client->state() == State::Live ? 1 : 0;
    });
    m_server->server().setRealtimeEnabled(true);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    // The catch-up poll has answered: from here on, any poll would be one too many.
    QTRY_COMPARE_WITH_TIMEOUT(pollsWhileLive, 1, 5000);
    client->disconnect(this);
    QVERIFY2(
        rec.states == (QList<State> { State::Connecting, State::Reconnecting, State::Polling, State::Live }),
        qPrintable(describe(rec.states)));
    commitEvents(m_alice, 3);
    const QList<qint64> expected = expectedSeqs(QStringLiteral("alice"));
    QCOMPARE(expected.size(), 18);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expected, 5000);

    // No poll after the catch-up: the events keep coming over the socket alone.
    QSignalSpy polls(client, &RealTimeClient::pollFinished);
    QTest::qWait(3 * fastConfig().pollIntervalMs);
    QCOMPARE(polls.count(), 0);
    QVERIFY2(
        rec.seqs == expected, qPrintable(describe(rec.seqs) + QStringLiteral(" vs ") + describe(expected)));
}

void TestRealTimeClient::serverDown_offlineThenBackOnSamePort_nothingLostNothingTwice()
{
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    commitEvents(m_alice, 3);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs.size(), 6, 5000);

    // Committed right before the outage: may or may not have left the server before it went down.
    commitEvents(m_alice, 2);
    const quint16 port = m_server->port();
    m_server->stop();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Offline, 5000);
    QVERIFY(rec.states.contains(State::Reconnecting));
    QVERIFY(!client->lastError().isEmpty());

    // Back on the same port with the same database; events committed before the client notices.
    QVERIFY(m_server->restart());
    QCOMPARE(m_server->port(), port);
    commitEvents(m_alice, 2);
    commitEvents(m_bob, 1);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    commitEvents(m_alice, 2);

    const QList<qint64> expected = expectedSeqs(QStringLiteral("alice"));
    QCOMPARE(expected.size(), 18);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs.size(), expected.size(), 5000);
    QVERIFY2(
        rec.seqs == expected, qPrintable(describe(rec.seqs) + QStringLiteral(" vs ") + describe(expected)));
    QCOMPARE(client->lastSeq(), expected.last());
}

void TestRealTimeClient::unauthorized4401_stopsRetrying()
{
    test::TestUser ghost = m_alice;
    ghost.token = QStringLiteral("no-such-token");
    RealTimeClient *client = makeClient(ghost, QStringLiteral("alice"));
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::AuthFailed, 5000);
    QCOMPARE(rec.authFailures.size(), 1);
    QVERIFY(!client->lastError().isEmpty());
    // Far longer than every backoff delay: nothing is retried, nothing polled.
    QTest::qWait(6 * fastConfig().backoffBaseMs);
    QCOMPARE(rec.attempts, 1);
    QVERIFY(rec.delays.isEmpty());
    QCOMPARE(client->nextRetryIn(), -1);
    client->retryNow();
    QCOMPARE(rec.attempts, 1);
}

void TestRealTimeClient::forbidden4403_stopsRetrying()
{
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("bob")); // someone else's feed
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::AuthFailed, 5000);
    QCOMPARE(rec.authFailures.size(), 1);
    QTest::qWait(6 * fastConfig().backoffBaseMs);
    QCOMPARE(rec.attempts, 1);
    QVERIFY(rec.delays.isEmpty());
}

void TestRealTimeClient::pollingUnauthorized_stopsRetrying()
{
    m_server->server().setRealtimeEnabled(false);
    test::TestUser ghost = m_alice;
    ghost.token = QStringLiteral("no-such-token");
    RealTimeClient *client = makeClient(ghost, QStringLiteral("alice"));
    Recorder rec(client);
    client->start();
    // The refused upgrade starts polling at once; the poll's 401 ends everything.
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::AuthFailed, 5000);
    QCOMPARE(rec.authFailures.size(), 1);
    const int attempts = rec.attempts;
    QTest::qWait(6 * fastConfig().backoffBaseMs);
    QCOMPARE(rec.attempts, attempts);
}

void TestRealTimeClient::tryAgainLater1013_keepsRetrying()
{
    // One connection per user: a second client is refused with 1013 and must keep trying, not give up.
    m_server->stop();
    m_server->config().realtime.maxConnectionsPerUser = 1;
    QVERIFY(m_server->restart());
    RealTimeClient *first = makeClient(m_alice, QStringLiteral("alice"));
    first->start();
    QTRY_COMPARE_WITH_TIMEOUT(first->state(), State::Live, 5000);

    RealTimeClient *second = makeClient(m_alice, QStringLiteral("alice"));
    Recorder rec(second);
    second->start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.attempts >= 2, 5000);
    QVERIFY(rec.authFailures.isEmpty());
    QVERIFY(second->state() != State::AuthFailed);
    // Qt 6.4's QWebSocket rejects close codes 1012-2999 as invalid and reports 1002 instead of 1013; either
    // way the server closed it and the client keeps retrying.
    QVERIFY2(second->lastError().contains(QStringLiteral("closed by the server")),
        qPrintable(second->lastError()));

    first->stop();
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), State::Live, 5000);
    commitEvents(m_alice, 2);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expectedSeqs(QStringLiteral("alice")), 5000);
}

void TestRealTimeClient::storageTrouble_503And1013_keepsRetryingNeverAsksToSignIn()
{
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);

    // Real-time off: the live socket is closed with 1013 and every upgrade is refused with 503 ...
    m_server->server().setRealtimeEnabled(false);
    // ... and the event log cannot be read, so every poll is answered 503 too.
    auto &sqlite = dynamic_cast<server::SqliteRepository &>(m_server->server().repository());
    {
        test::SqliteReadFault fault(sqlite.database(), { QStringLiteral("events") });
        QVERIFY(fault.isActive());
        int failedPolls = 0;
        QStringList pollErrors; // read when each poll fails: a WebSocket attempt may fail after it
        connect(client, &RealTimeClient::pollFinished, this, [&failedPolls, &pollErrors, client](bool ok) {
            failedPolls += ok ? 0 : 1;
            if (!ok)
                pollErrors << client->lastError();
        });
        const int attemptsBefore = rec.attempts;
        QTRY_VERIFY_WITH_TIMEOUT(failedPolls >= 3 && rec.attempts >= attemptsBefore + 3, 10000);
        QVERIFY(fault.denials() > 0);
        QVERIFY2(pollErrors.constFirst().contains(QStringLiteral("polling failed")), qPrintable(pollErrors.constFirst()));
        QVERIFY2(rec.authFailures.isEmpty(), qPrintable(rec.authFailures.join(QStringLiteral("; "))));
        QVERIFY(client->state() != State::AuthFailed);
        client->disconnect(this);
    }

    // Storage back: polling delivers what was committed, then the WebSocket takes over again.
    commitEvents(m_alice, 2);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expectedSeqs(QStringLiteral("alice")), 5000);
    m_server->server().setRealtimeEnabled(true);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    QVERIFY(rec.authFailures.isEmpty());
    QVERIFY(!rec.states.contains(State::AuthFailed));
}

void TestRealTimeClient::usersUnreadable_tokenCannotBeChecked_retriesNeverSignsOut()
{
    // The reported bug: with the users table unreadable a valid token was answered 4401/401 and the client
    // asked to sign in again. Now the server says 1013/503 and the client keeps trying.
    auto &sqlite = dynamic_cast<server::SqliteRepository &>(m_server->server().repository());
    auto fault = std::make_unique<test::SqliteReadFault>(sqlite.database(), QStringList { QStringLiteral("users") });
    QVERIFY(fault->isActive());
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    Recorder rec(client);
    int failedPolls = 0;
    connect(client, &RealTimeClient::pollFinished, this, [&failedPolls](bool ok) { failedPolls += ok ? 0 : 1; });
    client->start();
    // Refused upgrades (1013), then polling answered 503: several of each, and never "sign in".
    QTRY_VERIFY_WITH_TIMEOUT(failedPolls >= 2 && rec.attempts >= 3, 10000);
    QVERIFY(fault->denials() > 0);
    QVERIFY2(rec.authFailures.isEmpty(), qPrintable(rec.authFailures.join(QStringLiteral("; "))));
    QVERIFY(client->state() != State::AuthFailed);
    client->disconnect(this);

    // The table readable again: the same client goes live by itself, still signed in, and delivers events.
    fault.reset();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 10000);
    commitEvents(m_alice, 1);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expectedSeqs(QStringLiteral("alice")), 5000);
    QVERIFY(!rec.states.contains(State::AuthFailed));
}

void TestRealTimeClient::resyncRequired_cursorAheadOfLog_signalsAndContinues()
{
    commitEvents(m_alice, 2); // log head: 4
    CursorStore cursors(m_dir.filePath(QStringLiteral("ahead.ini")));
    const ServerEndpoint endpoint(QUrl(m_server->baseUrl()), m_alice.token);
    // A cursor from another database (say the server's was reset): ahead of this log.
    cursors.save(CursorStore::keyFor(endpoint.serverKey(), QStringLiteral("alice")), 1000);

    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"), &cursors);
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(rec.resyncs.size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    const qint64 head = m_server->server().repository().lastSeq().value();
    QCOMPARE(client->lastSeq(), head);

    // It carries on: the next event arrives and the cursor follows.
    commitEvents(m_alice, 1);
    const QList<qint64> all = expectedSeqs(QStringLiteral("alice"));
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, all.mid(4), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(
        cursors.load(CursorStore::keyFor(endpoint.serverKey(), QStringLiteral("alice"))), all.last(), 2000);
}

void TestRealTimeClient::resyncRequired_whilePolling_signalsAndContinues()
{
    m_server->server().setRealtimeEnabled(false);
    commitEvents(m_alice, 1);
    CursorStore cursors(m_dir.filePath(QStringLiteral("ahead-poll.ini")));
    const ServerEndpoint endpoint(QUrl(m_server->baseUrl()), m_alice.token);
    cursors.save(CursorStore::keyFor(endpoint.serverKey(), QStringLiteral("alice")), 500);

    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"), &cursors);
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(rec.resyncs.size(), 1, 5000);
    QCOMPARE(client->lastSeq(), m_server->server().repository().lastSeq().value());
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Polling, 5000);
    commitEvents(m_alice, 2);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs, expectedSeqs(QStringLiteral("alice")).mid(2), 5000);
    QCOMPARE(rec.resyncs.size(), 1);
}

void TestRealTimeClient::backoff_resetOnlyAfterStableConnection_data()
{
    QTest::addColumn<qint64>("upForMs");
    QTest::addColumn<int>("expectedDelay");
    // Two refused attempts first push the backoff to attempt 2; then one connection that lasts upForMs.
    QTest::newRow("flapping: keeps climbing") << qint64(9999) << 160;
    // Started over, the first retry after the drop is drawn from the server's reconnect jitter window (5 s
    // by default), here capped at our own backoff cap (320 ms): random 1.0 gives its end.
    QTest::newRow("stable 10 s: starts over, in the jitter window") << qint64(10000) << 320;
}

void TestRealTimeClient::backoff_resetOnlyAfterStableConnection()
{
    QFETCH(qint64, upForMs);
    QFETCH(int, expectedDelay);
    qint64 fakeNow = 0;
    m_server->server().setRealtimeEnabled(false);
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    client->setClock([&fakeNow] { return fakeNow; });
    Recorder rec(client);
    connect(client, &RealTimeClient::retryScheduled, &rec, [this, &rec] {
        if (rec.delays.size() == 2)
            m_server->server().setRealtimeEnabled(true); // the third attempt gets through
    });
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    QCOMPARE(rec.delays, (QList<int> { 40, 80 }));

    fakeNow += upForMs;
    m_server->server().setRealtimeEnabled(false); // closes live sockets with 1013
    QTRY_COMPARE_WITH_TIMEOUT(rec.delays.size(), 3, 5000);
    QCOMPARE(rec.delays.at(2), expectedDelay);
}

void TestRealTimeClient::afterDrop_firstRetrySpreadOverTheServersJitterWindow_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expectedDelay");
    // The server announces 200 ms (below our 320 ms cap): the delay is random × 200.
    QTest::newRow("start of the window") << 0.0 << 0;
    QTest::newRow("a quarter in") << 0.25 << 50;
    QTest::newRow("end of the window") << 0.999 << 199;
}

void TestRealTimeClient::afterDrop_firstRetrySpreadOverTheServersJitterWindow()
{
    QFETCH(double, random);
    QFETCH(int, expectedDelay);
    m_server->config().realtime.reconnectJitterMs = 200;
    QVERIFY(m_server->restart());
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    client->setRandomSource([random] { return random; });
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    QCOMPARE(client->reconnectJitterMs(), 200);
    QVERIFY(rec.delays.isEmpty());

    m_server->server().setRealtimeEnabled(false); // every live socket is dropped with 1013
    // Random 0 makes every later retry immediate too: only the first delay matters here.
    QTRY_VERIFY_WITH_TIMEOUT(!rec.delays.isEmpty(), 5000);
    client->stop();
    QCOMPARE(rec.delays.first(), expectedDelay); // not the backoff's first step (random × 40 ms)
    QVERIFY(rec.delays.first() >= 0 && rec.delays.first() < 200);
}

void TestRealTimeClient::cursor_persistedAndUsedAfterClientRestart()
{
    const QString file = m_dir.filePath(QStringLiteral("restart.ini"));
    QList<qint64> firstRun;
    {
        CursorStore cursors(file);
        RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"), &cursors);
        Recorder rec(client);
        client->start();
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
        commitEvents(m_alice, 3);
        QTRY_COMPARE_WITH_TIMEOUT(rec.seqs.size(), 6, 5000);
        firstRun = rec.seqs;
        delete client; // the app quits
    }
    commitEvents(m_alice, 2); // while the app is closed

    CursorStore cursors(file);
    const ServerEndpoint endpoint(QUrl(m_server->baseUrl()), m_alice.token);
    QCOMPARE(
        cursors.load(CursorStore::keyFor(endpoint.serverKey(), QStringLiteral("alice"))), firstRun.last());
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"), &cursors);
    Recorder rec(client);
    client->start();
    QCOMPARE(client->lastSeq(), firstRun.last());
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    commitEvents(m_alice, 1);
    const QList<qint64> all = expectedSeqs(QStringLiteral("alice"));
    QCOMPARE(all.size(), 12);
    QTRY_COMPARE_WITH_TIMEOUT(rec.seqs.size(), 6, 5000);
    QVERIFY2(rec.seqs == all.mid(6),
        qPrintable(describe(rec.seqs) + QStringLiteral(" vs ")
            + describe(all.mid(6)))); // only what it had not seen, none of the first run again
    QVERIFY(rec.resyncs.isEmpty());
}

void TestRealTimeClient::heartbeat_idleRealServer_staysLive()
{
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    RealTimeClient::Config config = fastConfig();
    config.heartbeatIntervalMs = 60;
    client->setConfig(config);
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    // Ten intervals of silence from our side: pings keep getting pongs.
    QTest::qWait(600);
    QCOMPARE(client->state(), State::Live);
    QCOMPARE(rec.attempts, 1);
    QCOMPARE(client->lastMessage().value(QStringLiteral("type")).toString(), QStringLiteral("pong"));
}

void TestRealTimeClient::heartbeat_silentPeer_pingedThenDeclaredLost()
{
    // A peer that greets and then goes silent (a half-open connection): the real server always answers,
    // so this one case needs a stand-in.
    QWebSocketServer silent(QStringLiteral("silent"), QWebSocketServer::NonSecureMode);
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QStringList received;
    std::vector<std::unique_ptr<QWebSocket>> peers;
    QElapsedTimer since;
    qint64 liveAt = -1;
    qint64 lostAt = -1;
    QString errorWhenLost;
    QObject guard; // declared last: its connections go before the locals they use

    auto *client = new RealTimeClient(
        ServerEndpoint(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())), QStringLiteral("t")),
        QStringLiteral("alice"), nullptr, m_owner.get());
    RealTimeClient::Config config = fastConfig();
    config.heartbeatIntervalMs = 100;
    client->setConfig(config);
    client->setRandomSource([] { return 1.0; });
    Recorder rec(client);

    connect(&silent, &QWebSocketServer::newConnection, &guard, [&] {
        peers.emplace_back(silent.nextPendingConnection());
        QWebSocket *peer = peers.back().get();
        connect(
            peer, &QWebSocket::textMessageReceived, &guard, [&received](const QString &m) { received << m; });
        peer->sendTextMessage(QString::fromUtf8(QJsonDocument(
            protocol::connectionEstablished(QStringLiteral("alice"), 0, QDateTime::currentDateTimeUtc()))
                                                    .toJson(QJsonDocument::Compact)));
    });
    connect(client, &RealTimeClient::stateChanged, &guard, [&](State s) {
        if (s == State::Live && liveAt < 0)
            liveAt = since.elapsed();
        if (s == State::Reconnecting && lostAt < 0) {
            lostAt = since.elapsed();
            errorWhenLost = client->lastError();
        }
    });
    since.start();
    client->start();
    // It reconnects to the same silent peer right away, so the moment is caught by the signal, not by
    // polling.
    QTRY_VERIFY_WITH_TIMEOUT(lostAt >= 0, 3000);
    QVERIFY(liveAt >= 0);
    const qint64 lostAfter = lostAt - liveAt;
    // Two intervals of silence (200 ms) plus at most one heartbeat tick and scheduling slack.
    QVERIFY2(lostAfter >= 200 && lostAfter <= 400, qPrintable(QString::number(lostAfter)));
    QVERIFY(received.contains(QStringLiteral("{\"type\":\"ping\"}")));
    QVERIFY2(errorWhenLost.contains(QStringLiteral("stopped answering")), qPrintable(errorWhenLost));
    QVERIFY(rec.delays.size() >= 1);
    QCOMPARE(rec.delays.first(), 40);
    client->stop();
}

void TestRealTimeClient::retryNow_skipsTheBackoffDelay()
{
    m_server->server().setRealtimeEnabled(false);
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    RealTimeClient::Config config = fastConfig();
    config.backoffBaseMs = 60000; // a retry nobody would wait for
    config.backoffCapMs = 60000;
    client->setConfig(config);
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Reconnecting, 5000);
    QVERIFY(client->nextRetryIn() > 50000);
    m_server->server().setRealtimeEnabled(true);
    client->retryNow();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    QCOMPARE(rec.attempts, 2);
    QCOMPARE(client->nextRetryIn(), -1);
}

void TestRealTimeClient::stop_closesAndStaysStopped()
{
    RealTimeClient *client = makeClient(m_alice, QStringLiteral("alice"));
    Recorder rec(client);
    client->start();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Live, 5000);
    client->stop();
    QCOMPARE(client->state(), State::Stopped);
    QVERIFY(!client->isConnected());
    commitEvents(m_alice, 1);
    QTest::qWait(200);
    QVERIFY(rec.seqs.isEmpty());
    QCOMPARE(rec.attempts, 1);
    QCOMPARE(client->nextRetryIn(), -1);
}

QTEST_GUILESS_MAIN(TestRealTimeClient)
#include "tst_realtimeclient.moc"
