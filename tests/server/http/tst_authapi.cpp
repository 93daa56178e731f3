// Who may call what: bearer tokens, the 401/403/404 answers, and what the request log may contain.
#include "server/storage/repository.h"
#include "tests/support/resultchecks.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

namespace {

QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void recordHttpLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category) == "betthat.server.http")
        g_log << message;
    else if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TestAuthApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void healthz_withoutToken_answersOk();
    void protectedEndpoint_withoutValidToken_is401_data();
    void protectedEndpoint_withoutValidToken_is401();
    void everyApiEndpoint_withoutToken_is401AndWritesNothing_data();
    void everyApiEndpoint_withoutToken_is401AndWritesNothing();
    void bearerScheme_isCaseInsensitive();
    void me_withToken_namesTheCaller();
    void bettor_namingAnotherUser_is403_data();
    void bettor_namingAnotherUser_is403();
    void bettor_othersBet_isNotFound_data();
    void bettor_othersBet_isNotFound();
    void bettor_operatorOnlyEndpoints_are403_data();
    void bettor_operatorOnlyEndpoints_are403();
    void operator_mayReadAnyone();
    void unknownRoute_is404InTheErrorShape_data();
    void unknownRoute_is404InTheErrorShape();
    void wrongMethod_is405WithAllow_data();
    void wrongMethod_is405WithAllow();
    void requestLog_hasMethodPathStatus_neverTheToken();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    TestUser m_operator;
    TestUser m_alice;
    TestUser m_bob;
    Bet m_aliceBet;
};

void TestAuthApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_operator = m_server->addUser(QStringLiteral("operator"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"));
    m_bob = m_server->addUser(QStringLiteral("bob"));
    m_aliceBet = m_server->placeBet(m_alice);
}

void TestAuthApi::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void TestAuthApi::healthz_withoutToken_answersOk()
{
    const HttpReply reply = m_http->get(QStringLiteral("/healthz"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json, QJsonObject({ { QStringLiteral("status"), QStringLiteral("ok") } }));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
}

void TestAuthApi::protectedEndpoint_withoutValidToken_is401_data()
{
    QTest::addColumn<QByteArray>("authorization"); // empty: header not sent
    QTest::newRow("no header") << QByteArray();
    QTest::newRow("unknown token") << QByteArray("Bearer bt_not-a-real-token");
    QTest::newRow("basic scheme") << QByteArray("Basic YWxpY2U6c2VjcmV0");
    QTest::newRow("scheme only") << QByteArray("Bearer");
    QTest::newRow("scheme and spaces") << QByteArray("Bearer    ");
    QTest::newRow("token without scheme") << QByteArray("bt_not-a-real-token");
    QTest::newRow("whitespace") << QByteArray("   ");
}

void TestAuthApi::protectedEndpoint_withoutValidToken_is401()
{
    QFETCH(QByteArray, authorization);
    HttpClient::Headers headers;
    if (!authorization.isEmpty())
        headers.append({ QByteArrayLiteral("Authorization"), authorization });
    const HttpReply reply = m_http->get(QStringLiteral("/api/v1/me"), QString(), headers);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    QVERIFY(!reply.json.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
}

void TestAuthApi::everyApiEndpoint_withoutToken_is401AndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QByteArray resolve = R"({"result":"win","notes":"ok"})";
    QTest::newRow("GET me") << QByteArray("GET") << QStringLiteral("/api/v1/me") << QByteArray();
    QTest::newRow("PATCH me") << QByteArray("PATCH") << QStringLiteral("/api/v1/me")
                              << QByteArray(R"({"email_notifications":false})");
    QTest::newRow("GET users") << QByteArray("GET") << QStringLiteral("/api/v1/users") << QByteArray();
    QTest::newRow("GET bets") << QByteArray("GET") << QStringLiteral("/api/v1/bets") << QByteArray();
    QTest::newRow("POST bets")
        << QByteArray("POST") << QStringLiteral("/api/v1/bets")
        << QByteArray(R"({"event_name":"e","market":"m","selection":"s","odds":"2.0","stake":100})");
    QTest::newRow("GET bet") << QByteArray("GET") << QStringLiteral("/api/v1/bets/1") << QByteArray();
    QTest::newRow("GET events") << QByteArray("GET") << QStringLiteral("/api/v1/bets/1/events")
                                << QByteArray();
    QTest::newRow("cancel") << QByteArray("POST") << QStringLiteral("/api/v1/bets/1/cancel") << QByteArray();
    QTest::newRow("resolve") << QByteArray("POST") << QStringLiteral("/api/v1/bets/1/resolve") << resolve;
    QTest::newRow("dispute") << QByteArray("POST") << QStringLiteral("/api/v1/bets/1/dispute")
                             << QByteArray(R"({"reason":"no"})");
    QTest::newRow("decision") << QByteArray("POST") << QStringLiteral("/api/v1/bets/1/dispute/decision")
                              << QByteArray(R"({"decision":"rejected","notes":"n"})");
    QTest::newRow("bulk resolve") << QByteArray("POST") << QStringLiteral("/api/v1/bets/resolve")
                                  << QByteArray(R"({"bet_ids":["1"],"result":"win","notes":"n"})");
    QTest::newRow("updates") << QByteArray("GET") << QStringLiteral("/api/v1/bets/updates") << QByteArray();
}

void TestAuthApi::everyApiEndpoint_withoutToken_is401AndWritesNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    auto &repo = m_server->server().repository();
    const qint64 seqBefore = repo.lastSeq().value();
    const qint64 balanceBefore = betthat::test::must(repo.balance(m_alice.user.id));
    const HttpReply reply = m_http->send(method, path, body);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(repo.lastSeq().value(), seqBefore);
    QCOMPARE(repo.balance(m_alice.user.id), balanceBefore);
    QCOMPARE(betthat::test::found(repo.betById(m_aliceBet.id)), m_aliceBet);
    QCOMPARE(betthat::test::found(repo.userById(m_alice.user.id)), m_alice.user);
}

void TestAuthApi::bearerScheme_isCaseInsensitive()
{
    const HttpReply reply = m_http->get(QStringLiteral("/api/v1/me"), QString(),
        { { QByteArrayLiteral("authorization"), "bearer " + m_alice.token.toUtf8() } });
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("alice"));
}

void TestAuthApi::me_withToken_namesTheCaller()
{
    const HttpReply reply = m_http->get(QStringLiteral("/api/v1/me"), m_bob.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("bob"));
}

void TestAuthApi::bettor_namingAnotherUser_is403_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("bets of bob") << QStringLiteral("/api/v1/bets?user_id=bob");
    QTest::newRow("bets of operator") << QStringLiteral("/api/v1/bets?user_id=operator");
    QTest::newRow("bets of a stranger") << QStringLiteral("/api/v1/bets?user_id=nobody");
    QTest::newRow("updates of bob") << QStringLiteral("/api/v1/bets/updates?user_id=bob");
    QTest::newRow("updates of bob with cursor")
        << QStringLiteral("/api/v1/bets/updates?since_seq=0&user_id=bob");
}

void TestAuthApi::bettor_namingAnotherUser_is403()
{
    QFETCH(QString, path);
    const HttpReply reply = m_http->get(path, m_alice.token);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
    QVERIFY(!reply.json.contains(QStringLiteral("bets")));
    QVERIFY(!reply.json.contains(QStringLiteral("updates")));
}

void TestAuthApi::bettor_othersBet_isNotFound_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("read") << QByteArray("GET") << QString() << QByteArray();
    QTest::newRow("events") << QByteArray("GET") << QStringLiteral("/events") << QByteArray();
    QTest::newRow("cancel") << QByteArray("POST") << QStringLiteral("/cancel") << QByteArray();
    QTest::newRow("dispute") << QByteArray("POST") << QStringLiteral("/dispute")
                             << QByteArray(R"({"reason":"x"})");
}

void TestAuthApi::bettor_othersBet_isNotFound()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, body);
    // Bob learns nothing about Alice's bet, not even that it exists: the same answer as for a missing id.
    const HttpReply reply
        = m_http->send(method, QStringLiteral("/api/v1/bets/") + m_aliceBet.id + suffix, body, m_bob.token);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(betthat::test::found(m_server->server().repository().betById(m_aliceBet.id)), m_aliceBet);
}

void TestAuthApi::bettor_operatorOnlyEndpoints_are403_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("users") << QByteArray("GET") << QStringLiteral("/api/v1/users") << QByteArray();
    QTest::newRow("resolve own") << QByteArray("POST") << QStringLiteral("/api/v1/bets/%1/resolve")
                                 << QByteArray(R"({"result":"win","notes":"I won"})");
    QTest::newRow("bulk resolve") << QByteArray("POST") << QStringLiteral("/api/v1/bets/resolve")
                                  << QByteArray(R"({"bet_ids":["%1"],"result":"win","notes":"x"})");
}

void TestAuthApi::bettor_operatorOnlyEndpoints_are403()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    auto &repo = m_server->server().repository();
    const qint64 balanceBefore = betthat::test::must(repo.balance(m_alice.user.id));
    const auto withId = [this](QString text) { return text.replace(QStringLiteral("%1"), m_aliceBet.id); };
    const HttpReply reply
        = m_http->send(method, withId(path), withId(QString::fromUtf8(body)).toUtf8(), m_alice.token);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(betthat::test::found(repo.betById(m_aliceBet.id)), m_aliceBet);
    QCOMPARE(repo.balance(m_alice.user.id), balanceBefore);
}

void TestAuthApi::operator_mayReadAnyone()
{
    const Bet bobBet = m_server->placeBet(m_bob);

    HttpReply reply = m_http->get(QStringLiteral("/api/v1/bets/") + m_aliceBet.id, m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));

    reply = m_http->get(QStringLiteral("/api/v1/bets?user_id=alice"), m_operator.token);
    QCOMPARE(reply.status, 200);
    const QJsonArray aliceBets = reply.json.value(QStringLiteral("bets")).toArray();
    QCOMPARE(aliceBets.size(), 1);
    QCOMPARE(aliceBets.first().toObject().value(QStringLiteral("id")).toString(), m_aliceBet.id);

    reply = m_http->get(QStringLiteral("/api/v1/bets"), m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("bets")).toArray().size(), 2);

    reply = m_http->get(
        QStringLiteral("/api/v1/bets/") + bobBet.id + QStringLiteral("/events"), m_operator.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("events")).toArray().size(), 1);

    reply = m_http->get(QStringLiteral("/api/v1/bets/updates?user_id=bob"), m_operator.token);
    QCOMPARE(reply.status, 200);
    const QJsonArray updates = reply.json.value(QStringLiteral("updates")).toArray();
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.first().toObject().value(QStringLiteral("user_id")).toString(), QStringLiteral("bob"));

    reply = m_http->get(QStringLiteral("/api/v1/users"), m_operator.token);
    QCOMPARE(reply.status, 200);
    const QJsonArray users = reply.json.value(QStringLiteral("users")).toArray();
    QCOMPARE(users.size(), 3);
    for (const QJsonValue &entry : users) {
        const QJsonObject o = entry.toObject();
        const QString id = o.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(o.value(QStringLiteral("balance")).toInteger(), m_server->server().repository().balance(id));
        QCOMPARE(o.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
    }
}

void TestAuthApi::unknownRoute_is404InTheErrorShape_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/api/v1/nothing");
    QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/");
    QTest::newRow("trailing slash") << QByteArray("GET") << QStringLiteral("/api/v1/bets/1/");
    QTest::newRow("old version") << QByteArray("GET") << QStringLiteral("/api/v0/me");
    // An encoded slash is part of a segment, not a separator: this must not cancel bet 1.
    QTest::newRow("encoded slash") << QByteArray("POST") << QStringLiteral("/api/v1/bets/1%2Fcancel");
    QTest::newRow("encoded slash, lower case") << QByteArray("POST") << QStringLiteral("/api/v1/bets/1%2fcancel");
    QTest::newRow("encoded slash in a fixed path") << QByteArray("GET") << QStringLiteral("/api/v1%2Fme");
}

void TestAuthApi::unknownRoute_is404InTheErrorShape()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const HttpReply reply = m_http->send(method, path, QByteArray(), m_alice.token);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(betthat::test::found(m_server->server().repository().betById(m_aliceBet.id)), m_aliceBet);
}

void TestAuthApi::wrongMethod_is405WithAllow_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("DELETE a bet") << QByteArray("DELETE") << QStringLiteral("/api/v1/bets/1") << QByteArray("GET");
    QTest::newRow("GET resolve") << QByteArray("GET") << QStringLiteral("/api/v1/bets/1/resolve")
                                 << QByteArray("POST");
    QTest::newRow("PUT me") << QByteArray("PUT") << QStringLiteral("/api/v1/me") << QByteArray("GET, PATCH");
    QTest::newRow("POST updates") << QByteArray("POST") << QStringLiteral("/api/v1/bets/updates")
                                  << QByteArray("GET");
    QTest::newRow("POST healthz") << QByteArray("POST") << QStringLiteral("/healthz") << QByteArray("GET");
}

void TestAuthApi::wrongMethod_is405WithAllow()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    const HttpReply reply = m_http->send(method, path, QByteArray("{}"), m_alice.token);
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.errorCode(), QStringLiteral("method_not_allowed"));
    QCOMPARE(reply.header("Allow"), allow);
    QCOMPARE(betthat::test::found(m_server->server().repository().betById(m_aliceBet.id)), m_aliceBet);
}

void TestAuthApi::requestLog_hasMethodPathStatus_neverTheToken()
{
    QLoggingCategory::setFilterRules(QStringLiteral("betthat.server.http.debug=true"));
    g_log.clear();
    g_previousHandler = qInstallMessageHandler(recordHttpLog);
    const HttpReply ok = m_http->get(QStringLiteral("/api/v1/bets/") + m_aliceBet.id, m_alice.token);
    const HttpReply refused
        = m_http->get(QStringLiteral("/api/v1/me"), QStringLiteral("bt_wrong-token-value"));
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::setFilterRules(QString());

    QCOMPARE(ok.status, 200);
    QCOMPARE(refused.status, 401);
    QCOMPARE(g_log.size(), 2);
    QVERIFY2(
        g_log.at(0).startsWith(QStringLiteral("GET /api/v1/bets/") + m_aliceBet.id + QStringLiteral(" 200 ")),
        qPrintable(g_log.at(0)));
    QVERIFY2(g_log.at(0).endsWith(QStringLiteral(" ms")), qPrintable(g_log.at(0)));
    QVERIFY2(g_log.at(1).startsWith(QStringLiteral("GET /api/v1/me 401 ")), qPrintable(g_log.at(1)));
    for (const QString &line : std::as_const(g_log)) {
        QVERIFY(!line.contains(m_alice.token));
        QVERIFY(!line.contains(QStringLiteral("bt_wrong-token-value")));
        QVERIFY(!line.contains(QStringLiteral("Bearer"), Qt::CaseInsensitive));
    }
}

QTEST_GUILESS_MAIN(TestAuthApi)
#include "tst_authapi.moc"
