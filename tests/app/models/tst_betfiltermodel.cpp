// BetFilterModel: every combination of status, result and search, newest update first, live re-sorting.
#include "app/models/betfiltermodel.h"
#include "app/models/betlistmodel.h"
#include "modelfixtures.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

Q_DECLARE_METATYPE(std::optional<betthat::BetStatus>)
Q_DECLARE_METATYPE(std::optional<betthat::BetResult>)

class TestBetFilterModel : public QObject
{
    Q_OBJECT

private:
    // 1..8, updated one minute apart (8 newest).
    static QList<Bet> sampleBets()
    {
        QList<Bet> bets;
        bets << makeBet("1", "Arsenal v Chelsea", "Match winner", "Arsenal", 1)
             << resolved(makeBet("2", "Manchester City v Liverpool", "Correct score", "2-1", 0),
                    BetResult::Loss, 0, 2)
             << resolved(makeBet("3", "Super Bowl LVIII", "Match winner", "Kansas City Chiefs", 0),
                    BetResult::Win, 18300, 3)
             << resolved(makeBet("4", "Monaco Grand Prix", "Race winner", "Charles Leclerc", 0),
                    BetResult::Void, 1500, 4)
             << resolved(makeBet("5", "Lakers v Celtics", "Total points", "Over 215.5", 0), BetResult::Push,
                    1000, 5)
             << makeBet("6", "Lakers v Celtics", "Match winner", "Boston Celtics", 6)
             << makeBet("7", "Arsenal v Chelsea", "Total goals", "Under 2.5", 7);
        Bet disputed = resolved(
            makeBet("8", "Wimbledon final", "Match winner", "Carlos Alcaraz", 0), BetResult::Loss, 0, 8);
        disputed.status = BetStatus::Disputed;
        bets << disputed;
        return bets;
    }

    static QStringList idsInOrder(const QAbstractItemModel &model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.append(model.index(row, 0).data(BetListModel::BetIdRole).toString());
        return ids;
    }

private Q_SLOTS:
    void filters_data()
    {
        QTest::addColumn<std::optional<BetStatus>>("status");
        QTest::addColumn<std::optional<BetResult>>("result");
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expected"); // newest first

        const std::optional<BetStatus> anyStatus;
        const std::optional<BetResult> anyResult;
        QTest::newRow("nothing filtered")
            << anyStatus << anyResult << QString() << QStringList { "8", "7", "6", "5", "4", "3", "2", "1" };
        QTest::newRow("pending") << std::optional(BetStatus::Pending) << anyResult << QString()
                                 << QStringList { "7", "6", "1" };
        QTest::newRow("settled") << std::optional(BetStatus::Settled) << anyResult << QString()
                                 << QStringList { "5", "3", "2" };
        QTest::newRow("voided") << std::optional(BetStatus::Voided) << anyResult << QString()
                                << QStringList { "4" };
        QTest::newRow("disputed") << std::optional(BetStatus::Disputed) << anyResult << QString()
                                  << QStringList { "8" };
        QTest::newRow("cancelled: none")
            << std::optional(BetStatus::Cancelled) << anyResult << QString() << QStringList {};
        QTest::newRow("result loss") << anyStatus << std::optional(BetResult::Loss) << QString()
                                     << QStringList { "8", "2" };
        QTest::newRow("not resolved")
            << anyStatus << std::optional(BetResult::None) << QString() << QStringList { "7", "6", "1" };
        QTest::newRow("settled and lost")
            << std::optional(BetStatus::Settled) << std::optional(BetResult::Loss) << QString()
            << QStringList { "2" };
        QTest::newRow("settled and void: none")
            << std::optional(BetStatus::Settled) << std::optional(BetResult::Void) << QString()
            << QStringList {};
        QTest::newRow("search event")
            << anyStatus << anyResult << QStringLiteral("arsenal") << QStringList { "7", "1" };
        QTest::newRow("search market")
            << anyStatus << anyResult << QStringLiteral("TOTAL") << QStringList { "7", "5" };
        QTest::newRow("search selection")
            << anyStatus << anyResult << QStringLiteral("leclerc") << QStringList { "4" };
        QTest::newRow("search two words, both must match")
            << anyStatus << anyResult << QStringLiteral("lakers celtics") << QStringList { "6", "5" };
        QTest::newRow("search words across fields")
            << anyStatus << anyResult << QStringLiteral("celtics winner") << QStringList { "6" };
        QTest::newRow("search no match")
            << anyStatus << anyResult << QStringLiteral("cricket") << QStringList {};
        QTest::newRow("search surrounding spaces")
            << anyStatus << anyResult << QStringLiteral("  monaco  ") << QStringList { "4" };
        QTest::newRow("pending and search") << std::optional(BetStatus::Pending) << anyResult
                                            << QStringLiteral("lakers") << QStringList { "6" };
        QTest::newRow("all three") << std::optional(BetStatus::Settled) << std::optional(BetResult::Win)
                                   << QStringLiteral("chiefs") << QStringList { "3" };
        QTest::newRow("all three, search excludes")
            << std::optional(BetStatus::Settled) << std::optional(BetResult::Win) << QStringLiteral("arsenal")
            << QStringList {};
    }

    void filters()
    {
        QFETCH(std::optional<BetStatus>, status);
        QFETCH(std::optional<BetResult>, result);
        QFETCH(QString, search);
        QFETCH(QStringList, expected);

        BetListModel source;
        BetFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        source.setBets(sampleBets());
        filter.setStatusFilter(status);
        filter.setResultFilter(result);
        filter.setSearchText(search);
        QCOMPARE(idsInOrder(filter), expected);

        // Clearing every filter shows everything again.
        filter.setStatusFilter(std::nullopt);
        filter.setResultFilter(std::nullopt);
        filter.setSearchText(QString());
        QCOMPARE(filter.rowCount(), 8);
    }

    void liveUpdate_movesTheChangedBetToTheTop()
    {
        BetListModel source;
        BetFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QList<Bet> bets = sampleBets();
        source.setBets(bets);
        QCOMPARE(idsInOrder(filter).constFirst(), QStringLiteral("8"));

        // Bet 1 (the oldest) is resolved ten minutes after everything else.
        source.applyEvent(resolutionEvent(50, bets.at(0), BetResult::Win, 2500, 20));
        QCOMPARE(idsInOrder(filter), (QStringList { "1", "8", "7", "6", "5", "4", "3", "2" }));
    }

    void liveUpdate_leavingTheFilter_removesTheRowFromTheProxyOnly()
    {
        BetListModel source;
        BetFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QList<Bet> bets = sampleBets();
        source.setBets(bets);
        filter.setStatusFilter(BetStatus::Pending);
        QCOMPARE(filter.rowCount(), 3);
        QSignalSpy removed(&filter, &QAbstractItemModel::rowsRemoved);

        source.applyEvent(resolutionEvent(51, bets.at(5), BetResult::Loss, 0, 30)); // bet 6 settles
        QCOMPARE(idsInOrder(filter), (QStringList { "7", "1" }));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(source.rowCount(), 8);
    }

    void sameUpdateTime_higherIdFirst()
    {
        BetListModel source;
        BetFilterModel filter;
        filter.setSourceModel(&source);
        Bet a = makeBet(QStringLiteral("9"));
        Bet b = makeBet(QStringLiteral("10"));
        source.setBets({ a, b });
        QCOMPARE(idsInOrder(filter), (QStringList { "10", "9" }));
    }
};

QTEST_GUILESS_MAIN(TestBetFilterModel)
#include "tst_betfiltermodel.moc"
