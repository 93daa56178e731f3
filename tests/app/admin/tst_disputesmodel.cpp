// DisputesModel: reason and age of each open dispute, ages relative to an injected clock, per-row updates.
#include "app/admin/disputesmodel.h"
#include "app/models/betformatter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace betthat;
using namespace betthat::app;

namespace {

const QDateTime kNow = QDateTime(QDate(2024, 1, 15), QTime(12, 0), Qt::UTC);

Bet disputedBet(const QString &id, const QString &reason, qint64 secondsAgo,
    BetResult result = BetResult::Loss, qint64 payout = 0)
{
    Bet bet;
    bet.id = id;
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
    dispute.reason = reason;
    dispute.raisedAt = kNow.addSecs(-secondsAgo);
    bet.dispute = dispute;
    return bet;
}

} // namespace

class TestDisputesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void columns_showReasonResultAndAge();
    void age_data();
    void age();
    void refreshAges_touchesOnlyTheAgeColumn();
    void sortByAge_oldestFirstWhenDescending();
};

void TestDisputesModel::columns_showReasonResultAndAge()
{
    DisputesModel model;
    model.setClock([] { return kNow; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets({ disputedBet(QStringLiteral("7"), QStringLiteral("Arsenal won 2-1,\nnot Chelsea"),
        3 * 3600, BetResult::Loss, 0) });
    const auto cell
        = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
    QCOMPARE(cell(DisputesModel::IdColumn).toString(), QStringLiteral("7"));
    QCOMPARE(cell(DisputesModel::UserColumn).toString(), QStringLiteral("alice"));
    QCOMPARE(cell(DisputesModel::ResultColumn).toString(), BetFormatter::verdict(BetResult::Loss));
    QCOMPARE(cell(DisputesModel::PayoutColumn).toString(), BetFormatter::money(0, QStringLiteral("EUR")));
    // One line in the table, the whole text in the tooltip.
    QCOMPARE(cell(DisputesModel::ReasonColumn).toString(), QStringLiteral("Arsenal won 2-1, not Chelsea"));
    QCOMPARE(cell(DisputesModel::ReasonColumn, Qt::ToolTipRole).toString(),
        QStringLiteral("Arsenal won 2-1,\nnot Chelsea"));
    QCOMPARE(cell(DisputesModel::AgeColumn).toString(), QStringLiteral("3 h 0 min"));
}

void TestDisputesModel::age_data()
{
    QTest::addColumn<qint64>("secondsAgo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds") << qint64(42) << QStringLiteral("42 s");
    QTest::newRow("minutes") << qint64(12 * 60 + 5) << QStringLiteral("12 min");
    QTest::newRow("hours") << qint64(3 * 3600 + 5 * 60) << QStringLiteral("3 h 5 min");
    QTest::newRow("days") << qint64(2 * 86400 + 4 * 3600) << QStringLiteral("2 d 4 h");
    // A clock slightly behind the server's must not show a negative age.
    QTest::newRow("future") << qint64(-30) << QStringLiteral("0 s");
}

void TestDisputesModel::age()
{
    QFETCH(qint64, secondsAgo);
    QFETCH(QString, expected);
    DisputesModel model;
    model.setClock([] { return kNow; });
    model.setBets({ disputedBet(QStringLiteral("1"), QStringLiteral("r"), secondsAgo) });
    QCOMPARE(model.index(0, DisputesModel::AgeColumn).data().toString(), expected);
}

void TestDisputesModel::refreshAges_touchesOnlyTheAgeColumn()
{
    QDateTime now = kNow;
    DisputesModel model;
    model.setClock([&now] { return now; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets({ disputedBet(QStringLiteral("1"), QStringLiteral("r"), 60),
        disputedBet(QStringLiteral("2"), QStringLiteral("r"), 120) });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    now = now.addSecs(3600);
    model.refreshAges();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, DisputesModel::AgeColumn));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(1, DisputesModel::AgeColumn));
    QCOMPARE(model.index(0, DisputesModel::AgeColumn).data().toString(), QStringLiteral("1 h 1 min"));
}

void TestDisputesModel::sortByAge_oldestFirstWhenDescending()
{
    DisputesModel model;
    model.setClock([] { return kNow; });
    model.setBets({ disputedBet(QStringLiteral("1"), QStringLiteral("r"), 60),
        disputedBet(QStringLiteral("2"), QStringLiteral("r"), 7200),
        disputedBet(QStringLiteral("3"), QStringLiteral("r"), 600) });
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(BetTableModel::SortRole);
    proxy.sort(DisputesModel::AgeColumn, Qt::DescendingOrder);
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids << proxy.index(row, 0).data(BetTableModel::BetIdRole).toString();
    QCOMPARE(ids, (QStringList { QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("1") }));
}

QTEST_GUILESS_MAIN(TestDisputesModel)
#include "tst_disputesmodel.moc"
