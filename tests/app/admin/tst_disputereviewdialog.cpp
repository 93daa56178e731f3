// DisputeReviewDialog: what must be chosen before deciding, the ledger correction it announces, conflicts,
// and a retried decision that reuses its Idempotency-Key.
#include "adminfixture.h"
#include "tests/support/resultchecks.h"
#include "app/admin/disputereviewdialog.h"
#include "app/models/betformatter.h"
#include "responsedroppingproxy.h"
#include "server/storage/repository.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;
using betthat::test::ResponseDroppingProxy;

namespace {

Bet disputedBet(BetResult result, qint64 payout)
{
    Bet bet;
    bet.id = QStringLiteral("8");
    bet.userId = QStringLiteral("alice");
    bet.eventName = QStringLiteral("Arsenal v Chelsea");
    bet.market = QStringLiteral("Match winner");
    bet.selection = QStringLiteral("Arsenal");
    bet.stake = 1000;
    bet.odds = 25000;
    bet.status = BetStatus::Disputed;
    bet.result = result;
    bet.payout = payout;
    Dispute dispute;
    dispute.reason = QStringLiteral("Arsenal won 2-1");
    dispute.raisedAt = QDateTime::currentDateTimeUtc().addSecs(-600);
    bet.dispute = dispute;
    return bet;
}

// A radio button reacts to clicks on its indicator and label, not on the empty width a layout gives it.
void clickRadio(QRadioButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

ApiClient *offlineApi(QObject *parent)
{
    auto *api
        = new ApiClient(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("x")));
    api->setParent(parent);
    return api;
}

} // namespace

class TestDisputeReviewDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();

    void decideEnabled_data();
    void decideEnabled();
    void newResultChoices_excludeCurrentResult();
    void correction_data();
    void correction();
    void reject_keepsTheResultAndRecordsTheNotes();
    void decidedElsewhere_showsClearConflict();
    void lostAnswer_retryReusesKeyAndDecidesOnce();

private:
    std::unique_ptr<AdminFixture> m_fx;
};

void TestDisputeReviewDialog::cleanup()
{
    m_fx.reset();
}

void TestDisputeReviewDialog::decideEnabled_data()
{
    QTest::addColumn<int>("decision"); // Open: none chosen
    QTest::addColumn<int>("newResult");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<bool>("enabled");
    const int open = int(DisputeState::Open);
    const int upheld = int(DisputeState::Upheld);
    const int rejected = int(DisputeState::Rejected);
    const int none = int(BetResult::None);
    const int win = int(BetResult::Win);
    QTest::newRow("nothing chosen") << open << none << "" << false;
    QTest::newRow("notes only") << open << none << "why" << false;
    QTest::newRow("reject without notes") << rejected << none << "" << false;
    QTest::newRow("reject with blank notes") << rejected << none << "   " << false;
    QTest::newRow("reject with notes") << rejected << none << "stands" << true;
    QTest::newRow("uphold without result") << upheld << none << "why" << false;
    QTest::newRow("uphold without notes") << upheld << win << "" << false;
    QTest::newRow("uphold complete") << upheld << win << "replay" << true;
}

void TestDisputeReviewDialog::decideEnabled()
{
    QFETCH(int, decision);
    QFETCH(int, newResult);
    QFETCH(QString, notes);
    QFETCH(bool, enabled);
    QObject owner;
    DisputeReviewDialog dialog(offlineApi(&owner), disputedBet(BetResult::Loss, 0));
    dialog.show();
    if (decision == int(DisputeState::Upheld))
        clickRadio(dialog.upholdButton());
    else if (decision == int(DisputeState::Rejected))
        clickRadio(dialog.rejectButton());
    if (newResult != int(BetResult::None))
        dialog.setNewResult(static_cast<BetResult>(newResult));
    QTest::keyClicks(dialog.notesEdit(), notes);
    QCOMPARE(dialog.decideButton()->isEnabled(), enabled);
    QCOMPARE(dialog.canDecide(), enabled);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("hintLabel"))->text().isEmpty(), enabled);
}

void TestDisputeReviewDialog::newResultChoices_excludeCurrentResult()
{
    QObject owner;
    DisputeReviewDialog dialog(offlineApi(&owner), disputedBet(BetResult::Win, 2500));
    QCOMPARE(dialog.resultCombo()->count(), 3);
    QCOMPARE(dialog.resultCombo()->findData(int(BetResult::Win)), -1);
    QVERIFY(dialog.resultCombo()->findData(int(BetResult::Loss)) >= 0);
    QVERIFY(!dialog.resultCombo()->isEnabled()); // until "uphold" is chosen
    dialog.setDecision(DisputeState::Upheld);
    QVERIFY(dialog.resultCombo()->isEnabled());
    dialog.setDecision(DisputeState::Rejected);
    QVERIFY(!dialog.resultCombo()->isEnabled());
    QCOMPARE(dialog.newResult(), BetResult::None);
}

void TestDisputeReviewDialog::correction_data()
{
    QTest::addColumn<int>("current");
    QTest::addColumn<qint64>("currentPayout");
    QTest::addColumn<int>("newResult");
    QTest::addColumn<qint64>("newPayout");
    QTest::addColumn<qint64>("correction");
    // 10.00 at 2.50.
    QTest::newRow("loss -> win") << int(BetResult::Loss) << qint64(0) << int(BetResult::Win) << qint64(2500)
                                 << qint64(2500);
    QTest::newRow("win -> loss takes it back")
        << int(BetResult::Win) << qint64(2500) << int(BetResult::Loss) << qint64(0) << qint64(-2500);
    QTest::newRow("win -> void") << int(BetResult::Win) << qint64(2500) << int(BetResult::Void)
                                 << qint64(1000) << qint64(-1500);
    QTest::newRow("loss -> push") << int(BetResult::Loss) << qint64(0) << int(BetResult::Push) << qint64(1000)
                                  << qint64(1000);
    QTest::newRow("void -> push moves nothing")
        << int(BetResult::Void) << qint64(1000) << int(BetResult::Push) << qint64(1000) << qint64(0);
}

void TestDisputeReviewDialog::correction()
{
    QFETCH(int, current);
    QFETCH(qint64, currentPayout);
    QFETCH(int, newResult);
    QFETCH(qint64, newPayout);
    QFETCH(qint64, correction);
    QObject owner;
    DisputeReviewDialog dialog(
        offlineApi(&owner), disputedBet(static_cast<BetResult>(current), currentPayout));
    dialog.setDecision(DisputeState::Upheld);
    dialog.setNewResult(static_cast<BetResult>(newResult));
    QCOMPARE(dialog.newPayout(), newPayout);
    QCOMPARE(dialog.correction(), correction);
    const QString text = dialog.correctionLabel()->text();
    QVERIFY2(text.contains(BetFormatter::signedMoney(correction, QStringLiteral("EUR"))), qPrintable(text));
    QVERIFY2(text.contains(BetFormatter::money(newPayout, QStringLiteral("EUR"))), qPrintable(text));
}

void TestDisputeReviewDialog::reject_keepsTheResultAndRecordsTheNotes()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const Bet bet = m_fx->dispute(
        m_fx->resolve(m_fx->place(m_fx->alice).id, BetResult::Loss), QStringLiteral("It was 2-1"));
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("alice"));
    DisputeReviewDialog dialog(m_fx->api(m_fx->olga), bet);
    dialog.show();
    QSignalSpy decided(&dialog, &DisputeReviewDialog::decided);
    QSignalSpy finished(&dialog, &DisputeReviewDialog::requestFinished);
    clickRadio(dialog.rejectButton());
    QVERIFY(!dialog.resultCombo()->isEnabled());
    QTest::keyClicks(dialog.notesEdit(), QStringLiteral("The replay shows 1-1"));
    QTest::mouseClick(dialog.decideButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(decided.size(), 1);
    QVERIFY(!dialog.isVisible());
    const Bet stored = betthat::test::found(m_fx->server().server().repository().betById(bet.id));
    QCOMPARE(stored.result, BetResult::Loss);
    QCOMPARE(stored.dispute->state, DisputeState::Rejected);
    QCOMPARE(stored.dispute->decisionNotes, QStringLiteral("The replay shows 1-1"));
    QCOMPARE(m_fx->balance(QStringLiteral("alice")), balanceBefore); // no money moves
}

void TestDisputeReviewDialog::decidedElsewhere_showsClearConflict()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const Bet bet
        = m_fx->dispute(m_fx->resolve(m_fx->place(m_fx->alice).id, BetResult::Loss), QStringLiteral("no"));
    DisputeReviewDialog dialog(m_fx->api(m_fx->olga), bet);
    dialog.show();
    QSignalSpy decided(&dialog, &DisputeReviewDialog::decided);
    QSignalSpy finished(&dialog, &DisputeReviewDialog::requestFinished);
    m_fx->decide(bet.id, DisputeState::Rejected, BetResult::None, QStringLiteral("oscar was first"));

    dialog.setDecision(DisputeState::Upheld);
    dialog.setNewResult(BetResult::Win);
    dialog.setNotes(QStringLiteral("replay"));
    QTest::mouseClick(dialog.decideButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(decided.size(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("(conflict)")), qPrintable(dialog.errorText()));
    QCOMPARE(betthat::test::found(m_fx->server().server().repository().betById(bet.id)).dispute->state, DisputeState::Rejected);
}

void TestDisputeReviewDialog::lostAnswer_retryReusesKeyAndDecidesOnce()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const Bet bet
        = m_fx->dispute(m_fx->resolve(m_fx->place(m_fx->alice).id, BetResult::Loss), QStringLiteral("no"));
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("alice"));
    ResponseDroppingProxy proxy(m_fx->server().port());
    QVERIFY(proxy.listen());
    ApiClient api(ServerEndpoint(QUrl(proxy.baseUrl()), m_fx->olga.token));
    QStringList keys;
    connect(&api, &ApiClient::requestFinished, this,
        [&keys](const ApiCallInfo &info) { keys << info.idempotencyKey; });
    DisputeReviewDialog dialog(&api, bet);
    dialog.show();
    QSignalSpy finished(&dialog, &DisputeReviewDialog::requestFinished);
    dialog.setDecision(DisputeState::Upheld);
    dialog.setNewResult(BetResult::Win);
    dialog.setNotes(QStringLiteral("replay"));

    proxy.setDropping(true);
    QTest::mouseClick(dialog.decideButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(dialog.decideButton()->text(), QStringLiteral("&Retry"));
    proxy.setDropping(false);
    QTest::mouseClick(dialog.decideButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    keys.removeDuplicates();
    QCOMPARE(keys.size(), 1);
    const QList<BetEvent> events = m_fx->eventsOf(bet.id);
    // placed, resolved, disputed, upheld: the retried decision wrote nothing more.
    QCOMPARE(events.size(), 4);
    QCOMPARE(m_fx->balance(QStringLiteral("alice")), balanceBefore + 2500);
    const Bet stored = betthat::test::found(m_fx->server().server().repository().betById(bet.id));
    QCOMPARE(stored.result, BetResult::Win);
    QCOMPARE(stored.payout, 2500);
    QCOMPARE(stored.dispute->state, DisputeState::Upheld);
}

QTEST_MAIN(TestDisputeReviewDialog)
#include "tst_disputereviewdialog.moc"
