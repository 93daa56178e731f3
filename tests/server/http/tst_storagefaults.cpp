// A storage read fault on each table in turn: every endpoint answers 503 (with Retry-After) or keeps working —
// never 401 (signing a valid token out), 404, an empty list or a zero balance — and the WebSocket closes with
// 1013 (try again), never 4401. Nothing is resolved twice.
#include "common/protocol.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/rawwsclient.h"
#include "tests/support/resultchecks.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

class TestStorageFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void readFault_everyEndpoint_503OrWorking_neverAbsence_data();
    void readFault_everyEndpoint_503OrWorking_neverAbsence();
    void readFault_onIdempotencyKeys_retriedResolveNeverRunsTwice();

private:
    // 503 in the one error shape with a Retry-After, or (returned false) a working 2xx answer.
    static bool isUnavailable(const HttpReply &reply);
    server::SqliteRepository &sqlite();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    TestUser m_operator;
    TestUser m_alice;
    Bet m_pending;
    Bet m_other;
};

void TestStorageFaults::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_operator = m_server->addUser(QStringLiteral("operator"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 50000);
    m_pending = m_server->placeBet(m_alice, 1000);
    m_other = m_server->placeBet(m_alice, 2000);
}

void TestStorageFaults::cleanup()
{
    m_http.reset();
    m_server.reset();
}

server::SqliteRepository &TestStorageFaults::sqlite()
{
    return dynamic_cast<server::SqliteRepository &>(m_server->server().repository());
}

bool TestStorageFaults::isUnavailable(const HttpReply &reply)
{
    if (reply.status != 503)
        return false;
    if (reply.errorCode() != QLatin1String("unavailable"))
        QTest::qFail(qPrintable(QStringLiteral("503 without the unavailable code: ") + QString::fromUtf8(reply.body)),
            __FILE__, __LINE__);
    if (reply.header("Retry-After").toInt() <= 0)
        QTest::qFail("503 without a Retry-After", __FILE__, __LINE__);
    return true;
}

void TestStorageFaults::readFault_everyEndpoint_503OrWorking_neverAbsence_data()
{
    QTest::addColumn<QStringList>("unreadable");
    QTest::newRow("users") << QStringList { QStringLiteral("users") };
    QTest::newRow("users.token_hash") << QStringList { QStringLiteral("users.token_hash") };
    QTest::newRow("ledger") << QStringList { QStringLiteral("ledger") };
    QTest::newRow("bets") << QStringList { QStringLiteral("bets") };
    QTest::newRow("events") << QStringList { QStringLiteral("events") };
    QTest::newRow("sqlite_sequence") << QStringList { QStringLiteral("sqlite_sequence") };
    QTest::newRow("idempotency") << QStringList { QStringLiteral("idempotency") };
}

void TestStorageFaults::readFault_everyEndpoint_503OrWorking_neverAbsence()
{
    QFETCH(QStringList, unreadable);
    const qint64 balance = betthat::test::must(sqlite().balance(m_alice.user.id));
    const int eventsBefore = int(betthat::test::must(sqlite().events({})).size());
    SqliteReadFault fault(sqlite().database(), unreadable);
    QVERIFY(fault.isActive());

    const auto check = [](const HttpReply &reply, const char *what) {
        QVERIFY2(reply.status != 401 && reply.status != 404 && reply.status != 500,
            qPrintable(QStringLiteral("%1: %2 %3").arg(QLatin1String(what)).arg(reply.status)
                           .arg(QString::fromUtf8(reply.body))));
    };

    HttpReply reply = m_http->get(QStringLiteral("/api/v1/me"), m_alice.token);
    check(reply, "me");
    if (!isUnavailable(reply)) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("balance")).toInteger(), balance); // never a made-up 0
    }

    reply = m_http->get(QStringLiteral("/api/v1/bets"), m_alice.token);
    check(reply, "bets");
    if (!isUnavailable(reply)) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("bets")).toArray().size(), 2); // never a made-up []
    }

    reply = m_http->get(QStringLiteral("/api/v1/bets/") + m_pending.id, m_alice.token);
    check(reply, "bet");
    if (!isUnavailable(reply)) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("id")).toString(), m_pending.id);
    }

    reply = m_http->get(QStringLiteral("/api/v1/bets/%1/events").arg(m_pending.id), m_alice.token);
    check(reply, "trail");
    if (!isUnavailable(reply)) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("events")).toArray().size(), 1);
    }

    reply = m_http->get(QStringLiteral("/api/v1/bets/updates?since_seq=0"), m_alice.token);
    check(reply, "updates");
    if (!isUnavailable(reply)) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("updates")).toArray().size(), 2);
    }

    reply = m_http->get(QStringLiteral("/api/v1/users"), m_operator.token);
    check(reply, "users");
    if (!isUnavailable(reply)) {
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("users")).toArray().size(), 2);
    }

    reply = m_http->get(QStringLiteral("/ws/status"), m_alice.token);
    check(reply, "ws status");
    if (!isUnavailable(reply))
        QCOMPARE(reply.status, 200);

    // A mutation either commits once or answers 503 and changes nothing.
    reply = m_http->post(QStringLiteral("/api/v1/bets/%1/resolve").arg(m_pending.id),
        QJsonObject { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token,
        { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("resolve-under-fault") } });
    check(reply, "resolve");
    const bool resolved = !isUnavailable(reply);
    if (resolved)
        QCOMPARE(reply.status, 200);

    // The feed: a storage hiccup is "try again later" (1013), never "sign in again" (4401).
    RawWsClient raw;
    QVERIFY(raw.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8()));
    QCOMPARE(raw.status(), 101);
    raw.sendText(R"({"type":"ping"})");
    const bool closed = raw.readUntilClosed(1500);
    if (closed || raw.closeCode() != -1) {
        QCOMPARE(raw.closeCode(), int(protocol::TryAgainLater));
    } else {
        // Still open: it got its connection_established and its pong like any healthy feed.
        const QList<QByteArray> texts = raw.textMessages();
        QVERIFY2(!texts.isEmpty() && texts.first().contains("connection_established"),
            texts.isEmpty() ? "no message" : texts.first().constData());
    }
    QVERIFY(fault.denials() > 0);
    fault.lift();

    // After the fault: exactly the commits that were acknowledged, once each.
    const Bet after = betthat::test::found(sqlite().betById(m_pending.id));
    QCOMPARE(after.status, resolved ? BetStatus::Settled : BetStatus::Pending);
    QCOMPARE(int(betthat::test::must(sqlite().events({})).size()), eventsBefore + (resolved ? 1 : 0));
    const HttpReply retried = m_http->post(QStringLiteral("/api/v1/bets/%1/resolve").arg(m_pending.id),
        QJsonObject { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token,
        { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("resolve-under-fault") } });
    QCOMPARE(retried.status, 200);
    QCOMPARE(int(betthat::test::must(sqlite().events({})).size()), eventsBefore + 1);
}

void TestStorageFaults::readFault_onIdempotencyKeys_retriedResolveNeverRunsTwice()
{
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("once") } };
    const QJsonObject body { { QStringLiteral("result"), QStringLiteral("win") } };
    const QString path = QStringLiteral("/api/v1/bets/%1/resolve").arg(m_other.id);
    const HttpReply first = m_http->post(path, body, m_operator.token, key);
    QCOMPARE(first.status, 200);
    const int events = int(betthat::test::must(sqlite().events({})).size());
    {
        // The key's row cannot be read: "unused" would run the request again; it must be 503.
        SqliteReadFault fault(sqlite().database(), { QStringLiteral("idempotency") });
        const HttpReply retry = m_http->post(path, body, m_operator.token, key);
        QVERIFY(isUnavailable(retry));
        QVERIFY(fault.denials() > 0);
    }
    QCOMPARE(int(betthat::test::must(sqlite().events({})).size()), events);
    const HttpReply replay = m_http->post(path, body, m_operator.token, key);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.body, first.body);
    QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
}

QTEST_GUILESS_MAIN(TestStorageFaults)
#include "tst_storagefaults.moc"
