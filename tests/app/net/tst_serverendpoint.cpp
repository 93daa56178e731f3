// ServerEndpoint: API and WebSocket URLs derived from the base URL, the token kept out of URLs.
#include "app/net/serverendpoint.h"

#include <QNetworkRequest>
#include <QTest>

using namespace betthat::app;

class TestServerEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void webSocketUrl_data();
    void webSocketUrl();
    void apiUrl_keepsPathPrefix();
    void webSocketUrl_neverContainsToken();
    void authorize_setsBearerHeader();
    void authorize_emptyToken_noHeader();
    void isValid_data();
    void isValid();
    void serverKey_ignoresTrailingSlashAndDefaultPort();
    void redacted_hidesTokenQuery();
};

void TestServerEndpoint::webSocketUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<qint64>("sinceSeq");
    QTest::addColumn<QString>("expected");
    QTest::newRow("http->ws") << "http://127.0.0.1:8000"
                              << "alice" << qint64(12)
                              << "ws://127.0.0.1:8000/ws/bet-updates?user_id=alice&since_seq=12";
    QTest::newRow("https->wss") << "https://bets.example.com"
                                << "alice" << qint64(0)
                                << "wss://bets.example.com/ws/bet-updates?user_id=alice&since_seq=0";
    QTest::newRow("https keeps port")
        << "https://bets.example.com:8443"
        << "bob" << qint64(5) << "wss://bets.example.com:8443/ws/bet-updates?user_id=bob&since_seq=5";
    QTest::newRow("path prefix") << "https://example.com/betthat/"
                                 << "alice" << qint64(1)
                                 << "wss://example.com/betthat/ws/bet-updates?user_id=alice&since_seq=1";
    QTest::newRow("uppercase scheme")
        << "HTTPS://example.com"
        << "alice" << qint64(1) << "wss://example.com/ws/bet-updates?user_id=alice&since_seq=1";
    QTest::newRow("global feed, no cursor") << "http://127.0.0.1:8000"
                                            << "" << qint64(-1) << "ws://127.0.0.1:8000/ws/bet-updates";
    QTest::newRow("user id is encoded")
        << "http://h:1"
        << "a&b" << qint64(3) << "ws://h:1/ws/bet-updates?user_id=a%26b&since_seq=3";
}

void TestServerEndpoint::webSocketUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, userId);
    QFETCH(qint64, sinceSeq);
    QFETCH(QString, expected);
    const ServerEndpoint endpoint(QUrl(base), QStringLiteral("secret"));
    QCOMPARE(endpoint.webSocketUrl(userId, sinceSeq).toString(QUrl::FullyEncoded), expected);
}

void TestServerEndpoint::apiUrl_keepsPathPrefix()
{
    const ServerEndpoint endpoint(QUrl(QStringLiteral("https://example.com/betthat/")), QStringLiteral("t"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since_seq"), QStringLiteral("7"));
    QCOMPARE(endpoint.apiUrl(QStringLiteral("/bets/updates"), query).toString(),
        QStringLiteral("https://example.com/betthat/api/v1/bets/updates?since_seq=7"));
    QCOMPARE(endpoint.apiUrl(QStringLiteral("/me")).toString(),
        QStringLiteral("https://example.com/betthat/api/v1/me"));
}

void TestServerEndpoint::webSocketUrl_neverContainsToken()
{
    const ServerEndpoint endpoint(
        QUrl(QStringLiteral("http://127.0.0.1:8000")), QStringLiteral("s3cr3t-token"));
    QVERIFY(!endpoint.webSocketUrl(QStringLiteral("alice"), 4).toString().contains(QStringLiteral("s3cr3t")));
    QVERIFY(!endpoint.apiUrl(QStringLiteral("/me")).toString().contains(QStringLiteral("s3cr3t")));
}

void TestServerEndpoint::authorize_setsBearerHeader()
{
    const ServerEndpoint endpoint(QUrl(QStringLiteral("http://127.0.0.1:8000")), QStringLiteral("abc"));
    QNetworkRequest request(endpoint.webSocketUrl());
    endpoint.authorize(request);
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer abc"));
}

void TestServerEndpoint::authorize_emptyToken_noHeader()
{
    const ServerEndpoint endpoint(QUrl(QStringLiteral("http://127.0.0.1:8000")), QString());
    QNetworkRequest request(endpoint.apiUrl(QStringLiteral("/me")));
    endpoint.authorize(request);
    QVERIFY(!request.hasRawHeader("Authorization"));
}

void TestServerEndpoint::isValid_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("valid");
    QTest::newRow("http") << "http://127.0.0.1:8000" << true;
    QTest::newRow("https") << "https://example.com" << true;
    QTest::newRow("ws scheme") << "ws://example.com" << false;
    QTest::newRow("no scheme") << "example.com" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("ftp") << "ftp://example.com" << false;
}

void TestServerEndpoint::isValid()
{
    QFETCH(QString, base);
    QFETCH(bool, valid);
    QCOMPARE(ServerEndpoint(QUrl(base), QStringLiteral("t")).isValid(), valid);
}

void TestServerEndpoint::serverKey_ignoresTrailingSlashAndDefaultPort()
{
    const ServerEndpoint a(QUrl(QStringLiteral("https://example.com/")), QStringLiteral("t1"));
    const ServerEndpoint b(QUrl(QStringLiteral("https://example.com:443")), QStringLiteral("t2"));
    const ServerEndpoint c(QUrl(QStringLiteral("http://example.com")), QStringLiteral("t1"));
    QCOMPARE(a.serverKey(), b.serverKey());
    QVERIFY(a.serverKey() != c.serverKey());
    QVERIFY(!a.serverKey().contains(QStringLiteral("t1")));
}

void TestServerEndpoint::redacted_hidesTokenQuery()
{
    const QString text = ServerEndpoint::redacted(
        QUrl(QStringLiteral("ws://127.0.0.1:8000/ws/bet-updates?user_id=alice&token=s3cr3t")));
    QVERIFY(!text.contains(QStringLiteral("s3cr3t")));
    QVERIFY(text.contains(QStringLiteral("user_id=alice")));
}

QTEST_GUILESS_MAIN(TestServerEndpoint)
#include "tst_serverendpoint.moc"
