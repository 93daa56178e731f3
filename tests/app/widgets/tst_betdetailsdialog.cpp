// BetDetailsDialog against the fake API: every field and the event timeline, a reload shows what changed since,
// an unknown bet says so, and the actions follow the card's rules. Read like a user: widgets by objectName.
#include "app/widgets/betdetailsdialog.h"
#include "dialogprobe.h"
#include "tests/app/models/modelfixtures.h"
#include "tests/app/support/fakeapi.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

namespace {

QString field(const BetDetailsDialog &dialog, const char *name)
{
    const QLabel *label = dialog.findChild<QLabel *>(QStringLiteral("field_") + QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no field %1>").arg(QLatin1String(name));
}

QTreeWidget *timeline(const BetDetailsDialog &dialog)
{
    return child<QTreeWidget>(dialog, "eventTimeline");
}

// Alice's 20.00 at 1.91 on total points, placed, resolved as lost by op, disputed by alice: the bet and its
// three events as the server would answer them.
struct DisputedBet
{
    Bet placed;
    Bet lost;
    Bet disputed;
    QList<BetEvent> events;

    DisputedBet()
    {
        placed = makeBet(QStringLiteral("12"), QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Total points"),
            QStringLiteral("Over 210.5"));
        placed.odds = 19100;
        placed.stake = 2000;
        placed.potentialReturn = 3820;
        lost = resolved(placed, BetResult::Loss, 0, 5, QStringLiteral("Total points 212"));
        lost.resolvedBy = QStringLiteral("op");
        disputed = lost;
        disputed.status = BetStatus::Disputed;
        disputed.updatedAt = lost.updatedAt.addSecs(60);
        disputed.dispute = Dispute { QStringLiteral("Overtime made it 221"), disputed.updatedAt,
            DisputeState::Open, {}, {}, {} };
        events = { makeEvent(EventType::BetUpdated, 3, Bet {}, placed, QStringLiteral("alice")),
            makeEvent(EventType::BetResolved, 7, placed, lost, QStringLiteral("op")),
            makeEvent(EventType::BetDisputed, 9, lost, disputed, QStringLiteral("alice")) };
    }
};

} // namespace

class TestBetDetailsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void disputedBet_showsEveryFieldAndTheTimeline()
    {
        const DisputedBet fx;
        FakeApi api;
        api.putBet(fx.disputed);
        api.setEvents(fx.disputed.id, fx.events);
        BetDetailsDialog dialog(&api, fx.disputed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.at(0).at(0).toBool(), true);

        QCOMPARE(field(dialog, "id"), QStringLiteral("12"));
        QCOMPARE(field(dialog, "user"), QStringLiteral("alice"));
        QCOMPARE(field(dialog, "event"), QStringLiteral("Arsenal v Chelsea"));
        QCOMPARE(field(dialog, "market"), QStringLiteral("Total points"));
        QCOMPARE(field(dialog, "odds"), QStringLiteral("1.91"));
        QCOMPARE(field(dialog, "stake"), QStringLiteral("€20.00"));
        QCOMPARE(field(dialog, "potentialReturn"), QStringLiteral("€38.20"));
        QCOMPARE(field(dialog, "status"), QStringLiteral("Disputed"));
        QCOMPARE(field(dialog, "result"), QStringLiteral("Lost"));
        QCOMPARE(field(dialog, "payout"), QStringLiteral("€0.00"));
        QCOMPARE(field(dialog, "notes"), QStringLiteral("Total points 212"));
        QCOMPARE(field(dialog, "resolvedBy"), QStringLiteral("op"));
        QCOMPARE(field(dialog, "disputeReason"), QStringLiteral("Overtime made it 221"));
        QCOMPARE(field(dialog, "disputeState"), QStringLiteral("Open"));

        // placed, resolved, disputed: in order, with who did it.
        QTreeWidget *events = timeline(dialog);
        QVERIFY(events);
        QCOMPARE(events->topLevelItemCount(), 3);
        QCOMPARE(events->topLevelItem(0)->text(1), QStringLiteral("Placed"));
        QCOMPARE(events->topLevelItem(1)->text(1), QStringLiteral("Resolved"));
        QCOMPARE(events->topLevelItem(1)->text(2), QStringLiteral("Pending → Settled · Lost"));
        QCOMPARE(events->topLevelItem(1)->text(3), QStringLiteral("op"));
        QCOMPARE(events->topLevelItem(1)->text(4), QStringLiteral("Total points 212"));
        QCOMPARE(events->topLevelItem(2)->text(1), QStringLiteral("Disputed"));
        QCOMPARE(events->topLevelItem(2)->text(3), QStringLiteral("alice"));
        QVERIFY(events->topLevelItem(2)->text(4).contains(QStringLiteral("Overtime made it 221")));
        QVERIFY(events->topLevelItem(1)->data(0, Qt::UserRole).toLongLong()
            < events->topLevelItem(2)->data(0, Qt::UserRole).toLongLong());
        // One read of the bet and one of its trail: nothing else.
        QCOMPARE(api.calls().size(), 2);
    }

    void reload_showsChangesMadeSince()
    {
        const DisputedBet fx;
        FakeApi api;
        api.putBet(fx.placed);
        api.setEvents(fx.placed.id, { fx.events.at(0) });
        BetDetailsDialog dialog(&api, fx.placed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(field(dialog, "status"), QStringLiteral("Pending"));
        QCOMPARE(timeline(dialog)->topLevelItemCount(), 1);

        const Bet won = resolved(fx.placed, BetResult::Win, 3820);
        api.putBet(won);
        api.setEvents(fx.placed.id, { fx.events.at(0), makeEvent(EventType::BetResolved, 7, fx.placed, won) });
        dialog.reload();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(field(dialog, "status"), QStringLiteral("Settled"));
        QCOMPARE(field(dialog, "payout"), QStringLiteral("€38.20"));
        QCOMPARE(timeline(dialog)->topLevelItemCount(), 2);
    }

    void unknownBet_saysItCouldNotLoad()
    {
        FakeApi api;
        BetDetailsDialog dialog(&api, QStringLiteral("999999"));
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.at(0).at(0).toBool(), false);
        auto *error = child<QLabel>(dialog, "detailsError");
        QVERIFY(error && error->isVisible());
        QVERIFY(error->text().startsWith(QStringLiteral("Could not load everything:")));
        QVERIFY(!dialog.bet().has_value());
    }

    void unavailableServer_saysItCouldNotLoad_andAReloadRecovers()
    {
        const DisputedBet fx;
        FakeApi api;
        api.putBet(fx.placed);
        api.failNext(QStringLiteral("bet"), Error { ErrorCode::Unavailable, QStringLiteral("storage down"), -1 });
        BetDetailsDialog dialog(&api, fx.placed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.at(0).at(0).toBool(), false);
        QVERIFY(child<QLabel>(dialog, "detailsError")->isVisible());
        dialog.reload();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.at(1).at(0).toBool(), true);
        QVERIFY(!child<QLabel>(dialog, "detailsError")->isVisible());
        QCOMPARE(field(dialog, "status"), QStringLiteral("Pending"));
    }

    void actions_followTheCardRules()
    {
        const DisputedBet fx;
        FakeApi api;
        api.putBet(fx.placed);
        BetCardDelegate rules;
        BetCardDelegate::Viewer viewer;
        viewer.userId = QStringLiteral("op");
        viewer.isOperator = true;
        rules.setViewer(viewer);
        BetDetailsDialog dialog(&api, fx.placed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        dialog.setActionSource(&rules);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        QVERIFY(loaded.wait(5000));
        auto *resolve = dialog.findChild<QPushButton *>(
            QStringLiteral("detailsAction_%1").arg(static_cast<int>(BetCardDelegate::Action::Resolve)));
        QVERIFY(resolve);
        QSignalSpy requested(&dialog, &BetDetailsDialog::actionRequested);
        resolve->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(1).toString(), fx.placed.id);
    }
};

QTEST_MAIN(TestBetDetailsDialog)
#include "tst_betdetailsdialog.moc"
