// AuditTrailDialog against the real server: every event of a bet with who, when, from -> to and notes.
#include "adminfixture.h"
#include "tests/support/resultchecks.h"
#include "app/admin/audittraildialog.h"
#include "app/admin/audittrailmodel.h"
#include "app/models/betformatter.h"
#include "server/storage/repository.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;

namespace {

const QDateTime kT0 = QDateTime(QDate(2024, 1, 15), QTime(18, 0, 0, 250), Qt::UTC);

} // namespace

class TestAuditTrailDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void lifecycle_everyEventWithWhoWhenFromToNotes();
    void rejectedDispute_showsDecisionNotes();
    void refresh_showsEventsAddedSince();
    void unknownBet_saysNotFound();

private:
    std::unique_ptr<AdminFixture> m_fx;
    std::shared_ptr<QDateTime> m_now;
};

void TestAuditTrailDialog::init()
{
    m_fx = std::make_unique<AdminFixture>();
    // A pinned server clock, so "when" is known to the millisecond.
    m_now = std::make_shared<QDateTime>(kT0);
    m_fx->server().setClock([now = m_now] { return *now; });
    QVERIFY(m_fx->start());
}

void TestAuditTrailDialog::cleanup()
{
    m_fx.reset();
}

void TestAuditTrailDialog::lifecycle_everyEventWithWhoWhenFromToNotes()
{
    const Bet placed = m_fx->place(m_fx->alice);
    *m_now = kT0.addSecs(3600);
    m_fx->resolve(placed.id, BetResult::Loss, QStringLiteral("Chelsea won 2-1"), &m_fx->olga);
    *m_now = kT0.addSecs(7200);
    m_fx->dispute(
        betthat::test::found(m_fx->server().server().repository().betById(placed.id)), QStringLiteral("Arsenal won 2-1"));
    *m_now = kT0.addSecs(9000);
    m_fx->decide(
        placed.id, DisputeState::Upheld, BetResult::Win, QStringLiteral("The replay shows 2-1 Arsenal"));

    AuditTrailDialog dialog(m_fx->api(m_fx->olga), placed.id);
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QTRY_VERIFY(!dialog.isLoading());
    QVERIFY(dialog.errorText().isEmpty());
    AuditTrailModel *model = dialog.model();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(dialog.view()->model(), model);

    struct Row
    {
        QString who, action, status, result, notes;
        QDateTime when;
    };
    const QList<Row> expected {
        { QStringLiteral("alice"), QStringLiteral("Placed"), QStringLiteral("— → Pending"),
            QStringLiteral("—"), QString(), kT0 },
        { QStringLiteral("olga"), QStringLiteral("Resolved"), QStringLiteral("Pending → Settled"),
            QStringLiteral("— → Loss"), QStringLiteral("Chelsea won 2-1"), kT0.addSecs(3600) },
        { QStringLiteral("alice"), QStringLiteral("Disputed"), QStringLiteral("Settled → Disputed"),
            QStringLiteral("Loss → Loss"), QStringLiteral("Arsenal won 2-1"), kT0.addSecs(7200) },
        { QStringLiteral("oscar"), QStringLiteral("Dispute upheld"), QStringLiteral("Disputed → Settled"),
            QStringLiteral("Loss → Win"), QStringLiteral("The replay shows 2-1 Arsenal"), kT0.addSecs(9000) },
    };
    qint64 previousSeq = 0;
    for (int row = 0; row < expected.size(); ++row) {
        const Row &e = expected.at(row);
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model->index(row, column).data(role).toString();
        };
        QCOMPARE(cell(AuditTrailModel::WhoColumn), e.who);
        QCOMPARE(cell(AuditTrailModel::ActionColumn), e.action);
        QCOMPARE(cell(AuditTrailModel::StatusColumn), e.status);
        QCOMPARE(cell(AuditTrailModel::ResultColumn), e.result);
        QCOMPARE(cell(AuditTrailModel::NotesColumn), e.notes);
        QCOMPARE(cell(AuditTrailModel::WhenColumn), BetFormatter::dateTime(e.when));
        QCOMPARE(cell(AuditTrailModel::WhenColumn, Qt::ToolTipRole), toIsoUtc(e.when));
        // Oldest first.
        const qint64 seq = model->index(row, 0).data(AuditTrailModel::SeqRole).toLongLong();
        QVERIFY(seq > previousSeq);
        previousSeq = seq;
    }
    QCOMPARE(model->index(3, AuditTrailModel::PayoutColumn).data().toString(),
        BetFormatter::money(2500, QStringLiteral("EUR")));
    QTRY_VERIFY(dialog.summaryLabel()->text().contains(QStringLiteral("Settled")));
    QVERIFY(dialog.summaryLabel()->text().contains(placed.id));
}

void TestAuditTrailDialog::rejectedDispute_showsDecisionNotes()
{
    const Bet placed = m_fx->place(m_fx->bob);
    m_fx->resolve(placed.id, BetResult::Win, QStringLiteral("Arsenal won"));
    m_fx->dispute(betthat::test::found(m_fx->server().server().repository().betById(placed.id)), QStringLiteral("It was a draw"));
    m_fx->decide(
        placed.id, DisputeState::Rejected, BetResult::None, QStringLiteral("Official result stands"));
    AuditTrailDialog dialog(m_fx->api(m_fx->olga), placed.id);
    QTRY_VERIFY(!dialog.isLoading());
    QCOMPARE(dialog.model()->rowCount(), 4);
    const auto cell = [&](int column) { return dialog.model()->index(3, column).data().toString(); };
    QCOMPARE(cell(AuditTrailModel::ActionColumn), QStringLiteral("Dispute rejected"));
    QCOMPARE(cell(AuditTrailModel::WhoColumn), QStringLiteral("oscar"));
    QCOMPARE(cell(AuditTrailModel::StatusColumn), QStringLiteral("Disputed → Settled"));
    QCOMPARE(cell(AuditTrailModel::ResultColumn), QStringLiteral("Win → Win"));
    QCOMPARE(cell(AuditTrailModel::NotesColumn), QStringLiteral("Official result stands"));
}

void TestAuditTrailDialog::refresh_showsEventsAddedSince()
{
    const Bet placed = m_fx->place(m_fx->alice);
    AuditTrailDialog dialog(m_fx->api(m_fx->olga), placed.id);
    QSignalSpy loaded(&dialog, &AuditTrailDialog::loaded);
    QVERIFY(loaded.wait());
    QCOMPARE(dialog.model()->rowCount(), 1);
    m_fx->resolve(placed.id, BetResult::Push, QStringLiteral("Postponed, stakes back"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("refreshButton")), Qt::LeftButton);
    QVERIFY(loaded.wait());
    QCOMPARE(dialog.model()->rowCount(), 2);
    QCOMPARE(dialog.model()->index(1, AuditTrailModel::NotesColumn).data().toString(),
        QStringLiteral("Postponed, stakes back"));
}

void TestAuditTrailDialog::unknownBet_saysNotFound()
{
    AuditTrailDialog dialog(m_fx->api(m_fx->olga), QStringLiteral("999999"));
    QSignalSpy failed(&dialog, &AuditTrailDialog::loadFailed);
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::NotFound);
    QVERIFY(dialog.errorText().startsWith(BetFormatter::errorCode(ErrorCode::NotFound)));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("statusLabel"))->text(), dialog.errorText());
    QCOMPARE(dialog.model()->rowCount(), 0);
}

QTEST_MAIN(TestAuditTrailDialog)
#include "tst_audittraildialog.moc"
