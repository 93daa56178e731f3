// Tests of AccessPolicy: who sees which bet and feed, and which actions each viewer may take on a bet now.

#include "common/accesspolicy.h"

#include <QTest>
#include <QTimeZone>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::Bet)
Q_DECLARE_METATYPE(betthat::User)
Q_DECLARE_METATYPE(betthat::BetActions)
Q_DECLARE_METATYPE(betthat::ErrorCode)

namespace {

const QDateTime kResolved(QDate(2024, 1, 15), QTime(11, 0), QTimeZone::utc());
const QDateTime kDeadline = kResolved.addSecs(3600);

User user(const QString &id, Role role = Role::Bettor)
{
    User u;
    u.id = id;
    u.role = role;
    return u;
}

const User kAlice = user(QStringLiteral("alice"));
const User kBob = user(QStringLiteral("bob"));
const User kOperator = user(QStringLiteral("olga"), Role::Operator);

Bet betIn(BetStatus status)
{
    Bet b;
    b.id = QStringLiteral("7");
    b.userId = QStringLiteral("alice");
    b.status = status;
    if (status == BetStatus::Settled || status == BetStatus::Voided || status == BetStatus::Disputed) {
        b.result = status == BetStatus::Voided ? BetResult::Void : BetResult::Win;
        b.resolvedAt = kResolved;
    }
    if (status == BetStatus::Settled || status == BetStatus::Voided)
        b.disputeDeadline = kDeadline;
    if (status == BetStatus::Disputed) {
        Dispute d;
        d.reason = QStringLiteral("wrong score");
        d.raisedAt = kResolved.addSecs(60);
        b.dispute = d;
    }
    return b;
}

Bet decided(DisputeState state)
{
    Bet b = betIn(BetStatus::Settled);
    b.disputeDeadline = QDateTime();
    Dispute d;
    d.reason = QStringLiteral("wrong score");
    d.raisedAt = kResolved.addSecs(60);
    d.state = state;
    b.dispute = d;
    return b;
}

} // namespace

class TestAccessPolicy : public QObject
{
    Q_OBJECT

private slots:
    void mayViewBet_table_data();
    void mayViewBet_table();
    void mayViewFeed_table_data();
    void mayViewFeed_table();
    void actionsFor_table_data();
    void actionsFor_table();
    void checks_refuseWithReason_data();
    void checks_refuseWithReason();
    void isDisputable_deadlineIsInclusive_data();
    void isDisputable_deadlineIsInclusive();
};

void TestAccessPolicy::mayViewBet_table_data()
{
    QTest::addColumn<User>("viewer");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("the owner") << kAlice << true;
    QTest::newRow("another bettor") << kBob << false;
    QTest::newRow("an operator") << kOperator << true;
    QTest::newRow("nobody (empty id)") << user(QString()) << false;
}

void TestAccessPolicy::mayViewBet_table()
{
    QFETCH(User, viewer);
    QFETCH(bool, allowed);
    QCOMPARE(AccessPolicy::mayViewBet(viewer, betIn(BetStatus::Pending)), allowed);
}

void TestAccessPolicy::mayViewFeed_table_data()
{
    QTest::addColumn<User>("viewer");
    QTest::addColumn<QString>("feed");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("bettor, no user = own feed") << kAlice << QString() << true;
    QTest::newRow("bettor, own id") << kAlice << QStringLiteral("alice") << true;
    QTest::newRow("bettor, someone else") << kAlice << QStringLiteral("bob") << false;
    QTest::newRow("operator, global feed") << kOperator << QString() << true;
    QTest::newRow("operator, a bettor") << kOperator << QStringLiteral("bob") << true;
    QTest::newRow("operator, own feed") << kOperator << QStringLiteral("olga") << true;
}

void TestAccessPolicy::mayViewFeed_table()
{
    QFETCH(User, viewer);
    QFETCH(QString, feed);
    QFETCH(bool, allowed);
    const Status status = AccessPolicy::mayViewFeed(viewer, feed);
    QCOMPARE(status.ok(), allowed);
    if (!allowed) {
        QCOMPARE(status.error().code, ErrorCode::Forbidden);
        QCOMPARE(status.error().message, QStringLiteral("you may only see your own bets"));
    }
}

void TestAccessPolicy::actionsFor_table_data()
{
    QTest::addColumn<User>("viewer");
    QTest::addColumn<Bet>("bet");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<BetActions>("expected");

    const QDateTime inside = kDeadline.addSecs(-1800);
    const QDateTime after = kDeadline.addMSecs(1);
    QTest::newRow("owner, pending") << kAlice << betIn(BetStatus::Pending) << inside
                                    << BetActions(BetAction::Cancel);
    QTest::newRow("other bettor, pending") << kBob << betIn(BetStatus::Pending) << inside << BetActions();
    QTest::newRow("operator, pending") << kOperator << betIn(BetStatus::Pending) << inside
                                       << BetActions(BetAction::Resolve);
    QTest::newRow("owner, settled, inside the window")
        << kAlice << betIn(BetStatus::Settled) << inside << BetActions(BetAction::Dispute);
    QTest::newRow("owner, voided, inside the window")
        << kAlice << betIn(BetStatus::Voided) << inside << BetActions(BetAction::Dispute);
    QTest::newRow("owner, settled, after the deadline") << kAlice << betIn(BetStatus::Settled) << after
                                                        << BetActions();
    Bet noDeadline = betIn(BetStatus::Settled);
    noDeadline.disputeDeadline = QDateTime();
    QTest::newRow("owner, settled, no deadline from the server") << kAlice << noDeadline << inside
                                                                 << BetActions();
    QTest::newRow("other bettor, settled") << kBob << betIn(BetStatus::Settled) << inside << BetActions();
    QTest::newRow("operator, settled (disputing is the bettor's)")
        << kOperator << betIn(BetStatus::Settled) << inside << BetActions();
    QTest::newRow("operator, open dispute") << kOperator << betIn(BetStatus::Disputed) << inside
                                            << BetActions(BetAction::ReviewDispute);
    QTest::newRow("owner, open dispute") << kAlice << betIn(BetStatus::Disputed) << inside << BetActions();
    QTest::newRow("owner, after a rejected dispute (deadline left by mistake)")
        << kAlice << [] {
               Bet b = decided(DisputeState::Rejected);
               b.disputeDeadline = kDeadline; // the dispute record alone must refuse
               return b;
           }() << inside
        << BetActions();
    QTest::newRow("owner, re-settled after an upheld dispute") << kAlice << decided(DisputeState::Upheld)
                                                               << inside << BetActions();
    QTest::newRow("operator, decided dispute") << kOperator << decided(DisputeState::Rejected) << inside
                                               << BetActions();
    QTest::newRow("owner, cancelled") << kAlice << betIn(BetStatus::Cancelled) << inside << BetActions();
    QTest::newRow("operator, cancelled") << kOperator << betIn(BetStatus::Cancelled) << inside << BetActions();
}

void TestAccessPolicy::actionsFor_table()
{
    QFETCH(User, viewer);
    QFETCH(Bet, bet);
    QFETCH(QDateTime, now);
    QFETCH(BetActions, expected);

    const BetActions actions = AccessPolicy::actionsFor(viewer, bet, now);
    QCOMPARE(actions, expected);
    for (BetAction action : {BetAction::Cancel, BetAction::Dispute, BetAction::Resolve, BetAction::ReviewDispute})
        QCOMPARE(AccessPolicy::may(action, viewer, bet, now), expected.testFlag(action));
}

void TestAccessPolicy::checks_refuseWithReason_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<User>("actor");
    QTest::addColumn<Bet>("bet");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    const QDateTime inside = kDeadline.addSecs(-60);
    const auto row = [](const char *name, BetAction action, const User &actor, const Bet &bet,
                        const QDateTime &now, ErrorCode code, const QString &message) {
        QTest::newRow(name) << int(action) << actor << bet << now << code << message;
    };
    row("cancel by someone else", BetAction::Cancel, kBob, betIn(BetStatus::Pending), inside,
        ErrorCode::Forbidden, QStringLiteral("only the bettor may cancel bet 7"));
    row("cancel a settled bet", BetAction::Cancel, kAlice, betIn(BetStatus::Settled), inside,
        ErrorCode::Conflict, QStringLiteral("cannot cancel bet 7: it is settled"));
    row("resolve by a bettor", BetAction::Resolve, kAlice, betIn(BetStatus::Pending), inside,
        ErrorCode::Forbidden, QStringLiteral("only operators resolve bets"));
    row("resolve a voided bet", BetAction::Resolve, kOperator, betIn(BetStatus::Voided), inside,
        ErrorCode::Conflict, QStringLiteral("cannot resolve bet 7: it is voided"));
    row("dispute by an operator", BetAction::Dispute, kOperator, betIn(BetStatus::Settled), inside,
        ErrorCode::Forbidden, QStringLiteral("only the bettor may dispute bet 7"));
    row("dispute a pending bet", BetAction::Dispute, kAlice, betIn(BetStatus::Pending), inside,
        ErrorCode::Conflict, QStringLiteral("cannot dispute bet 7: it is pending"));
    row("dispute twice", BetAction::Dispute, kAlice, decided(DisputeState::Rejected), inside,
        ErrorCode::Conflict, QStringLiteral("bet 7 was already disputed (rejected)"));
    row("dispute after the deadline", BetAction::Dispute, kAlice, betIn(BetStatus::Settled),
        kDeadline.addMSecs(1), ErrorCode::Conflict,
        QStringLiteral("the dispute window for bet 7 closed at 2024-01-15T12:00:00.000Z"));
    Bet noDeadline = betIn(BetStatus::Settled);
    noDeadline.disputeDeadline = QDateTime();
    row("dispute without a deadline", BetAction::Dispute, kAlice, noDeadline, inside, ErrorCode::Conflict,
        QStringLiteral("bet 7 cannot be disputed"));
    row("review by a bettor", BetAction::ReviewDispute, kAlice, betIn(BetStatus::Disputed), inside,
        ErrorCode::Forbidden, QStringLiteral("only operators decide disputes"));
    row("review without an open dispute", BetAction::ReviewDispute, kOperator, decided(DisputeState::Upheld),
        inside, ErrorCode::Conflict, QStringLiteral("cannot decide a dispute on bet 7: it is settled"));
}

void TestAccessPolicy::checks_refuseWithReason()
{
    QFETCH(int, action);
    QFETCH(User, actor);
    QFETCH(Bet, bet);
    QFETCH(QDateTime, now);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);

    const auto a = static_cast<BetAction>(action);
    const Status actorCheck = AccessPolicy::checkActor(a, actor, bet);
    const Status stateCheck = AccessPolicy::checkState(a, bet, now);
    // The actor is judged first, as BetRules does: exactly one of the two checks gives the reason here.
    const Status &refusal = actorCheck.ok() ? stateCheck : actorCheck;
    QVERIFY(!refusal.ok());
    QCOMPARE(refusal.error().code, code);
    QCOMPARE(refusal.error().message, message);
    QVERIFY(!AccessPolicy::may(a, actor, bet, now));
}

void TestAccessPolicy::isDisputable_deadlineIsInclusive_data()
{
    QTest::addColumn<qint64>("offsetMs");
    QTest::addColumn<bool>("disputable");

    QTest::newRow("an hour before") << qint64(-3600'000) << true;
    QTest::newRow("1 ms before") << qint64(-1) << true;
    QTest::newRow("at the deadline") << qint64(0) << true;
    QTest::newRow("1 ms after") << qint64(1) << false;
}

void TestAccessPolicy::isDisputable_deadlineIsInclusive()
{
    QFETCH(qint64, offsetMs);
    QFETCH(bool, disputable);
    QCOMPARE(AccessPolicy::isDisputable(betIn(BetStatus::Settled), kDeadline.addMSecs(offsetMs)), disputable);
    QVERIFY(!AccessPolicy::isDisputable(betIn(BetStatus::Settled), QDateTime()));
}

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"
