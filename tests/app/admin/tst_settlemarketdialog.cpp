// SettleMarketDialog against a real server: the market's selections and bets, outcomes with terms, the preview
// priced by BetRules, the confirmation, one request with a key that a retry after a lost answer repeats, and the
// per-bet report.
#include "adminfixture.h"
#include "app/models/betlistmodel.h"
#include "app/admin/settlemarketdialog.h"
#include "app/models/betformatter.h"
#include "responsedroppingproxy.h"
#include "server/storage/repository.h"
#include "tests/support/resultchecks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;
using betthat::test::ResponseDroppingProxy;

namespace {

const QString kEvent = QStringLiteral("Cheltenham 14:30");
const QString kMarket = QStringLiteral("Win");

template <typename T> T *child(QObject &parent, const QString &name)
{
    T *found = parent.findChild<T *>(name);
    if (!found)
        qWarning("no child named %s", qPrintable(name));
    return found;
}

} // namespace

class TestSettleMarketDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup() { m_fx.reset(); }

    void deadHeatAndRule4_fromSelectionToConfirmation_settlesOnceAndReports();
    void selectionWithoutOutcome_cannotContinueUntilOthersLose();
    void lostAnswer_retryReusesKeyAndSettlesOnce();

private:
    std::unique_ptr<AdminFixture> m_fx;
    QList<Bet> m_bets;
};

void TestSettleMarketDialog::init()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    m_bets = { m_fx->place(m_fx->alice, kEvent, kMarket, 1000, QStringLiteral("5.00"), QStringLiteral("Desert Crown")),
        m_fx->place(m_fx->bob, kEvent, kMarket, 500, QStringLiteral("5.00"), QStringLiteral("Desert Crown")),
        m_fx->place(m_fx->alice, kEvent, kMarket, 2000, QStringLiteral("3.00"), QStringLiteral("Galopin")),
        m_fx->place(m_fx->bob, kEvent, kMarket, 1000, QStringLiteral("8.00"), QStringLiteral("Sir Gino")) };
    m_fx->place(m_fx->alice, kEvent, QStringLiteral("Each way"), 1000, QStringLiteral("2.00"),
        QStringLiteral("Desert Crown")); // another market: not listed, not settled
}

void TestSettleMarketDialog::deadHeatAndRule4_fromSelectionToConfirmation_settlesOnceAndReports()
{
    ApiClient *api = m_fx->api(m_fx->olga);
    SettleMarketDialog dialog(api, kEvent, kMarket);
    QSignalSpy loaded(&dialog, &SettleMarketDialog::loaded);
    dialog.show();
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    QCOMPARE(dialog.selections().size(), 3);
    QCOMPARE(dialog.bets().size(), 4);
    auto *selections = child<QTableWidget>(dialog, QStringLiteral("selectionTable"));
    QCOMPARE(selections->rowCount(), 3);
    QCOMPARE(selections->item(0, 0)->text(), QStringLiteral("Desert Crown"));
    QCOMPARE(selections->item(0, 1)->text(), QStringLiteral("2"));
    QCOMPARE(selections->item(0, 2)->text(), QStringLiteral("€15.00"));
    auto *continueButton = child<QPushButton>(dialog, QStringLiteral("continueButton"));
    QVERIFY(!continueButton->isEnabled());

    // The photo: Desert Crown and Galopin dead-heat for first, Rule 4 of 25p, the rest lose.
    auto *outcome = child<QComboBox>(dialog, QStringLiteral("outcome:Desert Crown"));
    outcome->setCurrentIndex(outcome->findData(int(BetResult::Win)));
    child<QLineEdit>(dialog, QStringLiteral("deadHeat:Desert Crown"))->setText(QStringLiteral("0.5"));
    dialog.setOutcome(QStringLiteral("Galopin"), BetResult::Win, {}, QStringLiteral("0.5"));
    child<QSpinBox>(dialog, QStringLiteral("deductionSpin"))->setValue(25);
    child<QCheckBox>(dialog, QStringLiteral("othersLoseCheck"))->setChecked(true);
    auto *certainty = child<QComboBox>(dialog, QStringLiteral("certaintyCombo"));
    certainty->setCurrentIndex(certainty->findData(int(Certainty::Provisional)));
    child<QPlainTextEdit>(dialog, QStringLiteral("notesEdit"))->setPlainText(QStringLiteral("photo: dead heat"));

    // 10.00 at 5.00: 5.00 back + 5.00 x 4 x 0.75 = 20.00; 5.00: 10.00; 20.00 at 3.00: 10.00 + 15.00 = 25.00.
    auto *preview = child<QTableWidget>(dialog, QStringLiteral("previewTable"));
    QCOMPARE(preview->item(0, 5)->text(), QStringLiteral("€20.00"));
    QCOMPARE(preview->item(1, 5)->text(), QStringLiteral("€10.00"));
    QCOMPARE(preview->item(2, 5)->text(), QStringLiteral("€25.00"));
    QCOMPARE(preview->item(3, 5)->text(), QStringLiteral("€0.00"));
    QCOMPARE(child<QLabel>(dialog, QStringLiteral("totalLabel"))->text(),
        QStringLiteral("Total payout: €55.00 (bets: 4)"));
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    QVERIFY(continueButton->isEnabled());

    QTest::mouseClick(continueButton, Qt::LeftButton);
    QCOMPARE(dialog.page(), SettleMarketDialog::Page::Confirm);
    const QString confirm = child<QLabel>(dialog, QStringLiteral("confirmLabel"))->text();
    QVERIFY2(confirm.contains(QStringLiteral("Bets: 4")), qPrintable(confirm));
    QVERIFY2(confirm.contains(QStringLiteral("Total payout: €55.00")), qPrintable(confirm));
    QVERIFY(confirm.contains(QStringLiteral("Every other selection: Loss")));
    QVERIFY(m_fx->eventsOf(m_bets.constFirst().id).size() == 1); // nothing sent before the confirmation

    QStringList keys;
    connect(api, &ApiClient::requestFinished, this, [&keys](const ApiCallInfo &info) {
        if (!info.idempotencyKey.isEmpty())
            keys << info.idempotencyKey;
    });
    QSignalSpy finished(&dialog, &SettleMarketDialog::requestFinished);
    QSignalSpy settled(&dialog, &SettleMarketDialog::betsSettled);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("confirmButton")), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(keys.size(), 1);
    QCOMPARE(dialog.page(), SettleMarketDialog::Page::Report);
    QCOMPARE(dialog.report().settled, 4);
    QCOMPARE(dialog.report().failed, 0);
    QCOMPARE(child<QLabel>(dialog, QStringLiteral("summaryLabel"))->text(),
        QStringLiteral("Settled: 4 · Confirmed: 0 · Re-settled: 0 · Unchanged: 0 · Failed: 0"));
    QCOMPARE(settled.size(), 1);
    QCOMPARE(settled.at(0).at(0).value<QList<Bet>>().size(), 4);
    // The server booked what the preview said.
    const Bet first = betthat::test::found(m_fx->server().server().repository().betById(m_bets.at(0).id));
    QCOMPARE(first.payout, 2000);
    QCOMPARE(first.certainty, Certainty::Provisional);
    QCOMPARE(first.deadHeatFactor, std::optional<qint64>(5000));
    QCOMPARE(betthat::test::found(m_fx->server().server().repository().betById(m_bets.at(3).id)).result,
        BetResult::Loss);
}

void TestSettleMarketDialog::selectionWithoutOutcome_cannotContinueUntilOthersLose()
{
    SettleMarketDialog dialog(m_fx->api(m_fx->olga), kEvent, kMarket);
    QSignalSpy loaded(&dialog, &SettleMarketDialog::loaded);
    dialog.show();
    QVERIFY(loaded.wait());
    auto *continueButton = child<QPushButton>(dialog, QStringLiteral("continueButton"));
    dialog.setOutcome(QStringLiteral("Galopin"), BetResult::Win);
    QVERIFY(!continueButton->isEnabled());
    QVERIFY2(dialog.problem().contains(QStringLiteral("Desert Crown, Sir Gino")), qPrintable(dialog.problem()));
    // A dead heat on a loss makes no sense: refused by the same rule the server applies.
    dialog.setOutcome(QStringLiteral("Desert Crown"), BetResult::Loss, {}, QStringLiteral("0.5"));
    child<QCheckBox>(dialog, QStringLiteral("othersLoseCheck"))->setChecked(true);
    QVERIFY(!continueButton->isEnabled());
    QVERIFY(dialog.problem().startsWith(QStringLiteral("Desert Crown: ")));
    dialog.setOutcome(QStringLiteral("Desert Crown"), BetResult::Void);
    QVERIFY(dialog.problem().contains(QStringLiteral("Notes are required")));
    child<QPlainTextEdit>(dialog, QStringLiteral("notesEdit"))->setPlainText(QStringLiteral("non-runner"));
    QVERIFY(continueButton->isEnabled());
    QCOMPARE(*dialog.payoutFor(m_bets.at(0)), 1000);
    QCOMPARE(*dialog.payoutFor(m_bets.at(3)), 0);
}

void TestSettleMarketDialog::lostAnswer_retryReusesKeyAndSettlesOnce()
{
    ResponseDroppingProxy proxy(m_fx->server().port());
    QVERIFY(proxy.listen());
    ApiClient api(ServerEndpoint(QUrl(proxy.baseUrl()), m_fx->olga.token));
    QStringList keys;
    connect(&api, &ApiClient::requestFinished, this, [&keys](const ApiCallInfo &info) {
        if (!info.idempotencyKey.isEmpty())
            keys << info.idempotencyKey;
    });
    SettleMarketDialog dialog(&api, kEvent, kMarket);
    QSignalSpy loaded(&dialog, &SettleMarketDialog::loaded);
    dialog.show();
    QVERIFY(loaded.wait());
    dialog.setOutcome(QStringLiteral("Sir Gino"), BetResult::Win);
    child<QCheckBox>(dialog, QStringLiteral("othersLoseCheck"))->setChecked(true);
    QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("continueButton")), Qt::LeftButton);
    QSignalSpy finished(&dialog, &SettleMarketDialog::requestFinished);
    auto *confirmButton = child<QPushButton>(dialog, QStringLiteral("confirmButton"));

    proxy.setDropping(true);
    QTest::mouseClick(confirmButton, Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(confirmButton->text(), QStringLiteral("&Retry"));
    QVERIFY(child<QLabel>(dialog, QStringLiteral("confirmError"))->isVisible());

    proxy.setDropping(false);
    QTest::mouseClick(confirmButton, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    keys.removeDuplicates();
    QCOMPARE(keys.size(), 1);
    // The replayed report is the first one: every bet settled, once.
    QCOMPARE(dialog.report().settled, 4);
    for (const Bet &bet : std::as_const(m_bets)) {
        const auto events = m_fx->eventsOf(bet.id);
        QCOMPARE(std::count_if(events.cbegin(), events.cend(),
                     [](const BetEvent &e) { return e.type == EventType::BetResolved; }),
            1);
    }
}

QTEST_MAIN(TestSettleMarketDialog)
#include "tst_settlemarketdialog.moc"
