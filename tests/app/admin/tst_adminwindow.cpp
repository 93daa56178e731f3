// AdminWindow driven as an operator would, against the real server: resolve, bulk resolve, disputes, races,
// the live feed keeping the queue true, and the audit trail.
#include "adminfixture.h"
#include "tests/support/resultchecks.h"
#include "app/admin/adminqueuesync.h"
#include "app/admin/adminwindow.h"
#include "app/admin/audittraildialog.h"
#include "app/admin/audittrailmodel.h"
#include "app/admin/disputereviewdialog.h"
#include "app/admin/disputesmodel.h"
#include "app/admin/pendingbetsfiltermodel.h"
#include "app/admin/pendingbetsmodel.h"
#include "app/admin/resolvedialog.h"
#include "app/models/betformatter.h"
#include "server/storage/repository.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;
using betthat::test::FeedRecorder;

namespace {

constexpr auto kTester = QAbstractItemModelTester::FailureReportingMode::QtTest;

// Live first: a fresh feed asks for one more reload when it connects, and that one must be over too.
bool loaded(const AdminWindow &window)
{
    return window.realTimeClient()->state() == RealTimeClient::State::Live && window.queueSync()->hasLoaded()
        && !window.queueSync()->isLoading();
}

// A radio button reacts to clicks on its indicator and label, not on the empty width a layout gives it.
void clickRadio(QRadioButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

void chooseResult(QComboBox *combo, BetResult result)
{
    combo->setCurrentIndex(combo->findData(static_cast<int>(result)));
}

// The requests one ApiClient finished, for asserting what went over the wire.
class RequestLog : public QObject
{
public:
    explicit RequestLog(ApiClient *api)
    {
        connect(
            api, &ApiClient::requestFinished, this, [this](const ApiCallInfo &info) { calls.append(info); });
    }
    int count(const QString &method, const QString &pathSuffix) const
    {
        return static_cast<int>(std::count_if(calls.cbegin(), calls.cend(),
            [&](const ApiCallInfo &c) { return c.method == method && c.path.endsWith(pathSuffix); }));
    }
    QList<ApiCallInfo> calls;
};

} // namespace

class TestAdminWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void load_showsPendingQueueAndOpenDisputes();
    void resolveOne_leavesQueueAndSettlesOnServer();
    void bulkResolve_hundredWithOneResolvedMeanwhile_99SucceedOneConflictShown();
    void upholdDispute_bettorGetsBetResolvedAndLedgerCorrection();
    void rejectDispute_bettorGetsBetUpdatedAndNoMoneyMoves();
    void twoOperatorsRacing_exactlyOneWinsBettorGetsOneEvent();
    void resolvedElsewhere_leavesQueueAtOnceFromFeed();
    void placedElsewhere_appearsInQueue();
    void disputeRaisedAndDecidedElsewhere_appearsThenLeaves();
    void filters_byEventMarketAndBettor();
    void actions_followSelectionAndTab();
    void auditTrail_fromDisputesTab();
    void bettorToken_windowSaysOperatorsOnly();

private:
    std::unique_ptr<AdminFixture> m_fx;
    void attachTesters(AdminWindow &window);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestAdminWindow::init()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
}

void TestAdminWindow::cleanup()
{
    m_testers.clear();
    m_fx.reset();
}

void TestAdminWindow::attachTesters(AdminWindow &window)
{
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(window.pendingModel(), kTester));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(window.pendingProxy(), kTester));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(window.disputesModel(), kTester));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(window.disputesProxy(), kTester));
}

void TestAdminWindow::load_showsPendingQueueAndOpenDisputes()
{
    const Bet a = m_fx->place(m_fx->alice);
    const Bet b = m_fx->place(m_fx->bob, QStringLiteral("Lakers v Celtics"), QStringLiteral("Total points"));
    const Bet settled = m_fx->place(m_fx->alice);
    m_fx->resolve(settled.id, BetResult::Loss);
    const Bet disputed = m_fx->dispute(
        m_fx->resolve(m_fx->place(m_fx->bob).id, BetResult::Loss), QStringLiteral("The match was abandoned"));

    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    attachTesters(window);
    QTRY_VERIFY(loaded(window));
    QCOMPARE(window.pendingModel()->rowCount(), 2);
    QVERIFY(window.pendingModel()->contains(a.id));
    QVERIFY(window.pendingModel()->contains(b.id));
    QCOMPARE(window.disputesModel()->rowCount(), 1);
    const int row = window.disputesModel()->rowOf(disputed.id);
    QVERIFY(row >= 0);
    QCOMPARE(window.disputesModel()->index(row, DisputesModel::ReasonColumn).data().toString(),
        QStringLiteral("The match was abandoned"));
    QVERIFY(!window.disputesModel()->index(row, DisputesModel::AgeColumn).data().toString().isEmpty());
    QCOMPARE(window.tabs()->tabText(0), QStringLiteral("&Pending (2)"));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("&Disputes (1)"));
}

void TestAdminWindow::resolveOne_leavesQueueAndSettlesOnServer()
{
    const Bet keep = m_fx->place(m_fx->alice);
    const Bet bet = m_fx->place(m_fx->alice, QStringLiteral("Arsenal v Chelsea"),
        QStringLiteral("Match winner"), 1000, QStringLiteral("2.50"));
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("alice"));

    ApiClient *api = m_fx->api(m_fx->olga);
    RequestLog requests(api);
    AdminWindow window(api, m_fx->feed(m_fx->olga));
    attachTesters(window);
    window.show();
    QTRY_VERIFY(loaded(window));
    QCOMPARE(window.selectPendingBets({ bet.id }), 1);
    QVERIFY(window.resolveAction()->isEnabled());
    window.resolveAction()->trigger();
    QPointer<ResolveDialog> dialog = window.findChild<ResolveDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), ResolveDialog::Mode::Single);
    QCOMPARE(dialog->bets().size(), 1);

    // No result chosen yet: nothing can be sent.
    QVERIFY(!dialog->resolveButton()->isEnabled());
    chooseResult(dialog->resultCombo(), BetResult::Win);
    QTest::keyClicks(dialog->notesEdit(), QStringLiteral("Arsenal won 2-1"));
    QCOMPARE(dialog->payoutTable()->item(0, 5)->text(), BetFormatter::money(2500, QStringLiteral("EUR")));
    QVERIFY(dialog->resolveButton()->isEnabled());
    QSignalSpy finished(dialog.data(), &ResolveDialog::requestFinished);
    QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);

    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QTRY_VERIFY(dialog.isNull()); // closed and deleted
    QVERIFY(!window.pendingModel()->contains(bet.id));
    QVERIFY(window.pendingModel()->contains(keep.id));

    const auto stored = betthat::test::lookup(m_fx->server().server().repository().betById(bet.id));
    QVERIFY(stored);
    QCOMPARE(stored->status, BetStatus::Settled);
    QCOMPARE(stored->result, BetResult::Win);
    QCOMPARE(stored->payout, 2500);
    QCOMPARE(stored->resolvedBy, QStringLiteral("olga"));
    QCOMPARE(stored->resolutionNotes, QStringLiteral("Arsenal won 2-1"));
    QCOMPARE(m_fx->balance(QStringLiteral("alice")), balanceBefore + 2500);
    QCOMPARE(requests.count(QStringLiteral("POST"), QStringLiteral("/bets/%1/resolve").arg(bet.id)), 1);
    // The request carried an Idempotency-Key.
    const auto post = std::find_if(requests.calls.cbegin(), requests.calls.cend(),
        [](const ApiCallInfo &c) { return c.method == QLatin1String("POST"); });
    QVERIFY(post != requests.calls.cend());
    QVERIFY(!post->idempotencyKey.isEmpty());
}

void TestAdminWindow::bulkResolve_hundredWithOneResolvedMeanwhile_99SucceedOneConflictShown()
{
    QStringList ids;
    for (int i = 0; i < 100; ++i)
        ids << m_fx->place(i % 2 ? m_fx->alice : m_fx->bob, QStringLiteral("Arsenal v Chelsea"),
                       QStringLiteral("Total goals"), 1000, QStringLiteral("1.50"))
                   .id;
    const Bet otherMarket
        = m_fx->place(m_fx->alice, QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Match winner"));
    const QString raced = ids.at(37);

    ApiClient *api = m_fx->api(m_fx->olga);
    RequestLog requests(api);
    RealTimeClient *feed = m_fx->feed(m_fx->olga);
    AdminWindow window(api, feed);
    attachTesters(window);
    window.show();
    QTRY_VERIFY(loaded(window));
    QCOMPARE(window.pendingModel()->rowCount(), 101);

    // "Every bet on one market": filter by the market, select all.
    QComboBox *market = window.marketFilterCombo();
    market->setCurrentIndex(market->findData(QStringLiteral("Total goals")));
    QCOMPARE(window.pendingProxy()->rowCount(), 100);
    window.pendingView()->selectAll();
    QCOMPARE(window.selectedPendingBets().size(), 100);
    QVERIFY(window.bulkResolveAction()->isEnabled());
    window.bulkResolveAction()->trigger();
    QPointer<ResolveDialog> dialog = window.findChild<ResolveDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), ResolveDialog::Mode::Bulk);

    chooseResult(dialog->resultCombo(), BetResult::Win);
    QTest::keyClicks(dialog->notesEdit(), QStringLiteral("4 goals"));
    // 100 x 10.00 at 1.50 = 1500.00 in total.
    QCOMPARE(dialog->totalPayout().value(QStringLiteral("EUR")), 150000);
    QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);
    QCOMPARE(dialog->page(), ResolveDialog::Page::Confirm);
    const QString confirmation = dialog->confirmLabel()->text();
    QVERIFY2(confirmation.contains(QStringLiteral("Bets: 100")), qPrintable(confirmation));
    QVERIFY2(
        confirmation.contains(BetFormatter::money(150000, QStringLiteral("EUR"))), qPrintable(confirmation));
    QCOMPARE(
        requests.count(QStringLiteral("POST"), QStringLiteral("/bets/resolve")), 0); // not before confirming

    // Another operator resolves one of them while the confirmation is open; the feed drops it from the queue.
    m_fx->resolve(raced, BetResult::Loss, QStringLiteral("resolved elsewhere"));
    QTRY_VERIFY(!window.pendingModel()->contains(raced));

    QSignalSpy finished(dialog.data(), &ResolveDialog::requestFinished);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(dialog->page(), ResolveDialog::Page::Outcome);
    QCOMPARE(dialog->succeededCount(), 99);
    QCOMPARE(dialog->failedCount(), 1);
    // The outcome view lists the conflict first, for that bet only.
    QTableWidget *outcomes = dialog->outcomeTable();
    QCOMPARE(outcomes->rowCount(), 100);
    QCOMPARE(outcomes->item(0, 0)->text(), raced);
    QVERIFY2(outcomes->item(0, 2)->text().contains(QStringLiteral("Conflict")),
        qPrintable(outcomes->item(0, 2)->text()));
    QVERIFY(!outcomes->item(0, 3)->text().isEmpty());
    QCOMPARE(outcomes->item(1, 2)->text(), QStringLiteral("Resolved"));
    QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("99")));

    // ONE bulk request, no single resolves.
    QCOMPARE(requests.count(QStringLiteral("POST"), QStringLiteral("/bets/resolve")), 1);
    QCOMPARE(requests.count(QStringLiteral("POST"), QStringLiteral("/resolve")), 1);

    // The queue keeps only the other market; the server has one event per bet and the raced bet kept its
    // result.
    QTRY_COMPARE(window.pendingModel()->rowCount(), 1);
    QVERIFY(window.pendingModel()->contains(otherMarket.id));
    auto &repo = m_fx->server().server().repository();
    for (const QString &id : std::as_const(ids)) {
        const auto stored = betthat::test::lookup(repo.betById(id));
        QVERIFY(stored);
        QCOMPARE(stored->status, BetStatus::Settled);
        QCOMPARE(stored->result, id == raced ? BetResult::Loss : BetResult::Win);
        const QList<BetEvent> events = m_fx->eventsOf(id);
        QCOMPARE(std::count_if(events.cbegin(), events.cend(),
                     [](const BetEvent &e) { return e.type == EventType::BetResolved; }),
            1);
    }
    QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
}

void TestAdminWindow::upholdDispute_bettorGetsBetResolvedAndLedgerCorrection()
{
    const Bet placed = m_fx->place(m_fx->alice, QStringLiteral("Arsenal v Chelsea"),
        QStringLiteral("Match winner"), 1000, QStringLiteral("2.50"));
    m_fx->resolve(placed.id, BetResult::Loss, QStringLiteral("Chelsea won 2-1"));
    const Bet disputed = m_fx->dispute(betthat::test::found(m_fx->server().server().repository().betById(placed.id)),
        QStringLiteral("Arsenal won 2-1, check the replay"));

    RealTimeClient *bettor = m_fx->feed(m_fx->alice, QStringLiteral("alice"));
    FeedRecorder bettorEvents(bettor);
    QVERIFY(m_fx->waitCaughtUp(bettor));
    const int baseline = static_cast<int>(bettorEvents.events.size());
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("alice"));

    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    attachTesters(window);
    window.show();
    QTRY_VERIFY(loaded(window));
    QVERIFY(window.selectDispute(disputed.id));
    QVERIFY(window.reviewDisputeAction()->isEnabled());
    window.reviewDisputeAction()->trigger();
    QPointer<DisputeReviewDialog> dialog = window.findChild<DisputeReviewDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("reasonLabel"))->text(),
        QStringLiteral("Arsenal won 2-1, check the replay"));

    clickRadio(dialog->upholdButton());
    chooseResult(dialog->resultCombo(), BetResult::Win);
    QVERIFY(
        dialog->correctionLabel()->text().contains(BetFormatter::signedMoney(2500, QStringLiteral("EUR"))));
    QVERIFY(!dialog->decideButton()->isEnabled()); // notes are required
    QTest::keyClicks(dialog->notesEdit(), QStringLiteral("Replay shows Arsenal won"));
    QVERIFY(dialog->decideButton()->isEnabled());
    QSignalSpy finished(dialog.data(), &DisputeReviewDialog::requestFinished);
    QTest::mouseClick(dialog->decideButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QTRY_VERIFY(dialog.isNull());
    QVERIFY(!window.disputesModel()->contains(disputed.id));

    // Then a marker: once it arrived, everything before it has too, so "exactly" is safe to assert.
    const Bet marker = m_fx->place(m_fx->alice);
    QTRY_VERIFY(bettorEvents.countFor(marker.id, EventType::BetUpdated) == 1);
    const QList<BetEvent> arrived = bettorEvents.since(baseline);
    QCOMPARE(arrived.size(), 2);
    const BetEvent &resettled = arrived.at(0);
    QCOMPARE(resettled.type, EventType::BetResolved);
    QCOMPARE(resettled.betId, disputed.id);
    QCOMPARE(resettled.data.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(resettled.data.value(QStringLiteral("previous_status")).toString(), QStringLiteral("disputed"));
    QCOMPARE(resettled.data.value(QStringLiteral("result")).toString(), QStringLiteral("win"));
    QCOMPARE(resettled.data.value(QStringLiteral("previous_result")).toString(), QStringLiteral("loss"));
    QCOMPARE(resettled.data.value(QStringLiteral("dispute_state")).toString(), QStringLiteral("upheld"));
    QCOMPARE(resettled.data.value(QStringLiteral("payout")).toInteger(), 2500);
    QCOMPARE(resettled.data.value(QStringLiteral("actor_id")).toString(), QStringLiteral("olga"));
    QCOMPARE(arrived.at(1).betId, marker.id);

    // The ledger's correction: + the new payout (the loss had paid nothing); the marker's stake went out.
    QCOMPARE(m_fx->balance(QStringLiteral("alice")), balanceBefore + 2500 - marker.stake);
    const auto stored = betthat::test::lookup(m_fx->server().server().repository().betById(disputed.id));
    QCOMPARE(stored->payout, 2500);
    QCOMPARE(stored->resolutionSource, QStringLiteral("dispute"));
}

void TestAdminWindow::rejectDispute_bettorGetsBetUpdatedAndNoMoneyMoves()
{
    const Bet placed = m_fx->place(m_fx->bob);
    m_fx->resolve(placed.id, BetResult::Win, QStringLiteral("Arsenal won"));
    const Bet disputed = m_fx->dispute(
        betthat::test::found(m_fx->server().server().repository().betById(placed.id)), QStringLiteral("I think it was a draw"));

    RealTimeClient *bettor = m_fx->feed(m_fx->bob, QStringLiteral("bob"));
    FeedRecorder bettorEvents(bettor);
    QVERIFY(m_fx->waitCaughtUp(bettor));
    const int baseline = static_cast<int>(bettorEvents.events.size());
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("bob"));

    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    attachTesters(window);
    window.show();
    QTRY_VERIFY(loaded(window));
    QVERIFY(window.selectDispute(disputed.id));
    window.reviewDisputeAction()->trigger();
    QPointer<DisputeReviewDialog> dialog = window.findChild<DisputeReviewDialog *>();
    QVERIFY(dialog);
    clickRadio(dialog->rejectButton());
    QVERIFY(!dialog->resultCombo()->isEnabled());
    QVERIFY(!dialog->decideButton()->isEnabled());
    QTest::keyClicks(dialog->notesEdit(), QStringLiteral("Official result: Arsenal 2-1"));
    QSignalSpy finished(dialog.data(), &DisputeReviewDialog::requestFinished);
    QTest::mouseClick(dialog->decideButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QTRY_VERIFY(!window.disputesModel()->contains(disputed.id));

    const Bet marker = m_fx->place(m_fx->bob);
    QTRY_VERIFY(bettorEvents.countFor(marker.id, EventType::BetUpdated) == 1);
    const QList<BetEvent> arrived = bettorEvents.since(baseline);
    QCOMPARE(arrived.size(), 2);
    const BetEvent &rejection = arrived.at(0);
    QCOMPARE(rejection.type, EventType::BetUpdated);
    QCOMPARE(rejection.betId, disputed.id);
    QCOMPARE(rejection.data.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(rejection.data.value(QStringLiteral("previous_status")).toString(), QStringLiteral("disputed"));
    QCOMPARE(rejection.data.value(QStringLiteral("result")).toString(), QStringLiteral("win"));
    QCOMPARE(rejection.data.value(QStringLiteral("dispute_state")).toString(), QStringLiteral("rejected"));
    QCOMPARE(rejection.data.value(QStringLiteral("decision_notes")).toString(),
        QStringLiteral("Official result: Arsenal 2-1"));
    // No correction: only the marker's stake left the balance.
    QCOMPARE(m_fx->balance(QStringLiteral("bob")), balanceBefore - marker.stake);
}

void TestAdminWindow::twoOperatorsRacing_exactlyOneWinsBettorGetsOneEvent()
{
    const Bet bet = m_fx->place(m_fx->alice);
    RealTimeClient *bettor = m_fx->feed(m_fx->alice, QStringLiteral("alice"));
    FeedRecorder bettorEvents(bettor);
    QVERIFY(m_fx->waitCaughtUp(bettor));

    // Two operators, two tokens, two windows, each with its own global feed.
    AdminWindow olgaWindow(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    AdminWindow oscarWindow(m_fx->api(m_fx->oscar), m_fx->feed(m_fx->oscar));
    attachTesters(olgaWindow);
    attachTesters(oscarWindow);
    olgaWindow.show();
    oscarWindow.show();
    QTRY_VERIFY(loaded(olgaWindow));
    QTRY_VERIFY(loaded(oscarWindow));
    QTRY_COMPARE(oscarWindow.realTimeClient()->state(), RealTimeClient::State::Live);

    QCOMPARE(olgaWindow.selectPendingBets({ bet.id }), 1);
    QCOMPARE(oscarWindow.selectPendingBets({ bet.id }), 1);
    QPointer<ResolveDialog> olga = olgaWindow.openResolveDialog();
    QPointer<ResolveDialog> oscar = oscarWindow.openResolveDialog();
    QVERIFY(olga && oscar);
    chooseResult(olga->resultCombo(), BetResult::Win);
    olga->setNotes(QStringLiteral("Arsenal won 2-1"));
    chooseResult(oscar->resultCombo(), BetResult::Loss);
    oscar->setNotes(QStringLiteral("Chelsea won 2-1"));
    QSignalSpy olgaDone(olga.data(), &ResolveDialog::requestFinished);
    QSignalSpy oscarDone(oscar.data(), &ResolveDialog::requestFinished);
    // Both clicks before either answer can arrive.
    QTest::mouseClick(olga->resolveButton(), Qt::LeftButton);
    QTest::mouseClick(oscar->resolveButton(), Qt::LeftButton);
    QTRY_VERIFY(olgaDone.size() == 1 && oscarDone.size() == 1);

    const bool olgaWon = olgaDone.at(0).at(0).toBool();
    const bool oscarWon = oscarDone.at(0).at(0).toBool();
    QVERIFY2(olgaWon != oscarWon, "exactly one operator must win");
    ResolveDialog *loser = olgaWon ? oscar.data() : olga.data();
    QVERIFY(loser);
    QVERIFY2(loser->errorText().contains(QStringLiteral("conflict")), qPrintable(loser->errorText()));
    QVERIFY(loser->isVisible()); // stays open with the explanation
    const BetResult winning = olgaWon ? BetResult::Win : BetResult::Loss;
    QCOMPARE(betthat::test::found(m_fx->server().server().repository().betById(bet.id)).result, winning);

    // Both queues drop the bet; the bettor hears of it exactly once.
    QTRY_VERIFY(!olgaWindow.pendingModel()->contains(bet.id));
    QTRY_VERIFY(!oscarWindow.pendingModel()->contains(bet.id));
    const Bet marker = m_fx->place(m_fx->alice);
    QTRY_COMPARE(bettorEvents.countFor(marker.id, EventType::BetUpdated), 1);
    QCOMPARE(bettorEvents.countFor(bet.id, EventType::BetResolved), 1);
    const QList<BetEvent> stored = m_fx->eventsOf(bet.id);
    QCOMPARE(std::count_if(stored.cbegin(), stored.cend(),
                 [](const BetEvent &e) { return e.type == EventType::BetResolved; }),
        1);
    loser->reject();
}

void TestAdminWindow::resolvedElsewhere_leavesQueueAtOnceFromFeed()
{
    const Bet a = m_fx->place(m_fx->alice);
    const Bet b = m_fx->place(m_fx->bob);
    ApiClient *api = m_fx->api(m_fx->olga);
    RequestLog requests(api);
    RealTimeClient *feed = m_fx->feed(m_fx->olga);
    AdminWindow window(api, feed);
    attachTesters(window);
    QTRY_VERIFY(loaded(window));
    QVERIFY(m_fx->waitCaughtUp(feed));
    const int requestsBefore = static_cast<int>(requests.calls.size());

    QSignalSpy resolvedOnFeed(feed, &RealTimeClient::eventReceived);
    m_fx->resolve(a.id, BetResult::Loss, QStringLiteral("resolved by oscar"));
    QVERIFY(resolvedOnFeed.wait());
    // Applied in the same turn as the event: no reload, no request.
    QVERIFY(!window.pendingModel()->contains(a.id));
    QVERIFY(window.pendingModel()->contains(b.id));
    QCOMPARE(static_cast<int>(requests.calls.size()), requestsBefore);
}

void TestAdminWindow::placedElsewhere_appearsInQueue()
{
    RealTimeClient *feed = m_fx->feed(m_fx->olga);
    AdminWindow window(m_fx->api(m_fx->olga), feed);
    attachTesters(window);
    QTRY_VERIFY(loaded(window));
    QCOMPARE(window.pendingModel()->rowCount(), 0);
    const Bet bet
        = m_fx->place(m_fx->bob, QStringLiteral("France v New Zealand"), QStringLiteral("Handicap"));
    QTRY_VERIFY(window.pendingModel()->contains(bet.id));
    const int row = window.pendingModel()->rowOf(bet.id);
    QCOMPARE(window.pendingModel()->index(row, PendingBetsModel::EventColumn).data().toString(),
        QStringLiteral("France v New Zealand"));
    QCOMPARE(window.pendingModel()->index(row, PendingBetsModel::MarketColumn).data().toString(),
        QStringLiteral("Handicap"));
    // The new market is a filter choice at once.
    QVERIFY(window.marketFilterCombo()->findData(QStringLiteral("Handicap")) > 0);
}

void TestAdminWindow::disputeRaisedAndDecidedElsewhere_appearsThenLeaves()
{
    const Bet bet = m_fx->resolve(m_fx->place(m_fx->alice).id, BetResult::Loss);
    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    attachTesters(window);
    QTRY_VERIFY(loaded(window));
    QCOMPARE(window.disputesModel()->rowCount(), 0);

    m_fx->dispute(bet, QStringLiteral("Wrong result"));
    QTRY_VERIFY(window.disputesModel()->contains(bet.id));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("&Disputes (1)"));
    m_fx->decide(bet.id, DisputeState::Rejected, BetResult::None, QStringLiteral("Result confirmed"));
    QTRY_VERIFY(!window.disputesModel()->contains(bet.id));
    QCOMPARE(window.tabs()->tabText(1), QStringLiteral("&Disputes (0)"));
}

void TestAdminWindow::filters_byEventMarketAndBettor()
{
    m_fx->place(m_fx->alice, QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Match winner"));
    m_fx->place(m_fx->bob, QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Total goals"));
    m_fx->place(m_fx->alice, QStringLiteral("Lakers v Celtics"), QStringLiteral("Match winner"));
    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    attachTesters(window);
    QTRY_VERIFY(loaded(window));
    QCOMPARE(window.pendingProxy()->rowCount(), 3);
    // "All" plus each distinct value.
    QCOMPARE(window.eventFilterCombo()->count(), 3);
    QCOMPARE(window.marketFilterCombo()->count(), 3);
    QCOMPARE(window.userFilterCombo()->count(), 3);

    window.eventFilterCombo()->setCurrentIndex(
        window.eventFilterCombo()->findData(QStringLiteral("Arsenal v Chelsea")));
    QCOMPARE(window.pendingProxy()->rowCount(), 2);
    window.userFilterCombo()->setCurrentIndex(window.userFilterCombo()->findData(QStringLiteral("alice")));
    QCOMPARE(window.pendingProxy()->rowCount(), 1);
    auto *count = window.findChild<QLabel *>(QStringLiteral("pendingCount"));
    QVERIFY(count->text().contains(QStringLiteral("1 of 3")));
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("clearFilters")), Qt::LeftButton);
    QCOMPARE(window.pendingProxy()->rowCount(), 3);

    // Sorting by a column header sorts the proxy by the raw value.
    window.pendingView()->sortByColumn(PendingBetsModel::IdColumn, Qt::DescendingOrder);
    QVERIFY(window.pendingProxy()->index(0, 0).data(BetTableModel::SortRole).toLongLong()
        > window.pendingProxy()->index(2, 0).data(BetTableModel::SortRole).toLongLong());
}

void TestAdminWindow::actions_followSelectionAndTab()
{
    const Bet a = m_fx->place(m_fx->alice);
    const Bet b = m_fx->place(m_fx->alice);
    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    QTRY_VERIFY(loaded(window));
    QVERIFY(!window.resolveAction()->isEnabled());
    QVERIFY(!window.bulkResolveAction()->isEnabled());
    QVERIFY(!window.auditTrailAction()->isEnabled());
    QCOMPARE(window.selectPendingBets({ a.id }), 1);
    QVERIFY(window.resolveAction()->isEnabled());
    QVERIFY(window.bulkResolveAction()->isEnabled());
    QVERIFY(window.auditTrailAction()->isEnabled());
    QCOMPARE(window.selectPendingBets({ a.id, b.id }), 2);
    QVERIFY(!window.resolveAction()->isEnabled()); // Resolve… is for one bet
    QVERIFY(window.bulkResolveAction()->isEnabled());
    QVERIFY(window.openResolveDialog() == nullptr);
    window.tabs()->setCurrentIndex(1);
    QVERIFY(!window.bulkResolveAction()->isEnabled());
    QVERIFY(!window.reviewDisputeAction()->isEnabled()); // no dispute selected
}

void TestAdminWindow::auditTrail_fromDisputesTab()
{
    const Bet placed = m_fx->place(m_fx->alice);
    m_fx->resolve(placed.id, BetResult::Loss, QStringLiteral("Chelsea won 2-1"));
    const Bet disputed = m_fx->dispute(
        betthat::test::found(m_fx->server().server().repository().betById(placed.id)), QStringLiteral("Arsenal won"));
    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    QTRY_VERIFY(loaded(window));
    QVERIFY(window.selectDispute(disputed.id));
    QVERIFY(window.auditTrailAction()->isEnabled());
    window.auditTrailAction()->trigger();
    QPointer<AuditTrailDialog> dialog = window.findChild<AuditTrailDialog *>();
    QVERIFY(dialog);
    QAbstractItemModelTester tester(dialog->model(), kTester);
    QTRY_VERIFY(!dialog->isLoading());
    QCOMPARE(dialog->betId(), disputed.id);
    QCOMPARE(dialog->model()->rowCount(), 3);
    const auto cell
        = [&](int row, int column) { return dialog->model()->index(row, column).data().toString(); };
    QCOMPARE(cell(1, AuditTrailModel::WhoColumn), QStringLiteral("oscar"));
    QCOMPARE(cell(1, AuditTrailModel::NotesColumn), QStringLiteral("Chelsea won 2-1"));
    QCOMPARE(cell(2, AuditTrailModel::WhoColumn), QStringLiteral("alice"));
    QCOMPARE(cell(2, AuditTrailModel::ActionColumn), QStringLiteral("Disputed"));
    QCOMPARE(cell(2, AuditTrailModel::NotesColumn), QStringLiteral("Arsenal won"));
    dialog->reject();
}

void TestAdminWindow::bettorToken_windowSaysOperatorsOnly()
{
    m_fx->place(m_fx->alice);
    // A bettor's token could list the bettor's own bets; the window must not pass that off as the queue.
    ApiClient *api = m_fx->api(m_fx->alice);
    AdminWindow window(api, m_fx->feed(m_fx->alice, QStringLiteral("alice")));
    QSignalSpy failed(window.queueSync(), &AdminQueueSync::loadFailed);
    QSignalSpy done(window.queueSync(), &AdminQueueSync::loaded);
    QTRY_VERIFY(failed.size() > 0);
    // A fresh feed asks for a reload when it first connects ("initial"): each attempt must fail the same way.
    QTRY_COMPARE(window.realTimeClient()->state(), RealTimeClient::State::Live);
    QTRY_VERIFY(!window.queueSync()->isLoading());
    QCOMPARE(done.size(), 0);
    for (const QList<QVariant> &failure : std::as_const(failed))
        QCOMPARE(failure.at(0).value<Error>().code, ErrorCode::Forbidden);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("loadStatus"))->text(),
        QStringLiteral("Only operators can use the admin window."));
    QCOMPARE(window.pendingModel()->rowCount(), 0);
}

QTEST_MAIN(TestAdminWindow)
#include "tst_adminwindow.moc"
