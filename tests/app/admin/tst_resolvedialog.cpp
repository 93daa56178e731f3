// ResolveDialog: payouts per result, required notes, the bulk confirmation, conflicts, and retries that reuse
// the Idempotency-Key so a click repeated after a lost answer never resolves twice.
#include "adminfixture.h"
#include "tests/support/resultchecks.h"
#include "app/admin/resolvedialog.h"
#include "app/models/betformatter.h"
#include "common/money.h"
#include "responsedroppingproxy.h"
#include "server/storage/repository.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;
using betthat::test::ResponseDroppingProxy;

namespace {

Bet offlineBet(
    const QString &id, qint64 stake, const QString &odds, const QString &currency = QStringLiteral("EUR"))
{
    Bet bet;
    bet.id = id;
    bet.userId = QStringLiteral("alice");
    bet.eventName = QStringLiteral("Arsenal v Chelsea");
    bet.market = QStringLiteral("Match winner");
    bet.selection = QStringLiteral("Arsenal");
    bet.stake = stake;
    bet.odds = *parseOdds(odds);
    bet.currency = currency;
    return bet;
}

void chooseResult(ResolveDialog &dialog, BetResult result)
{
    dialog.resultCombo()->setCurrentIndex(dialog.resultCombo()->findData(static_cast<int>(result)));
}

int resolvedEvents(const QList<BetEvent> &events)
{
    return static_cast<int>(std::count_if(
        events.cbegin(), events.cend(), [](const BetEvent &e) { return e.type == EventType::BetResolved; }));
}

} // namespace

class TestResolveDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();

    void payoutPreview_data();
    void payoutPreview();
    void total_sumsPerCurrency();
    void voidWithoutNotes_cannotBeSent();
    void bulk_backFromConfirmation_sendsNothing();
    void bulk_enterContinuesThenConfirms_unreachableServerOffersRetry();
    void single_resolvedElsewhere_showsClearConflict();
    void single_lostAnswer_retryReusesKeyAndResolvesOnce();
    void bulk_lostAnswer_retryReusesKeyAndResolvesEachOnce();
    void serverDown_retryReusesKey_changedRequestGetsNewKey();

private:
    std::unique_ptr<AdminFixture> m_fx;
};

void TestResolveDialog::cleanup()
{
    m_fx.reset();
}

void TestResolveDialog::payoutPreview_data()
{
    QTest::addColumn<int>("result");
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<QString>("odds");
    QTest::addColumn<qint64>("payout");
    QTest::newRow("win") << int(BetResult::Win) << qint64(1000) << "2.50" << qint64(2500);
    QTest::newRow("loss") << int(BetResult::Loss) << qint64(1000) << "2.50" << qint64(0);
    QTest::newRow("push: the stake") << int(BetResult::Push) << qint64(1000) << "2.50" << qint64(1000);
    QTest::newRow("void: the stake") << int(BetResult::Void) << qint64(1000) << "2.50" << qint64(1000);
    // 333 x 1.5 = 499.5, rounded half up (docs/API.md).
    QTest::newRow("win rounds half up") << int(BetResult::Win) << qint64(333) << "1.50" << qint64(500);
}

void TestResolveDialog::payoutPreview()
{
    QFETCH(int, result);
    QFETCH(qint64, stake);
    QFETCH(QString, odds);
    QFETCH(qint64, payout);
    ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("unused")));
    ResolveDialog dialog(&api, { offlineBet(QStringLiteral("1"), stake, odds) }, ResolveDialog::Mode::Single);
    QCOMPARE(dialog.payoutTable()->item(0, 5)->text(), QStringLiteral("—")); // no result, no payout
    chooseResult(dialog, static_cast<BetResult>(result));
    QCOMPARE(dialog.payoutFor(dialog.bets().constFirst()), payout);
    QCOMPARE(dialog.payoutTable()->item(0, 5)->text(), BetFormatter::money(payout, QStringLiteral("EUR")));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("totalLabel"))
                ->text()
                .contains(BetFormatter::money(payout, QStringLiteral("EUR"))));
}

void TestResolveDialog::total_sumsPerCurrency()
{
    ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("unused")));
    ResolveDialog dialog(&api,
        { offlineBet(QStringLiteral("1"), 1000, QStringLiteral("2.00")),
            offlineBet(QStringLiteral("2"), 500, QStringLiteral("3.00")),
            offlineBet(QStringLiteral("3"), 1000, QStringLiteral("1.50"), QStringLiteral("GBP")) },
        ResolveDialog::Mode::Bulk);
    chooseResult(dialog, BetResult::Win);
    const QMap<QString, qint64> totals = dialog.totalPayout();
    QCOMPARE(totals.value(QStringLiteral("EUR")), 3500);
    QCOMPARE(totals.value(QStringLiteral("GBP")), 1500);
    chooseResult(dialog, BetResult::Loss);
    QCOMPARE(dialog.totalPayout().value(QStringLiteral("EUR")), 0);
}

void TestResolveDialog::voidWithoutNotes_cannotBeSent()
{
    ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("unused")));
    QSignalSpy sent(&api, &ApiClient::requestFinished);
    ResolveDialog dialog(
        &api, { offlineBet(QStringLiteral("1"), 1000, QStringLiteral("2.50")) }, ResolveDialog::Mode::Single);
    dialog.show();
    chooseResult(dialog, BetResult::Void);
    QVERIFY(dialog.notesRequired());
    QVERIFY(!dialog.resolveButton()->isEnabled());
    QVERIFY(
        dialog.findChild<QLabel *>(QStringLiteral("notesHint"))->text().contains(QStringLiteral("required")));
    QTest::keyClicks(dialog.notesEdit(), QStringLiteral("   "));
    QVERIFY(!dialog.resolveButton()->isEnabled()); // blanks are not notes
    QTest::keyClicks(dialog.notesEdit(), QStringLiteral("Match abandoned"));
    QVERIFY(dialog.resolveButton()->isEnabled());
    dialog.notesEdit()->clear();
    chooseResult(dialog, BetResult::Loss);
    QVERIFY(!dialog.notesRequired());
    QVERIFY(dialog.resolveButton()->isEnabled()); // optional for the other results
    QCOMPARE(sent.size(), 0);
}

void TestResolveDialog::bulk_backFromConfirmation_sendsNothing()
{
    ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("unused")));
    QSignalSpy sent(&api, &ApiClient::requestFinished);
    ResolveDialog dialog(&api,
        { offlineBet(QStringLiteral("1"), 1000, QStringLiteral("2.50")),
            offlineBet(QStringLiteral("2"), 1000, QStringLiteral("2.50")) },
        ResolveDialog::Mode::Bulk);
    dialog.show();
    chooseResult(dialog, BetResult::Push);
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Confirm);
    QVERIFY(dialog.confirmLabel()->text().contains(QStringLiteral("Bets: 2")));
    QVERIFY(dialog.confirmLabel()->text().contains(BetFormatter::money(2000, QStringLiteral("EUR"))));
    QTest::mouseClick(dialog.backButton(), Qt::LeftButton);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Form);
    QCOMPARE(api.pendingCount(), 0);
    QCOMPARE(sent.size(), 0);
}

void TestResolveDialog::bulk_enterContinuesThenConfirms_unreachableServerOffersRetry()
{
    // Nothing listens on port 9: the request fails without an HTTP answer.
    ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("unused")));
    ResolveDialog dialog(&api,
        { offlineBet(QStringLiteral("1"), 1000, QStringLiteral("2.50")),
            offlineBet(QStringLiteral("2"), 1000, QStringLiteral("2.50")) },
        ResolveDialog::Mode::Bulk);
    dialog.show();
    QSignalSpy finished(&dialog, &ResolveDialog::requestFinished);
    chooseResult(dialog, BetResult::Loss);
    QTest::keyClick(&dialog, Qt::Key_Return);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Confirm);
    QCOMPARE(finished.size(), 0); // Enter on the form only continues to the confirmation
    QTest::keyClick(&dialog, Qt::Key_Return);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Confirm);
    QVERIFY2(dialog.errorText().startsWith(BetFormatter::errorCode(ErrorCode::Unavailable)),
        qPrintable(dialog.errorText()));
    QCOMPARE(dialog.confirmButton()->text(), QStringLiteral("&Retry"));
    QVERIFY(!dialog.idempotencyKey().isEmpty());
}

void TestResolveDialog::single_resolvedElsewhere_showsClearConflict()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const Bet bet = m_fx->place(m_fx->alice);
    ResolveDialog dialog(m_fx->api(m_fx->olga), { bet }, ResolveDialog::Mode::Single);
    dialog.show();
    QSignalSpy resolved(&dialog, &ResolveDialog::betsResolved);
    QSignalSpy finished(&dialog, &ResolveDialog::requestFinished);
    m_fx->resolve(bet.id, BetResult::Loss, QStringLiteral("by oscar"));

    chooseResult(dialog, BetResult::Win);
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(resolved.size(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().contains(
                 QStringLiteral("someone else changed bet %1 first (conflict)").arg(bet.id)),
        qPrintable(dialog.errorText()));
    QCOMPARE(betthat::test::found(m_fx->server().server().repository().betById(bet.id)).result, BetResult::Loss);
}

void TestResolveDialog::single_lostAnswer_retryReusesKeyAndResolvesOnce()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const Bet bet = m_fx->place(m_fx->alice);
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("alice"));
    ResponseDroppingProxy proxy(m_fx->server().port());
    QVERIFY(proxy.listen());
    ApiClient api(ServerEndpoint(QUrl(proxy.baseUrl()), m_fx->olga.token));
    QList<ApiCallInfo> calls;
    connect(&api, &ApiClient::requestFinished, this, [&calls](const ApiCallInfo &info) { calls << info; });

    ResolveDialog dialog(&api, { bet }, ResolveDialog::Mode::Single);
    dialog.show();
    QSignalSpy finished(&dialog, &ResolveDialog::requestFinished);
    chooseResult(dialog, BetResult::Win);
    dialog.setNotes(QStringLiteral("Arsenal won 2-1"));

    // The server resolves the bet, but its answer is lost on the way back.
    proxy.setDropping(true);
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(proxy.droppedResponses() >= 1);
    QCOMPARE(betthat::test::found(m_fx->server().server().repository().betById(bet.id)).status, BetStatus::Settled);
    const QString firstKey = dialog.idempotencyKey();
    QVERIFY(!firstKey.isEmpty());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("cannot be resolved twice")),
        qPrintable(dialog.errorText()));
    QCOMPARE(dialog.resolveButton()->text(), QStringLiteral("&Retry"));

    // The operator clicks again: the same key, so the server answers with the first result instead of 409.
    proxy.setDropping(false);
    QSignalSpy resolved(&dialog, &ResolveDialog::betsResolved);
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    QCOMPARE(resolved.size(), 1);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!calls.isEmpty());
    for (const ApiCallInfo &call : std::as_const(calls))
        QCOMPARE(call.idempotencyKey, firstKey);
    QCOMPARE(calls.last().httpStatus, 200);
    QVERIFY(proxy.forwardedResponses().join().contains("Idempotent-Replayed: true"));

    // One resolution: one event, one payout.
    QCOMPARE(resolvedEvents(m_fx->eventsOf(bet.id)), 1);
    QCOMPARE(m_fx->balance(QStringLiteral("alice")), balanceBefore + 2500);
}

void TestResolveDialog::bulk_lostAnswer_retryReusesKeyAndResolvesEachOnce()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const QList<Bet> bets { m_fx->place(m_fx->alice), m_fx->place(m_fx->bob), m_fx->place(m_fx->alice) };
    ResponseDroppingProxy proxy(m_fx->server().port());
    QVERIFY(proxy.listen());
    ApiClient api(ServerEndpoint(QUrl(proxy.baseUrl()), m_fx->olga.token));
    QStringList keys;
    connect(&api, &ApiClient::requestFinished, this,
        [&keys](const ApiCallInfo &info) { keys << info.idempotencyKey; });

    ResolveDialog dialog(&api, bets, ResolveDialog::Mode::Bulk);
    dialog.show();
    QSignalSpy finished(&dialog, &ResolveDialog::requestFinished);
    chooseResult(dialog, BetResult::Void);
    dialog.setNotes(QStringLiteral("Match abandoned"));
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Confirm);

    proxy.setDropping(true);
    QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Confirm);
    QVERIFY(!dialog.errorText().isEmpty());
    QCOMPARE(dialog.confirmButton()->text(), QStringLiteral("&Retry"));

    proxy.setDropping(false);
    QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    QCOMPARE(dialog.page(), ResolveDialog::Page::Outcome);
    // The replayed answer is the first one: all three resolved, none reported as a conflict.
    QCOMPARE(dialog.succeededCount(), 3);
    QCOMPARE(dialog.failedCount(), 0);
    keys.removeDuplicates();
    QCOMPARE(keys.size(), 1);
    for (const Bet &bet : bets) {
        QCOMPARE(resolvedEvents(m_fx->eventsOf(bet.id)), 1);
        QCOMPARE(betthat::test::found(m_fx->server().server().repository().betById(bet.id)).status, BetStatus::Voided);
    }
}

void TestResolveDialog::serverDown_retryReusesKey_changedRequestGetsNewKey()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    const Bet bet = m_fx->place(m_fx->alice);
    ApiClient *api = m_fx->api(m_fx->olga);
    QStringList keys;
    connect(api, &ApiClient::requestFinished, this,
        [&keys](const ApiCallInfo &info) { keys << info.idempotencyKey; });
    ResolveDialog dialog(api, { bet }, ResolveDialog::Mode::Single);
    dialog.show();
    QSignalSpy finished(&dialog, &ResolveDialog::requestFinished);
    chooseResult(dialog, BetResult::Loss);

    m_fx->server().stop();
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QVERIFY(finished.wait());
    QVERIFY2(dialog.errorText().contains(BetFormatter::errorCode(ErrorCode::Unavailable)),
        qPrintable(dialog.errorText()));
    QCOMPARE(dialog.resolveButton()->text(), QStringLiteral("&Retry"));
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys.at(1), keys.at(0)); // the same request retried: the same key

    // Changing the request makes it a new action: a new key, and the button says so.
    QTest::keyClicks(dialog.notesEdit(), QStringLiteral("Chelsea won"));
    QCOMPARE(dialog.resolveButton()->text(), QStringLiteral("&Resolve"));
    QVERIFY(m_fx->server().restart());
    QTest::mouseClick(dialog.resolveButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 3);
    QCOMPARE(finished.at(2).at(0).toBool(), true);
    QCOMPARE(keys.size(), 3);
    QVERIFY(keys.at(2) != keys.at(0));
    QCOMPARE(
        betthat::test::found(m_fx->server().server().repository().betById(bet.id)).resolutionNotes, QStringLiteral("Chelsea won"));
}

QTEST_MAIN(TestResolveDialog)
#include "tst_resolvedialog.moc"
