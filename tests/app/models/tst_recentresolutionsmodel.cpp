// RecentResolutionsModel: newest first by seq, at most 20, no duplicates, names filled in later.
#include "app/models/recentresolutionsmodel.h"
#include "modelfixtures.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestRecentResolutionsModel : public QObject
{
    Q_OBJECT

private:
    static Resolution resolution(qint64 seq, const QString &betId = {})
    {
        Resolution r;
        r.seq = seq;
        r.betId = betId.isEmpty() ? QString::number(seq) : betId;
        r.result = BetResult::Win;
        r.payout = 2500;
        r.eventName = QStringLiteral("Event %1").arg(seq);
        r.resolvedAt = baseTime().addSecs(seq);
        return r;
    }

    static QList<qint64> seqs(const RecentResolutionsModel &model)
    {
        QList<qint64> result;
        for (int row = 0; row < model.rowCount(); ++row)
            result.append(model.index(row).data(RecentResolutionsModel::SeqRole).toLongLong());
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void add_keepsNewestFirst_evenWhenOlderOnesArriveLate()
    {
        RecentResolutionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(model.addResolution(resolution(10)));
        QVERIFY(model.addResolution(resolution(12)));
        QVERIFY(model.addResolution(resolution(11)));
        QCOMPARE(seqs(model), (QList<qint64> { 12, 11, 10 }));
    }

    void add_beyondTwenty_dropsTheOldest()
    {
        RecentResolutionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        for (int seq = 1; seq <= 25; ++seq)
            model.addResolution(resolution(seq));
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.capacity(), 20);
        QCOMPARE(seqs(model).constFirst(), 25);
        QCOMPARE(seqs(model).constLast(), 6);
        QCOMPARE(removed.count(), 5);
        // Older than everything in a full list: not shown at all.
        QVERIFY(!model.addResolution(resolution(3)));
        QCOMPARE(model.rowCount(), 20);
    }

    void add_sameSeqTwice_isIgnored()
    {
        RecentResolutionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(model.addResolution(resolution(5)));
        QVERIFY(!model.addResolution(resolution(5)));
        QCOMPARE(model.rowCount(), 1);
    }

    void setResolutions_sortsDedupesAndTrims()
    {
        RecentResolutionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<Resolution> all;
        for (int i = 1; i <= 30; ++i)
            all.append(resolution((i * 7) % 31)); // 1..30, shuffled
        all.append(resolution(30)); // and one twice
        model.setResolutions(all);
        QCOMPARE(model.rowCount(), 20);
        const QList<qint64> shown = seqs(model);
        QCOMPARE(shown.constFirst(), 30);
        QVERIFY(std::is_sorted(shown.crbegin(), shown.crend()));
        QCOMPARE(QSet<qint64>(shown.cbegin(), shown.cend()).size(), 20);
    }

    void fromEvent_onlyResolutions_withTheEventsData()
    {
        const Bet bet = makeBet(QStringLiteral("42"));
        const BetEvent won = resolutionEvent(77, bet, BetResult::Win, 2500);
        const auto r = RecentResolutionsModel::fromEvent(won, &bet);
        QVERIFY(r.has_value());
        QCOMPARE(r->seq, 77);
        QCOMPARE(r->betId, QStringLiteral("42"));
        QCOMPARE(r->result, BetResult::Win);
        QCOMPARE(r->payout, 2500);
        QCOMPARE(r->eventName, QStringLiteral("Arsenal v Chelsea"));
        QCOMPARE(r->notes, QStringLiteral("Final score 2-1"));

        Bet disputed = resolved(bet, BetResult::Loss, 0);
        const Bet settled = disputed;
        disputed.status = BetStatus::Disputed;
        QVERIFY(!RecentResolutionsModel::fromEvent(makeEvent(EventType::BetDisputed, 78, settled, disputed)));
    }

    void displayText_saysWhatHappened()
    {
        RecentResolutionsModel model;
        Resolution win = resolution(1);
        win.eventName = QStringLiteral("Arsenal v Chelsea");
        model.addResolution(win);
        Resolution loss = resolution(2);
        loss.result = BetResult::Loss;
        loss.eventName = QString(); // unknown yet
        loss.betId = QStringLiteral("9");
        model.addResolution(loss);
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("Arsenal v Chelsea — won €25.00"));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Bet #9 — lost"));
    }

    void describeBet_fillsInNamesOfThatBetsRows()
    {
        RecentResolutionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Resolution r = resolution(3, QStringLiteral("8"));
        r.eventName.clear();
        model.addResolution(r);
        model.addResolution(resolution(4, QStringLiteral("9")));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        Bet bet = makeBet(QStringLiteral("8"), QStringLiteral("Lakers v Celtics"));
        model.describeBet(bet);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(model.index(1).data(RecentResolutionsModel::EventNameRole).toString(),
            QStringLiteral("Lakers v Celtics"));
        model.describeBet(bet); // nothing new: no signal
        QCOMPARE(changed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRecentResolutionsModel)
#include "tst_recentresolutionsmodel.moc"
