// BetListModel: O(1) lookup by id, one row touched per change, resets only on a full reload.
#include "app/models/betlistmodel.h"
#include "modelfixtures.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestBetListModel : public QObject
{
    Q_OBJECT

private:
    static QList<Bet> manyBets(int count)
    {
        QList<Bet> bets;
        for (int i = 1; i <= count; ++i)
            bets.append(makeBet(QString::number(i), QStringLiteral("Event %1").arg(i),
                QStringLiteral("Match winner"), QStringLiteral("Team %1").arg(i), i));
        return bets;
    }

private Q_SLOTS:
    void setBets_underTester_exposesEveryRole()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Bet bet = makeBet(QStringLiteral("7"));
        bet.dispute = Dispute { QStringLiteral("wrong score"), baseTime(), DisputeState::Open, {}, {}, {} };
        model.setBets({ bet, makeBet(QStringLiteral("8")) });

        QCOMPARE(model.rowCount(), 2);
        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(BetListModel::BetIdRole).toString(), QStringLiteral("7"));
        QCOMPARE(first.data(BetListModel::EventNameRole).toString(), QStringLiteral("Arsenal v Chelsea"));
        QCOMPARE(first.data(BetListModel::MarketRole).toString(), QStringLiteral("Match winner"));
        QCOMPARE(first.data(BetListModel::SelectionRole).toString(), QStringLiteral("Arsenal"));
        QCOMPARE(first.data(BetListModel::StakeRole).toLongLong(), 1000);
        QCOMPARE(first.data(BetListModel::OddsRole).toLongLong(), 25000);
        QCOMPARE(first.data(BetListModel::PotentialReturnRole).toLongLong(), 2500);
        QCOMPARE(first.data(BetListModel::StatusRole).toInt(), static_cast<int>(BetStatus::Pending));
        QCOMPARE(first.data(BetListModel::ResultRole).toInt(), static_cast<int>(BetResult::None));
        QCOMPARE(first.data(BetListModel::DisputeReasonRole).toString(), QStringLiteral("wrong score"));
        QCOMPARE(first.data(BetListModel::DisputeStateRole).toInt(), static_cast<int>(DisputeState::Open));
        QVERIFY(!model.index(1).data(BetListModel::DisputeStateRole).isValid());
        QCOMPARE(first.data(BetListModel::BetRole).value<Bet>(), bet);
        QCOMPARE(model.roleNames().value(BetListModel::BetIdRole), QByteArray("betId"));
        QVERIFY(BetListModel::BetIdRole == Qt::UserRole + 1);
    }

    void setBets_sameIdTwice_keepsOneRowWithTheLaterCopy()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        Bet later = makeBet(QStringLiteral("1"));
        later.selection = QStringLiteral("Chelsea");
        model.setBets({ makeBet(QStringLiteral("1")), makeBet(QStringLiteral("2")), later });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.bet(QStringLiteral("1"))->selection, QStringLiteral("Chelsea"));
        QCOMPARE(model.rowOf(QStringLiteral("2")), 1);
    }

    void upsertBet_newBet_insertsOneRowWithoutReset()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setBets(manyBets(3));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &BetListModel::betChanged);

        const int row = model.upsertBet(makeBet(QStringLiteral("99")));

        QCOMPARE(row, 3);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 3);
        QCOMPARE(inserted.at(0).at(2).toInt(), 3);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("99")), 3);
    }

    void applyEvent_resolution_changesOnlyThatRow()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const QDateTime pinned = baseTime().addDays(1);
        model.setClock([pinned] { return pinned; });
        const QList<Bet> bets = manyBets(50);
        model.setBets(bets);
        const Bet target = bets.at(16); // id "17"
        const int row = model.rowOf(target.id);
        QCOMPARE(row, 16);

        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        const BetEvent event = resolutionEvent(101, target, BetResult::Win, 2500);
        QCOMPARE(model.applyEvent(event), BetListModel::ApplyResult::Applied);

        QCOMPARE(dataChanged.count(), 1);
        const auto topLeft = dataChanged.at(0).at(0).value<QModelIndex>();
        const auto bottomRight = dataChanged.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft, model.index(row));
        QCOMPARE(bottomRight, model.index(row));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);

        const Bet after = *model.bet(target.id);
        QCOMPARE(after.status, BetStatus::Settled);
        QCOMPARE(after.result, BetResult::Win);
        QCOMPARE(after.payout, 2500);
        QCOMPARE(after.resolutionNotes, QStringLiteral("Final score 2-1"));
        QCOMPARE(after.resolvedBy, QStringLiteral("operator"));
        QCOMPARE(after.resolvedAt, target.updatedAt.addSecs(300));
        QCOMPARE(after.updatedAt, target.updatedAt.addSecs(300));
        QCOMPARE(model.index(row).data(BetListModel::ChangedAtRole).toDateTime(), pinned);
        // Every other row is as it was.
        for (int r = 0; r < model.rowCount(); ++r) {
            if (r != row)
                QCOMPARE(model.betAt(r), bets.at(r));
        }
    }

    void applyEvent_unknownBet_returnsUnknownAndChangesNothing()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setBets(manyBets(3));
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const BetEvent event = resolutionEvent(7, makeBet(QStringLiteral("404")), BetResult::Loss, 0);
        QCOMPARE(model.applyEvent(event), BetListModel::ApplyResult::Unknown);
        QCOMPARE(dataChanged.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(model.rowCount(), 3);
    }

    void applyEvent_olderThanTheRow_isStaleAndChangesNothing()
    {
        // A reload already brought the dispute; the replayed resolution before it must not roll the card
        // back.
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const Bet pending = makeBet(QStringLiteral("5"));
        const Bet settled = resolved(pending, BetResult::Loss, 0, 5);
        Bet disputed = settled;
        disputed.status = BetStatus::Disputed;
        disputed.dispute = Dispute { QStringLiteral("it went to overtime"), settled.updatedAt.addSecs(60),
            DisputeState::Open, {}, {}, {} };
        disputed.updatedAt = settled.updatedAt.addSecs(60);
        model.setBets({ disputed });
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);

        QCOMPARE(model.applyEvent(makeEvent(EventType::BetResolved, 10, pending, settled)),
            BetListModel::ApplyResult::Stale);
        QCOMPARE(dataChanged.count(), 0);
        QCOMPARE(model.bet(QStringLiteral("5"))->status, BetStatus::Disputed);
    }

    void applyEvent_disputeThenDecision_updatesTheDisputeFields()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const Bet settled = resolved(makeBet(QStringLiteral("3")), BetResult::Loss, 0);
        model.setBets({ settled });

        Bet disputed = settled;
        disputed.status = BetStatus::Disputed;
        disputed.updatedAt = settled.updatedAt.addSecs(60);
        disputed.dispute = Dispute { QStringLiteral("221 points is over"), disputed.updatedAt,
            DisputeState::Open, {}, {}, {} };
        QCOMPARE(model.applyEvent(
                     makeEvent(EventType::BetDisputed, 11, settled, disputed, QStringLiteral("alice"))),
            BetListModel::ApplyResult::Applied);
        Bet shown = *model.bet(QStringLiteral("3"));
        QCOMPARE(shown.status, BetStatus::Disputed);
        QVERIFY(shown.dispute.has_value());
        QCOMPARE(shown.dispute->reason, QStringLiteral("221 points is over"));
        QCOMPARE(shown.dispute->state, DisputeState::Open);
        QCOMPARE(shown.dispute->raisedAt, disputed.updatedAt);

        Bet upheld = disputed;
        upheld.status = BetStatus::Settled;
        upheld.result = BetResult::Win;
        upheld.payout = 2500;
        upheld.resolutionSource = QStringLiteral("dispute");
        upheld.updatedAt = disputed.updatedAt.addSecs(60);
        upheld.dispute->state = DisputeState::Upheld;
        upheld.dispute->decisionNotes = QStringLiteral("Overtime counts");
        QCOMPARE(model.applyEvent(makeEvent(EventType::BetResolved, 12, disputed, upheld)),
            BetListModel::ApplyResult::Applied);
        shown = *model.bet(QStringLiteral("3"));
        QCOMPARE(shown.result, BetResult::Win);
        QCOMPARE(shown.payout, 2500);
        QCOMPARE(shown.resolutionSource, QStringLiteral("dispute"));
        QCOMPARE(shown.dispute->state, DisputeState::Upheld);
        QCOMPARE(shown.dispute->decisionNotes, QStringLiteral("Overtime counts"));
        QCOMPARE(shown.dispute->decidedBy, QStringLiteral("operator"));
        QCOMPARE(shown.dispute->decidedAt, upheld.updatedAt);
    }

    void rowOf_afterThousandsOfUpserts_findsEveryBet()
    {
        BetListModel model;
        model.setBets(manyBets(500));
        for (int i = 501; i <= 3000; ++i)
            model.upsertBet(makeBet(QString::number(i)));
        QCOMPARE(model.rowCount(), 3000);
        for (int i = 1; i <= 3000; i += 97)
            QCOMPARE(model.betAt(model.rowOf(QString::number(i))).id, QString::number(i));
        QCOMPARE(model.rowOf(QStringLiteral("3001")), -1);
    }

    void clear_isAResetToNoRows()
    {
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setBets(manyBets(4));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.clear();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.contains(QStringLiteral("1")));
    }
};

QTEST_GUILESS_MAIN(TestBetListModel)
#include "tst_betlistmodel.moc"
