// RealtimeService end to end: a real server on 127.0.0.1 and real QWebSocket clients. Authentication,
// per-user filtering, feeds and subscribe, client messages, limits, the on/off switch, shutdown, /ws/status.
#include "common/jsoncodec.h"
#include "common/money.h"
#include "common/protocol.h"
#include "server/auth/authenticator.h"
#include "server/auth/tokens.h"
#include "server/core/betservice.h"
#include "server/realtime/realtimeservice.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/rawwsclient.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

namespace {
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_log << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
    if (type != QtDebugMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}
// Debug output of the ws category on, whatever QT_LOGGING_RULES says.
void enableWsDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrcmp(category->categoryName(), "betthat.server.ws") == 0)
        category->setEnabled(QtDebugMsg, true);
}

// What a server close frame said, read on the wire (QWebSocket cannot be used for 1013: see below).
struct WireClose
{
    int status = 0; // HTTP status of the handshake
    int code = -1;
    QString reason;
};
WireClose rawConnect(quint16 port, const QString &token, const QString &userId = {},
    const QByteArray &fromAddress = {})
{
    RawWsClient raw;
    raw.setSourceAddress(fromAddress);
    QByteArray target = "/ws/bet-updates?token=" + token.toUtf8();
    if (!userId.isEmpty())
        target += "&user_id=" + userId.toUtf8();
    WireClose result;
    raw.handshake(port, target);
    result.status = raw.status();
    if (result.status == 101 && raw.readUntilClosed(5000)) {
        result.code = raw.closeCode();
        result.reason = raw.closeReason();
    }
    return result;
}

// Qt's QWebSocket (every version so far) rejects received close codes 1012-2999, 1013 among them: it reports
// 1002 with the reason "Invalid close code 1002 detected." and the server's code and reason are lost. What a
// Qt client can rely on is "not 4401/4403, so reconnect with backoff" (docs/PROTOCOL.md).
constexpr int kQtSeesTryAgainLaterAs = 1002;
} // namespace

class TestRealtimeService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_alice, m_bob, m_carol, m_operator;

    // Short intervals, generous rate limit unless a test is about it.
    static RealtimeConfig fastConfig()
    {
        RealtimeConfig config;
        config.pingIntervalMs = 60'000;
        config.feedPollIntervalMs = 200;
        config.newConnectionsPerUserPerSecond = 1000;
        config.newConnectionsPerUserBurst = 1000;
        config.closeGraceMs = 2000;
        return config;
    }

    bool startServer(const RealtimeConfig &realtime = fastConfig(), const RateLimitConfig &limits = {})
    {
        ServerConfig config;
        config.realtime = realtime;
        config.rateLimits = limits;
        m_server = std::make_unique<TestServer>(config);
        if (!m_server->start())
            return false;
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_bob = m_server->addUser(QStringLiteral("bob"));
        m_carol = m_server->addUser(QStringLiteral("carol"));
        m_operator = m_server->addUser(QStringLiteral("olivia"), Role::Operator);
        return true;
    }

    std::unique_ptr<WsRecorder> open(
        const TestUser &user, const QString &userId = {}, std::optional<qint64> sinceSeq = std::nullopt)
    {
        auto client = std::make_unique<WsRecorder>();
        client->open(WsRecorder::betUpdatesUrl(m_server->port(), user.token, userId, sinceSeq));
        return client;
    }

    // Opens and waits for connection_established; null if that did not happen.
    std::unique_ptr<WsRecorder> connectAs(const TestUser &user, const QString &userId = {})
    {
        auto client = open(user, userId);
        if (!client->waitForType(QStringLiteral("connection_established")))
            return nullptr;
        return client;
    }

    RealtimeService &realtime() { return *m_server->server().realtime(); }
    Repository &repository() { return m_server->server().repository(); }
    HttpClient http() { return HttpClient(m_server->baseUrl()); }

    QList<qint64> seqsOf(const QString &userId)
    {
        EventQuery query;
        query.userId = userId;
        query.limit = 10000;
        QList<qint64> seqs;
        const QList<BetEvent> events = repository().events(query).value();
        for (const BetEvent &event : events)
            seqs << event.seq;
        return seqs;
    }

    Bet resolve(const Bet &bet, BetResult result = BetResult::Win)
    {
        const auto resolved = m_server->server().service().resolve(
            m_operator.user, bet.id, result, QStringLiteral("final score"));
        if (!resolved)
            qFatal("resolve: %s", qPrintable(resolved.error().message));
        return *resolved;
    }

    static QJsonObject msg(const QString &type, const QJsonObject &extra = {})
    {
        QJsonObject message = extra;
        message.insert(QStringLiteral("type"), type);
        return message;
    }

private Q_SLOTS:
    void cleanup() { m_server.reset(); }

    // --- authentication

    void connect_withoutOrWithBadToken_closes4401_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("no token") << QString();
        QTest::newRow("unknown token") << QStringLiteral("not-a-real-token");
    }

    void connect_withoutOrWithBadToken_closes4401()
    {
        QFETCH(QString, token);
        QVERIFY(startServer());
        WsRecorder client;
        client.open(WsRecorder::betUpdatesUrl(m_server->port(), token));
        QVERIFY(client.waitDisconnected());
        QCOMPARE(client.closeCode(), int(protocol::Unauthorized));
        QVERIFY(!client.closeReason().isEmpty());
        QVERIFY(client.messages().isEmpty()); // nothing, not even connection_established
        QCOMPARE(realtime().connectionCount(), 0);
    }

    void connect_bettorAskingForAnotherUser_closes4403()
    {
        QVERIFY(startServer());
        auto client = open(m_alice, m_bob.user.id);
        QVERIFY(client->waitDisconnected());
        QCOMPARE(client->closeCode(), int(protocol::Forbidden));
        QVERIFY(client->closeReason().contains(QLatin1String("own")));
        QVERIFY(client->messages().isEmpty());
    }

    void connect_badParameters_closes1008_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("asOperator");
        QTest::addColumn<QString>("named"); // the parameter the close reason must name
        QTest::newRow("operator with a malformed user_id")
            << QStringLiteral("user_id=no%20such%20id!") << true << QStringLiteral("user_id");
        QTest::newRow("bettor with a malformed user_id: 1008, not 4403")
            << QStringLiteral("user_id=no%20such%20id!") << false << QStringLiteral("user_id");
        QTest::newRow("since_seq not a number") << QStringLiteral("since_seq=abc") << true << QStringLiteral("since_seq");
        QTest::newRow("since_seq negative") << QStringLiteral("since_seq=-4") << true << QStringLiteral("since_seq");
        QTest::newRow("misspelt since_seq") << QStringLiteral("sinceseq=0") << false << QStringLiteral("sinceseq");
        QTest::newRow("polling's since is not a feed parameter")
            << QStringLiteral("since=2026-12-06T10:00:00.000Z") << false << QStringLiteral("since");
        QTest::newRow("unknown parameter") << QStringLiteral("types=bet_resolved") << true << QStringLiteral("types");
        QTest::newRow("filter: unknown type") << QStringLiteral("type=bet_won") << false << QStringLiteral("type");
        QTest::newRow("filter: empty market") << QStringLiteral("market=") << true << QStringLiteral("market");
        QTest::newRow("filter: unknown status") << QStringLiteral("status=open") << false << QStringLiteral("status");
        QTest::newRow("repeated user_id")
            << QStringLiteral("user_id=alice&user_id=alice") << false << QStringLiteral("user_id");
        QTest::newRow("repeated since_seq") << QStringLiteral("since_seq=1&since_seq=2") << true
                                            << QStringLiteral("since_seq");
    }

    void connect_badParameters_closes1008()
    {
        QFETCH(QString, query);
        QFETCH(bool, asOperator);
        QFETCH(QString, named);
        QVERIFY(startServer());
        // On the wire: QWebSocket keeps the code but the reason is what names the mistake.
        RawWsClient raw;
        const QByteArray target = "/ws/bet-updates?" + query.toUtf8() + "&token="
            + (asOperator ? m_operator.token : m_alice.token).toUtf8();
        QVERIFY(raw.handshake(m_server->port(), target));
        QCOMPARE(raw.status(), 101);
        QVERIFY(raw.readUntilClosed(5000));
        QCOMPARE(raw.closeCode(), int(protocol::PolicyViolation));
        QVERIFY2(raw.closeReason().contains(named), qPrintable(raw.closeReason()));
        QVERIFY(raw.textMessages().isEmpty()); // refused before connection_established: no feed, no replay
    }

    void connect_repeatedUserIdNamingSomeoneElse_isRefused_notServedForTheFirst()
    {
        QVERIFY(startServer());
        RawWsClient raw;
        QVERIFY(raw.handshake(m_server->port(),
            "/ws/bet-updates?user_id=bob&user_id=alice&token=" + m_bob.token.toUtf8()));
        QVERIFY(raw.readUntilClosed(5000));
        QCOMPARE(raw.closeCode(), int(protocol::PolicyViolation));
        QVERIFY(raw.textMessages().isEmpty());
    }

    void upgrade_onAnotherPath_isRefused_andRunsNothing_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("GET /healthz") << QByteArray("GET /healthz?token=TOKEN HTTP/1.1\r\n");
        QTest::newRow("GET /api/v1/me") << QByteArray("GET /api/v1/me?token=TOKEN HTTP/1.1\r\n");
        QTest::newRow("POST /api/v1/bets") << QByteArray("POST /api/v1/bets HTTP/1.1\r\n");
    }

    void upgrade_onAnotherPath_isRefused_andRunsNothing()
    {
        QFETCH(QByteArray, request);
        QVERIFY(startServer());
        const int betsBefore = int(repository().bets({}).value().size());
        const QByteArray body
            = R"({"event_name":"Upgrade FC v Path United","market":"Match winner","selection":"Draw","odds":"3.00","stake":100})";
        request.replace("TOKEN", m_alice.token.toUtf8());
        request += "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                   "Authorization: Bearer " + m_alice.token.toUtf8() + "\r\nContent-Type: application/json\r\n"
                   "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(request);
        // The server runs on this thread: wait in its event loop, never in a blocking read.
        QSignalSpy ready(&socket, &QTcpSocket::readyRead);
        QByteArray answer;
        while (!answer.contains("\r\n\r\n") && (socket.bytesAvailable() > 0 || ready.wait(5000)))
            answer += socket.readAll();
        QVERIFY2(!answer.isEmpty(), "no answer");
        // Whatever Qt does with the socket afterwards, the answer is no 101, and a feed frame never follows.
        QVERIFY2(!answer.startsWith("HTTP/1.1 101"), answer.constData());
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        // Barrier: a real feed on the same server answers, and nothing was placed meanwhile.
        auto alice = connectAs(m_alice);
        QVERIFY(alice);
        QCOMPARE(int(repository().bets({}).value().size()), betsBefore);
    }

    void connect_bearerHeader_isAccepted_firstMessageIsConnectionEstablished()
    {
        QVERIFY(startServer());
        m_server->placeBet(m_alice);
        WsRecorder client;
        client.open(WsRecorder::betUpdatesUrl(m_server->port(), QString()), m_alice.token);
        QVERIFY(client.waitForType(QStringLiteral("connection_established")));
        const QJsonObject first = client.messages().first();
        QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("connection_established"));
        QCOMPARE(first.value(QStringLiteral("user_id")).toString(), m_alice.user.id); // no user_id: own feed
        QCOMPARE(first.value(QStringLiteral("last_seq")).toInteger(), repository().lastSeq().value());
        QVERIFY(parseIsoUtc(first.value(QStringLiteral("server_time")).toString()).isValid());
        QVERIFY(client.isConnected());
    }

    void connect_operatorWithoutUserId_getsGlobalFeed()
    {
        QVERIFY(startServer());
        auto client = connectAs(m_operator);
        QVERIFY(client);
        QVERIFY(client->messages().first().value(QStringLiteral("user_id")).isNull());
    }

    void upgradeUrl_tokenNeverLogged()
    {
        QVERIFY(startServer());
        g_log.clear();
        g_previousFilter = QLoggingCategory::installFilter(enableWsDebug);
        g_previousHandler = qInstallMessageHandler(captureLog);
        {
            auto client = connectAs(m_alice);
            QVERIFY(client);
            m_server->placeBet(m_alice);
            QVERIFY(client->waitForEventSeq(repository().lastSeq().value()));
            WsRecorder bad;
            bad.open(WsRecorder::betUpdatesUrl(m_server->port(), QStringLiteral("secret-but-wrong-token")));
            QVERIFY(bad.waitDisconnected());
        }
        qInstallMessageHandler(g_previousHandler);
        QLoggingCategory::installFilter(g_previousFilter);
        const QString all = g_log.join(QLatin1Char('\n'));
        QVERIFY2(
            all.contains(QLatin1String("betthat.server.ws")), "expected debug output of the ws category");
        QVERIFY(all.contains(QLatin1String("REDACTED")));
        QVERIFY(!all.contains(m_alice.token));
        QVERIFY(!all.contains(QLatin1String("secret-but-wrong-token")));
    }

    void plainHttpGet_onUpgradePath_gets426()
    {
        QVERIFY(startServer());
        const HttpReply reply = http().get(QStringLiteral("/ws/bet-updates"), m_alice.token);
        QCOMPARE(reply.status, 426);
        QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    }

    // --- delivery and filtering

    void mixedStream_eachBettorGetsExactlyTheirEvents_operatorsGetTheirFeeds()
    {
        QVERIFY(startServer());
        auto alice = connectAs(m_alice);
        auto bob = connectAs(m_bob);
        auto carol = connectAs(m_carol);
        auto global = connectAs(m_operator);
        auto watchingBob = connectAs(m_operator, m_bob.user.id);
        QVERIFY(alice && bob && carol && global && watchingBob);

        const QList<TestUser> bettors { m_alice, m_bob, m_carol };
        QList<Bet> placed;
        // An uneven mix so per-user sets differ in size and interleave: 150 placements, 75 resolutions.
        for (int i = 0; i < 150; ++i)
            placed << m_server->placeBet(bettors.at((i * 7 + i / 5) % 3), 100 + i);
        for (int i = 0; i < placed.size(); i += 2)
            resolve(placed.at(i), i % 4 == 0 ? BetResult::Win : BetResult::Loss);
        const qint64 last = repository().lastSeq().value();
        QCOMPARE(last, qint64(225));

        QVERIFY(global->waitForEventSeq(last, 10000));
        QVERIFY(alice->waitForEventSeq(seqsOf(m_alice.user.id).last(), 5000));
        QVERIFY(bob->waitForEventSeq(seqsOf(m_bob.user.id).last(), 5000));
        QVERIFY(carol->waitForEventSeq(seqsOf(m_carol.user.id).last(), 5000));
        QVERIFY(watchingBob->waitForEventSeq(seqsOf(m_bob.user.id).last(), 5000));
        // Barrier, not a sleep: anything sent to a client before its pong (a duplicate, another bettor's
        // event) has arrived by now.
        for (WsRecorder *client : { alice.get(), bob.get(), carol.get(), global.get(), watchingBob.get() })
            QVERIFY(client->pingBarrier());

        QList<qint64> all;
        for (qint64 seq = 1; seq <= last; ++seq)
            all << seq;
        QCOMPARE(global->eventSeqs(), all);
        QCOMPARE(alice->eventSeqs(), seqsOf(m_alice.user.id));
        QCOMPARE(bob->eventSeqs(), seqsOf(m_bob.user.id));
        QCOMPARE(carol->eventSeqs(), seqsOf(m_carol.user.id));
        QCOMPARE(watchingBob->eventSeqs(), seqsOf(m_bob.user.id));
        for (const QJsonObject &event : alice->events())
            QCOMPARE(event.value(QStringLiteral("user_id")).toString(), m_alice.user.id);
        QVERIFY(
            alice->eventSeqs().size() > 40 && bob->eventSeqs().size() > 40 && carol->eventSeqs().size() > 40);
    }

    void eventFrames_areTheLogEncoding_identicalToPolling()
    {
        QVERIFY(startServer());
        auto alice = connectAs(m_alice);
        QVERIFY(alice);
        const Bet bet = m_server->placeBet(m_alice);
        resolve(bet);
        QVERIFY(alice->waitForEventSeq(repository().lastSeq().value()));

        EventQuery query;
        query.userId = m_alice.user.id;
        const QList<BetEvent> logged = repository().events(query).value();
        QCOMPARE(alice->events().size(), logged.size());
        const QStringList texts = alice->rawTexts();
        for (int i = 0; i < logged.size(); ++i) // byte for byte: compact json::encode of the stored event
            QCOMPARE(texts.at(i + 1).toUtf8(), json::toBytes(json::encode(logged.at(i))));
        QCOMPARE(
            alice->events().last().value(QStringLiteral("type")).toString(), QStringLiteral("bet_resolved"));

        const HttpReply polled
            = http().get(QStringLiteral("/api/v1/bets/updates?since_seq=0"), m_alice.token);
        QCOMPARE(polled.status, 200);
        const QJsonArray updates = polled.json.value(QStringLiteral("updates")).toArray();
        QCOMPARE(updates.size(), alice->events().size());
        for (int i = 0; i < updates.size(); ++i)
            QCOMPARE(updates.at(i).toObject(), alice->events().at(i));
    }

    // --- client messages

    void ping_getsPong()
    {
        QVERIFY(startServer());
        auto client = connectAs(m_alice);
        QVERIFY(client);
        client->sendJson(msg(QStringLiteral("ping")));
        QVERIFY(client->waitForType(QStringLiteral("pong")));
        const QJsonObject pong = client->ofType(QStringLiteral("pong")).first();
        QVERIFY(parseIsoUtc(pong.value(QStringLiteral("timestamp")).toString()).isValid());
    }

    void subscribe_operatorSwitchesBetweenUserAndGlobalFeed()
    {
        QVERIFY(startServer());
        auto client = connectAs(m_operator);
        QVERIFY(client);
        client->sendJson(
            msg(QStringLiteral("subscribe"), { { QStringLiteral("user_id"), m_alice.user.id } }));
        QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        QCOMPARE(
            client->ofType(QStringLiteral("subscribed")).first().value(QStringLiteral("user_id")).toString(),
            m_alice.user.id);
        m_server->placeBet(m_bob);
        const Bet aliceBet = m_server->placeBet(m_alice);
        QVERIFY(client->waitForEventSeq(repository().lastSeq().value()));
        QCOMPARE(client->events().size(), 1);
        QCOMPARE(client->events().first().value(QStringLiteral("bet_id")).toString(), aliceBet.id);

        client->sendJson(msg(QStringLiteral("subscribe"), { { QStringLiteral("user_id"), QJsonValue() } }));
        QTRY_COMPARE(client->ofType(QStringLiteral("subscribed")).size(), 2);
        QVERIFY(
            client->ofType(QStringLiteral("subscribed")).last().value(QStringLiteral("user_id")).isNull());
        m_server->placeBet(m_bob);
        m_server->placeBet(m_carol);
        QVERIFY(client->waitForEventSeq(repository().lastSeq().value()));
        QCOMPARE(client->eventSeqs(), (QList<qint64> { 2, 3, 4 }));
    }

    void subscribe_bettorToAnotherUser_getsErrorAndKeepsOwnFeed()
    {
        QVERIFY(startServer());
        auto client = connectAs(m_alice);
        QVERIFY(client);
        client->sendJson(msg(QStringLiteral("subscribe"), { { QStringLiteral("user_id"), m_bob.user.id } }));
        QVERIFY(client->waitForType(QStringLiteral("error")));
        QCOMPARE(client->ofType(QStringLiteral("error")).first().value(QStringLiteral("code")).toString(),
            QStringLiteral("forbidden"));
        m_server->placeBet(m_bob);
        m_server->placeBet(m_alice);
        QVERIFY(client->waitForEventSeq(2));
        QCOMPARE(client->eventSeqs(), QList<qint64> { 2 });
        QVERIFY(client->isConnected());

        // Subscribing to themselves (or null) is fine and keeps the own feed.
        client->sendJson(msg(QStringLiteral("subscribe"), { { QStringLiteral("user_id"), QJsonValue() } }));
        QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        QCOMPARE(
            client->ofType(QStringLiteral("subscribed")).first().value(QStringLiteral("user_id")).toString(),
            m_alice.user.id);
    }

    void invalidMessage_getsErrorAndConnectionStaysOpen_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("not json") << QStringLiteral("hello?");
        QTest::newRow("truncated json") << QStringLiteral("{\"type\":");
        QTest::newRow("json array") << QStringLiteral("[1,2,3]");
        QTest::newRow("no type") << QStringLiteral("{\"since_seq\":3}");
        QTest::newRow("unknown type") << QStringLiteral("{\"type\":\"dance\"}");
        QTest::newRow("resume without since_seq") << QStringLiteral("{\"type\":\"resume\"}");
        QTest::newRow("resume with negative since_seq")
            << QStringLiteral("{\"type\":\"resume\",\"since_seq\":-1}");
        QTest::newRow("resume with text since_seq")
            << QStringLiteral("{\"type\":\"resume\",\"since_seq\":\"7\"}");
        QTest::newRow("subscribe with numeric user_id")
            << QStringLiteral("{\"type\":\"subscribe\",\"user_id\":5}");
    }

    void invalidMessage_getsErrorAndConnectionStaysOpen()
    {
        QFETCH(QString, text);
        QVERIFY(startServer());
        auto client = connectAs(m_alice);
        QVERIFY(client);
        client->sendText(text);
        QVERIFY(client->waitForType(QStringLiteral("error")));
        const QJsonObject error = client->ofType(QStringLiteral("error")).first();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        client->sendJson(msg(QStringLiteral("ping")));
        QVERIFY(client->waitForType(QStringLiteral("pong")));
        QVERIFY(client->isConnected());
    }

    void binaryMessage_getsError()
    {
        QVERIFY(startServer());
        auto client = connectAs(m_alice);
        QVERIFY(client);
        client->socket().sendBinaryMessage(QByteArray("{\"type\":\"ping\"}"));
        QVERIFY(client->waitForType(QStringLiteral("error")));
        QVERIFY(client->isConnected());
    }

    void repeatedJunk_closes1008()
    {
        RealtimeConfig config = fastConfig();
        config.maxInvalidMessages = 10;
        QVERIFY(startServer(config));
        auto client = connectAs(m_alice);
        QVERIFY(client);
        for (int i = 0; i < 9; ++i)
            client->sendText(QStringLiteral("junk %1").arg(i));
        QTRY_COMPARE(client->ofType(QStringLiteral("error")).size(), 9);
        QVERIFY(client->isConnected()); // nine is tolerated
        client->sendText(QStringLiteral("one more"));
        QVERIFY(client->waitDisconnected());
        QCOMPARE(client->closeCode(), int(protocol::PolicyViolation));
        QCOMPARE(client->ofType(QStringLiteral("error")).size(), 10);
    }

    void messageSize_limitIs4KiB_beyondCloses1009()
    {
        QVERIFY(startServer());
        auto client = connectAs(m_alice);
        QVERIFY(client);
        // Exactly 4096 bytes is allowed.
        QString padded = QStringLiteral("{\"type\":\"ping\",\"pad\":\"\"}");
        padded.insert(padded.size() - 2,
            QString(protocol::kMaxClientMessageBytes - int(padded.size()), QLatin1Char('x')));
        QCOMPARE(padded.toUtf8().size(), protocol::kMaxClientMessageBytes);
        client->sendText(padded);
        QVERIFY(client->waitForType(QStringLiteral("pong")));
        // One byte more is not.
        padded.insert(padded.size() - 2, QLatin1Char('x'));
        client->sendText(padded);
        QVERIFY(client->waitDisconnected());
        QCOMPARE(client->closeCode(), int(protocol::MessageTooBig));
        QTRY_COMPARE(realtime().connectionCount(), 0);
    }

    // --- limits

    void perUserLimit_closes1013_othersUnaffected_releasedOnClose()
    {
        RealtimeConfig config = fastConfig();
        config.maxConnectionsPerUser = 2;
        QVERIFY(startServer(config));
        auto first = connectAs(m_alice);
        auto second = connectAs(m_alice);
        QVERIFY(first && second);
        const WireClose third = rawConnect(m_server->port(), m_alice.token);
        QCOMPARE(third.status, 101);
        QCOMPARE(third.code, int(protocol::TryAgainLater));
        QCOMPARE(third.reason, QStringLiteral("too many connections for this user"));
        auto bob = connectAs(m_bob);
        QVERIFY(bob);
        QVERIFY(first->isConnected() && second->isConnected());

        first->close();
        QTRY_COMPARE(realtime().connectionCount(), 2); // second alice + bob
        QVERIFY(connectAs(m_alice));
    }

    void totalLimit_closes1013()
    {
        RealtimeConfig config = fastConfig();
        config.maxConnections = 2;
        QVERIFY(startServer(config));
        auto a = connectAs(m_alice);
        auto b = connectAs(m_bob);
        QVERIFY(a && b);
        const WireClose c = rawConnect(m_server->port(), m_carol.token);
        QCOMPARE(c.code, int(protocol::TryAgainLater));
        QCOMPARE(c.reason, QStringLiteral("server connection limit reached"));
        // A Qt client sees the same close through QWebSocket's 1002 quirk.
        auto qtClient = open(m_carol);
        QVERIFY(qtClient->waitDisconnected());
        QCOMPARE(qtClient->closeCode(), kQtSeesTryAgainLaterAs);
        QVERIFY(protocol::closeCodeMeansReconnect(qtClient->closeCode()));
        QCOMPARE(realtime().connectionCount(), 2);
    }

    // Failed handshakes are counted per address: after the allowance the address is refused before any
    // token lookup, even with a good token; a client on another address is not affected.
    void failedHandshakes_blockTheAddress_notOthers()
    {
        RateLimitConfig limits;
        limits.failedAuthPerSecond = 0.001;
        limits.failedAuthBurst = 3;
        QVERIFY(startServer(fastConfig(), limits));
        auto healthy = connectAs(m_bob);
        QVERIFY(healthy);
        for (int i = 0; i < 3; ++i) {
            const WireClose guess = rawConnect(m_server->port(), QStringLiteral("guess-%1").arg(i), {}, "127.0.0.2");
            QCOMPARE(guess.code, int(protocol::Unauthorized));
        }
        const WireClose blocked = rawConnect(m_server->port(), m_alice.token, {}, "127.0.0.2");
        QCOMPARE(blocked.code, int(protocol::TryAgainLater));
        QCOMPARE(blocked.reason, QStringLiteral("too many failed authentications from your address; try again later"));
        // HTTP from 127.0.0.1 keeps working: the block is per address.
        QCOMPARE(http().get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
        // A healthy client on another address connects and keeps receiving.
        auto alice = connectAs(m_alice);
        QVERIFY(alice);
        QVERIFY(healthy->isConnected());
        resolve(m_server->placeBet(m_bob, 100));
        QVERIFY(healthy->waitForType(QStringLiteral("bet_resolved")));
    }

    // A page on another site must not ride on a user's token: a browser Origin not on the allow-list is
    // refused with 1008; an allowed one (compared case-insensitively) and native clients (no Origin) connect.
    void origin_notAllowed_closes1008_allowedAndNativeConnect()
    {
        RealtimeConfig config = fastConfig();
        config.allowedOrigins = QStringLiteral("https://bets.example.test, https://ops.example.test/");
        QVERIFY(startServer(config));
        RawWsClient evil;
        evil.setExtraHeaders("Origin: https://evil.test\r\n");
        QVERIFY(evil.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8()));
        QCOMPARE(evil.status(), 101);
        QVERIFY(evil.readUntilClosed(5000));
        QCOMPARE(evil.closeCode(), int(protocol::PolicyViolation));
        QCOMPARE(evil.closeReason(), QStringLiteral("origin https://evil.test is not allowed to open feeds"));

        RawWsClient allowed;
        allowed.setExtraHeaders("Origin: https://OPS.example.test\r\n");
        QVERIFY(allowed.handshake(m_server->port(), "/ws/bet-updates?token=" + m_bob.token.toUtf8()));
        QCOMPARE(allowed.status(), 101);
        QTRY_COMPARE(realtime().connectionCount(), 1);
        QVERIFY(connectAs(m_carol)); // a native client sends no Origin
        QTRY_COMPARE(realtime().connectionCount(), 2);
    }

    // New connections are limited per user, not per address: one NAT address carries many honest users.
    void newConnectionsPerUser_limited_otherUsersOnTheSameAddressAreNot()
    {
        RealtimeConfig config = fastConfig();
        config.newConnectionsPerUserPerSecond = 0.001;
        config.newConnectionsPerUserBurst = 2;
        QVERIFY(startServer(config));
        auto a = connectAs(m_alice);
        auto b = connectAs(m_alice);
        QVERIFY(a && b);
        const WireClose c = rawConnect(m_server->port(), m_alice.token);
        QCOMPARE(c.code, int(protocol::TryAgainLater));
        QCOMPARE(c.reason, QStringLiteral("too many new connections for this user"));
        QVERIFY(connectAs(m_bob));
        QVERIFY(connectAs(m_carol));
        QVERIFY(a->isConnected() && b->isConnected());
    }

    // --- on/off and shutdown

    void disabledByConfig_upgradeRefusedWith503_httpStillWorks()
    {
        RealtimeConfig config = fastConfig();
        config.enabled = false;
        QVERIFY(startServer(config));
        WsRecorder client;
        client.open(WsRecorder::betUpdatesUrl(m_server->port(), m_alice.token));
        QVERIFY(!client.waitConnected(3000));
        QVERIFY(client.messages().isEmpty());

        RawWsClient raw;
        raw.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8());
        QCOMPARE(raw.status(), 503);

        const HttpReply status = http().get(QStringLiteral("/ws/status"), m_alice.token);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json.value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(http().get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
        QTRY_COMPARE(realtime().connectionCount(), 0);
    }

    // Until the feed knows where the log ends, a connection's cursor would be a guess and the log's history
    // would look new: the service refuses with 1013 and pushes nothing old once it can read again.
    void start_logUnreadable_refuses1013UntilHeadKnown_thenOnlyNewEvents()
    {
        QTemporaryDir dir;
        SqliteRepository repo(dir.filePath(QStringLiteral("rt.sqlite")), QStringLiteral("rt-unreadable"));
        QVERIFY(repo.open().ok());
        User dana;
        dana.id = QStringLiteral("dana");
        dana.displayName = QStringLiteral("Dana");
        const QString token = generateToken();
        QVERIFY(repo.addUser(dana, hashToken(token)).ok());
        QVERIFY(repo.deposit(dana.id, 100'000, dana.currency).ok());
        BetService service(repo, repo, BetRules(), systemClock());
        NewBet bet;
        bet.eventName = QStringLiteral("Porto v Braga");
        bet.market = QStringLiteral("Match winner");
        bet.selection = QStringLiteral("Porto");
        bet.odds = *parseOdds(QStringLiteral("2.00"));
        bet.stake = 100;
        QVERIFY(service.place(dana, bet).ok());
        QVERIFY(service.place(dana, bet).ok()); // seq 1 and 2: history

        auto fault = std::make_unique<SqliteReadFault>(
            repo.database(), QStringList { QStringLiteral("sqlite_sequence"), QStringLiteral("events") });
        QHttpServer http;
        Authenticator authenticator(repo);
        RealtimeConfig config = fastConfig();
        config.feedPollIntervalMs = 20;
        RealtimeService realtime(http, repo, authenticator, config, systemClock());
        connect(&service, &BetService::eventCommitted, &realtime, &RealtimeService::onEventCommitted);
        const quint16 port = http.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);

        const WireClose refused = rawConnect(port, token);
        QCOMPARE(refused.status, 101);
        QCOMPARE(refused.code, int(protocol::TryAgainLater));
        QVERIFY2(refused.reason.contains(QStringLiteral("event log")), qPrintable(refused.reason));

        fault.reset();
        QTRY_COMPARE_WITH_TIMEOUT(realtime.deliveredSeq(), qint64(2), 2000);
        WsRecorder client;
        client.open(WsRecorder::betUpdatesUrl(port, token));
        QVERIFY(client.waitForType(QStringLiteral("connection_established")));
        QCOMPARE(client.messages().first().value(QStringLiteral("last_seq")).toInteger(), 2);
        QVERIFY(service.place(dana, bet).ok());
        QVERIFY(client.waitForEventSeq(3));
        QVERIFY(client.pingBarrier()); // history (1, 2) pushed by mistake would be before the pong
        QCOMPARE(client.eventSeqs(), (QList<qint64> { 3 }));
        realtime.shutdown();
    }

    void runtimeSwitch_offClosesWith1013AndRefuses_onAcceptsAgain()
    {
        QVERIFY(startServer());
        auto alice = connectAs(m_alice);
        QVERIFY(alice);

        RawWsClient rawAlice;
        QVERIFY(rawAlice.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8()));
        QTRY_COMPARE(realtime().connectionCount(), 2);

        m_server->server().setRealtimeEnabled(false);
        QVERIFY(alice->waitDisconnected());
        QCOMPARE(alice->closeCode(), kQtSeesTryAgainLaterAs);
        QVERIFY(rawAlice.readUntilClosed());
        QCOMPARE(rawAlice.closeCode(), int(protocol::TryAgainLater));
        QVERIFY(rawAlice.closeReason().contains(QLatin1String("disabled")));
        RawWsClient raw;
        raw.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8());
        QCOMPARE(raw.status(), 503);
        QCOMPARE(http().get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
        m_server->placeBet(m_alice); // committed while off: a resume finds it later

        m_server->server().setRealtimeEnabled(true);
        auto again = open(m_alice, QString(), 0);
        QVERIFY(again->waitForEventSeq(1));
        m_server->placeBet(m_alice);
        QVERIFY(again->waitForEventSeq(2));
        QCOMPARE(again->eventSeqs(), (QList<qint64> { 1, 2 }));
        QCOMPARE(realtime().connectionCount(), 1);
    }

    void shutdown_closesEverySocketWith1001()
    {
        QVERIFY(startServer());
        auto alice = connectAs(m_alice);
        auto op = connectAs(m_operator);
        QVERIFY(alice && op);
        m_server->stop();
        QVERIFY(alice->waitDisconnected());
        QVERIFY(op->waitDisconnected());
        QCOMPARE(alice->closeCode(), int(protocol::GoingAway));
        QCOMPARE(op->closeCode(), int(protocol::GoingAway));
        QVERIFY(!alice->closeReason().isEmpty());
    }

    // --- /ws/status

    void status_requiresAuthentication()
    {
        QVERIFY(startServer());
        const HttpReply reply = http().get(QStringLiteral("/ws/status"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(http().get(QStringLiteral("/ws/status"), QStringLiteral("wrong")).status, 401);
    }

    void status_countsChange_userIdsOnlyForOperators()
    {
        QVERIFY(startServer());
        const QJsonObject before = http().get(QStringLiteral("/ws/status"), m_operator.token).json;
        QCOMPARE(before.value(QStringLiteral("active_connections")).toInt(), 0);
        QCOMPARE(before.value(QStringLiteral("active_users")).toInt(), 0);
        QCOMPARE(before.value(QStringLiteral("active_user_ids")).toArray(), QJsonArray());
        QCOMPARE(before.value(QStringLiteral("enabled")).toBool(), true);

        auto a1 = connectAs(m_alice);
        auto a2 = connectAs(m_alice);
        auto b = connectAs(m_bob);
        auto op = connectAs(m_operator);
        QVERIFY(a1 && a2 && b && op);
        m_server->placeBet(m_alice);
        QVERIFY(op->waitForEventSeq(1));
        QVERIFY(a2->waitForEventSeq(1));
        a1->sendJson(msg(QStringLiteral("ping")));
        QVERIFY(a1->waitForType(QStringLiteral("pong")));

        const HttpReply asOperator = http().get(QStringLiteral("/ws/status"), m_operator.token);
        QCOMPARE(asOperator.status, 200);
        const QJsonObject status = asOperator.json;
        QCOMPARE(status.value(QStringLiteral("active_connections")).toInt(), 4);
        QCOMPARE(status.value(QStringLiteral("active_users")).toInt(), 3);
        QCOMPARE(status.value(QStringLiteral("active_user_ids")).toArray(),
            QJsonArray({ QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("olivia") }));
        QCOMPARE(status.value(QStringLiteral("global_feed_connections")).toInt(), 1);
        const QJsonObject sent = status.value(QStringLiteral("messages_sent")).toObject();
        QCOMPARE(sent.value(QStringLiteral("connection_established")).toInt(), 4);
        QCOMPARE(
            sent.value(QStringLiteral("bet_updated")).toInt(), 3); // two alice connections + the operator
        QCOMPARE(sent.value(QStringLiteral("pong")).toInt(), 1);
        QCOMPARE(status.value(QStringLiteral("last_seq")).toInteger(), qint64(1));
        QVERIFY(status.value(QStringLiteral("uptime_ms")).toInteger() >= 0);
        for (const char *key : { "resumes_served", "resyncs", "slow_consumer_closes", "keepalive_drops" })
            QVERIFY2(status.contains(QLatin1String(key)), key);

        // A bettor sees her own connections and the feed's state, nothing system-wide.
        const HttpReply asBettor = http().get(QStringLiteral("/ws/status"), m_bob.token);
        QCOMPARE(asBettor.status, 200);
        const QJsonObject own = asBettor.json.value(QStringLiteral("user")).toObject();
        QCOMPARE(own.value(QStringLiteral("id")).toString(), QStringLiteral("bob"));
        QCOMPARE(own.value(QStringLiteral("connections")).toInt(), 1);
        QCOMPARE(asBettor.json.value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(asBettor.json.value(QStringLiteral("last_seq")).toInteger(), qint64(1));
        for (const char *systemWide : { "active_connections", "active_users", "active_user_ids",
                 "global_feed_connections", "messages_sent", "closes_by_code", "resyncs", "connections_accepted" })
            QVERIFY2(!asBettor.json.contains(QLatin1String(systemWide)), systemWide);
        QVERIFY(!asBettor.body.contains("alice"));

        // A resume and a resync show up.
        auto resumer = open(m_bob, QString(), 0);
        QVERIFY(resumer->waitForType(QStringLiteral("connection_established")));
        auto ahead = open(m_carol, QString(), 99);
        QVERIFY(ahead->waitForType(QStringLiteral("resync_required")));
        a1->close();
        QTRY_COMPARE(realtime().connectionCount(), 5);
        const QJsonObject after = http().get(QStringLiteral("/ws/status"), m_operator.token).json;
        QCOMPARE(after.value(QStringLiteral("resumes_served")).toInt(), 1);
        QCOMPARE(after.value(QStringLiteral("resyncs")).toInt(), 1);
        QCOMPARE(after.value(QStringLiteral("active_connections")).toInt(), 5);
        QCOMPARE(after.value(QStringLiteral("messages_sent"))
                     .toObject()
                     .value(QStringLiteral("resync_required"))
                     .toInt(),
            1);
        QVERIFY(after.value(QStringLiteral("uptime_ms")).toInteger()
            >= status.value(QStringLiteral("uptime_ms")).toInteger());
    }

    void status_extensionProviders_addSections_cannotReplaceBuiltIns()
    {
        QVERIFY(startServer());
        int calls = 0;
        realtime().addStatusProvider(QStringLiteral("email"), [&calls] {
            ++calls;
            return QJsonObject { { QStringLiteral("sent"), 3 } };
        });
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("status provider resyncs refused")));
        realtime().addStatusProvider(QStringLiteral("resyncs"), [] { return QJsonValue(12345); });
        const QJsonObject status = http().get(QStringLiteral("/ws/status"), m_operator.token).json;
        QCOMPARE(status.value(QStringLiteral("email")).toObject().value(QStringLiteral("sent")).toInt(), 3);
        QCOMPARE(status.value(QStringLiteral("resyncs")).toInt(), 0);
        QCOMPARE(calls, 1);
        // Sections from other modules (the mail queue, webhooks) are system-wide: operators only.
        const QJsonObject asBettor = http().get(QStringLiteral("/ws/status"), m_alice.token).json;
        QVERIFY(!asBettor.contains(QStringLiteral("email")));
        QCOMPARE(calls, 1);
    }
};

QTEST_GUILESS_MAIN(TestRealtimeService)
#include "tst_realtimeservice.moc"
