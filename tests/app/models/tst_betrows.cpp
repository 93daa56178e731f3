// BetRows: the id-indexed rows behind both bet models: duplicates on load, appends, removals that keep every
// lookup right.
#include "app/models/betrows.h"
#include "modelfixtures.h"

#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestBetRows : public QObject
{
    Q_OBJECT

private:
    static QStringList ids(const BetRows &rows)
    {
        QStringList out;
        for (const Bet &bet : rows.all())
            out << bet.id;
        return out;
    }

private Q_SLOTS:
    void assign_betListedTwice_keepsItsFirstRowAndTheLaterData()
    {
        Bet first = makeBet(QStringLiteral("1"));
        Bet later = first;
        later.status = BetStatus::Settled;
        BetRows rows;
        rows.assign({ first, makeBet(QStringLiteral("2")), later });
        QCOMPARE(rows.size(), 2);
        QCOMPARE(ids(rows), (QStringList { QStringLiteral("1"), QStringLiteral("2") }));
        QCOMPARE(rows.rowOf(QStringLiteral("1")), 0);
        QCOMPARE(rows.at(0).status, BetStatus::Settled);
    }

    void assign_replacesEverything()
    {
        BetRows rows;
        rows.assign({ makeBet(QStringLiteral("1")), makeBet(QStringLiteral("2")) });
        rows.assign({ makeBet(QStringLiteral("3")) });
        QCOMPARE(ids(rows), QStringList { QStringLiteral("3") });
        QVERIFY(!rows.contains(QStringLiteral("1")));
        QCOMPARE(rows.rowOf(QStringLiteral("2")), -1);
        rows.clear();
        QCOMPARE(rows.size(), 0);
        QVERIFY(!rows.contains(QStringLiteral("3")));
    }

    void append_andReplace_keepLookups()
    {
        BetRows rows;
        QCOMPARE(rows.append(makeBet(QStringLiteral("7"))), 0);
        QCOMPARE(rows.append(makeBet(QStringLiteral("8"))), 1);
        Bet changed = rows.at(1);
        changed.payout = 2500;
        rows.replace(1, changed);
        QCOMPARE(rows.find(QStringLiteral("8"))->payout, 2500);
        QCOMPARE(rows.rowOf(QStringLiteral("8")), 1);
        QVERIFY(!rows.find(QStringLiteral("9")).has_value());
        QCOMPARE(rows.rowOf(QStringLiteral("9")), -1);
    }

    void removeAt_movesTheLaterRowsUp()
    {
        BetRows rows;
        rows.assign({ makeBet(QStringLiteral("1")), makeBet(QStringLiteral("2")),
            makeBet(QStringLiteral("3")), makeBet(QStringLiteral("4")) });
        rows.removeAt(1);
        QCOMPARE(ids(rows), (QStringList { QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("4") }));
        QVERIFY(!rows.contains(QStringLiteral("2")));
        QCOMPARE(rows.rowOf(QStringLiteral("1")), 0);
        QCOMPARE(rows.rowOf(QStringLiteral("3")), 1);
        QCOMPARE(rows.rowOf(QStringLiteral("4")), 2);
        rows.removeAt(2);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.append(makeBet(QStringLiteral("5"))), 2);
    }
};

QTEST_GUILESS_MAIN(TestBetRows)
#include "tst_betrows.moc"
