// AuditTrailModel: what each kind of event reads as (action, who, status and result from -> to, notes).
#include "app/admin/audittrailmodel.h"
#include "app/models/betformatter.h"
#include "common/betrules.h"
#include "common/money.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace betthat;
using namespace betthat::app;

namespace {

const QDateTime kT0 = QDateTime(QDate(2024, 1, 15), QTime(18, 0), Qt::UTC);

User user(const QString &id, Role role)
{
    User u;
    u.id = id;
    u.displayName = id;
    u.role = role;
    return u;
}

// The events of one bet's life, each from the real state machine: placed, resolved, disputed, then
// `decision`.
QList<BetEvent> lifecycle(DisputeState decision, BetResult newResult)
{
    const BetRules rules;
    const User alice = user(QStringLiteral("alice"), Role::Bettor);
    const User olga = user(QStringLiteral("olga"), Role::Operator);
    const User oscar = user(QStringLiteral("oscar"), Role::Operator);
    NewBet request;
    request.eventName = QStringLiteral("Arsenal v Chelsea");
    request.market = QStringLiteral("Match winner");
    request.selection = QStringLiteral("Arsenal");
    request.odds = *parseOdds(QStringLiteral("2.50"));
    request.stake = 1000;

    QList<BetEvent> events;
    auto placed = rules.place(alice, request, kT0);
    if (!placed)
        qFatal("placed: %s", qPrintable(placed.error().message));
    Bet bet = placed->after;
    bet.id = QStringLiteral("8");
    BetEvent e = placed->event;
    e.betId = bet.id;
    e.data = eventDataFor(Bet {}, bet, alice.id);
    e.seq = 1;
    events << e;

    auto resolved
        = rules.resolve(bet, olga, BetResult::Loss, QStringLiteral("Chelsea won 2-1"), kT0.addSecs(3600));
    if (!resolved)
        qFatal("resolved: %s", qPrintable(resolved.error().message));
    events << resolved->event;
    events.last().seq = 2;
    bet = resolved->after;

    auto disputed = rules.dispute(bet, alice, QStringLiteral("Arsenal won 2-1"), kT0.addSecs(7200));
    if (!disputed)
        qFatal("disputed: %s", qPrintable(disputed.error().message));
    events << disputed->event;
    events.last().seq = 3;
    bet = disputed->after;

    auto decided = rules.decideDispute(
        bet, oscar, decision, newResult, QStringLiteral("Checked the replay"), kT0.addSecs(9000));
    if (!decided)
        qFatal("decided: %s", qPrintable(decided.error().message));
    events << decided->event;
    events.last().seq = 4;
    return events;
}

} // namespace

class TestAuditTrailModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rows_data();
    void rows();
    void cancelled_readsAsCancelled();
    void columns_whenIsLocalAndTooltipUtc();
    void setEvents_replacesTheTrail();
};

void TestAuditTrailModel::rows_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("decision");
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("notes");

    const int upheld = int(DisputeState::Upheld);
    const int rejected = int(DisputeState::Rejected);
    QTest::newRow("placed") << 0 << upheld << "alice"
                            << "Placed"
                            << "— → Pending"
                            << "—"
                            << "";
    QTest::newRow("resolved") << 1 << upheld << "olga"
                              << "Resolved"
                              << "Pending → Settled"
                              << "— → Loss"
                              << "Chelsea won 2-1";
    QTest::newRow("disputed") << 2 << upheld << "alice"
                              << "Disputed"
                              << "Settled → Disputed"
                              << "Loss → Loss"
                              << "Arsenal won 2-1";
    QTest::newRow("upheld") << 3 << upheld << "oscar"
                            << "Dispute upheld"
                            << "Disputed → Settled"
                            << "Loss → Win"
                            << "Checked the replay";
    QTest::newRow("rejected") << 3 << rejected << "oscar"
                              << "Dispute rejected"
                              << "Disputed → Settled"
                              << "Loss → Loss"
                              << "Checked the replay";
}

void TestAuditTrailModel::rows()
{
    QFETCH(int, row);
    QFETCH(int, decision);
    QFETCH(QString, who);
    QFETCH(QString, action);
    QFETCH(QString, status);
    QFETCH(QString, result);
    QFETCH(QString, notes);

    AuditTrailModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(lifecycle(static_cast<DisputeState>(decision), BetResult::Win));
    QCOMPARE(model.rowCount(), 4);
    const auto cell = [&](int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(AuditTrailModel::SeqColumn), QString::number(row + 1));
    QCOMPARE(cell(AuditTrailModel::WhoColumn), who);
    QCOMPARE(cell(AuditTrailModel::ActionColumn), action);
    QCOMPARE(cell(AuditTrailModel::StatusColumn), status);
    QCOMPARE(cell(AuditTrailModel::ResultColumn), result);
    QCOMPARE(cell(AuditTrailModel::NotesColumn), notes);
}

void TestAuditTrailModel::cancelled_readsAsCancelled()
{
    const BetRules rules;
    Bet bet;
    bet.id = QStringLiteral("3");
    bet.userId = QStringLiteral("alice");
    bet.stake = 1000;
    bet.odds = 25000;
    bet.version = 1;
    const auto cancelled = rules.cancel(bet, user(QStringLiteral("alice"), Role::Bettor), kT0);
    QVERIFY(cancelled);
    AuditTrailModel model;
    model.setEvents({ cancelled->event });
    QCOMPARE(model.index(0, AuditTrailModel::ActionColumn).data().toString(), QStringLiteral("Cancelled"));
    QCOMPARE(model.index(0, AuditTrailModel::StatusColumn).data().toString(),
        QStringLiteral("Pending → Cancelled"));
}

void TestAuditTrailModel::columns_whenIsLocalAndTooltipUtc()
{
    AuditTrailModel model;
    const QList<BetEvent> events = lifecycle(DisputeState::Upheld, BetResult::Win);
    model.setEvents(events);
    const QModelIndex when = model.index(1, AuditTrailModel::WhenColumn);
    QCOMPARE(when.data().toString(), BetFormatter::dateTime(events.at(1).timestamp));
    QCOMPARE(when.data(Qt::ToolTipRole).toString(), QStringLiteral("2024-01-15T19:00:00.000Z"));
    QCOMPARE(model.index(3, AuditTrailModel::PayoutColumn).data().toString(),
        BetFormatter::money(2500, QStringLiteral("EUR")));
    QCOMPARE(model.index(3, 0).data(AuditTrailModel::SeqRole).toLongLong(), 4);
}

void TestAuditTrailModel::setEvents_replacesTheTrail()
{
    AuditTrailModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(lifecycle(DisputeState::Upheld, BetResult::Win));
    QCOMPARE(model.rowCount(), 4);
    model.setEvents({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestAuditTrailModel)
#include "tst_audittrailmodel.moc"
