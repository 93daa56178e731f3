// PendingBetsModel + PendingBetsFilterModel: per-row updates, lookups, filters by event/market/bettor,
// sorting.
#include "app/admin/pendingbetsfiltermodel.h"
#include "app/admin/pendingbetsmodel.h"
#include "app/models/betformatter.h"
#include "common/money.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;

namespace {

const QDateTime kNow = QDateTime(QDate(2024, 1, 15), QTime(12, 0), Qt::UTC);

Bet makeBet(const QString &id, const QString &user, const QString &event, const QString &market, qint64 stake,
    qint64 odds = 25000, qint64 minutesAgo = 5)
{
    Bet bet;
    bet.id = id;
    bet.userId = user;
    bet.eventName = event;
    bet.market = market;
    bet.selection = QStringLiteral("Home");
    bet.stake = stake;
    bet.odds = odds;
    bet.potentialReturn = stake * odds / kOddsScale;
    bet.createdAt = kNow.addSecs(-60 * minutesAgo);
    bet.updatedAt = bet.createdAt;
    return bet;
}

QList<Bet> sampleBets()
{
    return { makeBet(QStringLiteral("9"), QStringLiteral("alice"), QStringLiteral("Arsenal v Chelsea"),
                 QStringLiteral("Match winner"), 1000, 25000, 30),
        makeBet(QStringLiteral("10"), QStringLiteral("bob"), QStringLiteral("Arsenal v Chelsea"),
            QStringLiteral("Total goals"), 500, 18000, 10),
        makeBet(QStringLiteral("2"), QStringLiteral("alice"), QStringLiteral("Lakers v Celtics"),
            QStringLiteral("Match winner"), 2500, 19000, 60),
        makeBet(QStringLiteral("11"), QStringLiteral("carol"), QStringLiteral("Lakers v Celtics"),
            QStringLiteral("Total points"), 750, 21000, 1) };
}

QStringList idsInProxyOrder(const QAbstractItemModel &proxy)
{
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids << proxy.index(row, 0).data(BetTableModel::BetIdRole).toString();
    return ids;
}

} // namespace

class TestPendingBetsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setBets_showsEveryColumn();
    void upsert_newBet_insertsOneRow();
    void upsert_knownBet_changesOnlyItsRow();
    void remove_dropsRowAndKeepsLookupsRight();
    void remove_unknownBet_changesNothing();
    void refreshAges_touchesOnlyTheWaitingColumn();
    void distinctValues_areTheFilterChoices();
    void filters_data();
    void filters();
    void sort_data();
    void sort();
    void liveChanges_keepFilterAndSort();
};

void TestPendingBetsModel::setBets_showsEveryColumn()
{
    PendingBetsModel model;
    model.setClock([] { return kNow; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(PendingBetsModel::ColumnCount));
    const int row = model.rowOf(QStringLiteral("9"));
    QCOMPARE(row, 0);
    const auto cell = [&](int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(PendingBetsModel::IdColumn), QStringLiteral("9"));
    QCOMPARE(cell(PendingBetsModel::UserColumn), QStringLiteral("alice"));
    QCOMPARE(cell(PendingBetsModel::EventColumn), QStringLiteral("Arsenal v Chelsea"));
    QCOMPARE(cell(PendingBetsModel::MarketColumn), QStringLiteral("Match winner"));
    QCOMPARE(cell(PendingBetsModel::SelectionColumn), QStringLiteral("Home"));
    QCOMPARE(cell(PendingBetsModel::StakeColumn), BetFormatter::money(1000, QStringLiteral("EUR")));
    QCOMPARE(cell(PendingBetsModel::OddsColumn), BetFormatter::odds(25000));
    QCOMPARE(cell(PendingBetsModel::PotentialReturnColumn), BetFormatter::money(2500, QStringLiteral("EUR")));
    QCOMPARE(cell(PendingBetsModel::PlacedColumn), BetFormatter::age(kNow.addSecs(-1800), kNow));
    QCOMPARE(model.headerData(PendingBetsModel::MarketColumn, Qt::Horizontal).toString(),
        QStringLiteral("Market"));
}

void TestPendingBetsModel::upsert_newBet_insertsOneRow()
{
    PendingBetsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.upsert(
        makeBet(QStringLiteral("12"), QStringLiteral("bob"), QStringLiteral("X"), QStringLiteral("Y"), 100));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 4);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowOf(QStringLiteral("12")), 4);
    QVERIFY(model.contains(QStringLiteral("12")));
}

void TestPendingBetsModel::upsert_knownBet_changesOnlyItsRow()
{
    PendingBetsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    Bet bet = model.betAt(2);
    bet.selection = QStringLiteral("Away");
    model.upsert(bet);
    QCOMPARE(changed.size(), 1);
    const auto topLeft = changed.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 2);
    QCOMPARE(bottomRight.row(), 2);
    QCOMPARE(topLeft.column(), 0);
    QCOMPARE(bottomRight.column(), PendingBetsModel::ColumnCount - 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.index(2, PendingBetsModel::SelectionColumn).data().toString(), QStringLiteral("Away"));
}

void TestPendingBetsModel::remove_dropsRowAndKeepsLookupsRight()
{
    PendingBetsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(model.remove(QStringLiteral("10")));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(!model.contains(QStringLiteral("10")));
    // Every bet after the removed row moved up and is still found where it is.
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowOf(model.betAt(row).id), row);
}

void TestPendingBetsModel::remove_unknownBet_changesNothing()
{
    PendingBetsModel model;
    model.setBets(sampleBets());
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(!model.remove(QStringLiteral("404")));
    QCOMPARE(removed.size(), 0);
    QCOMPARE(model.rowCount(), 4);
}

void TestPendingBetsModel::refreshAges_touchesOnlyTheWaitingColumn()
{
    QDateTime now = kNow;
    PendingBetsModel model;
    model.setClock([&now] { return now; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    now = now.addSecs(3600);
    model.refreshAges();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, PendingBetsModel::PlacedColumn));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(3, PendingBetsModel::PlacedColumn));
    // Bet 9 was placed 30 minutes before kNow.
    QCOMPARE(model.index(0, PendingBetsModel::PlacedColumn).data().toString(), QStringLiteral("1 h 30 min"));

    PendingBetsModel empty;
    QSignalSpy none(&empty, &QAbstractItemModel::dataChanged);
    empty.refreshAges();
    QCOMPARE(none.size(), 0);
}

void TestPendingBetsModel::distinctValues_areTheFilterChoices()
{
    PendingBetsModel model;
    model.setBets(sampleBets());
    QCOMPARE(model.distinctValues(BetTableModel::UserIdRole),
        (QStringList { QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol") }));
    QCOMPARE(model.distinctValues(BetTableModel::EventNameRole),
        (QStringList { QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Lakers v Celtics") }));
    QCOMPARE(model.distinctValues(BetTableModel::MarketRole).size(), 3);
}

void TestPendingBetsModel::filters_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("market");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("expected"); // ids, sorted by id

    const QString arsenal = QStringLiteral("Arsenal v Chelsea");
    const QString lakers = QStringLiteral("Lakers v Celtics");
    const QString winner = QStringLiteral("Match winner");
    QTest::newRow("none") << QString() << QString() << QString()
                          << QStringList { QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10"),
                                 QStringLiteral("11") };
    QTest::newRow("event") << arsenal << QString() << QString()
                           << QStringList { QStringLiteral("9"), QStringLiteral("10") };
    QTest::newRow("market") << QString() << winner << QString()
                            << QStringList { QStringLiteral("2"), QStringLiteral("9") };
    QTest::newRow("user") << QString() << QString() << QStringLiteral("alice")
                          << QStringList { QStringLiteral("2"), QStringLiteral("9") };
    QTest::newRow("event+market") << lakers << winner << QString() << QStringList { QStringLiteral("2") };
    QTest::newRow("event+user") << lakers << QString() << QStringLiteral("carol")
                                << QStringList { QStringLiteral("11") };
    QTest::newRow("all three") << arsenal << QStringLiteral("Total goals") << QStringLiteral("bob")
                               << QStringList { QStringLiteral("10") };
    QTest::newRow("no match") << arsenal << QStringLiteral("Total points") << QString() << QStringList {};
    // Exact matches only: a prefix of a market is another market.
    QTest::newRow("prefix is not a match")
        << QString() << QStringLiteral("Match") << QString() << QStringList {};
    QTest::newRow("unknown user") << QString() << QString() << QStringLiteral("dave") << QStringList {};
}

void TestPendingBetsModel::filters()
{
    QFETCH(QString, event);
    QFETCH(QString, market);
    QFETCH(QString, user);
    QFETCH(QStringList, expected);

    PendingBetsModel model;
    PendingBetsFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    proxy.setEventFilter(event);
    proxy.setMarketFilter(market);
    proxy.setUserFilter(user);
    proxy.sort(PendingBetsModel::IdColumn, Qt::AscendingOrder);
    QCOMPARE(idsInProxyOrder(proxy), expected);
    QCOMPARE(proxy.isFiltered(), !event.isEmpty() || !market.isEmpty() || !user.isEmpty());

    proxy.clearFilters();
    QCOMPARE(proxy.rowCount(), 4);
}

void TestPendingBetsModel::sort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expected");
    // Ids and money sort as numbers ("10" after "9"), the waiting time as an age.
    QTest::newRow("id asc") << int(PendingBetsModel::IdColumn) << int(Qt::AscendingOrder)
                            << QStringList { QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10"),
                                   QStringLiteral("11") };
    QTest::newRow("stake desc") << int(PendingBetsModel::StakeColumn) << int(Qt::DescendingOrder)
                                << QStringList { QStringLiteral("2"), QStringLiteral("9"),
                                       QStringLiteral("11"), QStringLiteral("10") };
    QTest::newRow("odds asc") << int(PendingBetsModel::OddsColumn) << int(Qt::AscendingOrder)
                              << QStringList { QStringLiteral("10"), QStringLiteral("2"),
                                     QStringLiteral("11"), QStringLiteral("9") };
    QTest::newRow("waiting longest first") << int(PendingBetsModel::PlacedColumn) << int(Qt::DescendingOrder)
                                           << QStringList { QStringLiteral("2"), QStringLiteral("9"),
                                                  QStringLiteral("10"), QStringLiteral("11") };
    QTest::newRow("bettor asc") << int(PendingBetsModel::UserColumn) << int(Qt::AscendingOrder)
                                << QStringList { QStringLiteral("9"), QStringLiteral("2"),
                                       QStringLiteral("10"), QStringLiteral("11") };
}

void TestPendingBetsModel::sort()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QStringList, expected);
    PendingBetsModel model;
    PendingBetsFilterModel proxy;
    proxy.setSourceModel(&model);
    model.setBets(sampleBets());
    proxy.sort(column, static_cast<Qt::SortOrder>(order));
    // Ties (alice twice) keep the source order, which is stable here.
    QCOMPARE(idsInProxyOrder(proxy), expected);
}

void TestPendingBetsModel::liveChanges_keepFilterAndSort()
{
    PendingBetsModel model;
    PendingBetsFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBets(sampleBets());
    proxy.setMarketFilter(QStringLiteral("Match winner"));
    proxy.sort(PendingBetsModel::IdColumn, Qt::AscendingOrder);
    model.upsert(makeBet(QStringLiteral("5"), QStringLiteral("bob"), QStringLiteral("Lakers v Celtics"),
        QStringLiteral("Match winner"), 100));
    model.upsert(makeBet(QStringLiteral("6"), QStringLiteral("bob"), QStringLiteral("Lakers v Celtics"),
        QStringLiteral("Total points"), 100));
    QCOMPARE(idsInProxyOrder(proxy),
        (QStringList { QStringLiteral("2"), QStringLiteral("5"), QStringLiteral("9") }));
    model.remove(QStringLiteral("9"));
    QCOMPARE(idsInProxyOrder(proxy), (QStringList { QStringLiteral("2"), QStringLiteral("5") }));
}

QTEST_GUILESS_MAIN(TestPendingBetsModel)
#include "tst_pendingbetsmodel.moc"
