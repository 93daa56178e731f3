// CorrectionDialog against a real server: re-settling a bet shows the ledger correction and needs notes; rolling
// back puts it back to pending; the admin window opens both for a bet it loads by id.
#include "adminfixture.h"
#include "app/models/betlistmodel.h"
#include "app/admin/adminwindow.h"
#include "app/admin/correctiondialog.h"
#include "server/storage/repository.h"
#include "tests/support/resultchecks.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;

class TestCorrectionDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init()
    {
        m_fx = std::make_unique<AdminFixture>();
        QVERIFY(m_fx->start());
    }
    void cleanup() { m_fx.reset(); }

    void resettle_showsLedgerCorrection_needsNotes_correctsOnce();
    void rollback_needsNotes_betIsPendingAgain();
    void adminWindow_opensCorrectionsForALoadedBet();

private:
    std::unique_ptr<AdminFixture> m_fx;
};

void TestCorrectionDialog::resettle_showsLedgerCorrection_needsNotes_correctsOnce()
{
    const Bet placed = m_fx->place(m_fx->alice); // 10.00 at 2.50
    const Bet lost = m_fx->resolve(placed.id, BetResult::Loss);
    const qint64 balanceBefore = m_fx->balance(QStringLiteral("alice"));
    CorrectionDialog dialog(m_fx->api(m_fx->olga), lost, CorrectionDialog::Mode::Resettle);
    dialog.show();
    auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("applyButton"));
    auto *result = dialog.findChild<QComboBox *>(QStringLiteral("resultCombo"));
    auto *notes = dialog.findChild<QPlainTextEdit *>(QStringLiteral("notesEdit"));
    auto *ledger = dialog.findChild<QLabel *>(QStringLiteral("ledgerLabel"));
    QVERIFY(apply && result && notes && ledger);
    QVERIFY(!apply->isEnabled());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("currentLabel"))->text(),
        QStringLiteral("Now: Loss, payout €0.00"));

    result->setCurrentIndex(result->findData(int(BetResult::Loss)));
    notes->setPlainText(QStringLiteral("wrong result entered"));
    QVERIFY(!apply->isEnabled()); // the same outcome again is no correction
    result->setCurrentIndex(result->findData(int(BetResult::Win)));
    dialog.findChild<QSpinBox *>(QStringLiteral("deductionSpin"))->setValue(20);
    // 10.00 + 15.00 x 0.80 = 22.00
    QCOMPARE(dialog.newPayout(), std::optional<qint64>(2200));
    QCOMPARE(ledger->text(), QStringLiteral("Ledger: €22.00 booked, net +€22.00 for alice."));
    notes->clear();
    QVERIFY(!apply->isEnabled());
    QVERIFY(dialog.problem().startsWith(QStringLiteral("Notes are required")));
    notes->setPlainText(QStringLiteral("wrong result entered"));
    QVERIFY(apply->isEnabled());

    QSignalSpy corrected(&dialog, &CorrectionDialog::corrected);
    QTest::mouseClick(apply, Qt::LeftButton);
    QVERIFY(corrected.wait());
    const Bet after = corrected.at(0).at(0).value<Bet>();
    QCOMPARE(after.result, BetResult::Win);
    QCOMPARE(after.payout, 2200);
    QCOMPARE(after.resolutionSource, QStringLiteral("correction"));
    QCOMPARE(m_fx->balance(QStringLiteral("alice")), balanceBefore + 2200);
    const auto events = m_fx->eventsOf(placed.id);
    QCOMPARE(events.size(), 3); // placed, resolved, re-settled
}

void TestCorrectionDialog::rollback_needsNotes_betIsPendingAgain()
{
    const Bet placed = m_fx->place(m_fx->alice);
    const Bet won = m_fx->resolve(placed.id, BetResult::Win);
    CorrectionDialog dialog(m_fx->api(m_fx->olga), won, CorrectionDialog::Mode::Rollback);
    dialog.show();
    auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("applyButton"));
    QVERIFY(!apply->isEnabled());
    QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("resultCombo")));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("ledgerLabel"))->text(),
        QStringLiteral("Ledger: −€25.00 reversed for alice; the bet is pending again."));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("notesEdit"))
        ->setPlainText(QStringLiteral("settlement was sent in error"));
    QVERIFY(apply->isEnabled());
    QSignalSpy corrected(&dialog, &CorrectionDialog::corrected);
    QTest::mouseClick(apply, Qt::LeftButton);
    QVERIFY(corrected.wait());
    const Bet stored = betthat::test::found(m_fx->server().server().repository().betById(placed.id));
    QCOMPARE(stored.status, BetStatus::Pending);
    QCOMPARE(stored.payout, 0);
    QCOMPARE(stored.resolutionNotes, QStringLiteral("settlement was sent in error"));
}

void TestCorrectionDialog::adminWindow_opensCorrectionsForALoadedBet()
{
    const Bet placed = m_fx->place(m_fx->bob);
    const Bet won = m_fx->resolve(placed.id, BetResult::Win);
    AdminWindow window(m_fx->api(m_fx->olga), m_fx->feed(m_fx->olga));
    window.show();
    QVERIFY(window.resettleAction() && window.rollbackAction() && window.settleMarketAction());
    CorrectionDialog *dialog = window.openResettle(won);
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), CorrectionDialog::Mode::Resettle);
    QCOMPARE(dialog->parent(), &window);
    dialog->close();
    dialog = window.openRollback(won);
    QCOMPARE(dialog->mode(), CorrectionDialog::Mode::Rollback);
    QCOMPARE(dialog->bet().id, won.id);
}

QTEST_MAIN(TestCorrectionDialog)
#include "tst_correctiondialog.moc"
