// PlaceBetDialog: places through the API, refuses bad input without sending, and retries with the same key.
#include "app/net/apiclient.h"
#include "tests/support/resultchecks.h"
#include "app/widgets/placebetdialog.h"
#include "server/storage/repository.h"
#include "tests/support/testsupport.h"

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestPlaceBetDialog : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    TestUser m_alice;

    static void fill(PlaceBetDialog &dialog, const QString &odds, double stake)
    {
        dialog.eventField()->setText(QStringLiteral("Arsenal v Chelsea"));
        dialog.marketField()->setText(QStringLiteral("Match winner"));
        dialog.selectionField()->setText(QStringLiteral("Arsenal"));
        dialog.oddsField()->setText(odds);
        dialog.stakeField()->setValue(stake);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_server.start());
        m_alice = m_server.addUser(QStringLiteral("alice"), Role::Bettor, 10000);
    }

    void validBet_isPlacedOnTheServer()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), 10000);
        fill(dialog, QStringLiteral("2.10"), 25.0);
        QCOMPARE(dialog.potentialReturnText(), QStringLiteral("€52.50"));
        QSignalSpy succeeded(&dialog, &BetActionDialog::succeeded);
        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.submit();
        QVERIFY(succeeded.wait(10000));
        const Bet bet = succeeded.at(0).at(0).value<Bet>();
        QCOMPARE(bet.stake, 2500);
        QCOMPARE(bet.odds, 21000);
        QCOMPARE(bet.userId, QStringLiteral("alice"));
        QCOMPARE(finished.count(), 1);
        const auto stored = betthat::test::lookup(m_server.server().repository().betById(bet.id));
        QVERIFY(stored.has_value());
        QCOMPARE(stored->selection, QStringLiteral("Arsenal"));
    }

    void badInput_isRefusedWithoutARequest_data()
    {
        QTest::addColumn<QString>("odds");
        QTest::addColumn<double>("stake");
        QTest::addColumn<bool>("clearEvent");
        QTest::addColumn<QString>("error");
        QTest::newRow("odds not a number") << "abc" << 10.0 << false << "Enter decimal odds above 1";
        QTest::newRow("odds of one") << "1.0" << 10.0 << false << "Enter decimal odds above 1";
        QTest::newRow("stake above balance")
            << "2.0" << 150.0 << false << "The stake is more than your balance";
        QTest::newRow("no event") << "2.0" << 10.0 << true << "Enter the event.";
    }

    void badInput_isRefusedWithoutARequest()
    {
        QFETCH(QString, odds);
        QFETCH(double, stake);
        QFETCH(bool, clearEvent);
        QFETCH(QString, error);
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), 10000);
        fill(dialog, odds, stake);
        if (clearEvent)
            dialog.eventField()->clear();
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QVERIFY2(dialog.errorText().startsWith(error), qPrintable(dialog.errorText()));
        // Refused before sending: nothing in flight now, so nothing can finish later either.
        QCOMPARE(api.pendingCount(), 0);
        QCOMPARE(requests.count(), 0);
        QVERIFY(!dialog.isBusy());
    }

    void serverRefusal_isShownAndTheDialogStays()
    {
        // The server knows the real balance: the dialog was told a bigger one.
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), -1);
        fill(dialog, QStringLiteral("2.0"), 5000.0);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QVERIFY(requests.wait(10000));
        QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Not enough money for this stake")),
            qPrintable(dialog.errorText()));
        QCOMPARE(dialog.result(), 0);
    }

    void retryOfTheSameRequest_reusesTheIdempotencyKey_aChangedOneDoesNot()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 deadPort = probe.serverPort();
        probe.close();
        ApiClient api(
            ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(deadPort)), m_alice.token));
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), -1);
        fill(dialog, QStringLiteral("2.0"), 10.0);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QVERIFY(requests.wait(10000));
        QVERIFY(dialog.errorText().startsWith(QStringLiteral("The server could not be reached")));
        dialog.submit();
        QVERIFY(requests.wait(10000));
        dialog.stakeField()->setValue(11.0);
        dialog.submit();
        QVERIFY(requests.wait(10000));
        QCOMPARE(requests.count(), 3);
        const auto key = [&](int i) { return requests.at(i).at(0).value<ApiCallInfo>().idempotencyKey; };
        QVERIFY(!key(0).isEmpty());
        QCOMPARE(key(1), key(0));
        QVERIFY(key(2) != key(0));
    }
};

QTEST_MAIN(TestPlaceBetDialog)
#include "tst_placebetdialog.moc"
