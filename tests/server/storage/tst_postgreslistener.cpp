// Several nodes on one PostgreSQL: what one node commits reaches the WebSocket clients of another through
// the committing transaction's NOTIFY and each node's PostgresListener, in seq order and exactly once, and a
// listener whose connection dies comes back without losing an event or a client.
//
// Two real BetThatServers on one database schema, real WebSocket and HTTP clients on 127.0.0.1. Needs
// BETTHAT_TEST_PG (scripts/test starts a throwaway server); without it the class fails under CI=true and is
// left out with a message elsewhere.

#include "server/core/betservice.h"
#include "server/storage/postgreslistener.h"
#include "server/storage/postgresrepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/storagebackend.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

namespace {

// Long enough that no periodic re-read happens during a test: only a NOTIFY (or the listener's wake-up after
// a reconnect) can make a node read what another node committed.
constexpr int kNoPollMs = 60 * 60 * 1000;

} // namespace

class TestPostgresListener : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StorageBackend> m_backend;
    std::unique_ptr<Repository> m_admin; // a handle of the test's own on the shared schema
    QString m_url;
    std::unique_ptr<TestServer> m_a;
    std::unique_ptr<TestServer> m_b;
    TestUser m_alice;
    TestUser m_bob;
    TestUser m_operator;

    std::unique_ptr<TestServer> startNode(int feedPollIntervalMs)
    {
        ServerConfig config;
        config.realtime.feedPollIntervalMs = feedPollIntervalMs;
        auto node = std::make_unique<TestServer>(config);
        node->config().dbPath = m_url; // TestServer defaults to a SQLite file of its own
        if (!node->start())
            return nullptr;
        return node;
    }

    bool startNodes(int feedPollIntervalMs = kNoPollMs)
    {
        m_a = startNode(feedPollIntervalMs);
        m_b = startNode(feedPollIntervalMs);
        if (!m_a || !m_b)
            return false;
        // Users live in the shared database: added through A, B authenticates them too.
        m_alice = m_a->addUser(QStringLiteral("alice"), Role::Bettor, 10'000'000);
        m_bob = m_a->addUser(QStringLiteral("bob"), Role::Bettor, 10'000'000);
        m_operator = m_a->addUser(QStringLiteral("olivia"), Role::Operator);
        // Both listeners are subscribed before anything is committed.
        return QTest::qWaitFor([this] {
            return m_a->server().postgresListener() && m_a->server().postgresListener()->state().ok()
                && m_b->server().postgresListener() && m_b->server().postgresListener()->state().ok();
        }, 5000);
    }

    static std::unique_ptr<WsRecorder> connectTo(TestServer &node, const TestUser &user)
    {
        auto client = std::make_unique<WsRecorder>();
        client->open(WsRecorder::betUpdatesUrl(node.port(), user.token));
        if (!client->waitForType(QStringLiteral("connection_established")))
            return nullptr;
        return client;
    }

    Bet resolveOn(TestServer &node, const Bet &bet, BetResult result = BetResult::Win)
    {
        const auto resolved
            = node.server().service().resolve(m_operator.user, bet.id, result, QStringLiteral("final score"));
        if (!resolved)
            qFatal("resolve: %s", qPrintable(resolved.error().message));
        return *resolved;
    }

    // The log as the test's own connection reads it: every seq, or only one user's.
    QList<qint64> loggedSeqs(const QString &userId = {})
    {
        EventQuery query;
        query.userId = userId;
        query.limit = 10000;
        QList<qint64> seqs;
        const auto events = m_admin->events(query);
        if (!events)
            qFatal("events: %s", qPrintable(events.error().message));
        for (const BetEvent &event : *events)
            seqs << event.seq;
        return seqs;
    }

    // Polls GET /api/v1/bets/updates on `node` from seq 0 as the operator until has_more is false.
    QList<qint64> polledSeqs(TestServer &node)
    {
        HttpClient http(node.baseUrl());
        QList<qint64> seqs;
        qint64 cursor = 0;
        for (int page = 0; page < 100; ++page) {
            const HttpReply reply = http.get(
                QStringLiteral("/api/v1/bets/updates?since_seq=%1&limit=50").arg(cursor), m_operator.token);
            if (reply.status != 200) {
                qWarning() << "poll answered" << reply.status << reply.body;
                return {};
            }
            for (const QJsonValue &update : reply.json.value(QStringLiteral("updates")).toArray())
                seqs << update.toObject().value(QStringLiteral("seq")).toInteger();
            cursor = reply.json.value(QStringLiteral("last_seq")).toInteger();
            if (!reply.json.value(QStringLiteral("has_more")).toBool())
                return seqs;
        }
        return seqs;
    }

    // What /readyz reports for the listener: listed, and ok.
    static bool listenerReady(TestServer &node)
    {
        const auto checks = node.server().readiness();
        return std::any_of(checks.cbegin(), checks.cend(), [](const QPair<QString, Status> &check) {
            return check.first == QLatin1String("postgres_listener") && check.second.ok();
        });
    }

    qint64 listenerPidOn(TestServer &node) { return node.server().postgresListener()->backendPid(); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsSet("BETTHAT_TEST_PG")) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("CI=true but BETTHAT_TEST_PG is not set: scripts/test starts a PostgreSQL for the tests");
            QSKIP("BETTHAT_TEST_PG is not set: the PostgreSQL tests are left out (scripts/test starts a server)");
        }
    }

    void init()
    {
        m_backend = makeStorageBackend(QStringLiteral("postgres"));
        QVERIFY(m_backend);
        m_admin = m_backend->create();
        QVERIFY2(m_admin, "cannot create a PostgreSQL test schema (see the warning above)");
        const auto *postgres = dynamic_cast<PostgresRepository *>(m_admin.get());
        QVERIFY(postgres && !postgres->location().schema.isEmpty());
        const QString base = qEnvironmentVariable("BETTHAT_TEST_PG");
        m_url = base + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
            + QStringLiteral("schema=") + postgres->location().schema;
    }

    void cleanup()
    {
        m_a.reset();
        m_b.reset();
        m_admin.reset();
        m_backend.reset(); // drops the schema
    }

    // The periodic re-read is an hour away: only the NOTIFY of A's commit can bring it to B's client.
    void clientOnB_receivesWhatAResolved_inOrder_promptly()
    {
        QVERIFY(startNodes());
        QVERIFY(listenerReady(*m_b));
        auto alice = connectTo(*m_b, m_alice);
        QVERIFY(alice);

        constexpr int kEvents = 50;
        QList<Bet> bets;
        for (int i = 0; i < kEvents; ++i)
            bets << m_a->placeBet(m_alice, 100);
        QVERIFY(alice->waitForEventSeq(loggedSeqs().last(), 10000)); // the placements, through B's listener

        // One resolution at a time on A, each timed until B's listener hears of it and until B's client has it.
        QList<qint64> latencyUs, heardUs;
        QElapsedTimer clock;
        QHash<qint64, qint64> heardAtUs;
        connect(m_b->server().postgresListener(), &PostgresListener::eventCommitted, this,
            [&](qint64 seq) { heardAtUs.insert(seq, clock.nsecsElapsed() / 1000); });
        for (const Bet &bet : std::as_const(bets)) {
            clock.start();
            const Bet resolved = resolveOn(*m_a, bet, BetResult::Loss);
            QVERIFY(alice->waitForEventSeq(resolved.outcomeSeq, 5000));
            latencyUs << clock.nsecsElapsed() / 1000;
            QVERIFY(heardAtUs.contains(resolved.outcomeSeq)); // it was the NOTIFY that woke B
            heardUs << heardAtUs.value(resolved.outcomeSeq);
        }
        QVERIFY(alice->pingBarrier());
        QCOMPARE(alice->eventSeqs(), loggedSeqs(m_alice.user.id)); // each once, in seq order, none missing

        std::sort(latencyUs.begin(), latencyUs.end());
        std::sort(heardUs.begin(), heardUs.end());
        qInfo("resolve on A -> B's listener woken, %d resolutions: median %.2f ms, max %.2f ms",
            int(heardUs.size()), heardUs.at(heardUs.size() / 2) / 1000.0, heardUs.last() / 1000.0);
        qInfo("resolve on A -> event on B's WebSocket, %d resolutions: median %.2f ms, max %.2f ms",
            int(latencyUs.size()), latencyUs.at(latencyUs.size() / 2) / 1000.0, latencyUs.last() / 1000.0);
    }

    // Two writers, one on each node, interleaved; bettors and the operator watch from both nodes, and each
    // node's polling answers the same gapless log.
    void twoWritersOnTwoNodes_everyClientGetsEveryEventOnce_inSeqOrder()
    {
        QVERIFY(startNodes());
        std::vector<std::unique_ptr<WsRecorder>> aliceClients, bobClients, operatorClients;
        for (TestServer *node : { m_a.get(), m_b.get() }) {
            aliceClients.push_back(connectTo(*node, m_alice));
            bobClients.push_back(connectTo(*node, m_bob));
            operatorClients.push_back(connectTo(*node, m_operator));
            QVERIFY(aliceClients.back() && bobClients.back() && operatorClients.back());
        }

        constexpr int kPerWriter = 100;
        // Writer 1 bets as alice and resolves through A, writer 2 as bob through B, turn by turn, with the
        // event loop running in between so deliveries and commits overlap.
        QList<Bet> aliceBets, bobBets;
        for (int i = 0; i < kPerWriter; ++i) {
            aliceBets << m_a->placeBet(m_alice, 100);
            bobBets << m_b->placeBet(m_bob, 100);
        }
        for (int i = 0; i < kPerWriter; ++i) {
            resolveOn(*m_a, aliceBets.at(i), i % 2 ? BetResult::Win : BetResult::Loss);
            resolveOn(*m_b, bobBets.at(i), i % 3 ? BetResult::Loss : BetResult::Win);
            QCoreApplication::processEvents();
        }

        const QList<qint64> all = loggedSeqs();
        QCOMPARE(all.size(), 4 * kPerWriter); // a placement and a resolution per bet
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all.at(i), qint64(i + 1)); // the log itself is gapless
        const QList<qint64> aliceSeqs = loggedSeqs(m_alice.user.id);
        const QList<qint64> bobSeqs = loggedSeqs(m_bob.user.id);
        QCOMPARE(aliceSeqs.size() + bobSeqs.size(), all.size());

        for (int n = 0; n < 2; ++n) {
            QVERIFY(aliceClients[n]->waitForEventSeq(aliceSeqs.last(), 10000));
            QVERIFY(bobClients[n]->waitForEventSeq(bobSeqs.last(), 10000));
            QVERIFY(operatorClients[n]->waitForEventSeq(all.last(), 10000));
            QVERIFY(aliceClients[n]->pingBarrier() && bobClients[n]->pingBarrier()
                && operatorClients[n]->pingBarrier());
            QCOMPARE(aliceClients[n]->eventSeqs(), aliceSeqs);
            QCOMPARE(bobClients[n]->eventSeqs(), bobSeqs);
            QCOMPARE(operatorClients[n]->eventSeqs(), all);
        }
        QCOMPARE(polledSeqs(*m_a), all);
        QCOMPARE(polledSeqs(*m_b), all);
    }

    // The listener's connection is terminated under it while A commits: B's client still gets the event
    // (the reconnected listener wakes B's feed), in order, and is never disconnected.
    void listenerConnectionKilled_noEventLost_noClientDisconnected()
    {
        QVERIFY(startNodes());
        auto alice = connectTo(*m_b, m_alice);
        QVERIFY(alice);
        const Bet first = m_a->placeBet(m_alice, 100);
        QVERIFY(alice->waitForEventSeq(first.outcomeSeq > 0 ? first.outcomeSeq : loggedSeqs().last(), 5000));

        const qint64 pid = listenerPidOn(*m_b);
        QVERIFY(pid > 0);
        auto *sql = dynamic_cast<SqlRepository *>(m_admin.get());
        QVERIFY(sql);
        QSqlQuery kill(sql->database());
        QVERIFY2(kill.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)) && kill.next()
                && kill.value(0).toBool(),
            qPrintable(kill.lastError().text()));

        // Committed while B's listener is dead or reconnecting: its NOTIFY reaches nobody on B.
        const Bet missed = resolveOn(*m_a, first);
        QVERIFY(alice->waitForEventSeq(missed.outcomeSeq, 10000));
        QTRY_VERIFY_WITH_TIMEOUT(listenerPidOn(*m_b) > 0 && listenerPidOn(*m_b) != pid, 10000);
        QVERIFY(listenerReady(*m_b));

        // And the reconnected listener carries the next commit as before.
        const Bet next = m_a->placeBet(m_alice, 100);
        const Bet nextResolved = resolveOn(*m_a, next);
        QVERIFY(alice->waitForEventSeq(nextResolved.outcomeSeq, 5000));
        QVERIFY(alice->pingBarrier());
        QVERIFY(alice->isConnected());
        QVERIFY(!alice->wasDisconnected());
        QCOMPARE(alice->eventSeqs(), loggedSeqs(m_alice.user.id));
    }
};

QTEST_GUILESS_MAIN(TestPostgresListener)
#include "tst_postgreslistener.moc"
