// RaiseDisputeDialog against the fake API: a reason is required; the dispute is sent with the reason; a refusal
// is explained and a retry of the same reason reuses its Idempotency-Key.
#include "app/widgets/raisedisputedialog.h"
#include "dialogprobe.h"
#include "tests/app/support/fakeapi.h"

#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

namespace {

Bet settledLoss()
{
    Bet bet;
    bet.id = QStringLiteral("7");
    bet.userId = QStringLiteral("alice");
    bet.eventName = QStringLiteral("Arsenal v Chelsea");
    bet.market = QStringLiteral("Match winner");
    bet.selection = QStringLiteral("Arsenal");
    bet.odds = 20000;
    bet.stake = 1000;
    bet.potentialReturn = 2000;
    bet.status = BetStatus::Settled;
    bet.result = BetResult::Loss;
    return bet;
}

} // namespace

class TestRaiseDisputeDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void reason_isRequired()
    {
        FakeApi api;
        RaiseDisputeDialog dialog(&api, settledLoss());
        child<QPlainTextEdit>(dialog, "reasonField")->setPlainText(QStringLiteral("   "));
        child<QPushButton>(dialog, "confirmButton")->click();
        QCOMPARE(shownError(dialog), QStringLiteral("Give a reason for the dispute."));
        // The fake records a call when it is made: none was.
        QVERIFY(api.calls().isEmpty());
    }

    void dispute_isSentWithTheReason()
    {
        FakeApi api;
        api.betMutation = [](const FakeApi::Call &) -> Result<Bet> {
            Bet disputed = settledLoss();
            disputed.status = BetStatus::Disputed;
            return disputed;
        };
        RaiseDisputeDialog dialog(&api, settledLoss());
        child<QPlainTextEdit>(dialog, "reasonField")->setPlainText(QStringLiteral("The final score was 2-1 "));
        QSignalSpy succeeded(&dialog, &BetActionDialog::succeeded);
        child<QPushButton>(dialog, "confirmButton")->click();
        QVERIFY(succeeded.wait(5000));
        QCOMPARE(succeeded.at(0).at(0).value<Bet>().status, BetStatus::Disputed);
        const QList<FakeApi::Call> calls = api.calls(QStringLiteral("disputeBet"));
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.at(0).betId, QStringLiteral("7"));
        QCOMPARE(calls.at(0).args.value(QStringLiteral("reason")).toString(),
            QStringLiteral("The final score was 2-1"));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void refusal_isExplained_andTheRetryReusesTheKey()
    {
        FakeApi api;
        api.failNext(QStringLiteral("disputeBet"), Error { ErrorCode::Conflict, QStringLiteral("already disputed"), -1 });
        api.failNext(QStringLiteral("disputeBet"), Error { ErrorCode::Unavailable, QStringLiteral("timeout"), -1 });
        RaiseDisputeDialog dialog(&api, settledLoss());
        child<QPlainTextEdit>(dialog, "reasonField")->setPlainText(QStringLiteral("again"));
        QSignalSpy finished(&api, &ApiPort::requestFinished);
        dialog.submit();
        QVERIFY(finished.wait(5000));
        QCOMPARE(shownError(dialog), QStringLiteral("This bet changed meanwhile: already disputed"));
        dialog.submit();
        QVERIFY(finished.wait(5000));
        QVERIFY2(shownError(dialog).startsWith(QStringLiteral("The server could not be reached")),
            qPrintable(shownError(dialog)));
        const QList<FakeApi::Call> calls = api.calls(QStringLiteral("disputeBet"));
        QCOMPARE(calls.size(), 2);
        QVERIFY(!calls.at(0).idempotencyKey.isEmpty());
        QCOMPARE(calls.at(1).idempotencyKey, calls.at(0).idempotencyKey);
        QVERIFY(dialog.result() != int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestRaiseDisputeDialog)
#include "tst_raisedisputedialog.moc"
