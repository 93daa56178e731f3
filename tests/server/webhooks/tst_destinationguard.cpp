// Which webhook destinations are refused: addresses (after DNS) and URLs (at registration).

#include "server/webhooks/destinationguard.h"

#include <QTest>

using namespace betthat::server;

class TestDestinationGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isPublic_data();
    void isPublic();
    void checkUrl_data();
    void checkUrl();
};

void TestDestinationGuard::isPublic_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("expected");
    const auto row = [](const char *a, bool p) { QTest::newRow(a) << QString::fromLatin1(a) << p; };
    row("8.8.8.8", true);
    row("93.184.216.34", true);
    row("2606:4700::1111", true);
    row("127.0.0.1", false);
    row("127.8.9.10", false);
    row("10.1.2.3", false);
    row("172.16.0.1", false);
    row("172.31.255.255", false);
    row("172.32.0.1", true);
    row("192.168.1.1", false);
    row("169.254.169.254", false); // cloud metadata
    row("100.64.0.1", false);
    row("0.0.0.0", false);
    row("224.0.0.1", false);
    row("255.255.255.255", false);
    row("::1", false);
    row("::", false);
    row("fe80::1", false);
    row("fd00::1", false);
    row("ff02::1", false);
    row("::ffff:127.0.0.1", false);
    row("::ffff:10.0.0.1", false);
    row("::ffff:8.8.8.8", true);
}

void TestDestinationGuard::isPublic()
{
    QFETCH(QString, address);
    QFETCH(bool, expected);
    QCOMPARE(DestinationGuard::isPublic(QHostAddress(address)), expected);
}

void TestDestinationGuard::checkUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowPrivate");
    QTest::addColumn<bool>("ok");
    const auto row = [](const char *name, const QString &url, bool allow, bool ok) {
        QTest::newRow(name) << url << allow << ok;
    };
    row("https public name", QStringLiteral("https://hooks.example.com/in"), false, true);
    row("http public ip", QStringLiteral("http://93.184.216.34:8080/x"), false, true);
    row("loopback", QStringLiteral("http://127.0.0.1:9000/hook"), false, false);
    row("loopback allowed", QStringLiteral("http://127.0.0.1:9000/hook"), true, true);
    row("private", QStringLiteral("http://10.0.0.5/hook"), false, false);
    row("link-local", QStringLiteral("http://169.254.169.254/latest"), false, false);
    row("ipv6 loopback", QStringLiteral("http://[::1]:80/"), false, false);
    row("localhost", QStringLiteral("http://localhost:9000/"), false, false);
    row("x.localhost", QStringLiteral("http://api.localhost/"), false, false);
    row("ftp", QStringLiteral("ftp://example.com/"), true, false);
    row("file", QStringLiteral("file:///etc/passwd"), true, false);
    row("relative", QStringLiteral("/hook"), true, false);
    row("no host", QStringLiteral("http:///hook"), true, false);
    row("user info", QStringLiteral("https://user:pw@example.com/"), true, false);
    row("empty", QString(), true, false);
    row("too long", QStringLiteral("https://example.com/") + QString(3000, QLatin1Char('a')), true, false);
}

void TestDestinationGuard::checkUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, allowPrivate);
    QFETCH(bool, ok);
    const auto checked = DestinationGuard::checkUrl(url, allowPrivate);
    QVERIFY2(checked.ok() == ok, checked ? "accepted" : qPrintable(checked.error().message));
}

QTEST_GUILESS_MAIN(TestDestinationGuard)
#include "tst_destinationguard.moc"
