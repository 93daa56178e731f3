// The guarded edge end to end: for each guard a raw-socket client that misbehaves, on a real server on
// 127.0.0.1, next to a healthy client that must keep getting /healthz answers and its WebSocket events.
// Timeouts are set small through the config; waits are QTRY / qWaitFor on what the server did, never sleeps.
#include "server/edge/edgelistener.h"
#include "server/storage/repository.h"
#include "tests/support/httpclient.h"
#include "tests/support/rawhttpclient.h"
#include "tests/support/rawwsclient.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>
#include <QTimer>
#include <memory>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

namespace {

ServerConfig edgeTestConfig()
{
    ServerConfig config;
    config.edge.headerTimeoutMs = 400;
    config.edge.bodyTimeoutMs = 400;
    config.edge.idleTimeoutMs = 500;
    config.edge.pipelineStallTimeoutMs = 500;
    config.edge.handshakeTimeoutMs = 2000;
    config.edge.lingerMs = 3000; // long enough for a test client to read the answer after it stopped reading
    config.edge.maxPendingAnswerBytes = 8 * 1024;
    config.edge.acceptRetryMs = 50;
    config.edge.raiseFileLimit = false;
    config.maxBodyBytes = 64 * 1024;
    config.realtime.maxPendingBytes = 64 * 1024;
    // Small kernel send buffers, so answers and pongs a client never reads reach Qt's buffer soon.
    config.realtime.socketSendBufferBytes = 4096;
    return config;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    return -1;
}

int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

QByteArray upgradeTarget(const TestUser &user)
{
    return "/ws/bet-updates?token=" + user.token.toUtf8();
}

} // namespace

class TestEdgeListener : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    TestUser m_alice;
    TestUser m_bob;
    std::unique_ptr<WsRecorder> m_aliceFeed; // the healthy WebSocket client

    EdgeListener &edge() { return *m_server->server().edge(); }
    quint16 port() const { return m_server->port(); }

    // The healthy neighbour: /healthz answers and alice's feed gets her next event.
    void verifyHealthyClientServed()
    {
        HttpClient http(m_server->baseUrl(), 5000);
        QCOMPARE(http.get(QStringLiteral("/healthz")).status, 200);
        m_server->placeBet(m_alice);
        const qint64 last = m_server->server().repository().lastSeq().value();
        QVERIFY(m_aliceFeed->waitForEventSeq(last, 5000));
        QVERIFY(m_aliceFeed->isConnected());
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>(edgeTestConfig());
        QVERIFY(m_server->start());
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_bob = m_server->addUser(QStringLiteral("bob"));
        m_aliceFeed = std::make_unique<WsRecorder>();
        m_aliceFeed->open(WsRecorder::betUpdatesUrl(port(), m_alice.token));
        QVERIFY(m_aliceFeed->waitForType(QStringLiteral("connection_established")));
    }

    void cleanup()
    {
        m_aliceFeed.reset();
        m_server.reset();
    }

    void hugeContentLength_413BeforeTheBody()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n"
                 "Content-Type: application/json\r\n\r\n");
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.status(), 413);
        QVERIFY(bad.received().contains("payload_too_large"));
        verifyHealthyClientServed();
    }

    void longRequestLine_414()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send("GET /" + QByteArray(100 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.status(), 414);
        verifyHealthyClientServed();
    }

    void headers_431_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QByteArray fields;
        for (int i = 0; i < 200; ++i)
            fields += "X-Field-" + QByteArray::number(i) + ": y\r\n";
        QTest::newRow("200 header fields") << fields;
        QTest::newRow("one 50 KB header") << QByteArray("X-Big: " + QByteArray(50 * 1024, 'b') + "\r\n");
    }

    void headers_431()
    {
        QFETCH(QByteArray, headers);
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send("GET /healthz HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.status(), 431);
        verifyHealthyClientServed();
    }

    void malformedFraming_refusedAndClosed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("duplicate Content-Length")
            << QByteArray("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}") << 400;
        QTest::newRow("Content-Length 18446744073709551615")
            << QByteArray("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551615\r\n\r\n{}")
            << 400;
        QTest::newRow("bare LF line endings") << QByteArray("GET /healthz HTTP/1.1\nHost: x\n\n") << 400;
        QTest::newRow("LF-only upgrade request")
            << QByteArray("GET /ws/bet-updates HTTP/1.1\nHost: x\nUpgrade: websocket\nConnection: Upgrade\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13\n\n")
            << 400;
        QTest::newRow("Content-Length with chunked")
            << QByteArray("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n")
            << 400;
        QTest::newRow("unknown Transfer-Encoding")
            << QByteArray("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    }

    void malformedFraming_refusedAndClosed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send(request);
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.status(), status);
        QCOMPARE(edge().stats().httpRefusals.value(status), qint64(1));
        verifyHealthyClientServed();
    }

    void chunkedBody_countedWhileArriving_413()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk = QByteArray::number(16 * 1024, 16) + "\r\n" + QByteArray(16 * 1024, 'x') + "\r\n";
        for (int i = 0; i < 8; ++i) // 128 KiB against a 64 KiB limit
            bad.send(chunk);
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.status(), 413);
        verifyHealthyClientServed();
    }

    void streamed100MbBody_closedEarly_memoryFlat()
    {
        const qint64 before = residentKiB();
        QVERIFY(before > 0);
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send("POST /api/v1/bets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk = QByteArray::number(64 * 1024, 16) + "\r\n" + QByteArray(64 * 1024, 'x') + "\r\n";
        constexpr qint64 kTotal = 100LL * 1024 * 1024;
        qint64 queued = 0;
        // Our own client keeps at most 1 MB queued, so what the process holds is the server's doing.
        const bool stopped = QTest::qWaitFor(
            [&] {
                while (queued < kTotal && bad.isConnected() && bad.socket().bytesToWrite() < 1024 * 1024) {
                    bad.socket().write(chunk);
                    queued += chunk.size();
                }
                return queued >= kTotal || !bad.isConnected();
            },
            60000);
        QVERIFY(stopped);
        QVERIFY(bad.readUntilClosed());
        QVERIFY2(queued < kTotal, "the server read the whole 100 MB");
        QCOMPARE(edge().stats().httpRefusals.value(413), qint64(1));
        const qint64 grownKiB = residentKiB() - before;
        QVERIFY2(grownKiB < 50 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(grownKiB)));
        verifyHealthyClientServed();
    }

    void slowLoris_headerTimeout_408()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + QByteArray(400, 's') + "\r\n\r\n";
        int sent = 0;
        // One byte per turn of a 20 ms timer: the head never completes within the header timeout.
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, this, [&] {
            if (sent < request.size() && bad.isConnected())
                bad.send(request.mid(sent++, 1));
        });
        trickle.start(20);
        QVERIFY(bad.readUntilClosed());
        trickle.stop();
        QCOMPARE(bad.status(), 408);
        QVERIFY(sent < request.size());
        QCOMPARE(edge().stats().headerTimeouts, qint64(1));
        verifyHealthyClientServed();
    }

    void silentConnection_closedAtTheHeaderTimeout()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        QVERIFY(bad.readUntilClosed());
        QVERIFY(bad.received().isEmpty());
        QCOMPARE(edge().stats().headerTimeouts, qint64(1));
        verifyHealthyClientServed();
    }

    void idleKeepAlive_closedAtTheIdleTimeout()
    {
        RawHttpClient idle;
        QVERIFY(idle.connectTo(port()));
        idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(idle.readAnswers(1));
        QCOMPARE(idle.status(), 200);
        QVERIFY(idle.readUntilClosed());
        QCOMPARE(idle.answersReceived(), 1);
        QCOMPARE(edge().stats().idleCloses, qint64(1));
        verifyHealthyClientServed();
    }

    void pipelinedAnswersNeverRead_pausedThenClosed()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port(), 4096));
        bad.stopReading();
        constexpr int kRequests = 3000;
        QByteArray requests;
        for (int i = 0; i < kRequests; ++i)
            requests += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        bad.socket().write(requests);
        QTRY_VERIFY_WITH_TIMEOUT(edge().stats().pipelinePauses >= 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(edge().stats().pipelineStallCloses >= 1, 10000);
        QVERIFY(bad.readUntilClosed());
        QVERIFY2(bad.answersReceived() < kRequests,
            qPrintable(QStringLiteral("%1 answers arrived").arg(bad.answersReceived())));
        verifyHealthyClientServed();
    }

    void pipelinedAnswersReadLate_allAnswered()
    {
        // The same pause, then the client reads after all: reading resumes and every request is answered.
        RawHttpClient slow;
        QVERIFY(slow.connectTo(port(), 4096));
        slow.stopReading();
        constexpr int kRequests = 500;
        QByteArray requests;
        for (int i = 0; i < kRequests; ++i)
            requests += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        slow.socket().write(requests);
        QTRY_VERIFY_WITH_TIMEOUT(edge().stats().pipelinePauses >= 1, 10000);
        QVERIFY(slow.readAnswers(kRequests));
        QCOMPARE(slow.answersReceived(), kRequests);
        QVERIFY(slow.isConnected());
        QCOMPARE(edge().stats().pipelineStallCloses, qint64(0));
        verifyHealthyClientServed();
    }

    void wsUnmaskedFrame_1002()
    {
        RawWsClient bad;
        QVERIFY(bad.handshake(port(), upgradeTarget(m_bob)));
        bad.sendFrame(1, R"({"type":"ping"})", false);
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.closeCode(), 1002);
        QTRY_VERIFY(!bad.isConnected());
        QCOMPARE(edge().stats().wsCloses.value(1002), qint64(1));
        verifyHealthyClientServed();
    }

    void wsFrameAboveTheLimit_1009BeforeItsPayload()
    {
        RawWsClient bad;
        QVERIFY(bad.handshake(port(), upgradeTarget(m_bob)));
        // A binary frame header claiming 1 GB, and none of the payload.
        bad.socket().write(QByteArray("\x82\xFF\x00\x00\x00\x00\x40\x00\x00\x00\x01\x02\x03\x04", 14));
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.closeCode(), 1009);
        QTRY_VERIFY(!bad.isConnected());
        verifyHealthyClientServed();
    }

    void wsPingFloodNeverRead_4008()
    {
        RawWsClient bad;
        QVERIFY(bad.handshake(port(), upgradeTarget(m_bob), 4096));
        const QByteArray payload(125, 'p');
        // Pings until the edge has had enough of pongs piling up; Qt answers every one by itself.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (bad.isConnected() && bad.socket().bytesToWrite() < 256 * 1024)
                    for (int i = 0; i < 200; ++i)
                        bad.sendFrame(9, payload);
                return edge().stats().wsSlowConsumerCloses >= 1;
            }(),
            20000);
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.closeCode(), 4008);
        QTRY_VERIFY(!bad.isConnected());
        verifyHealthyClientServed();
    }

    void wsStalledHandshake_closed()
    {
        RawHttpClient bad;
        QVERIFY(bad.connectTo(port()));
        bad.send("GET " + upgradeTarget(m_bob) + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n");
        QVERIFY(bad.readUntilClosed());
        QCOMPARE(bad.status(), 408);
        QCOMPARE(edge().stats().headerTimeouts, qint64(1));
        verifyHealthyClientServed();
    }

    void establishedWebSocket_leavesTheHttpCount()
    {
        // alice's feed is a WebSocket: only the raw client below counts as HTTP.
        RawHttpClient http;
        QVERIFY(http.connectTo(port()));
        QTRY_COMPARE(edge().httpConnectionCount(), 1);
        QTRY_COMPARE(edge().connectionCount(), 2);
    }

    void connectionCaps_503_data()
    {
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("perAddress");
        QTest::newRow("per address") << 100 << 3;
        QTest::newRow("total") << 3 << 100;
    }

    void connectionCaps_503()
    {
        QFETCH(int, total);
        QFETCH(int, perAddress);
        ServerConfig config = edgeTestConfig();
        config.edge.headerTimeoutMs = 30000; // the idle ones below must stay
        config.edge.maxHttpConnections = total;
        config.edge.maxHttpConnectionsPerAddress = perAddress;
        TestServer capped(config);
        QVERIFY(capped.start());
        EdgeListener &cappedEdge = *capped.server().edge();

        std::vector<std::unique_ptr<RawHttpClient>> holders;
        for (int i = 0; i < 3; ++i) {
            holders.push_back(std::make_unique<RawHttpClient>());
            QVERIFY(holders.back()->connectTo(capped.port()));
        }
        QTRY_COMPARE(cappedEdge.httpConnectionCount(), 3);
        RawHttpClient refused;
        QVERIFY(refused.connectTo(capped.port()));
        QVERIFY(refused.readUntilClosed());
        QCOMPARE(refused.status(), 503);
        QVERIFY(refused.received().contains("Retry-After"));

        holders.front().reset(); // room again
        QTRY_COMPARE(cappedEdge.httpConnectionCount(), 2);
        RawHttpClient admitted;
        QVERIFY(admitted.connectTo(capped.port()));
        admitted.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(admitted.readAnswers(1));
        QCOMPARE(admitted.status(), 200);
        verifyHealthyClientServed();
    }

    void startup_raisesTheOpenFileLimitAndSaysWhenItCaps()
    {
        rlimit original {};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
        const auto restore = qScopeGuard([&] { ::setrlimit(RLIMIT_NOFILE, &original); });
        rlimit lowered = original;
        lowered.rlim_cur = qMin<rlim_t>(original.rlim_max, rlim_t(openDescriptors() + 256));
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);

        ServerConfig config = edgeTestConfig();
        config.edge.raiseFileLimit = true;
        config.realtime.maxConnections = 10000000; // more than any hard limit here
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("open-file limit .* caps the connection limits")));
        TestServer raised(config);
        QVERIFY(raised.start());
        rlimit now {};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &now), 0);
        QCOMPARE(now.rlim_cur, original.rlim_max);
    }

    void descriptorsExhausted_acceptPausesAndResumes()
    {
        ServerConfig config = edgeTestConfig();
        config.edge.headerTimeoutMs = 60000; // the server must not free descriptors by closing idle clients
        TestServer tight(config);
        QVERIFY(tight.start());
        EdgeListener &tightEdge = *tight.server().edge();

        // Spare descriptors, handed back one at a time whenever a client cannot get one: the next client then
        // takes it and the server's accept is what fails, whichever side ran out first.
        std::vector<int> spares;
        for (int i = 0; i < 4; ++i)
            spares.push_back(::open("/dev/null", O_RDONLY));
        rlimit original {};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
        rlimit limit = original;
        limit.rlim_cur = rlim_t(openDescriptors() + 16);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &limit), 0);
        const auto releaseAll = [&] {
            ::setrlimit(RLIMIT_NOFILE, &original);
            for (int fd : spares)
                ::close(fd);
            spares.clear();
        };
        auto restore = qScopeGuard(releaseAll);

        std::vector<std::unique_ptr<QTcpSocket>> clients;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto client = std::make_unique<QTcpSocket>();
                client->connectToHost(QHostAddress::LocalHost, tight.port());
                if (client->waitForConnected(1000)) {
                    clients.push_back(std::move(client));
                } else if (!spares.empty()) {
                    ::close(spares.back());
                    spares.pop_back();
                }
                return tightEdge.stats().acceptPauses >= 1;
            }(),
            10000);
        restore.dismiss();
        releaseAll();
        clients.clear(); // descriptors free again

        // Accepting resumes by itself: the backlog drains and a new client is served.
        RawHttpClient after;
        QVERIFY(after.connectTo(tight.port()));
        after.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(after.readAnswers(1));
        QCOMPARE(after.status(), 200);
        QTRY_VERIFY(tightEdge.statusJson().value(QStringLiteral("accepting")).toBool());
        verifyHealthyClientServed();
    }
};

QTEST_GUILESS_MAIN(TestEdgeListener)
#include "tst_edgelistener.moc"
