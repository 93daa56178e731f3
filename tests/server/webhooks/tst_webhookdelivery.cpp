// Webhook delivery end to end: a real server, the real worker thread and libcurl, a real HTTP receiver
// (webhook_receiver.py) on 127.0.0.1, endpoints registered through the API.

#include "common/jsoncodec.h"
#include "server/betthatserver.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "server/webhooks/webhooksignature.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"
#include "webhookreceiver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

namespace {

QJsonArray names(std::initializer_list<const char *> list)
{
    QJsonArray a;
    for (const char *n : list)
        a.append(QString::fromLatin1(n));
    return a;
}

QJsonArray allTypes()
{
    return names({ "bet_updated", "bet_resolved", "bet_disputed" });
}

qint64 seqOf(const ReceivedRequest &r)
{
    return json::parseObject(r.body)->value(QStringLiteral("seq")).toInteger();
}

QList<qint64> seqsOf(const QList<ReceivedRequest> &requests)
{
    QList<qint64> out;
    for (const ReceivedRequest &r : requests)
        out << seqOf(r);
    return out;
}

} // namespace

class TestWebhookDelivery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void delivery_isTheSocketFrame_signedAndVerifiable();
    void receiverDown_retriesThenEveryEventOnceInSeqOrder();
    void status500_429RetryAfter_closedConnection_retriedThenDelivered();
    void gone410_disablesAfterThreshold_resumesWhenReenabled();
    void replay_fromSeq_resendsInOrder_prunedRefused();
    void filter_eventTypesAndUserIds_excludeEvents();
    void privateDestination_refusedWithoutFlag_atRegistrationAndAtDelivery();
    void tenEndpoints_thousandEvents_commitsNeverWaitForDelivery();

private:
    bool startServer(bool allowPrivate = true, int failureThreshold = 25, int timeoutMs = 5000);
    QString createHook(const QString &path, const QJsonArray &types = allTypes(), const QJsonValue &users = {});
    QList<BetEvent> loggedEvents();
    Bet place(const TestUser &who) { return m_server->placeBet(who); }
    void resolve(const Bet &bet)
    {
        QVERIFY(m_server->server().service().resolve(m_operator.user, bet.id, BetResult::Win, QString()));
    }
    server::Repository &repo() { return m_server->server().repository(); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<WebhookReceiver> m_receiver;
    TestUser m_operator;
    TestUser m_alice;
    TestUser m_bob;
    QString m_secret; // of the last hook created
};

void TestWebhookDelivery::init()
{
    m_receiver = std::make_unique<WebhookReceiver>();
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->error()));
}

void TestWebhookDelivery::cleanup()
{
    m_http.reset();
    m_server.reset();
    m_receiver.reset();
}

bool TestWebhookDelivery::startServer(bool allowPrivate, int failureThreshold, int timeoutMs)
{
    server::ServerConfig config;
    config.webhooks.allowPrivate = allowPrivate;
    // Near zero so retries happen within the test; the backoff's shape is the worker's unit test.
    config.webhooks.retryBaseMs = 20;
    config.webhooks.retryCapMs = 200;
    config.webhooks.pollIntervalMs = 20;
    config.webhooks.failureThreshold = failureThreshold;
    config.webhooks.timeoutMs = timeoutMs;
    m_server = std::make_unique<TestServer>(config);
    if (!m_server->start())
        return false;
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_operator = m_server->addUser(QStringLiteral("olga"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"));
    m_bob = m_server->addUser(QStringLiteral("bob"));
    return true;
}

QString TestWebhookDelivery::createHook(const QString &path, const QJsonArray &types, const QJsonValue &users)
{
    QJsonObject body { { QStringLiteral("url"), m_receiver->url(path) }, { QStringLiteral("event_types"), types } };
    if (!users.isUndefined())
        body.insert(QStringLiteral("user_ids"), users);
    const HttpReply reply = m_http->post(QStringLiteral("/api/v1/webhooks"), body, m_operator.token);
    if (reply.status != 201) {
        qWarning() << "create webhook:" << reply.status << reply.body;
        return {};
    }
    m_secret = reply.json.value(QStringLiteral("secret")).toString();
    return reply.json.value(QStringLiteral("id")).toString();
}

QList<BetEvent> TestWebhookDelivery::loggedEvents()
{
    server::EventQuery query;
    query.limit = 5000;
    return repo().events(query).value();
}

void TestWebhookDelivery::delivery_isTheSocketFrame_signedAndVerifiable()
{
    QVERIFY(startServer());
    const QString id = createHook(QStringLiteral("/hook"));
    QVERIFY(!id.isEmpty());
    const Bet bet = place(m_alice);
    resolve(bet);
    QVERIFY(m_receiver->waitForAccepted(2));

    const QList<BetEvent> events = loggedEvents();
    const QList<ReceivedRequest> got = m_receiver->accepted();
    QCOMPARE(got.size(), 2);
    const auto key = server::WebhookSignature::secretBytes(m_secret);
    QVERIFY(key);
    for (int i = 0; i < 2; ++i) {
        const ReceivedRequest &r = got.at(i);
        // Byte for byte what /ws/bet-updates sends for this event.
        QCOMPARE(r.body, json::toBytes(json::encode(events.at(i))));
        QCOMPARE(r.header("webhook-id"), "evt_" + QByteArray::number(events.at(i).seq));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        const qint64 timestamp = r.header("webhook-timestamp").toLongLong();
        QVERIFY(qAbs(QDateTime::currentSecsSinceEpoch() - timestamp) < 600);
        // Recomputed here, independently of the worker's code path.
        const QByteArray content = r.header("webhook-id") + '.' + r.header("webhook-timestamp") + '.' + r.body;
        const QByteArray expected
            = "v1," + QMessageAuthenticationCode::hash(content, *key, QCryptographicHash::Sha256).toBase64();
        QCOMPARE(r.header("webhook-signature"), expected);
    }
    QCOMPARE(json::parseObject(got.at(1).body)->value(QStringLiteral("type")).toString(),
        QStringLiteral("bet_resolved"));

    // The secret is shown once: GET never repeats it.
    const HttpReply one = m_http->get(QStringLiteral("/api/v1/webhooks/") + id, m_operator.token);
    QCOMPARE(one.status, 200);
    QVERIFY(!one.json.contains(QStringLiteral("secret")));
    QCOMPARE(one.json.value(QStringLiteral("cursor_seq")).toInteger(), events.at(1).seq);
    QCOMPARE(one.json.value(QStringLiteral("last_status")).toInt(), 204);
    const HttpReply attempts = m_http->get(QStringLiteral("/api/v1/webhooks/%1/deliveries").arg(id), m_operator.token);
    QCOMPARE(attempts.status, 200);
    const QJsonArray list = attempts.json.value(QStringLiteral("deliveries")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("seq")).toInteger(), events.at(1).seq); // newest first
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("status")).toInt(), 204);
    QVERIFY(list.at(0).toObject().value(QStringLiteral("latency_ms")).isDouble());
}

void TestWebhookDelivery::receiverDown_retriesThenEveryEventOnceInSeqOrder()
{
    QVERIFY(startServer());
    m_receiver->stop();
    const QString id = createHook(QStringLiteral("/hook"));
    QVERIFY(!id.isEmpty());
    QList<Bet> bets;
    for (int i = 0; i < 3; ++i)
        bets << place(i % 2 ? m_bob : m_alice);
    for (const Bet &bet : bets)
        resolve(bet);
    // Refused connections are recorded as attempts without a status, and retried.
    QVERIFY(QTest::qWaitFor([&] { return repo().webhookDeliveries(id, 100).value().size() >= 3; }, 20000));
    const QList<WebhookDelivery> failed = repo().webhookDeliveries(id, 100).value();
    for (const WebhookDelivery &d : failed) {
        QCOMPARE(d.status, 0);
        QVERIFY(!d.error.isEmpty());
        QCOMPARE(d.seq, loggedEvents().first().seq); // nothing overtakes the event that failed
    }

    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->error()));
    QVERIFY(m_receiver->waitForAccepted(6));
    QList<qint64> expected;
    for (const BetEvent &e : loggedEvents())
        expected << e.seq;
    QCOMPARE(seqsOf(m_receiver->accepted()), expected);
    const Webhook after = repo().webhookById(id).value().value();
    QCOMPARE(after.consecutiveFailures, 0);
    QCOMPARE(after.cursorSeq, expected.last());
}

void TestWebhookDelivery::status500_429RetryAfter_closedConnection_retriedThenDelivered()
{
    QVERIFY(startServer());
    const QString id = createHook(QStringLiteral("/hook"));
    m_receiver->setMode({ { QStringLiteral("fail_next"), 2 }, { QStringLiteral("status"), 500 } });
    place(m_alice);
    QVERIFY(m_receiver->waitForAccepted(1));
    QCOMPARE(m_receiver->requests(QStringLiteral("/hook")).size(), 3);
    QCOMPARE(m_receiver->requests().at(0).answered, 500);

    // 429 with Retry-After: the next attempt is scheduled by the receiver's word, not the 20 ms base.
    m_receiver->setMode({ { QStringLiteral("status"), 429 }, { QStringLiteral("retry_after"), QStringLiteral("1") } });
    place(m_alice);
    QVERIFY(m_receiver->waitForRequests(4));
    QVERIFY(QTest::qWaitFor([&] { return repo().webhookById(id).value()->lastStatus == 429; }, 10000));
    const Webhook throttled = repo().webhookById(id).value().value();
    QVERIFY2(throttled.lastAttemptAt.msecsTo(throttled.nextAttemptAt) >= 1000,
        qPrintable(QStringLiteral("next attempt %1 ms after the 429")
                       .arg(throttled.lastAttemptAt.msecsTo(throttled.nextAttemptAt))));

    // A dropped connection (no answer at all) is a failure with curl's reason, then retried.
    m_receiver->setMode({ { QStringLiteral("close"), true } });
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto last = repo().webhookDeliveries(id, 1).value();
            return !last.isEmpty() && last.first().status == 0;
        },
        10000));
    QVERIFY(!repo().webhookDeliveries(id, 1).value().first().error.isEmpty());
    m_receiver->setMode({});
    QVERIFY(m_receiver->waitForAccepted(2));
    QCOMPARE(seqsOf(m_receiver->accepted()), (QList<qint64> { 1, 2 }));
}

void TestWebhookDelivery::gone410_disablesAfterThreshold_resumesWhenReenabled()
{
    QVERIFY(startServer(true, 3));
    const QString id = createHook(QStringLiteral("/hook"));
    m_receiver->setMode({ { QStringLiteral("status"), 410 }, { QStringLiteral("path"), QStringLiteral("/hook") } });
    place(m_alice);
    place(m_bob);
    QVERIFY(QTest::qWaitFor([&] { return !repo().webhookById(id).value()->enabled; }, 10000));
    const HttpReply disabled = m_http->get(QStringLiteral("/api/v1/webhooks/") + id, m_operator.token);
    QCOMPARE(disabled.json.value(QStringLiteral("enabled")).toBool(), false);
    QCOMPARE(disabled.json.value(QStringLiteral("consecutive_failures")).toInt(), 3);
    QCOMPARE(disabled.json.value(QStringLiteral("last_status")).toInt(), 410);
    QVERIFY(disabled.json.value(QStringLiteral("disabled_reason")).toString().contains(QStringLiteral("HTTP 410")));
    QCOMPARE(disabled.json.value(QStringLiteral("cursor_seq")).toInteger(), 0); // keeps its place
    QCOMPARE(m_receiver->requests().size(), 3); // exactly the threshold, then nothing

    // A barrier instead of a sleep: a third event reaches an enabled endpoint but not the disabled one.
    const QString other = createHook(QStringLiteral("/other"));
    place(m_alice);
    QVERIFY(m_receiver->waitForAccepted(1, QStringLiteral("/other")));
    QCOMPARE(m_receiver->requests(QStringLiteral("/hook")).size(), 3);

    m_receiver->setMode({});
    const HttpReply enabled = m_http->patch(
        QStringLiteral("/api/v1/webhooks/") + id, { { QStringLiteral("enabled"), true } }, m_operator.token);
    QCOMPARE(enabled.status, 200);
    QCOMPARE(enabled.json.value(QStringLiteral("consecutive_failures")).toInt(), 0);
    QVERIFY(m_receiver->waitForAccepted(3));
    QCOMPARE(seqsOf(m_receiver->accepted()), (QList<qint64> { 1, 2, 3 }));
    Q_UNUSED(other);
}

void TestWebhookDelivery::replay_fromSeq_resendsInOrder_prunedRefused()
{
    QVERIFY(startServer());
    const QString id = createHook(QStringLiteral("/hook"));
    for (int i = 0; i < 4; ++i)
        place(m_alice);
    QVERIFY(m_receiver->waitForAccepted(4));
    const HttpReply replayed = m_http->post(QStringLiteral("/api/v1/webhooks/%1/replay").arg(id),
        { { QStringLiteral("since_seq"), 2 } }, m_operator.token);
    QCOMPARE(replayed.status, 200);
    QCOMPARE(replayed.json.value(QStringLiteral("cursor_seq")).toInteger(), 2);
    QVERIFY(m_receiver->waitForAccepted(6));
    QCOMPARE(seqsOf(m_receiver->accepted()), (QList<qint64> { 1, 2, 3, 4, 3, 4 }));
    // The same Webhook-Id as the first time: receivers deduplicate by it.
    QCOMPARE(m_receiver->accepted().at(4).header("webhook-id"), m_receiver->accepted().at(2).header("webhook-id"));

    const auto beyond = m_http->post(QStringLiteral("/api/v1/webhooks/%1/replay").arg(id),
        { { QStringLiteral("since_seq"), 99 } }, m_operator.token);
    QCOMPARE(beyond.status, 400);
    QVERIFY(repo().pruneEvents(2));
    const auto pruned = m_http->post(QStringLiteral("/api/v1/webhooks/%1/replay").arg(id),
        { { QStringLiteral("since_seq"), 0 } }, m_operator.token);
    QCOMPARE(pruned.status, 409);
    QVERIFY(pruned.body.contains("pruned"));
    const auto bettor = m_http->post(QStringLiteral("/api/v1/webhooks/%1/replay").arg(id),
        { { QStringLiteral("since_seq"), 3 } }, m_alice.token);
    QCOMPARE(bettor.status, 403);
}

void TestWebhookDelivery::filter_eventTypesAndUserIds_excludeEvents()
{
    QVERIFY(startServer());
    const QString resolvedOnly = createHook(QStringLiteral("/resolved"), names({ "bet_resolved" }));
    const QString bobOnly = createHook(QStringLiteral("/bob"), allTypes(), names({ "bob" }));
    const QString everything = createHook(QStringLiteral("/all"));
    const Bet a = place(m_alice); // 1
    const Bet b = place(m_bob); // 2
    resolve(a); // 3
    resolve(b); // 4
    QVERIFY(m_receiver->waitForAccepted(4, QStringLiteral("/all")));
    QVERIFY(m_receiver->waitForAccepted(2, QStringLiteral("/resolved")));
    QVERIFY(m_receiver->waitForAccepted(2, QStringLiteral("/bob")));
    QCOMPARE(seqsOf(m_receiver->accepted(QStringLiteral("/resolved"))), (QList<qint64> { 3, 4 }));
    QCOMPARE(seqsOf(m_receiver->accepted(QStringLiteral("/bob"))), (QList<qint64> { 2, 4 }));
    // Filtered events are done for the endpoint: its cursor moves past them without a request.
    QVERIFY(QTest::qWaitFor([&] { return repo().webhookById(bobOnly).value()->cursorSeq == 4; }, 10000));
    QCOMPARE(repo().webhookById(resolvedOnly).value()->cursorSeq, 4);
    QCOMPARE(m_receiver->requests(QStringLiteral("/bob")).size(), 2);
    Q_UNUSED(everything);
}

void TestWebhookDelivery::privateDestination_refusedWithoutFlag_atRegistrationAndAtDelivery()
{
    QVERIFY(startServer(false));
    for (const QString &url : { m_receiver->url(), QStringLiteral("http://10.0.0.5/hook"),
             QStringLiteral("http://[::1]:9/hook"), QStringLiteral("http://localhost:9/hook"),
             QStringLiteral("http://169.254.169.254/latest/meta-data") }) {
        const HttpReply reply = m_http->post(QStringLiteral("/api/v1/webhooks"),
            { { QStringLiteral("url"), url }, { QStringLiteral("event_types"), allTypes() } }, m_operator.token);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.body.contains("webhooks-allow-private"), reply.body.constData());
    }
    QVERIFY(repo().webhooks().value().isEmpty());

    // A destination that passed registration (a name) and resolves to a private address is refused when
    // curl is about to connect. Stored directly: a public DNS name pointing at 127.0.0.1 is not available here.
    Webhook hook;
    hook.url = m_receiver->url();
    hook.eventTypes = { QStringLiteral("bet_updated") };
    hook.secret = server::WebhookSignature::generateSecret();
    const QString id = repo().addWebhook(hook).value().id;
    place(m_alice);
    QVERIFY(QTest::qWaitFor([&] { return !repo().webhookDeliveries(id, 1).value().isEmpty(); }, 10000));
    const WebhookDelivery refused = repo().webhookDeliveries(id, 1).value().first();
    QCOMPARE(refused.status, 0);
    QVERIFY2(refused.error.contains(QStringLiteral("refused destination 127.0.0.1")), qPrintable(refused.error));
    QVERIFY(m_receiver->requests().isEmpty());
}

void TestWebhookDelivery::tenEndpoints_thousandEvents_commitsNeverWaitForDelivery()
{
    // The request timeout outlasts the whole commit phase, so a commit that waited for a receiver would wait
    // for the held one below.
    QVERIFY(startServer(true, 25, 240000));
    constexpr int kEndpoints = 10;
    constexpr int kBets = 500; // placed and resolved: 1,000 events
    for (int i = 0; i < kEndpoints; ++i)
        QVERIFY(!createHook(QStringLiteral("/e%1").arg(i)).isEmpty());
    // The receiver holds every request: the worker sits in its first one for the whole commit phase.
    m_receiver->setMode({ { QStringLiteral("hold"), true } });
    const TestUser rich[] = { m_server->addUser(QStringLiteral("carol"), Role::Bettor, 100000000),
        m_server->addUser(QStringLiteral("dave"), Role::Bettor, 100000000) };
    QList<Bet> bets;
    bets.reserve(kBets);
    for (int i = 0; i < kBets; ++i)
        bets << place(rich[i % 2]);
    // The worker is stuck in its first request, whichever endpoint it chose to serve first.
    QVERIFY(QTest::qWaitFor([this] { return !m_receiver->requests().isEmpty(); }, 60000));
    for (const Bet &bet : bets)
        resolve(bet);
    // Every commit has returned while delivery is stuck in one request: none of them waited on a receiver.
    QCOMPARE(m_receiver->requests().size(), 1);

    m_receiver->setMode({});
    QList<qint64> expected;
    for (const BetEvent &e : loggedEvents())
        expected << e.seq;
    QCOMPARE(expected.size(), 2 * kBets);
    for (int i = 0; i < kEndpoints; ++i) {
        const QString path = QStringLiteral("/e%1").arg(i);
        QVERIFY2(m_receiver->waitForAccepted(2 * kBets, path, 240000), qPrintable(path));
        // Once each (the held request was answered, so it is not sent again), in seq order.
        QCOMPARE(seqsOf(m_receiver->accepted(path)), expected);
    }
}

QTEST_GUILESS_MAIN(TestWebhookDelivery)
#include "tst_webhookdelivery.moc"
