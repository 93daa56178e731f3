// PlaceBetDialog against the fake API: sends what was typed, refuses bad input without a request, explains a
// refusal, and a retry of the same request reuses its Idempotency-Key while a changed one does not.
#include "app/widgets/placebetdialog.h"
#include "dialogprobe.h"
#include "tests/app/support/fakeapi.h"

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestPlaceBetDialog : public QObject
{
    Q_OBJECT

private:
    static void fill(PlaceBetDialog &dialog, const QString &odds, double stake)
    {
        child<QLineEdit>(dialog, "eventField")->setText(QStringLiteral("Arsenal v Chelsea"));
        child<QLineEdit>(dialog, "marketField")->setText(QStringLiteral("Match winner"));
        child<QLineEdit>(dialog, "selectionField")->setText(QStringLiteral("Arsenal"));
        child<QLineEdit>(dialog, "oddsField")->setText(odds);
        child<QDoubleSpinBox>(dialog, "stakeField")->setValue(stake);
    }

    // The server's answer to a placement: the bet as asked for.
    static Result<Bet> placed(const FakeApi::Call &call)
    {
        Bet bet;
        bet.id = QStringLiteral("1");
        bet.userId = QStringLiteral("alice");
        bet.eventName = call.args.value(QStringLiteral("eventName")).toString();
        bet.market = call.args.value(QStringLiteral("market")).toString();
        bet.selection = call.args.value(QStringLiteral("selection")).toString();
        bet.odds = call.args.value(QStringLiteral("odds")).toLongLong();
        bet.stake = call.args.value(QStringLiteral("stake")).toLongLong();
        return bet;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void validBet_isSentAsTyped()
    {
        FakeApi api;
        api.betMutation = &TestPlaceBetDialog::placed;
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), 10000);
        fill(dialog, QStringLiteral("2.10"), 25.0);
        QCOMPARE(child<QLabel>(dialog, "potentialReturn")->text(), QStringLiteral("€52.50"));
        QSignalSpy succeeded(&dialog, &BetActionDialog::succeeded);
        QSignalSpy finished(&dialog, &QDialog::finished);
        child<QPushButton>(dialog, "confirmButton")->click();
        QVERIFY(succeeded.wait(5000));
        const Bet bet = succeeded.at(0).at(0).value<Bet>();
        QCOMPARE(bet.stake, 2500);
        QCOMPARE(bet.odds, 21000);
        QCOMPARE(bet.selection, QStringLiteral("Arsenal"));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(api.calls(QStringLiteral("placeBet")).size(), 1);
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
        FakeApi api;
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), 10000);
        fill(dialog, odds, stake);
        if (clearEvent)
            child<QLineEdit>(dialog, "eventField")->clear();
        dialog.submit();
        QVERIFY2(shownError(dialog).startsWith(error), qPrintable(shownError(dialog)));
        // Refused before sending: the fake records every call when it is made.
        QVERIFY(api.calls().isEmpty());
        QVERIFY(child<QPushButton>(dialog, "confirmButton")->isEnabled());
    }

    void serverRefusal_isShownAndTheDialogStays()
    {
        // The server knows the real balance: the dialog was told none.
        FakeApi api;
        api.failNext(QStringLiteral("placeBet"),
            Error { ErrorCode::InsufficientFunds, QStringLiteral("balance 100.00"), -1 });
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), -1);
        fill(dialog, QStringLiteral("2.0"), 5000.0);
        QSignalSpy requests(&api, &ApiPort::requestFinished);
        dialog.submit();
        QVERIFY(requests.wait(5000));
        QCOMPARE(shownError(dialog), QStringLiteral("Not enough money for this stake: balance 100.00"));
        QCOMPARE(dialog.result(), 0);
    }

    void retryOfTheSameRequest_reusesTheIdempotencyKey_aChangedOneDoesNot()
    {
        FakeApi api;
        const Error down { ErrorCode::Unavailable, QStringLiteral("connection refused"), -1 };
        for (int i = 0; i < 3; ++i)
            api.failNext(QStringLiteral("placeBet"), down);
        PlaceBetDialog dialog(&api, QStringLiteral("EUR"), -1);
        fill(dialog, QStringLiteral("2.0"), 10.0);
        QSignalSpy requests(&api, &ApiPort::requestFinished);
        dialog.submit();
        QVERIFY(requests.wait(5000));
        QVERIFY(shownError(dialog).startsWith(QStringLiteral("The server could not be reached")));
        dialog.submit();
        QVERIFY(requests.wait(5000));
        child<QDoubleSpinBox>(dialog, "stakeField")->setValue(11.0);
        dialog.submit();
        QVERIFY(requests.wait(5000));
        QCOMPARE(requests.count(), 3);
        const auto key = [&](int i) { return requests.at(i).at(0).value<ApiCallInfo>().idempotencyKey; };
        QVERIFY(!key(0).isEmpty());
        QCOMPARE(key(1), key(0));
        QVERIFY(key(2) != key(0));
    }
};

QTEST_MAIN(TestPlaceBetDialog)
#include "tst_placebetdialog.moc"
