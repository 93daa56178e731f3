// Every /api/v1 endpoint except polling: success and refusal, with proof that a refused request changes
// nothing.
#include "common/jsoncodec.h"
#include "tests/support/resultchecks.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

namespace {

QString betPath(const QString &id, const QString &suffix = QString())
{
    return QStringLiteral("/api/v1/bets/") + id + suffix;
}

} // namespace

class TestBetsApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    // /me and /users
    void me_get_returnsUserBalanceAndCurrency();
    void me_patch_changesEmailAndOptOut();
    void me_patch_invalid_isRefusedAndChangesNothing_data();
    void me_patch_invalid_isRefusedAndChangesNothing();

    // placing
    void place_valid_is201AndChargesTheStake_data();
    void place_valid_is201AndChargesTheStake();
    void place_invalid_isRefusedAndChangesNothing_data();
    void place_invalid_isRefusedAndChangesNothing();
    void place_oversizedBody_is413AndChangesNothing();
    void place_unclean_errorNamesTheField();
    void dispute_multiLineReason_isKept();

    // reading
    void get_ownBet_returnsIt();
    void get_unknownOrMalformedId_is404_data();
    void get_unknownOrMalformedId_is404();
    void list_bettor_seesOwnBetsNewestUpdatedFirst();
    void list_pages_deliverEveryBetOnce();
    void list_filters_byStatusResultMarketEvent();
    void list_limitAboveMaximum_isCapped();
    void list_invalidQuery_is400_data();
    void list_invalidQuery_is400();
    void events_returnTheAuditTrailInOrder();
    void events_logUnreadable_is503NeverAShortTrail();

    // changing
    void cancel_pending_refundsTheStake();
    void cancel_refused_changesNothing_data();
    void cancel_refused_changesNothing();
    void resolve_win_paysStakeTimesOddsRoundedHalfUp();
    void resolve_refused_changesNothing_data();
    void resolve_refused_changesNothing();
    void resolve_twice_secondGetsConflict();
    void dispute_thenUphold_correctsThePayout();
    void dispute_thenReject_keepsTheResult();
    void dispute_refused_changesNothing_data();
    void dispute_refused_changesNothing();
    void decision_refused_changesNothing_data();
    void decision_refused_changesNothing();

    // bulk
    void bulkResolve_hundredWithOneAlreadyResolved_reports99And1();
    void bulkResolve_byMarket_resolvesOnlyThatMarketsPendingBets();
    void bulkResolve_invalid_isRefusedAndChangesNothing_data();
    void bulkResolve_invalid_isRefusedAndChangesNothing();

    // idempotency
    void idempotentResolve_retry_returnsFirstAnswerAndWritesOneEvent();
    void idempotentPlace_retry_placesOneBet();
    void idempotencyKey_reusedForAnotherRequest_is409();
    void idempotencyKey_tooLong_is400AndChangesNothing();
    void idempotencyKey_isPerUser();
    void idempotencyKey_refusalIsRememberedToo();
    void idempotentPlace_answerCannotBeStored_noBet_retryPlacesExactlyOne();
    void idempotentPlace_failsAfterTheBetInsert_noAnswerStored_retryPlacesExactlyOne();
    void idempotentChanges_answerIsStoredInTheChangesTransaction_data();
    void idempotentChanges_answerIsStoredInTheChangesTransaction();

private:
    // Everything a refused request must leave as it was.
    struct Snapshot
    {
        QList<Bet> bets;
        qint64 aliceBalance = 0;
        qint64 bobBalance = 0;
        qint64 lastSeq = 0;
        User alice;
    };
    Snapshot snapshot();
    void verifyUnchanged(const Snapshot &before);
    server::Repository &repo() { return m_server->server().repository(); }
    const TestUser &userByName(const QString &name) const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    TestUser m_operator;
    TestUser m_alice;
    TestUser m_bob;
};

void TestBetsApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_operator = m_server->addUser(QStringLiteral("operator"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 100000);
    m_bob = m_server->addUser(QStringLiteral("bob"), Role::Bettor, 50000);
}

void TestBetsApi::cleanup()
{
    m_http.reset();
    m_server.reset();
}

TestBetsApi::Snapshot TestBetsApi::snapshot()
{
    Snapshot s;
    server::BetQuery all;
    all.limit = 10000;
    s.bets = betthat::test::must(repo().bets(all));
    s.aliceBalance = betthat::test::must(repo().balance(QStringLiteral("alice")));
    s.bobBalance = betthat::test::must(repo().balance(QStringLiteral("bob")));
    s.lastSeq = repo().lastSeq().value();
    s.alice = betthat::test::found(repo().userById(QStringLiteral("alice")));
    return s;
}

void TestBetsApi::verifyUnchanged(const Snapshot &before)
{
    const Snapshot now = snapshot();
    QCOMPARE(now.bets.size(), before.bets.size());
    for (int i = 0; i < now.bets.size(); ++i)
        QVERIFY2(now.bets.at(i) == before.bets.at(i),
            qPrintable(QStringLiteral("bet %1 changed").arg(now.bets.at(i).id)));
    QCOMPARE(now.aliceBalance, before.aliceBalance);
    QCOMPARE(now.bobBalance, before.bobBalance);
    QCOMPARE(now.lastSeq, before.lastSeq);
    QVERIFY(now.alice == before.alice);
}

const TestUser &TestBetsApi::userByName(const QString &name) const
{
    if (name == QLatin1String("operator"))
        return m_operator;
    return name == QLatin1String("bob") ? m_bob : m_alice;
}

// ---------------------------------------------------------------------------------------------- /me, /users

void TestBetsApi::me_get_returnsUserBalanceAndCurrency()
{
    m_server->placeBet(m_alice, 2500);
    const HttpReply reply = m_http->get(QStringLiteral("/api/v1/me"), m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(reply.json.value(QStringLiteral("user")).toObject(), json::encode(m_alice.user));
    QCOMPARE(reply.json.value(QStringLiteral("balance")).toInteger(), 100000 - 2500);
    QCOMPARE(reply.json.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
}

void TestBetsApi::me_patch_changesEmailAndOptOut()
{
    HttpReply reply = m_http->patch(QStringLiteral("/api/v1/me"),
        { { QStringLiteral("email"), QStringLiteral("alice.new@example.test") },
            { QStringLiteral("email_notifications"), false } },
        m_alice.token);
    QCOMPARE(reply.status, 200);
    QJsonObject user = reply.json.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("alice.new@example.test"));
    QCOMPARE(user.value(QStringLiteral("email_notifications")).toBool(true), false);
    auto stored = betthat::test::found(repo().userById(QStringLiteral("alice")));
    QCOMPARE(stored.email, QStringLiteral("alice.new@example.test"));
    QCOMPARE(stored.emailNotifications, false);

    // Only what is sent changes; null removes the address.
    reply = m_http->patch(
        QStringLiteral("/api/v1/me"), { { QStringLiteral("email"), QJsonValue() } }, m_alice.token);
    QCOMPARE(reply.status, 200);
    stored = betthat::test::found(repo().userById(QStringLiteral("alice")));
    QVERIFY(stored.email.isEmpty());
    QCOMPARE(stored.emailNotifications, false);
    QVERIFY(reply.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).isNull());
}

void TestBetsApi::me_patch_invalid_isRefusedAndChangesNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("invalid email") << QByteArray(R"({"email":"not-an-address"})") << 400;
    QTest::newRow("header injection") << QByteArray(R"({"email":"a@b.test\r\nBcc: x@y.test"})") << 400;
    QTest::newRow("email not a string") << QByteArray(R"({"email":42})") << 400;
    QTest::newRow("NUL in email") << QByteArray(R"({"email":"a\u0000@b.test"})") << 400;
    QTest::newRow("escape in email") << QByteArray(R"({"email":"a\u001b@b.test"})") << 400;
    QTest::newRow("opt-out not a bool") << QByteArray(R"({"email_notifications":"no"})") << 400;
    QTest::newRow("role escalation") << QByteArray(R"({"role":"operator"})") << 400;
    QTest::newRow("valid field with an unknown one")
        << QByteArray(R"({"email_notifications":false,"id":"x"})") << 400;
    QTest::newRow("empty object") << QByteArray("{}") << 400;
    QTest::newRow("empty body") << QByteArray() << 400;
    QTest::newRow("malformed json") << QByteArray(R"({"email":)") << 400;
    QTest::newRow("array") << QByteArray("[]") << 400;
}

void TestBetsApi::me_patch_invalid_isRefusedAndChangesNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const Snapshot before = snapshot();
    const HttpReply reply = m_http->send("PATCH", QStringLiteral("/api/v1/me"), body, m_alice.token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    QVERIFY(!reply.json.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    verifyUnchanged(before);
}

// ---------------------------------------------------------------------------------------------- placing

void TestBetsApi::place_valid_is201AndChargesTheStake_data()
{
    QTest::addColumn<QJsonValue>("odds");
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<QString>("expectedOdds");
    QTest::addColumn<qint64>("expectedReturn");
    QTest::newRow("odds as string") << QJsonValue(QStringLiteral("2.50")) << qint64(1000)
                                    << QStringLiteral("2.50") << qint64(2500);
    QTest::newRow("odds as number") << QJsonValue(2.5) << qint64(1000) << QStringLiteral("2.50")
                                    << qint64(2500);
    QTest::newRow("four decimals") << QJsonValue(QStringLiteral("1.0001")) << qint64(10000)
                                   << QStringLiteral("1.0001") << qint64(10001);
    QTest::newRow("half rounds up") << QJsonValue(QStringLiteral("1.5")) << qint64(333)
                                    << QStringLiteral("1.50") << qint64(500);
    QTest::newRow("number with 4 decimals")
        << QJsonValue(1.3333) << qint64(3) << QStringLiteral("1.3333") << qint64(4);
}

void TestBetsApi::place_valid_is201AndChargesTheStake()
{
    QFETCH(QJsonValue, odds);
    QFETCH(qint64, stake);
    QFETCH(QString, expectedOdds);
    QFETCH(qint64, expectedReturn);
    const HttpReply reply = m_http->post(QStringLiteral("/api/v1/bets"),
        { { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
            { QStringLiteral("market"), QStringLiteral("Match winner") },
            { QStringLiteral("selection"), QStringLiteral("Arsenal") }, { QStringLiteral("odds"), odds },
            { QStringLiteral("stake"), stake } },
        m_alice.token);
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    const QString id = reply.json.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(reply.json.value(QStringLiteral("odds")).toString(), expectedOdds);
    QCOMPARE(reply.json.value(QStringLiteral("stake")).toInteger(), stake);
    QCOMPARE(reply.json.value(QStringLiteral("potential_return")).toInteger(), expectedReturn);
    QCOMPARE(reply.json.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
    QCOMPARE(reply.json.value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
    QCOMPARE(reply.json, json::encode(betthat::test::found(repo().betById(id))));
    QCOMPARE(repo().balance(QStringLiteral("alice")), 100000 - stake);
}

void TestBetsApi::place_invalid_isRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const auto row = [](const char *name, const char *body, int status = 400,
                         const char *code = "bad_request", const char *who = "alice") {
        QTest::newRow(name) << QString::fromLatin1(who) << QByteArray(body) << status
                            << QString::fromLatin1(code);
    };
    row("event_name missing", R"({"market":"m","selection":"s","odds":"2.0","stake":100})");
    row("event_name blank", R"({"event_name":"  ","market":"m","selection":"s","odds":"2.0","stake":100})");
    row("selection not a string",
        R"({"event_name":"e","market":"m","selection":7,"odds":"2.0","stake":100})");
    row("market too long",
        qPrintable(
            QStringLiteral(R"({"event_name":"e","market":"%1","selection":"s","odds":"2.0","stake":100})")
                .arg(QString(201, QLatin1Char('m')))));
    row("odds missing", R"({"event_name":"e","market":"m","selection":"s","stake":100})");
    row("odds exactly 1", R"({"event_name":"e","market":"m","selection":"s","odds":"1.00","stake":100})");
    row("odds number 1", R"({"event_name":"e","market":"m","selection":"s","odds":1,"stake":100})");
    row("odds below 1", R"({"event_name":"e","market":"m","selection":"s","odds":"0.5","stake":100})");
    row("odds negative number", R"({"event_name":"e","market":"m","selection":"s","odds":-2.5,"stake":100})");
    row("odds not a number", R"({"event_name":"e","market":"m","selection":"s","odds":"abc","stake":100})");
    row("odds five decimals",
        R"({"event_name":"e","market":"m","selection":"s","odds":"2.12345","stake":100})");
    row("odds number five decimals",
        R"({"event_name":"e","market":"m","selection":"s","odds":2.12345,"stake":100})");
    row("odds huge number", R"({"event_name":"e","market":"m","selection":"s","odds":1e300,"stake":100})");
    row("odds bool", R"({"event_name":"e","market":"m","selection":"s","odds":true,"stake":100})");
    row("stake zero", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":0})");
    row("stake negative", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":-100})");
    row("stake fraction", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":1.5})");
    row("stake string", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":"100"})");
    row("stake beyond 2^53", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":1e17})");
    row("stake missing", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0"})");
    row("other currency",
        R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":100,"currency":"USD"})");
    row("currency not a string",
        R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":100,"currency":1})");
    row("unknown field",
        R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":100,"user_id":"bob"})");
    row("newline in event_name", R"({"event_name":"Final\nBcc: v@evil.test","market":"m","selection":"s","odds":"2.0","stake":100})");
    row("escape in selection", R"({"event_name":"e","market":"m","selection":"\u001b[2Js","odds":"2.0","stake":100})");
    row("NUL in market", R"({"event_name":"e","market":"m\u0000","selection":"s","odds":"2.0","stake":100})");
    row("lone surrogate", R"({"event_name":"x\ud800y","market":"m","selection":"s","odds":"2.0","stake":100})");
    row("line separator in event_name", R"({"event_name":"a\u2028b","market":"m","selection":"s","odds":"2.0","stake":100})");
    row("malformed json", R"({"event_name":"e",)");
    row("json array", R"([1,2])");
    row("empty body", "");
    row("more than the balance",
        R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":100001})", 409,
        "insufficient_funds");
    row("operator places", R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":100})", 403,
        "forbidden", "operator");
}

void TestBetsApi::place_invalid_isRefusedAndChangesNothing()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    m_server->placeBet(m_alice, 100);
    const Snapshot before = snapshot();
    const HttpReply reply = m_http->send("POST", QStringLiteral("/api/v1/bets"), body, userByName(who).token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    verifyUnchanged(before);
}

void TestBetsApi::place_unclean_errorNamesTheField()
{
    const HttpReply reply = m_http->send("POST", QStringLiteral("/api/v1/bets"),
        R"({"event_name":"e","market":"m","selection":"x\udc00","odds":"2.0","stake":100})", m_alice.token);
    QCOMPARE(reply.status, 400);
    const QString message
        = reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.startsWith(QStringLiteral("selection contains a lone surrogate")), qPrintable(message));
}

// Where lines mean something (a dispute reason, an operator's notes) a newline is kept as sent.
void TestBetsApi::dispute_multiLineReason_isKept()
{
    const Bet bet = m_server->placeBet(m_alice, 1000, QStringLiteral("3.0"));
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);
    const QString reason = QStringLiteral("Arsenal won 2-1.\n\tSee the match report.");
    const HttpReply reply = m_http->post(
        betPath(bet.id, QStringLiteral("/dispute")), { { QStringLiteral("reason"), reason } }, m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("dispute")).toObject().value(QStringLiteral("reason")).toString(),
        reason);
}

void TestBetsApi::place_oversizedBody_is413AndChangesNothing()
{
    const Snapshot before = snapshot();
    const qint64 limit = m_server->config().maxBodyBytes;
    QJsonObject body { { QStringLiteral("event_name"), QStringLiteral("e") },
        { QStringLiteral("market"), QStringLiteral("m") },
        { QStringLiteral("selection"), QString(int(limit), QLatin1Char('s')) },
        { QStringLiteral("odds"), QStringLiteral("2.0") }, { QStringLiteral("stake"), 100 } };
    const HttpReply reply = m_http->post(QStringLiteral("/api/v1/bets"), body, m_alice.token);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.errorCode(), QStringLiteral("payload_too_large"));
    verifyUnchanged(before);

    // Just under the limit is read (and then refused for what it says, not for its size).
    body.insert(QStringLiteral("selection"), QString(int(limit) - 200, QLatin1Char('s')));
    const HttpReply under = m_http->post(QStringLiteral("/api/v1/bets"), body, m_alice.token);
    QCOMPARE(under.status, 400);
    QCOMPARE(under.errorCode(), QStringLiteral("bad_request"));
    verifyUnchanged(before);
}

// ---------------------------------------------------------------------------------------------- reading

void TestBetsApi::get_ownBet_returnsIt()
{
    const Bet bet = m_server->placeBet(m_alice);
    const HttpReply reply = m_http->get(betPath(bet.id), m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json, json::encode(betthat::test::found(repo().betById(bet.id))));
}

void TestBetsApi::get_unknownOrMalformedId_is404_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("unknown") << QStringLiteral("999");
    QTest::newRow("zero") << QStringLiteral("0");
    QTest::newRow("letters") << QStringLiteral("abc");
    QTest::newRow("negative") << QStringLiteral("-1");
    QTest::newRow("huge") << QStringLiteral("99999999999999999999999");
    QTest::newRow("sql") << QStringLiteral("1%20OR%201=1");
}

void TestBetsApi::get_unknownOrMalformedId_is404()
{
    QFETCH(QString, id);
    m_server->placeBet(m_alice);
    const HttpReply reply = m_http->get(betPath(id), m_operator.token);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
}

void TestBetsApi::list_bettor_seesOwnBetsNewestUpdatedFirst()
{
    const Bet first = m_server->placeBet(m_alice);
    m_server->placeBet(m_bob);
    const Bet second = m_server->placeBet(m_alice);
    QTest::qWait(5); // distinct updated_at, so the order below is by time and not only by id
    // Cancelling the older bet makes it the most recently updated.
    QCOMPARE(m_http->post(betPath(first.id, QStringLiteral("/cancel")), {}, m_alice.token).status, 200);

    for (const QString &path :
        { QStringLiteral("/api/v1/bets"), QStringLiteral("/api/v1/bets?user_id=alice") }) {
        const HttpReply reply = m_http->get(path, m_alice.token);
        QCOMPARE(reply.status, 200);
        const QJsonArray bets = reply.json.value(QStringLiteral("bets")).toArray();
        QCOMPARE(bets.size(), 2);
        QCOMPARE(bets.at(0).toObject().value(QStringLiteral("id")).toString(), first.id);
        QCOMPARE(bets.at(1).toObject().value(QStringLiteral("id")).toString(), second.id);
        QVERIFY(reply.json.value(QStringLiteral("next_cursor")).isNull());
    }
}

void TestBetsApi::list_pages_deliverEveryBetOnce()
{
    // Seven bets placed within the same few milliseconds: the cursor must break ties on updated_at by id.
    QSet<QString> placed;
    for (int i = 0; i < 7; ++i)
        placed.insert(m_server->placeBet(m_alice, 100).id);
    m_server->placeBet(m_bob, 100);

    QSet<QString> seen;
    QStringList order;
    QString cursor;
    int pages = 0;
    do {
        QString path = QStringLiteral("/api/v1/bets?limit=3");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + cursor;
        const HttpReply reply = m_http->get(path, m_alice.token);
        QCOMPARE(reply.status, 200);
        const QJsonArray bets = reply.json.value(QStringLiteral("bets")).toArray();
        QVERIFY(bets.size() <= 3);
        for (const QJsonValue &bet : bets) {
            const QString id = bet.toObject().value(QStringLiteral("id")).toString();
            QVERIFY2(!seen.contains(id), qPrintable(id));
            seen.insert(id);
            order << id;
        }
        const QJsonValue next = reply.json.value(QStringLiteral("next_cursor"));
        QVERIFY(next.isNull() || next.isString());
        cursor = next.toString();
        QCOMPARE(next.isNull(), bets.size() < 3 || seen.size() == placed.size());
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(seen, placed);
    // Newest first: ids (all placed in order) descend.
    for (int i = 1; i < order.size(); ++i)
        QVERIFY(order.at(i - 1).toLongLong() > order.at(i).toLongLong());
}

void TestBetsApi::list_filters_byStatusResultMarketEvent()
{
    const Bet won = m_server->placeBet(m_alice, 100, QStringLiteral("2.0"), QStringLiteral("Match winner"));
    const Bet lost = m_server->placeBet(m_alice, 100, QStringLiteral("2.0"), QStringLiteral("Match winner"));
    const Bet pending
        = m_server->placeBet(m_alice, 100, QStringLiteral("2.0"), QStringLiteral("Total goals"));
    const Bet bobs = m_server->placeBet(m_bob, 100, QStringLiteral("2.0"), QStringLiteral("Total goals"));
    QCOMPARE(m_http
                 ->post(betPath(won.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token)
                 .status,
        200);
    QCOMPARE(m_http
                 ->post(betPath(lost.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);

    const auto ids = [this](const QString &query, const TestUser &who) {
        const HttpReply reply = m_http->get(QStringLiteral("/api/v1/bets?") + query, who.token);
        QSet<QString> result;
        if (reply.status != 200)
            return QSet<QString> { QStringLiteral("status %1").arg(reply.status) };
        for (const QJsonValue &bet : reply.json.value(QStringLiteral("bets")).toArray())
            result.insert(bet.toObject().value(QStringLiteral("id")).toString());
        return result;
    };
    QCOMPARE(ids(QStringLiteral("status=settled"), m_alice), (QSet<QString> { won.id, lost.id }));
    QCOMPARE(ids(QStringLiteral("status=pending"), m_alice), (QSet<QString> { pending.id }));
    QCOMPARE(ids(QStringLiteral("result=loss"), m_alice), (QSet<QString> { lost.id }));
    QCOMPARE(ids(QStringLiteral("market=Total%20goals"), m_alice), (QSet<QString> { pending.id }));
    QCOMPARE(
        ids(QStringLiteral("market=Total%20goals"), m_operator), (QSet<QString> { pending.id, bobs.id }));
    QCOMPARE(
        ids(QStringLiteral("market=Total%20goals&user_id=bob"), m_operator), (QSet<QString> { bobs.id }));
    // '+' is a space, as HTML forms and most clients encode it.
    QCOMPARE(ids(QStringLiteral("market=Total+goals&user_id=bob"), m_operator), (QSet<QString> { bobs.id }));
    QCOMPARE(ids(QStringLiteral("event_name=Arsenal%20v%20Chelsea&status=pending"), m_operator),
        (QSet<QString> { pending.id, bobs.id }));
    QCOMPARE(ids(QStringLiteral("event_name=Nobody%20v%20Nothing"), m_operator), QSet<QString>());
}

void TestBetsApi::list_limitAboveMaximum_isCapped()
{
    for (int i = 0; i < 3; ++i)
        m_server->placeBet(m_alice, 10);
    // 100000 is not refused: the page is capped at 500, which here means "all of them".
    const HttpReply reply = m_http->get(QStringLiteral("/api/v1/bets?limit=100000"), m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("bets")).toArray().size(), 3);
    QVERIFY(reply.json.value(QStringLiteral("next_cursor")).isNull());
}

void TestBetsApi::list_invalidQuery_is400_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unknown status") << QStringLiteral("status=won");
    QTest::newRow("empty status") << QStringLiteral("status=");
    QTest::newRow("unknown result") << QStringLiteral("result=draw");
    QTest::newRow("limit zero") << QStringLiteral("limit=0");
    QTest::newRow("limit negative") << QStringLiteral("limit=-3");
    QTest::newRow("limit text") << QStringLiteral("limit=ten");
    QTest::newRow("limit fraction") << QStringLiteral("limit=2.5");
    QTest::newRow("cursor garbage") << QStringLiteral("cursor=%21%21");
    QTest::newRow("cursor of another shape") << QStringLiteral("cursor=MTIz");
    QTest::newRow("unknown parameter") << QStringLiteral("stauts=pending");
    QTest::newRow("repeated parameter") << QStringLiteral("status=pending&status=settled");
    QTest::newRow("malformed user id") << QStringLiteral("user_id=Alice%20Smith");
}

void TestBetsApi::list_invalidQuery_is400()
{
    QFETCH(QString, query);
    m_server->placeBet(m_alice);
    const HttpReply reply = m_http->get(QStringLiteral("/api/v1/bets?") + query, m_operator.token);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    QVERIFY(!reply.json.contains(QStringLiteral("bets")));
}

void TestBetsApi::events_returnTheAuditTrailInOrder()
{
    const Bet bet = m_server->placeBet(m_alice);
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/dispute")),
                     { { QStringLiteral("reason"), QStringLiteral("Arsenal won 2-1") } }, m_alice.token)
                 .status,
        200);

    for (const TestUser *who : { &m_alice, &m_operator }) {
        const HttpReply reply = m_http->get(betPath(bet.id, QStringLiteral("/events")), who->token);
        QCOMPARE(reply.status, 200);
        const QJsonArray events = reply.json.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 3);
        const QList<BetEvent> stored = repo().eventsForBet(bet.id).value();
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events.at(i).toObject(), json::encode(stored.at(i)));
        QCOMPARE(
            events.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("bet_updated"));
        QCOMPARE(
            events.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("bet_resolved"));
        QCOMPARE(
            events.at(2).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("bet_disputed"));
    }
}

void TestBetsApi::events_logUnreadable_is503NeverAShortTrail()
{
    const Bet bet = m_server->placeBet(m_alice);
    auto &sqlite = dynamic_cast<server::SqliteRepository &>(repo());
    {
        SqliteReadFault fault(sqlite.database(), { QStringLiteral("events") });
        QVERIFY(fault.isActive());
        const HttpReply reply = m_http->get(betPath(bet.id, QStringLiteral("/events")), m_alice.token);
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.errorCode(), QStringLiteral("unavailable"));
        QVERIFY(!reply.json.contains(QStringLiteral("events")));
        QVERIFY(fault.denials() > 0);
    }
    const HttpReply reply = m_http->get(betPath(bet.id, QStringLiteral("/events")), m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("events")).toArray().size(), 1);
}

// ---------------------------------------------------------------------------------------------- changing

void TestBetsApi::cancel_pending_refundsTheStake()
{
    const Bet bet = m_server->placeBet(m_alice, 4000);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 96000);
    const HttpReply reply = m_http->post(betPath(bet.id, QStringLiteral("/cancel")), {}, m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    QCOMPARE(repo().balance(QStringLiteral("alice")), 100000);

    // An empty body is as good as {}.
    const Bet other = m_server->placeBet(m_alice, 10);
    QCOMPARE(m_http->send("POST", betPath(other.id, QStringLiteral("/cancel")), QByteArray(), m_alice.token)
                 .status,
        200);
}

void TestBetsApi::cancel_refused_changesNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("id"); // "pending", "settled" or a literal id
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("already settled") << "alice"
                                     << "settled" << QByteArray() << 409 << "conflict";
    QTest::newRow("someone else's") << "bob"
                                    << "pending" << QByteArray() << 404 << "not_found";
    QTest::newRow("operator") << "operator"
                              << "pending" << QByteArray() << 403 << "forbidden";
    QTest::newRow("unknown") << "alice"
                             << "424242" << QByteArray() << 404 << "not_found";
    QTest::newRow("unknown field") << "alice"
                                   << "pending" << QByteArray(R"({"force":true})") << 400 << "bad_request";
    QTest::newRow("malformed body") << "alice"
                                    << "pending" << QByteArray("{") << 400 << "bad_request";
}

void TestBetsApi::cancel_refused_changesNothing()
{
    QFETCH(QString, who);
    QFETCH(QString, id);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Bet pending = m_server->placeBet(m_alice);
    const Bet settled = m_server->placeBet(m_alice);
    QCOMPARE(m_http
                 ->post(betPath(settled.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token)
                 .status,
        200);
    const QString target = id == QLatin1String("pending") ? pending.id
        : id == QLatin1String("settled")                  ? settled.id
                                                          : id;
    const Snapshot before = snapshot();
    const HttpReply reply
        = m_http->send("POST", betPath(target, QStringLiteral("/cancel")), body, userByName(who).token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    verifyUnchanged(before);
}

void TestBetsApi::resolve_win_paysStakeTimesOddsRoundedHalfUp()
{
    // 333 x 1.5 = 499.5 -> 500: half a minor unit rounds up.
    const Bet bet = m_server->placeBet(m_alice, 333, QStringLiteral("1.5"));
    const qint64 balance = betthat::test::must(repo().balance(QStringLiteral("alice")));
    const HttpReply reply = m_http->post(betPath(bet.id, QStringLiteral("/resolve")),
        { { QStringLiteral("result"), QStringLiteral("win") },
            { QStringLiteral("notes"), QStringLiteral("Arsenal 2-1") } },
        m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(reply.json.value(QStringLiteral("result")).toString(), QStringLiteral("win"));
    QCOMPARE(reply.json.value(QStringLiteral("payout")).toInteger(), 500);
    QCOMPARE(reply.json.value(QStringLiteral("resolved_by")).toString(), QStringLiteral("operator"));
    QCOMPARE(reply.json.value(QStringLiteral("resolution_notes")).toString(), QStringLiteral("Arsenal 2-1"));
    QCOMPARE(repo().balance(QStringLiteral("alice")), balance + 500);
}

void TestBetsApi::resolve_refused_changesNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("bettor") << "alice"
                            << "pending" << QByteArray(R"({"result":"win"})") << 403 << "forbidden";
    QTest::newRow("unknown result") << "operator"
                                    << "pending" << QByteArray(R"({"result":"draw"})") << 400
                                    << "bad_request";
    QTest::newRow("result missing") << "operator"
                                    << "pending" << QByteArray(R"({"notes":"x"})") << 400 << "bad_request";
    QTest::newRow("result not a string")
        << "operator"
        << "pending" << QByteArray(R"({"result":1})") << 400 << "bad_request";
    QTest::newRow("void without notes")
        << "operator"
        << "pending" << QByteArray(R"({"result":"void"})") << 400 << "bad_request";
    QTest::newRow("notes not a string")
        << "operator"
        << "pending" << QByteArray(R"({"result":"win","notes":[]})") << 400 << "bad_request";
    QTest::newRow("notes too long") << "operator"
                                    << "pending"
                                    << (R"({"result":"win","notes":")" + QByteArray(2001, 'n') + R"("})")
                                    << 400 << "bad_request";
    QTest::newRow("unknown field") << "operator"
                                   << "pending" << QByteArray(R"({"result":"win","payout":1})") << 400
                                   << "bad_request";
    QTest::newRow("already settled") << "operator"
                                     << "settled" << QByteArray(R"({"result":"loss"})") << 409 << "conflict";
    QTest::newRow("cancelled") << "operator"
                               << "cancelled" << QByteArray(R"({"result":"win"})") << 409 << "conflict";
    QTest::newRow("unknown bet") << "operator"
                                 << "777" << QByteArray(R"({"result":"win"})") << 404 << "not_found";
    QTest::newRow("malformed json") << "operator"
                                    << "pending" << QByteArray(R"({"result":"win")") << 400 << "bad_request";
}

void TestBetsApi::resolve_refused_changesNothing()
{
    QFETCH(QString, who);
    QFETCH(QString, id);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Bet pending = m_server->placeBet(m_alice);
    const Bet settled = m_server->placeBet(m_alice);
    const Bet cancelled = m_server->placeBet(m_alice);
    QCOMPARE(m_http
                 ->post(betPath(settled.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token)
                 .status,
        200);
    QCOMPARE(m_http->post(betPath(cancelled.id, QStringLiteral("/cancel")), {}, m_alice.token).status, 200);
    const QString target = id == QLatin1String("pending") ? pending.id
        : id == QLatin1String("settled")                  ? settled.id
        : id == QLatin1String("cancelled")                ? cancelled.id
                                                          : id;
    const Snapshot before = snapshot();
    const HttpReply reply
        = m_http->send("POST", betPath(target, QStringLiteral("/resolve")), body, userByName(who).token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    verifyUnchanged(before);
}

void TestBetsApi::resolve_twice_secondGetsConflict()
{
    const Bet bet = m_server->placeBet(m_alice);
    const QJsonObject body { { QStringLiteral("result"), QStringLiteral("win") } };
    QCOMPARE(m_http->post(betPath(bet.id, QStringLiteral("/resolve")), body, m_operator.token).status, 200);
    const Snapshot before = snapshot();
    const HttpReply second
        = m_http->post(betPath(bet.id, QStringLiteral("/resolve")), body, m_operator.token);
    QCOMPARE(second.status, 409);
    QCOMPARE(second.errorCode(), QStringLiteral("conflict"));
    verifyUnchanged(before);
}

void TestBetsApi::dispute_thenUphold_correctsThePayout()
{
    const Bet bet = m_server->placeBet(m_alice, 1000, QStringLiteral("3.0"));
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);
    const qint64 afterLoss = betthat::test::must(repo().balance(QStringLiteral("alice")));

    HttpReply reply = m_http->post(betPath(bet.id, QStringLiteral("/dispute")),
        { { QStringLiteral("reason"), QStringLiteral("Arsenal won 2-1") } }, m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("disputed"));
    QCOMPARE(reply.json.value(QStringLiteral("dispute")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("open"));

    reply = m_http->post(betPath(bet.id, QStringLiteral("/dispute/decision")),
        { { QStringLiteral("decision"), QStringLiteral("upheld") },
            { QStringLiteral("result"), QStringLiteral("win") },
            { QStringLiteral("notes"), QStringLiteral("Checked the match report") } },
        m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(reply.json.value(QStringLiteral("result")).toString(), QStringLiteral("win"));
    QCOMPARE(reply.json.value(QStringLiteral("payout")).toInteger(), 3000);
    QCOMPARE(reply.json.value(QStringLiteral("dispute")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("upheld"));
    QCOMPARE(repo().balance(QStringLiteral("alice")), afterLoss + 3000);
}

void TestBetsApi::dispute_thenReject_keepsTheResult()
{
    const Bet bet = m_server->placeBet(m_alice, 1000, QStringLiteral("3.0"));
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/dispute")),
                     { { QStringLiteral("reason"), QStringLiteral("no") } }, m_alice.token)
                 .status,
        200);
    const qint64 balance = betthat::test::must(repo().balance(QStringLiteral("alice")));
    const HttpReply reply = m_http->post(betPath(bet.id, QStringLiteral("/dispute/decision")),
        { { QStringLiteral("decision"), QStringLiteral("rejected") },
            { QStringLiteral("notes"), QStringLiteral("The result stands") } },
        m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(reply.json.value(QStringLiteral("result")).toString(), QStringLiteral("loss"));
    QCOMPARE(reply.json.value(QStringLiteral("dispute")).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("rejected"));
    QCOMPARE(repo().balance(QStringLiteral("alice")), balance);
}

void TestBetsApi::dispute_refused_changesNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("pending bet") << "alice"
                                 << "pending" << QByteArray(R"({"reason":"x"})") << 409 << "conflict";
    QTest::newRow("reason missing") << "alice"
                                    << "settled" << QByteArray("{}") << 400 << "bad_request";
    QTest::newRow("reason blank") << "alice"
                                  << "settled" << QByteArray(R"({"reason":"   "})") << 400 << "bad_request";
    QTest::newRow("reason not a string")
        << "alice"
        << "settled" << QByteArray(R"({"reason":true})") << 400 << "bad_request";
    QTest::newRow("someone else's") << "bob"
                                    << "settled" << QByteArray(R"({"reason":"x"})") << 404 << "not_found";
    QTest::newRow("operator") << "operator"
                              << "settled" << QByteArray(R"({"reason":"x"})") << 403 << "forbidden";
    QTest::newRow("twice") << "alice"
                           << "disputed" << QByteArray(R"({"reason":"again"})") << 409 << "conflict";
}

void TestBetsApi::dispute_refused_changesNothing()
{
    QFETCH(QString, who);
    QFETCH(QString, id);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Bet pending = m_server->placeBet(m_alice);
    const Bet settled = m_server->placeBet(m_alice);
    const Bet disputed = m_server->placeBet(m_alice);
    for (const Bet &bet : { settled, disputed })
        QCOMPARE(m_http
                     ->post(betPath(bet.id, QStringLiteral("/resolve")),
                         { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                     .status,
            200);
    QCOMPARE(m_http
                 ->post(betPath(disputed.id, QStringLiteral("/dispute")),
                     { { QStringLiteral("reason"), QStringLiteral("first") } }, m_alice.token)
                 .status,
        200);
    const QString target = id == QLatin1String("pending") ? pending.id
        : id == QLatin1String("settled")                  ? settled.id
                                                          : disputed.id;
    const Snapshot before = snapshot();
    const HttpReply reply
        = m_http->send("POST", betPath(target, QStringLiteral("/dispute")), body, userByName(who).token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    verifyUnchanged(before);
}

void TestBetsApi::decision_refused_changesNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("bettor") << "alice"
                            << "disputed" << QByteArray(R"({"decision":"rejected","notes":"n"})") << 403
                            << "forbidden";
    QTest::newRow("decision open") << "operator"
                                   << "disputed" << QByteArray(R"({"decision":"open","notes":"n"})") << 400
                                   << "bad_request";
    QTest::newRow("decision unknown")
        << "operator"
        << "disputed" << QByteArray(R"({"decision":"maybe","notes":"n"})") << 400 << "bad_request";
    QTest::newRow("decision missing") << "operator"
                                      << "disputed" << QByteArray(R"({"notes":"n"})") << 400 << "bad_request";
    QTest::newRow("notes missing") << "operator"
                                   << "disputed" << QByteArray(R"({"decision":"rejected"})") << 400
                                   << "bad_request";
    QTest::newRow("upheld without result")
        << "operator"
        << "disputed" << QByteArray(R"({"decision":"upheld","notes":"n"})") << 400 << "bad_request";
    QTest::newRow("upheld with same result")
        << "operator"
        << "disputed" << QByteArray(R"({"decision":"upheld","result":"loss","notes":"n"})") << 400
        << "bad_request";
    QTest::newRow("upheld with bad result")
        << "operator"
        << "disputed" << QByteArray(R"({"decision":"upheld","result":"draw","notes":"n"})") << 400
        << "bad_request";
    QTest::newRow("not disputed") << "operator"
                                  << "settled" << QByteArray(R"({"decision":"rejected","notes":"n"})") << 409
                                  << "conflict";
}

void TestBetsApi::decision_refused_changesNothing()
{
    QFETCH(QString, who);
    QFETCH(QString, id);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Bet settled = m_server->placeBet(m_alice);
    const Bet disputed = m_server->placeBet(m_alice);
    for (const Bet &bet : { settled, disputed })
        QCOMPARE(m_http
                     ->post(betPath(bet.id, QStringLiteral("/resolve")),
                         { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                     .status,
            200);
    QCOMPARE(m_http
                 ->post(betPath(disputed.id, QStringLiteral("/dispute")),
                     { { QStringLiteral("reason"), QStringLiteral("first") } }, m_alice.token)
                 .status,
        200);
    const QString target = id == QLatin1String("settled") ? settled.id : disputed.id;
    const Snapshot before = snapshot();
    const HttpReply reply = m_http->send(
        "POST", betPath(target, QStringLiteral("/dispute/decision")), body, userByName(who).token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    verifyUnchanged(before);
}

// ---------------------------------------------------------------------------------------------- bulk

void TestBetsApi::bulkResolve_hundredWithOneAlreadyResolved_reports99And1()
{
    QStringList ids;
    for (int i = 0; i < 100; ++i)
        ids << m_server->placeBet(i % 2 ? m_alice : m_bob, 100, QStringLiteral("2.0")).id;
    const QString early = ids.at(42);
    QCOMPARE(m_http
                 ->post(betPath(early, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);
    const qint64 seqBefore = repo().lastSeq().value();
    const qint64 aliceBefore = betthat::test::must(repo().balance(QStringLiteral("alice")));

    const HttpReply reply = m_http->post(QStringLiteral("/api/v1/bets/resolve"),
        { { QStringLiteral("bet_ids"), QJsonArray::fromStringList(ids) },
            { QStringLiteral("result"), QStringLiteral("win") },
            { QStringLiteral("notes"), QStringLiteral("Arsenal 2-1") } },
        m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("succeeded")).toInt(), 99);
    QCOMPARE(reply.json.value(QStringLiteral("failed")).toInt(), 1);
    const QJsonArray results = reply.json.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 100);
    for (int i = 0; i < results.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        QCOMPARE(r.value(QStringLiteral("bet_id")).toString(), ids.at(i));
        if (ids.at(i) == early) {
            QCOMPARE(r.value(QStringLiteral("ok")).toBool(true), false);
            QCOMPARE(r.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
                QStringLiteral("conflict"));
            QVERIFY(!r.contains(QStringLiteral("bet")));
        } else {
            QCOMPARE(r.value(QStringLiteral("ok")).toBool(false), true);
            QCOMPARE(r.value(QStringLiteral("bet")).toObject(), json::encode(betthat::test::found(repo().betById(ids.at(i)))));
        }
    }
    // Each bet its own event; the already resolved one untouched.
    QCOMPARE(repo().lastSeq().value(), seqBefore + 99);
    QCOMPARE(betthat::test::found(repo().betById(early)).result, BetResult::Loss);
    QCOMPARE(repo().balance(QStringLiteral("alice")), aliceBefore + 50 * 200);
}

void TestBetsApi::bulkResolve_byMarket_resolvesOnlyThatMarketsPendingBets()
{
    const Bet a = m_server->placeBet(m_alice, 100, QStringLiteral("2.0"), QStringLiteral("Total goals"));
    const Bet b = m_server->placeBet(m_bob, 100, QStringLiteral("2.0"), QStringLiteral("Total goals"));
    const Bet otherMarket
        = m_server->placeBet(m_alice, 100, QStringLiteral("2.0"), QStringLiteral("Match winner"));
    const Bet cancelled
        = m_server->placeBet(m_bob, 100, QStringLiteral("2.0"), QStringLiteral("Total goals"));
    QCOMPARE(m_http->post(betPath(cancelled.id, QStringLiteral("/cancel")), {}, m_bob.token).status, 200);

    const HttpReply reply = m_http->post(QStringLiteral("/api/v1/bets/resolve"),
        { { QStringLiteral("market"), QStringLiteral("Total goals") },
            { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
            { QStringLiteral("result"), QStringLiteral("void") },
            { QStringLiteral("notes"), QStringLiteral("Match abandoned") } },
        m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("succeeded")).toInt(), 2);
    QCOMPARE(reply.json.value(QStringLiteral("failed")).toInt(), 0);
    QSet<QString> resolved;
    for (const QJsonValue &r : reply.json.value(QStringLiteral("results")).toArray())
        resolved.insert(r.toObject().value(QStringLiteral("bet_id")).toString());
    QCOMPARE(resolved, (QSet<QString> { a.id, b.id }));
    QCOMPARE(betthat::test::found(repo().betById(a.id)).status, BetStatus::Voided);
    QCOMPARE(betthat::test::found(repo().betById(otherMarket.id)).status, BetStatus::Pending);
    QCOMPARE(betthat::test::found(repo().betById(cancelled.id)).status, BetStatus::Cancelled);

    // A market with nothing pending is an empty success, not an error.
    const HttpReply none = m_http->post(QStringLiteral("/api/v1/bets/resolve"),
        { { QStringLiteral("market"), QStringLiteral("Total goals") },
            { QStringLiteral("result"), QStringLiteral("win") } },
        m_operator.token);
    QCOMPARE(none.status, 200);
    QCOMPARE(none.json.value(QStringLiteral("succeeded")).toInt(), 0);
    QCOMPARE(none.json.value(QStringLiteral("results")).toArray().size(), 0);
}

void TestBetsApi::bulkResolve_invalid_isRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QByteArray>("body"); // %1: a pending bet id
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QStringList tooMany;
    for (int i = 1; i <= 1001; ++i)
        tooMany << QStringLiteral("\"%1\"").arg(i);
    QTest::newRow("bettor") << "alice" << QByteArray(R"({"bet_ids":["%1"],"result":"win"})") << 403
                            << "forbidden";
    QTest::newRow("no selection") << "operator" << QByteArray(R"({"result":"win"})") << 400 << "bad_request";
    QTest::newRow("ids and market") << "operator"
                                    << QByteArray(
                                           R"({"bet_ids":["%1"],"market":"Match winner","result":"win"})")
                                    << 400 << "bad_request";
    QTest::newRow("event_name with ids")
        << "operator" << QByteArray(R"({"bet_ids":["%1"],"event_name":"x","result":"win"})") << 400
        << "bad_request";
    QTest::newRow("empty ids") << "operator" << QByteArray(R"({"bet_ids":[],"result":"win"})") << 400
                               << "bad_request";
    QTest::newRow("ids not an array")
        << "operator" << QByteArray(R"({"bet_ids":"%1","result":"win"})") << 400 << "bad_request";
    QTest::newRow("numeric ids") << "operator" << QByteArray(R"({"bet_ids":[%1],"result":"win"})") << 400
                                 << "bad_request";
    QTest::newRow("duplicate ids") << "operator" << QByteArray(R"({"bet_ids":["%1","%1"],"result":"win"})")
                                   << 400 << "bad_request";
    QTest::newRow("1001 ids") << "operator"
                              << (QByteArray(R"({"result":"win","bet_ids":[)")
                                     + tooMany.join(QLatin1Char(',')).toUtf8() + "]}")
                              << 400 << "bad_request";
    QTest::newRow("result missing") << "operator" << QByteArray(R"({"bet_ids":["%1"]})") << 400
                                    << "bad_request";
    QTest::newRow("result unknown") << "operator" << QByteArray(R"({"bet_ids":["%1"],"result":"draw"})")
                                    << 400 << "bad_request";
    QTest::newRow("void without notes")
        << "operator" << QByteArray(R"({"bet_ids":["%1"],"result":"void"})") << 400 << "bad_request";
    QTest::newRow("market blank") << "operator" << QByteArray(R"({"market":" ","result":"win"})") << 400
                                  << "bad_request";
    QTest::newRow("unknown field") << "operator"
                                   << QByteArray(R"({"bet_ids":["%1"],"result":"win","all":true})") << 400
                                   << "bad_request";
}

void TestBetsApi::bulkResolve_invalid_isRefusedAndChangesNothing()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Bet bet = m_server->placeBet(m_alice);
    m_server->placeBet(m_bob);
    const Snapshot before = snapshot();
    const QByteArray filled = QString::fromUtf8(body).replace(QStringLiteral("%1"), bet.id).toUtf8();
    const HttpReply reply
        = m_http->send("POST", QStringLiteral("/api/v1/bets/resolve"), filled, userByName(who).token);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QVERIFY(!reply.json.contains(QStringLiteral("results")));
    verifyUnchanged(before);
}

// ---------------------------------------------------------------------------------------------- idempotency

void TestBetsApi::idempotentResolve_retry_returnsFirstAnswerAndWritesOneEvent()
{
    const Bet bet = m_server->placeBet(m_alice, 1000, QStringLiteral("2.0"));
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"),
        QByteArrayLiteral("resolve-7f3a") } };
    const QJsonObject body { { QStringLiteral("result"), QStringLiteral("win") },
        { QStringLiteral("notes"), QStringLiteral("Arsenal 2-1") } };
    const HttpReply first
        = m_http->post(betPath(bet.id, QStringLiteral("/resolve")), body, m_operator.token, key);
    QCOMPARE(first.status, 200);
    QVERIFY(first.header("Idempotent-Replayed").isEmpty());
    const Snapshot afterFirst = snapshot();

    for (int retry = 0; retry < 2; ++retry) {
        const HttpReply again
            = m_http->post(betPath(bet.id, QStringLiteral("/resolve")), body, m_operator.token, key);
        QCOMPARE(again.status, first.status);
        QCOMPARE(again.body, first.body);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(again.header("Content-Type"), QByteArray("application/json"));
    }
    verifyUnchanged(afterFirst);
    QCOMPARE(repo().eventsForBet(bet.id).value().size(), 2); // placed + resolved, once
    QCOMPARE(repo().balance(QStringLiteral("alice")), 100000 - 1000 + 2000);

    // Without the key the same request is a new attempt, refused as usual.
    QCOMPARE(m_http->post(betPath(bet.id, QStringLiteral("/resolve")), body, m_operator.token).status, 409);
}

void TestBetsApi::idempotentPlace_retry_placesOneBet()
{
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("place-1") } };
    const QJsonObject body { { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
        { QStringLiteral("market"), QStringLiteral("Match winner") },
        { QStringLiteral("selection"), QStringLiteral("Draw") },
        { QStringLiteral("odds"), QStringLiteral("3.40") }, { QStringLiteral("stake"), 500 } };
    const HttpReply first = m_http->post(QStringLiteral("/api/v1/bets"), body, m_alice.token, key);
    QCOMPARE(first.status, 201);
    const HttpReply retry = m_http->post(QStringLiteral("/api/v1/bets"), body, m_alice.token, key);
    QCOMPARE(retry.status, 201);
    QCOMPARE(retry.body, first.body);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 100000 - 500);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/bets"), m_alice.token)
                 .json.value(QStringLiteral("bets"))
                 .toArray()
                 .size(),
        1);
}

void TestBetsApi::idempotencyKey_reusedForAnotherRequest_is409()
{
    const Bet one = m_server->placeBet(m_alice);
    const Bet two = m_server->placeBet(m_alice);
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("k-1") } };
    QCOMPARE(m_http
                 ->post(betPath(one.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token, key)
                 .status,
        200);
    const Snapshot before = snapshot();
    // Another body, then another path, under the same key.
    HttpReply reply = m_http->post(betPath(one.id, QStringLiteral("/resolve")),
        { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token, key);
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.errorCode(), QStringLiteral("conflict"));
    QVERIFY(reply.json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("Idempotency-Key")));
    reply = m_http->post(betPath(two.id, QStringLiteral("/resolve")),
        { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token, key);
    QCOMPARE(reply.status, 409);
    verifyUnchanged(before);
    QCOMPARE(betthat::test::found(repo().betById(two.id)).status, BetStatus::Pending);
}

void TestBetsApi::idempotencyKey_tooLong_is400AndChangesNothing()
{
    const Bet bet = m_server->placeBet(m_alice);
    const Snapshot before = snapshot();
    const HttpReply reply = m_http->post(betPath(bet.id, QStringLiteral("/resolve")),
        { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token,
        { { QByteArrayLiteral("Idempotency-Key"), QByteArray(201, 'k') } });
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    verifyUnchanged(before);

    // 200 characters are fine.
    QCOMPARE(m_http
                 ->post(betPath(bet.id, QStringLiteral("/resolve")),
                     { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token,
                     { { QByteArrayLiteral("Idempotency-Key"), QByteArray(200, 'k') } })
                 .status,
        200);
}

void TestBetsApi::idempotencyKey_isPerUser()
{
    const Bet alices = m_server->placeBet(m_alice);
    const Bet bobs = m_server->placeBet(m_bob);
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("same-key") } };
    QCOMPARE(m_http->post(betPath(alices.id, QStringLiteral("/cancel")), {}, m_alice.token, key).status, 200);
    // Bob's identical key names Bob's own request: it runs.
    const HttpReply reply = m_http->post(betPath(bobs.id, QStringLiteral("/cancel")), {}, m_bob.token, key);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Idempotent-Replayed").isEmpty());
    QCOMPARE(betthat::test::found(repo().betById(bobs.id)).status, BetStatus::Cancelled);
}

void TestBetsApi::idempotencyKey_refusalIsRememberedToo()
{
    // A key names one attempt: its first answer stands even when a later retry would succeed.
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"),
        QByteArrayLiteral("big-stake") } };
    const QJsonObject body { { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
        { QStringLiteral("market"), QStringLiteral("Match winner") },
        { QStringLiteral("selection"), QStringLiteral("Arsenal") },
        { QStringLiteral("odds"), QStringLiteral("2.0") }, { QStringLiteral("stake"), 150000 } };
    const HttpReply first = m_http->post(QStringLiteral("/api/v1/bets"), body, m_alice.token, key);
    QCOMPARE(first.status, 409);
    QCOMPARE(first.errorCode(), QStringLiteral("insufficient_funds"));
    QVERIFY(repo().deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")).ok());
    const Snapshot before = snapshot();
    const HttpReply retry = m_http->post(QStringLiteral("/api/v1/bets"), body, m_alice.token, key);
    QCOMPARE(retry.status, 409);
    QCOMPARE(retry.body, first.body);
    QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
    verifyUnchanged(before);
    // A new key is a new attempt.
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/v1/bets"), body, m_alice.token,
                     { { QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("big-stake-2") } })
                 .status,
        201);
}

namespace {
bool executeOn(server::Repository &repository, const QString &sql)
{
    QSqlQuery q(dynamic_cast<server::SqliteRepository &>(repository).database());
    if (q.exec(sql))
        return true;
    qWarning().noquote() << sql << q.lastError().text();
    return false;
}

const QJsonObject kDrawBet { { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
    { QStringLiteral("market"), QStringLiteral("Match winner") },
    { QStringLiteral("selection"), QStringLiteral("Draw") },
    { QStringLiteral("odds"), QStringLiteral("3.40") }, { QStringLiteral("stake"), 500 } };
} // namespace

// The crash window of a separate "store the answer" transaction, made real: storing the answer fails after
// the bet was written. Committed together, the bet goes with it; separately, the bet would stay unanswered
// and the retry would place a second one.
void TestBetsApi::idempotentPlace_answerCannotBeStored_noBet_retryPlacesExactlyOne()
{
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"),
        QByteArrayLiteral("place-crash") } };
    const Snapshot before = snapshot();
    QVERIFY(executeOn(repo(),
        QStringLiteral("CREATE TRIGGER inject_failure BEFORE INSERT ON idempotency"
                       " BEGIN SELECT RAISE(ABORT, 'injected'); END")));
    const HttpReply failed = m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, m_alice.token, key);
    QCOMPARE(failed.status, 500);
    verifyUnchanged(before);
    QVERIFY(betthat::test::isAbsent(repo().idempotentAnswer(QStringLiteral("alice"), QStringLiteral("place-crash"))));

    QVERIFY(executeOn(repo(), QStringLiteral("DROP TRIGGER inject_failure")));
    const HttpReply placed = m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, m_alice.token, key);
    QCOMPARE(placed.status, 201);
    QVERIFY(placed.header("Idempotent-Replayed").isEmpty());
    const HttpReply replayed = m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, m_alice.token, key);
    QCOMPARE(replayed.status, 201);
    QCOMPARE(replayed.body, placed.body);
    QCOMPARE(replayed.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(snapshot().bets.size(), before.bets.size() + 1);
    QCOMPARE(repo().balance(QStringLiteral("alice")), before.aliceBalance - 500);
}

void TestBetsApi::idempotentPlace_failsAfterTheBetInsert_noAnswerStored_retryPlacesExactlyOne()
{
    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"),
        QByteArrayLiteral("place-fail") } };
    const Snapshot before = snapshot();
    QVERIFY(executeOn(repo(),
        QStringLiteral("CREATE TRIGGER inject_failure BEFORE INSERT ON events"
                       " BEGIN SELECT RAISE(ABORT, 'injected'); END")));
    QCOMPARE(m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, m_alice.token, key).status, 500);
    verifyUnchanged(before);
    QVERIFY(betthat::test::isAbsent(repo().idempotentAnswer(QStringLiteral("alice"), QStringLiteral("place-fail"))));

    QVERIFY(executeOn(repo(), QStringLiteral("DROP TRIGGER inject_failure")));
    const HttpReply placed = m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, m_alice.token, key);
    QCOMPARE(placed.status, 201);
    QCOMPARE(m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, m_alice.token, key).body, placed.body);
    QCOMPARE(snapshot().bets.size(), before.bets.size() + 1);
}

// Every single-bet change: the stored answer is exactly the first answer, and it exists once the change does.
// A trigger on the idempotency table that records the newest event's seq at insert time proves the answer was
// written inside the change's transaction (after its event, before its commit), not after it.
void TestBetsApi::idempotentChanges_answerIsStoredInTheChangesTransaction_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("status");
    QTest::newRow("place") << QStringLiteral("place") << 201;
    QTest::newRow("cancel") << QStringLiteral("cancel") << 200;
    QTest::newRow("resolve") << QStringLiteral("resolve") << 200;
    QTest::newRow("dispute") << QStringLiteral("dispute") << 200;
    QTest::newRow("decision") << QStringLiteral("decision") << 200;
}

void TestBetsApi::idempotentChanges_answerIsStoredInTheChangesTransaction()
{
    QFETCH(QString, action);
    QFETCH(int, status);
    Bet bet = m_server->placeBet(m_alice, 1000, QStringLiteral("2.0"));
    if (action == QLatin1String("decision")) {
        QCOMPARE(m_http
                     ->post(betPath(bet.id, QStringLiteral("/resolve")),
                         { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                     .status,
            200);
        QCOMPARE(m_http
                     ->post(betPath(bet.id, QStringLiteral("/dispute")),
                         { { QStringLiteral("reason"), QStringLiteral("won") } }, m_alice.token)
                     .status,
            200);
    } else if (action == QLatin1String("dispute")) {
        QCOMPARE(m_http
                     ->post(betPath(bet.id, QStringLiteral("/resolve")),
                         { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                     .status,
            200);
    }
    QVERIFY(executeOn(repo(), QStringLiteral("CREATE TABLE answer_seen (key TEXT, last_event_seq INTEGER)")));
    QVERIFY(executeOn(repo(),
        QStringLiteral("CREATE TRIGGER record_answer AFTER INSERT ON idempotency BEGIN"
                       " INSERT INTO answer_seen VALUES (NEW.key, (SELECT MAX(seq) FROM events)); END")));

    const HttpClient::Headers key { { QByteArrayLiteral("Idempotency-Key"), action.toUtf8() } };
    const TestUser &who
        = (action == QLatin1String("resolve") || action == QLatin1String("decision")) ? m_operator : m_alice;
    const auto send = [&] {
        if (action == QLatin1String("place"))
            return m_http->post(QStringLiteral("/api/v1/bets"), kDrawBet, who.token, key);
        if (action == QLatin1String("cancel"))
            return m_http->post(betPath(bet.id, QStringLiteral("/cancel")), {}, who.token, key);
        if (action == QLatin1String("resolve"))
            return m_http->post(betPath(bet.id, QStringLiteral("/resolve")),
                { { QStringLiteral("result"), QStringLiteral("win") } }, who.token, key);
        if (action == QLatin1String("dispute"))
            return m_http->post(betPath(bet.id, QStringLiteral("/dispute")),
                { { QStringLiteral("reason"), QStringLiteral("it was a draw") } }, who.token, key);
        return m_http->post(betPath(bet.id, QStringLiteral("/dispute/decision")),
            { { QStringLiteral("decision"), QStringLiteral("upheld") },
                { QStringLiteral("result"), QStringLiteral("win") },
                { QStringLiteral("notes"), QStringLiteral("Checked the match report") } },
            who.token, key);
    };
    const HttpReply first = send();
    QCOMPARE(first.status, status);
    const qint64 seq = repo().lastSeq().value();
    const auto stored = betthat::test::lookup(repo().idempotentAnswer(who.user.id, action));
    QVERIFY(stored);
    QCOMPARE(stored->response.status, status);
    QCOMPARE(stored->response.body, first.body);
    {
        QSqlQuery q(dynamic_cast<server::SqliteRepository &>(repo()).database());
        QVERIFY(q.exec(QStringLiteral("SELECT key, last_event_seq FROM answer_seen")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), action);
        QCOMPARE(q.value(1).toLongLong(), seq); // the change's own event was already written
        QVERIFY(!q.next()); // stored once: no second, separate store after the commit
    }
    const HttpReply again = send();
    QCOMPARE(again.body, first.body);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(repo().lastSeq().value(), seq);
}

QTEST_GUILESS_MAIN(TestBetsApi)
#include "tst_betsapi.moc"
