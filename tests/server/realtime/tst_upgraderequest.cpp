// UpgradeRequest: the /ws/bet-updates query reads the way polling's does ('+' is a space, %2B a plus), so one
// filter selects the same events on both (the difference was found by tests/fuzz/fuzz_query).

#include "server/http/queryreader.h"
#include "server/realtime/upgraderequest.h"

#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TestUpgradeRequest : public QObject
{
    Q_OBJECT

private slots:
    void filterValue_readsLikePolling_data();
    void filterValue_readsLikePolling();
    void badQuery_isRefusedNamingTheParameter_data();
    void badQuery_isRefusedNamingTheParameter();
};

void TestUpgradeRequest::filterValue_readsLikePolling_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("market");

    QTest::newRow("plus is a space") << QByteArray("market=Match+winner") << QStringLiteral("Match winner");
    QTest::newRow("%20 is a space") << QByteArray("market=Match%20winner") << QStringLiteral("Match winner");
    QTest::newRow("%2B is a plus") << QByteArray("market=Over%2BUnder") << QStringLiteral("Over+Under");
    QTest::newRow("%2F is a slash") << QByteArray("market=Over%2FUnder") << QStringLiteral("Over/Under");
}

void TestUpgradeRequest::filterValue_readsLikePolling()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, market);
    const QUrl url = QUrl::fromEncoded("ws://127.0.0.1/ws/bet-updates?token=t&" + query);
    const auto upgrade = UpgradeRequest::parse(url);
    QVERIFY2(upgrade.ok(), qPrintable(upgrade.ok() ? QString() : upgrade.error().message));
    QCOMPARE(upgrade->filter.markets, QStringList { market });
    const auto polled = eventFilterFromQuery(QueryReader(url).items());
    QVERIFY(polled.ok());
    QVERIFY(*polled == upgrade->filter);
}

void TestUpgradeRequest::badQuery_isRefusedNamingTheParameter_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("named");

    QTest::newRow("unknown name") << QByteArray("tokn=x") << QStringLiteral("tokn");
    QTest::newRow("token twice") << QByteArray("token=a&token=b") << QStringLiteral("token");
    QTest::newRow("negative since_seq") << QByteArray("since_seq=-1") << QStringLiteral("since_seq");
    QTest::newRow("plus-signed since_seq") << QByteArray("since_seq=%2B1") << QStringLiteral("since_seq");
    QTest::newRow("unknown type") << QByteArray("type=bet_won") << QStringLiteral("type");
}

void TestUpgradeRequest::badQuery_isRefusedNamingTheParameter()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, named);
    const auto upgrade = UpgradeRequest::parse(QUrl::fromEncoded("ws://127.0.0.1/ws/bet-updates?" + query));
    QVERIFY(!upgrade.ok());
    QCOMPARE(upgrade.error().code, ErrorCode::BadRequest);
    QVERIFY2(upgrade.error().message.contains(named), qPrintable(upgrade.error().message));
}

QTEST_GUILESS_MAIN(TestUpgradeRequest)
#include "tst_upgraderequest.moc"
