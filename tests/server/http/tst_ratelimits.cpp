// Tests of the HTTP rate limits: requests per user (429 with Retry-After, other users unaffected) and failed
// authentications per address (the address is blocked before any lookup, with one log line; another address
// keeps working). The "other machine" is a raw socket bound to 127.0.0.2.

#include "server/metrics/servermetrics.h"
#include "server/serverconfig.h"
#include "server/storage/repository.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

namespace {

struct RawAnswer
{
    int status = 0;
    QByteArray retryAfter;
    QByteArray body;
};

// One request from 127.0.0.2 on a fresh connection; the server closes nothing early, we read to the end.
RawAnswer requestFrom(const QByteArray &source, quint16 port, const QByteArray &path, const QByteArray &token)
{
    // By hand: bind to the source address, then connect (QTcpSocket cannot choose its source before 6.x).
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in from {};
    from.sin_family = AF_INET;
    sockaddr_in to {};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::inet_pton(AF_INET, source.constData(), &from.sin_addr) != 1
        || ::bind(fd, reinterpret_cast<const sockaddr *>(&from), sizeof from) != 0
        || ::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
        if (fd >= 0)
            ::close(fd);
        return {};
    }
    QTcpSocket socket;
    if (!socket.setSocketDescriptor(fd)) {
        ::close(fd);
        return {};
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nConnection: close\r\n\r\n");
    // The server runs on this thread: wait with an event loop, never a blocking read. An answer is complete
    // when its head and Content-Length bytes of body are in.
    QByteArray data;
    QDeadlineTimer deadline(5000);
    const auto complete = [&data] {
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return false;
        const QRegularExpressionMatch length = QRegularExpression(QStringLiteral("\r\ncontent-length: *(\\d+)"),
            QRegularExpression::CaseInsensitiveOption).match(QString::fromLatin1(data.left(headEnd + 2)));
        return data.size() - headEnd - 4 >= (length.hasMatch() ? length.captured(1).toLongLong() : 0);
    };
    while (!complete() && !deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        QSignalSpy readable(&socket, &QIODevice::readyRead);
        if (socket.bytesAvailable() == 0)
            readable.wait(int(qMax<qint64>(1, deadline.remainingTime())));
        data += socket.readAll();
    }
    RawAnswer answer;
    const QRegularExpressionMatch status
        = QRegularExpression(QStringLiteral("^HTTP/1\\.1 (\\d{3})")).match(QString::fromLatin1(data));
    answer.status = status.hasMatch() ? status.captured(1).toInt() : 0;
    const QRegularExpressionMatch retry
        = QRegularExpression(QStringLiteral("\\r\\nretry-after: *(\\d+)"), QRegularExpression::CaseInsensitiveOption)
              .match(QString::fromLatin1(data));
    answer.retryAfter = retry.hasMatch() ? retry.captured(1).toLatin1() : QByteArray();
    answer.body = data.mid(data.indexOf("\r\n\r\n") + 4);
    return answer;
}

} // namespace

class TstRateLimits : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    TestUser m_alice, m_bob;

    bool start(const RateLimitConfig &limits)
    {
        ServerConfig config;
        config.rateLimits = limits;
        m_server = std::make_unique<TestServer>(config);
        if (!m_server->start())
            return false;
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_bob = m_server->addUser(QStringLiteral("bob"));
        m_http = std::make_unique<HttpClient>(m_server->baseUrl());
        return true;
    }

private Q_SLOTS:
    void cleanup()
    {
        m_http.reset();
        m_server.reset();
    }

    void requests_beyondTheBurst_are429WithRetryAfter_otherUsersUnaffected()
    {
        RateLimitConfig limits;
        limits.requestsPerSecond = 0.01; // one every 100 s: nothing refills during the test
        limits.requestBurst = 3;
        QVERIFY(start(limits));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
        // Polling counts too, and a refused request changes nothing.
        const HttpReply limited = m_http->get(QStringLiteral("/api/v1/bets/updates?since_seq=0"), m_alice.token);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("rate_limited"));
        QCOMPARE(limited.header("Retry-After"), QByteArray("100"));
        const HttpReply place = m_http->post(QStringLiteral("/api/v1/bets"),
            { { QStringLiteral("event_name"), QStringLiteral("e") }, { QStringLiteral("market"), QStringLiteral("m") },
                { QStringLiteral("selection"), QStringLiteral("s") }, { QStringLiteral("odds"), QStringLiteral("2.0") },
                { QStringLiteral("stake"), 100 } },
            m_alice.token);
        QCOMPARE(place.status, 429);
        QCOMPARE(m_server->server().repository().balance(QStringLiteral("alice")).value(), qint64(100000));
        // Counted for operators' dashboards.
        const QByteArray exposition = m_server->server().metrics()->render();
        QVERIFY2(exposition.contains("betthat_rate_limited_total{limit=\"requests\"} 2"), exposition.constData());
        // Another user, same address, is not affected; liveness is never limited.
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_bob.token).status, 200);
        QCOMPARE(m_http->get(QStringLiteral("/healthz")).status, 200);
    }

    // Operators have their own, larger allowance: a bettor's limit does not hold the admin window back.
    void operators_haveTheirOwnAllowance()
    {
        RateLimitConfig limits;
        limits.requestsPerSecond = 0.01;
        limits.requestBurst = 2;
        limits.operatorRequestsPerSecond = 0.01;
        limits.operatorRequestBurst = 5;
        QVERIFY(start(limits));
        const TestUser op = m_server->addUser(QStringLiteral("olivia"), Role::Operator);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_http->get(QStringLiteral("/api/v1/users"), op.token).status, 200);
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/users"), op.token).status, 429);
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
    }

    void failedAuthentications_blockTheAddress_withOneLogLine_otherAddressesKeepWorking()
    {
        RateLimitConfig limits;
        limits.failedAuthPerSecond = 0.01;
        limits.failedAuthBurst = 3;
        QVERIFY(start(limits));
        const quint16 port = m_server->port();
        QTest::ignoreMessage(QtWarningMsg,
            QRegularExpression(QStringLiteral("^blocking 127\\.0\\.0\\.2 for \\d+ ms after 3 failed authentications$")));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(requestFrom("127.0.0.2", port, "/api/v1/me", "guess-" + QByteArray::number(i)).status, 401);
        // Blocked now, even with a valid token: no lookup happens until the bucket refills.
        const RawAnswer blocked = requestFrom("127.0.0.2", port, "/api/v1/me", m_alice.token.toUtf8());
        QCOMPARE(blocked.status, 429);
        QVERIFY(blocked.body.contains("\"rate_limited\""));
        QVERIFY2(blocked.retryAfter.toInt() >= 99, blocked.retryAfter.constData());
        QCOMPARE(requestFrom("127.0.0.2", port, "/api/v1/me", "guess-again").status, 429);
        QVERIFY(m_server->server().metrics()->render().contains("betthat_rate_limited_total{limit=\"failed_auth\"} 2"));
        // The healthy client on 127.0.0.1 goes on.
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
        QCOMPARE(requestFrom("127.0.0.3", port, "/api/v1/me", m_bob.token.toUtf8()).status, 200);
    }

    // A request without a token guesses nothing and costs no lookup: it never blocks an address.
    void missingToken_isNotCountedAsAFailure()
    {
        RateLimitConfig limits;
        limits.failedAuthPerSecond = 0.01;
        limits.failedAuthBurst = 2;
        QVERIFY(start(limits));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(m_http->get(QStringLiteral("/api/v1/me")).status, 401);
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/me"), m_alice.token).status, 200);
    }
};

QTEST_GUILESS_MAIN(TstRateLimits)
#include "tst_ratelimits.moc"
