// Tests of BetRules: every allowed and every refused transition of the bet state machine, with its money.

#include "common/betchange.h"
#include "common/betrules.h"
#include "common/jsoncodec.h"
#include "common/money.h"
#include "common/timeutil.h"

#include <QTest>
#include <QTimeZone>
#include <limits>

using namespace betthat;

namespace {

enum class Action { Cancel, Resolve, Dispute, DecideUpheld, DecideRejected };
enum class Actor { Owner, Other, Operator };

// What an allowed transition must produce; wire names are literals so the table reads like the API docs.
struct Expected
{
    QString status;
    QString result; // empty: null on the wire
    qint64 payout = 0;
    QStringList ledger; // "kind:amount", in order
    QString eventType;
    QString previousStatus;
    QString previousResult;
    QString disputeReason; // empty: no dispute (null)
    QString disputeState;
    QString decisionNotes;
    QString resolutionSource;
    QString resolutionNotes;
    QString resolvedBy;
    QDateTime resolvedAt;
    QString certainty; // empty: null (no outcome, or a fixture resolved before certainty existed)
};

} // namespace

Q_DECLARE_METATYPE(Action)
Q_DECLARE_METATYPE(Actor)
Q_DECLARE_METATYPE(Expected)
Q_DECLARE_METATYPE(betthat::Bet)
Q_DECLARE_METATYPE(betthat::BetResult)
Q_DECLARE_METATYPE(betthat::BetStatus)
Q_DECLARE_METATYPE(betthat::DisputeState)
Q_DECLARE_METATYPE(betthat::ErrorCode)
Q_DECLARE_METATYPE(std::optional<qint64>)
Q_DECLARE_METATYPE(std::optional<int>)

namespace {

constexpr qint64 kStake = 1000; // 10.00 EUR
constexpr qint64 kOdds = 25000; // 2.50
constexpr qint64 kWinnings = 2500;
constexpr qint64 kWindowMs = 7LL * 24 * 3600 * 1000;

const QString kNotes = QStringLiteral("final score 2-1");
const QString kReason = QStringLiteral("the match was abandoned at half time");
const QString kDecision = QStringLiteral("the league confirmed the abandonment");

QDateTime utc(int hour, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2024, 1, 15), QTime(hour, minute, second, ms), QTimeZone::utc());
}

const QDateTime kCreated = utc(10);
const QDateTime kResolved = utc(11);
const QDateTime kDisputed = utc(11, 30);
const QDateTime kNow = utc(13);
const QString kNowText = QStringLiteral("2024-01-15T13:00:00.000Z");

User makeUser(const QString &id, Role role)
{
    User u;
    u.id = id;
    u.displayName = id;
    u.role = role;
    return u;
}

User userFor(Actor actor)
{
    switch (actor) {
    case Actor::Owner:
        return makeUser(QStringLiteral("alice"), Role::Bettor);
    case Actor::Other:
        return makeUser(QStringLiteral("bob"), Role::Bettor);
    case Actor::Operator:
        return makeUser(QStringLiteral("olivia"), Role::Operator);
    }
    return {};
}

QString actorName(Actor actor)
{
    switch (actor) {
    case Actor::Owner:
        return QStringLiteral("owner");
    case Actor::Other:
        return QStringLiteral("otherBettor");
    case Actor::Operator:
        return QStringLiteral("operator");
    }
    return {};
}

Bet pendingBet()
{
    Bet b;
    b.id = QStringLiteral("42");
    b.userId = QStringLiteral("alice");
    b.eventName = QStringLiteral("Arsenal v Chelsea");
    b.market = QStringLiteral("Match result");
    b.selection = QStringLiteral("Arsenal");
    b.odds = kOdds;
    b.stake = kStake;
    b.potentialReturn = kWinnings;
    b.currency = QStringLiteral("EUR");
    b.status = BetStatus::Pending;
    b.createdAt = kCreated;
    b.updatedAt = kCreated;
    b.version = 1;
    return b;
}

// Payouts written out rather than computed: the table must not share the code under test.
qint64 payoutOf(BetResult result)
{
    switch (result) {
    case BetResult::Win:
        return kWinnings;
    case BetResult::Push:
    case BetResult::Void:
        return kStake;
    case BetResult::Loss:
    case BetResult::None:
        return 0;
    }
    return 0;
}

Bet settledBet(BetResult result)
{
    Bet b = pendingBet();
    b.status = result == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
    b.result = result;
    b.payout = payoutOf(result);
    b.resolutionNotes = result == BetResult::Void ? QStringLiteral("match abandoned") : QString();
    b.resolutionSource = QStringLiteral("operator");
    b.resolvedBy = QStringLiteral("olivia");
    b.resolvedAt = kResolved;
    b.disputeDeadline = kResolved.addMSecs(kWindowMs);
    b.updatedAt = kResolved;
    b.version = 2;
    return b;
}

Bet cancelledBet()
{
    Bet b = pendingBet();
    b.status = BetStatus::Cancelled;
    b.resolutionSource = QStringLiteral("bettor");
    b.updatedAt = kResolved;
    b.version = 2;
    return b;
}

Bet disputedBet(BetResult result)
{
    Bet b = settledBet(result);
    b.status = BetStatus::Disputed;
    b.disputeDeadline = QDateTime(); // one dispute per bet
    Dispute d;
    d.reason = kReason;
    d.raisedAt = kDisputed;
    d.state = DisputeState::Open;
    b.dispute = d;
    b.updatedAt = kDisputed;
    b.version = 3;
    return b;
}

// A settled/voided bet whose one dispute has been decided (the original result stands for this fixture).
Bet decidedBet(BetResult result, DisputeState decision)
{
    Bet b = disputedBet(result);
    b.status = result == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
    b.dispute->state = decision;
    b.dispute->decisionNotes = kDecision;
    b.dispute->decidedBy = QStringLiteral("olivia");
    b.dispute->decidedAt = utc(12);
    b.updatedAt = utc(12);
    b.version = 4;
    return b;
}

// The representative bet in each status for the transition matrix.
Bet betIn(BetStatus status)
{
    switch (status) {
    case BetStatus::Pending:
        return pendingBet();
    case BetStatus::Settled:
        return settledBet(BetResult::Win);
    case BetStatus::Voided:
        return settledBet(BetResult::Void);
    case BetStatus::Cancelled:
        return cancelledBet();
    case BetStatus::Disputed:
        return disputedBet(BetResult::Win);
    }
    return {};
}

Result<Transition> run(const BetRules &rules, const Bet &bet, Action action, BetResult argument, Actor actor,
    const QDateTime &now = kNow)
{
    const User user = userFor(actor);
    switch (action) {
    case Action::Cancel:
        return rules.cancel(bet, user, now);
    case Action::Resolve:
        return rules.resolve(bet, user, argument, kNotes, now);
    case Action::Dispute:
        return rules.dispute(bet, user, kReason, now);
    case Action::DecideUpheld:
        return rules.decideDispute(bet, user, DisputeState::Upheld, argument, kDecision, now);
    case Action::DecideRejected:
        return rules.decideDispute(bet, user, DisputeState::Rejected, BetResult::None, kDecision, now);
    }
    return makeError(ErrorCode::Internal, QStringLiteral("unknown action"));
}

QStringList ledgerLines(const Transition &t)
{
    QStringList lines;
    for (const LedgerEntry &e : t.ledger)
        lines << ledgerKindName(e.kind) + QLatin1Char(':') + QString::number(e.amount);
    return lines;
}

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

// Empty when equal; otherwise every differing key with both values, for a readable failure.
QString jsonDiff(const QJsonObject &actual, const QJsonObject &expected)
{
    QStringList keys = actual.keys() + expected.keys();
    keys.removeDuplicates();
    QStringList diffs;
    const auto show = [](const QJsonObject &o, const QString &key) {
        if (!o.contains(key))
            return QStringLiteral("<absent>");
        return QString::fromUtf8(json::toBytes(QJsonObject { { QStringLiteral("v"), o.value(key) } }));
    };
    for (const QString &key : keys)
        if (actual.value(key) != expected.value(key) || actual.contains(key) != expected.contains(key))
            diffs << QStringLiteral("%1: actual %2, expected %3")
                         .arg(key, show(actual, key), show(expected, key));
    return diffs.join(QStringLiteral("; "));
}

// The transitions the rules allow, and nothing else: an owner cancels or disputes, an operator resolves and
// decides, each only from the status it applies to.
bool isAllowed(BetStatus status, Action action, Actor actor)
{
    switch (action) {
    case Action::Cancel:
        return actor == Actor::Owner && status == BetStatus::Pending;
    case Action::Resolve:
        return actor == Actor::Operator && status == BetStatus::Pending;
    case Action::Dispute:
        return actor == Actor::Owner && (status == BetStatus::Settled || status == BetStatus::Voided);
    case Action::DecideUpheld:
    case Action::DecideRejected:
        return actor == Actor::Operator && status == BetStatus::Disputed;
    }
    return false;
}

bool actorMayAttempt(Action action, Actor actor)
{
    switch (action) {
    case Action::Cancel:
    case Action::Dispute:
        return actor == Actor::Owner;
    case Action::Resolve:
    case Action::DecideUpheld:
    case Action::DecideRejected:
        return actor == Actor::Operator;
    }
    return false;
}

const QList<BetStatus> kStatuses = { BetStatus::Pending, BetStatus::Settled, BetStatus::Voided,
    BetStatus::Cancelled, BetStatus::Disputed };
const QList<Actor> kActors = { Actor::Owner, Actor::Other, Actor::Operator };

struct ActionCase
{
    Action action;
    BetResult argument;
    const char *name;
};
const QList<ActionCase> kActions = {
    { Action::Cancel, BetResult::None, "cancel" },
    { Action::Resolve, BetResult::Win, "resolve(win)" },
    { Action::Resolve, BetResult::Loss, "resolve(loss)" },
    { Action::Resolve, BetResult::Push, "resolve(push)" },
    { Action::Resolve, BetResult::Void, "resolve(void)" },
    { Action::Dispute, BetResult::None, "dispute" },
    // The matrix's disputed bet was a win, so an upheld decision changes it to a loss.
    { Action::DecideUpheld, BetResult::Loss, "decide(upheld,loss)" },
    { Action::DecideRejected, BetResult::None, "decide(rejected)" },
};

} // namespace

class TestBetRules : public QObject
{
    Q_OBJECT

private slots:
    void transition_allowed_producesBetLedgerAndEvent_data();
    void transition_allowed_producesBetLedgerAndEvent();
    void transition_refused_returnsErrorAndNothingElse_data();
    void transition_refused_returnsErrorAndNothingElse();
    void matrix_allowsExactlyNineCombinations();

    void place_byBettor_createsPendingBetWithStakeDebit();
    void place_invalid_refused_data();
    void place_invalid_refused();

    void input_invalid_badRequest_data();
    void input_invalid_badRequest();
    void notes_atLimit_acceptedAndTrimmed();

    void dispute_window_data();
    void dispute_window();
    void dispute_defaultWindowIsSevenDays();
    void dispute_afterDecision_secondDisputeRefused_data();
    void dispute_afterDecision_secondDisputeRefused();
    void canDispute_falseOutsideSettledOrVoided_data();
    void canDispute_falseOutsideSettledOrVoided();

    void upheld_resettles_ledgerCorrectionIsPayoutDifference_data();
    void upheld_resettles_ledgerCorrectionIsPayoutDifference();
    void rejected_restoresOriginalResult_data();
    void rejected_restoresOriginalResult();

    void lifecycle_placeResolveDisputeUphold_versionsAndLedgerAddUp();

    // settlement terms: void factor, dead heat, Rule 4, provisional results and corrections
    void payout_terms_matchHandComputation_data();
    void payout_terms_matchHandComputation();
    void payout_termsThatMakeNoSense_refused_data();
    void payout_termsThatMakeNoSense_refused();
    void settle_withTerms_ledgerShowsEachPart();
    void settle_provisional_paysButIsNotDisputableUntilConfirmed();
    void resettle_reversesOldPayoutBooksNewParts_namesSupersededEvent();
    void resettle_openDispute_closesItUpheld();
    void rollback_toPending_reversesPayout();
    void cancelForEvent_thenRollback_restoresOutcomeAndMoney();
};

void TestBetRules::transition_allowed_producesBetLedgerAndEvent_data()
{
    QTest::addColumn<BetStatus>("from");
    QTest::addColumn<Action>("action");
    QTest::addColumn<BetResult>("argument");
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<Expected>("expected");

    {
        Expected e;
        e.status = QStringLiteral("cancelled");
        e.ledger = QStringList { QStringLiteral("refund:1000") };
        e.eventType = QStringLiteral("bet_updated");
        e.previousStatus = QStringLiteral("pending");
        e.resolutionSource = QStringLiteral("bettor");
        QTest::newRow("pending/cancel/owner")
            << BetStatus::Pending << Action::Cancel << BetResult::None << Actor::Owner << e;
    }
    const auto resolved = [](const char *status, const char *result, qint64 payout, QStringList ledger) {
        Expected e;
        e.status = QLatin1String(status);
        e.result = QLatin1String(result);
        e.payout = payout;
        e.ledger = ledger;
        e.eventType = QStringLiteral("bet_resolved");
        e.previousStatus = QStringLiteral("pending");
        e.resolutionSource = QStringLiteral("operator");
        e.resolutionNotes = kNotes;
        e.resolvedBy = QStringLiteral("olivia");
        e.resolvedAt = kNow;
        e.certainty = QStringLiteral("confirmed"); // resolve() is a confirmed settlement
        return e;
    };
    QTest::newRow("pending/resolve(win)/operator")
        << BetStatus::Pending << Action::Resolve << BetResult::Win << Actor::Operator
        << resolved("settled", "win", 2500, { QStringLiteral("payout:2500") });
    QTest::newRow("pending/resolve(loss)/operator")
        << BetStatus::Pending << Action::Resolve << BetResult::Loss << Actor::Operator
        << resolved("settled", "loss", 0, {});
    QTest::newRow("pending/resolve(push)/operator")
        << BetStatus::Pending << Action::Resolve << BetResult::Push << Actor::Operator
        << resolved("settled", "push", 1000, { QStringLiteral("refund:1000") });
    QTest::newRow("pending/resolve(void)/operator")
        << BetStatus::Pending << Action::Resolve << BetResult::Void << Actor::Operator
        << resolved("voided", "void", 1000, { QStringLiteral("refund:1000") });
    {
        Expected e;
        e.status = QStringLiteral("disputed");
        e.result = QStringLiteral("win");
        e.payout = 2500;
        e.eventType = QStringLiteral("bet_disputed");
        e.previousStatus = QStringLiteral("settled");
        e.previousResult = QStringLiteral("win");
        e.disputeReason = kReason;
        e.disputeState = QStringLiteral("open");
        e.resolutionSource = QStringLiteral("operator");
        e.resolvedBy = QStringLiteral("olivia");
        e.resolvedAt = kResolved;
        QTest::newRow("settled/dispute/owner")
            << BetStatus::Settled << Action::Dispute << BetResult::None << Actor::Owner << e;
    }
    {
        Expected e;
        e.status = QStringLiteral("disputed");
        e.result = QStringLiteral("void");
        e.payout = 1000;
        e.eventType = QStringLiteral("bet_disputed");
        e.previousStatus = QStringLiteral("voided");
        e.previousResult = QStringLiteral("void");
        e.disputeReason = kReason;
        e.disputeState = QStringLiteral("open");
        e.resolutionSource = QStringLiteral("operator");
        e.resolutionNotes = QStringLiteral("match abandoned");
        e.resolvedBy = QStringLiteral("olivia");
        e.resolvedAt = kResolved;
        QTest::newRow("voided/dispute/owner")
            << BetStatus::Voided << Action::Dispute << BetResult::None << Actor::Owner << e;
    }
    {
        Expected e;
        e.status = QStringLiteral("settled");
        e.result = QStringLiteral("loss");
        e.payout = 0;
        e.ledger = QStringList { QStringLiteral("correction:-2500") };
        e.eventType = QStringLiteral("bet_resolved");
        e.previousStatus = QStringLiteral("disputed");
        e.previousResult = QStringLiteral("win");
        e.disputeReason = kReason;
        e.disputeState = QStringLiteral("upheld");
        e.decisionNotes = kDecision;
        e.resolutionSource = QStringLiteral("dispute");
        e.resolutionNotes = kDecision;
        e.resolvedBy = QStringLiteral("olivia");
        e.resolvedAt = kNow;
        e.certainty = QStringLiteral("confirmed");
        QTest::newRow("disputed/decide(upheld,loss)/operator")
            << BetStatus::Disputed << Action::DecideUpheld << BetResult::Loss << Actor::Operator << e;
    }
    {
        Expected e;
        e.status = QStringLiteral("settled");
        e.result = QStringLiteral("win");
        e.payout = 2500;
        e.eventType = QStringLiteral("bet_updated");
        e.previousStatus = QStringLiteral("disputed");
        e.previousResult = QStringLiteral("win");
        e.disputeReason = kReason;
        e.disputeState = QStringLiteral("rejected");
        e.decisionNotes = kDecision;
        e.resolutionSource = QStringLiteral("operator");
        e.resolvedBy = QStringLiteral("olivia");
        e.resolvedAt = kResolved;
        QTest::newRow("disputed/decide(rejected)/operator")
            << BetStatus::Disputed << Action::DecideRejected << BetResult::None << Actor::Operator << e;
    }
}

void TestBetRules::transition_allowed_producesBetLedgerAndEvent()
{
    QFETCH(BetStatus, from);
    QFETCH(Action, action);
    QFETCH(BetResult, argument);
    QFETCH(Actor, actor);
    QFETCH(Expected, expected);
    QVERIFY(isAllowed(from, action, actor));

    const Bet before = betIn(from);
    const auto result = run(BetRules(), before, action, argument, actor);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Transition &t = *result;

    QCOMPARE(t.before, before);
    QCOMPARE(t.requiredBalance, qint64(0));
    const Bet &after = t.after;
    QCOMPARE(statusName(after.status), expected.status);
    QCOMPARE(resultName(after.result), expected.result);
    QCOMPARE(after.payout, expected.payout);
    QCOMPARE(after.version, before.version + 1);
    QCOMPARE(after.updatedAt, kNow);
    QCOMPARE(after.resolutionSource, expected.resolutionSource);
    QCOMPARE(after.resolutionNotes, expected.resolutionNotes);
    QCOMPARE(after.resolvedBy, expected.resolvedBy);
    QCOMPARE(after.resolvedAt, expected.resolvedAt);
    // Only a first resolution opens the dispute window; a dispute and its decision close it for good.
    const QDateTime expectedDeadline = action == Action::Resolve ? kNow.addMSecs(kWindowMs) : QDateTime();
    QCOMPARE(after.disputeDeadline, expectedDeadline);
    // What no transition may touch.
    QCOMPARE(after.id, before.id);
    QCOMPARE(after.userId, before.userId);
    QCOMPARE(after.stake, before.stake);
    QCOMPARE(after.odds, before.odds);
    QCOMPARE(after.potentialReturn, before.potentialReturn);
    QCOMPARE(after.createdAt, before.createdAt);
    QCOMPARE(after.dispute.has_value(), !expected.disputeReason.isEmpty());
    if (after.dispute) {
        QCOMPARE(after.dispute->reason, expected.disputeReason);
        QCOMPARE(disputeStateName(after.dispute->state), expected.disputeState);
        QCOMPARE(after.dispute->raisedAt, from == BetStatus::Disputed ? kDisputed : kNow);
        QCOMPARE(after.dispute->decisionNotes, expected.decisionNotes);
        const bool decided = !expected.decisionNotes.isEmpty();
        QCOMPARE(after.dispute->decidedBy, decided ? QStringLiteral("olivia") : QString());
        QCOMPARE(after.dispute->decidedAt, decided ? kNow : QDateTime());
    }

    QCOMPARE(ledgerLines(t), expected.ledger);
    for (const LedgerEntry &e : t.ledger) {
        QCOMPARE(e.userId, QStringLiteral("alice"));
        QCOMPARE(e.betId, QStringLiteral("42"));
        QCOMPARE(e.currency, QStringLiteral("EUR"));
        QCOMPARE(e.createdAt, kNow);
    }

    QCOMPARE(eventTypeName(t.event.type), expected.eventType);
    QCOMPARE(t.event.seq, qint64(0));
    QCOMPARE(t.event.betId, QStringLiteral("42"));
    QCOMPARE(t.event.userId, QStringLiteral("alice"));
    QCOMPARE(t.event.timestamp, kNow);
    const QJsonObject expectedData {
        { QStringLiteral("bet_id"), QStringLiteral("42") },
        { QStringLiteral("status"), expected.status },
        { QStringLiteral("previous_status"), expected.previousStatus },
        { QStringLiteral("result"), nullable(expected.result) },
        { QStringLiteral("previous_result"), nullable(expected.previousResult) },
        { QStringLiteral("payout"), expected.payout },
        { QStringLiteral("currency"), QStringLiteral("EUR") },
        { QStringLiteral("resolution_notes"), nullable(expected.resolutionNotes) },
        { QStringLiteral("resolution_source"), nullable(expected.resolutionSource) },
        { QStringLiteral("dispute_reason"), nullable(expected.disputeReason) },
        { QStringLiteral("dispute_state"), nullable(expected.disputeState) },
        { QStringLiteral("decision_notes"), nullable(expected.decisionNotes) },
        { QStringLiteral("dispute_deadline"), expectedDeadline.isValid() ? QJsonValue(toIsoUtc(expectedDeadline)) : QJsonValue() },
        // Plain results carry no settlement terms; the fixtures have no outcome event to supersede.
        { QStringLiteral("void_factor"), QJsonValue() },
        { QStringLiteral("dead_heat_factor"), QJsonValue() },
        { QStringLiteral("deduction"), QJsonValue() },
        { QStringLiteral("certainty"), nullable(expected.certainty) },
        { QStringLiteral("supersedes_seq"), QJsonValue() },
        { QStringLiteral("actor_id"), userFor(actor).id },
        { QStringLiteral("updated_at"), kNowText },
        // What the bet is on, so feeds can be filtered by it (common/eventfilter.h).
        { QStringLiteral("market"), QStringLiteral("Match result") },
        { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
        { QStringLiteral("selection"), QStringLiteral("Arsenal") },
    };
    const QString diff = jsonDiff(t.event.data, expectedData);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(t.event.data, eventDataFor(before, after, userFor(actor).id));
}

void TestBetRules::transition_refused_returnsErrorAndNothingElse_data()
{
    QTest::addColumn<BetStatus>("from");
    QTest::addColumn<Action>("action");
    QTest::addColumn<BetResult>("argument");
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<ErrorCode>("code");

    // Every combination the rules do not allow. The actor is checked first: someone who may never do this
    // gets Forbidden whatever the status; the right actor on the wrong status gets Conflict.
    for (BetStatus status : kStatuses) {
        for (const ActionCase &a : kActions) {
            for (Actor actor : kActors) {
                if (isAllowed(status, a.action, actor))
                    continue;
                const ErrorCode code
                    = actorMayAttempt(a.action, actor) ? ErrorCode::Conflict : ErrorCode::Forbidden;
                const QString name = statusName(status) + QLatin1Char('/') + QLatin1String(a.name)
                    + QLatin1Char('/') + actorName(actor);
                QTest::newRow(qPrintable(name)) << status << a.action << a.argument << actor << code;
            }
        }
    }
}

void TestBetRules::transition_refused_returnsErrorAndNothingElse()
{
    QFETCH(BetStatus, from);
    QFETCH(Action, action);
    QFETCH(BetResult, argument);
    QFETCH(Actor, actor);
    QFETCH(ErrorCode, code);

    const Bet before = betIn(from);
    const Bet copy = before;
    const auto result = run(BetRules(), before, action, argument, actor);
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), errorCodeName(code));
    QVERIFY(!result.error().message.isEmpty());
    if (code == ErrorCode::Conflict) {
        // The bettor is told why: which bet and what state it is in.
        QVERIFY2(result.error().message.contains(QStringLiteral("42")), qPrintable(result.error().message));
        QVERIFY2(result.error().message.contains(statusName(from)), qPrintable(result.error().message));
    }
    QCOMPARE(before, copy);
}

void TestBetRules::matrix_allowsExactlyNineCombinations()
{
    // Guards the matrix itself: the allowed rows above are these nine, the refused rows are all the others.
    int allowed = 0;
    int total = 0;
    for (BetStatus status : kStatuses)
        for (const ActionCase &a : kActions)
            for (Actor actor : kActors) {
                ++total;
                allowed += isAllowed(status, a.action, actor) ? 1 : 0;
            }
    QCOMPARE(total, 5 * 8 * 3);
    QCOMPARE(allowed, 9);
}

void TestBetRules::place_byBettor_createsPendingBetWithStakeDebit()
{
    NewBet request;
    request.eventName = QStringLiteral("  Arsenal v Chelsea ");
    request.market = QStringLiteral("Match result");
    request.selection = QStringLiteral("Arsenal\t");
    request.odds = 25000;
    request.stake = 1000;
    const User alice = userFor(Actor::Owner);

    const auto result = BetRules().place(alice, request, kNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Transition &t = *result;
    QCOMPARE(t.before, Bet());
    QCOMPARE(t.requiredBalance, qint64(1000));

    const Bet &b = t.after;
    QVERIFY(b.id.isEmpty()); // storage assigns it
    QCOMPARE(b.userId, QStringLiteral("alice"));
    QCOMPARE(b.eventName, QStringLiteral("Arsenal v Chelsea"));
    QCOMPARE(b.selection, QStringLiteral("Arsenal"));
    QCOMPARE(b.odds, qint64(25000));
    QCOMPARE(b.stake, qint64(1000));
    QCOMPARE(b.potentialReturn, qint64(2500));
    QCOMPARE(b.currency, QStringLiteral("EUR"));
    QCOMPARE(b.status, BetStatus::Pending);
    QCOMPARE(b.result, BetResult::None);
    QCOMPARE(b.payout, qint64(0));
    QCOMPARE(b.createdAt, kNow);
    QCOMPARE(b.updatedAt, kNow);
    QCOMPARE(b.version, qint64(1));
    QVERIFY(!b.dispute);

    QCOMPARE(ledgerLines(t), QStringList { QStringLiteral("stake:-1000") });
    QCOMPARE(t.ledger.first().userId, QStringLiteral("alice"));
    QCOMPARE(eventTypeName(t.event.type), QStringLiteral("bet_updated"));
    QCOMPARE(t.event.userId, QStringLiteral("alice"));
    QCOMPARE(t.event.timestamp, kNow);
    const QJsonObject expectedData {
        { QStringLiteral("bet_id"), QString() },
        { QStringLiteral("status"), QStringLiteral("pending") },
        { QStringLiteral("previous_status"), QJsonValue() }, // a new bet had no status
        { QStringLiteral("result"), QJsonValue() },
        { QStringLiteral("previous_result"), QJsonValue() },
        { QStringLiteral("payout"), 0 },
        { QStringLiteral("currency"), QStringLiteral("EUR") },
        { QStringLiteral("resolution_notes"), QJsonValue() },
        { QStringLiteral("resolution_source"), QJsonValue() },
        { QStringLiteral("dispute_reason"), QJsonValue() },
        { QStringLiteral("dispute_state"), QJsonValue() },
        { QStringLiteral("decision_notes"), QJsonValue() },
        { QStringLiteral("dispute_deadline"), QJsonValue() },
        { QStringLiteral("void_factor"), QJsonValue() },
        { QStringLiteral("dead_heat_factor"), QJsonValue() },
        { QStringLiteral("deduction"), QJsonValue() },
        { QStringLiteral("certainty"), QJsonValue() }, // no outcome yet
        { QStringLiteral("supersedes_seq"), QJsonValue() },
        { QStringLiteral("actor_id"), QStringLiteral("alice") },
        { QStringLiteral("updated_at"), kNowText },
        // What the bet is on, so feeds can be filtered by it (common/eventfilter.h).
        { QStringLiteral("market"), QStringLiteral("Match result") },
        { QStringLiteral("event_name"), QStringLiteral("Arsenal v Chelsea") },
        { QStringLiteral("selection"), QStringLiteral("Arsenal") },
    };
    const QString diff = jsonDiff(t.event.data, expectedData);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestBetRules::place_invalid_refused_data()
{
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<QString>("eventName");
    QTest::addColumn<QString>("market");
    QTest::addColumn<QString>("selection");
    QTest::addColumn<qint64>("odds");
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messagePart");

    const QString ev = QStringLiteral("Arsenal v Chelsea");
    const QString mk = QStringLiteral("Match result");
    const QString sel = QStringLiteral("Arsenal");
    const QString eur = QStringLiteral("EUR");
    const auto bad = ErrorCode::BadRequest;
    QTest::newRow("operator") << Actor::Operator << ev << mk << sel << qint64(25000) << qint64(1000) << eur
                              << ErrorCode::Forbidden << QStringLiteral("operator");
    QTest::newRow("empty event_name") << Actor::Owner << QString() << mk << sel << qint64(25000)
                                      << qint64(1000) << eur << bad << QStringLiteral("event_name");
    QTest::newRow("blank market") << Actor::Owner << ev << QStringLiteral("   ") << sel << qint64(25000)
                                  << qint64(1000) << eur << bad << QStringLiteral("market");
    QTest::newRow("selection 201 chars")
        << Actor::Owner << ev << mk << QString(201, QLatin1Char('x')) << qint64(25000) << qint64(1000) << eur
        << bad << QStringLiteral("selection");
    QTest::newRow("odds 1.0") << Actor::Owner << ev << mk << sel << qint64(10000) << qint64(1000) << eur
                              << bad << QStringLiteral("odds");
    QTest::newRow("odds 0") << Actor::Owner << ev << mk << sel << qint64(0) << qint64(1000) << eur << bad
                            << QStringLiteral("odds");
    QTest::newRow("stake 0") << Actor::Owner << ev << mk << sel << qint64(25000) << qint64(0) << eur << bad
                             << QStringLiteral("stake");
    QTest::newRow("negative stake") << Actor::Owner << ev << mk << sel << qint64(25000) << qint64(-1000)
                                    << eur << bad << QStringLiteral("stake");
    QTest::newRow("other currency") << Actor::Owner << ev << mk << sel << qint64(25000) << qint64(1000)
                                    << QStringLiteral("USD") << bad << QStringLiteral("currency");
    QTest::newRow("stake x odds overflows")
        << Actor::Owner << ev << mk << sel << qint64(25000) << std::numeric_limits<qint64>::max() / 2 << eur
        << bad << QStringLiteral("too large");
}

void TestBetRules::place_invalid_refused()
{
    QFETCH(Actor, actor);
    QFETCH(QString, eventName);
    QFETCH(QString, market);
    QFETCH(QString, selection);
    QFETCH(qint64, odds);
    QFETCH(qint64, stake);
    QFETCH(QString, currency);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messagePart);

    NewBet request;
    request.eventName = eventName;
    request.market = market;
    request.selection = selection;
    request.odds = odds;
    request.stake = stake;
    request.currency = currency;
    const auto result = BetRules().place(userFor(actor), request, kNow);
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), errorCodeName(code));
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
}

void TestBetRules::input_invalid_badRequest_data()
{
    QTest::addColumn<Bet>("bet");
    QTest::addColumn<QString>("call"); // resolve | dispute | decide
    QTest::addColumn<BetResult>("result");
    QTest::addColumn<DisputeState>("decision");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");

    const Bet pending = pendingBet();
    const Bet disputed = disputedBet(BetResult::Win);
    const QString tooLong(2001, QLatin1Char('n'));
    const auto none = BetResult::None;
    const auto open = DisputeState::Open;
    const auto upheld = DisputeState::Upheld;
    const auto rejected = DisputeState::Rejected;

    QTest::newRow("resolve without a result")
        << pending << "resolve" << none << open << kNotes << QStringLiteral("result");
    QTest::newRow("resolve void without notes")
        << pending << "resolve" << BetResult::Void << open << QString() << QStringLiteral("notes");
    QTest::newRow("resolve void with blank notes") << pending << "resolve" << BetResult::Void << open
                                                   << QStringLiteral(" \n\t ") << QStringLiteral("notes");
    QTest::newRow("resolve win with overlong notes")
        << pending << "resolve" << BetResult::Win << open << tooLong << QStringLiteral("2000");
    QTest::newRow("resolve void with overlong notes")
        << pending << "resolve" << BetResult::Void << open << tooLong << QStringLiteral("2000");
    QTest::newRow("dispute without a reason")
        << settledBet(BetResult::Win) << "dispute" << none << open << QString() << QStringLiteral("reason");
    QTest::newRow("dispute with a blank reason") << settledBet(BetResult::Loss) << "dispute" << none << open
                                                 << QStringLiteral("   ") << QStringLiteral("reason");
    QTest::newRow("dispute with an overlong reason")
        << settledBet(BetResult::Loss) << "dispute" << none << open << tooLong << QStringLiteral("2000");
    QTest::newRow("decide upheld without notes")
        << disputed << "decide" << BetResult::Loss << upheld << QString() << QStringLiteral("notes");
    QTest::newRow("decide rejected without notes")
        << disputed << "decide" << none << rejected << QStringLiteral("  ") << QStringLiteral("notes");
    QTest::newRow("decide with overlong notes")
        << disputed << "decide" << BetResult::Loss << upheld << tooLong << QStringLiteral("2000");
    QTest::newRow("decide open") << disputed << "decide" << BetResult::Loss << open << kDecision
                                 << QStringLiteral("upheld or rejected");
    QTest::newRow("upheld without a new result")
        << disputed << "decide" << none << upheld << kDecision << QStringLiteral("new result");
    QTest::newRow("upheld with the same result") << disputed << "decide" << BetResult::Win << upheld
                                                 << kDecision << QStringLiteral("change the result");
    QTest::newRow("upheld void with the same result")
        << disputedBet(BetResult::Void) << "decide" << BetResult::Void << upheld << kDecision
        << QStringLiteral("change the result");
}

void TestBetRules::input_invalid_badRequest()
{
    QFETCH(Bet, bet);
    QFETCH(QString, call);
    QFETCH(BetResult, result);
    QFETCH(DisputeState, decision);
    QFETCH(QString, text);
    QFETCH(QString, messagePart);

    const BetRules rules;
    const auto outcome = [&]() -> Result<Transition> {
        if (call == QLatin1String("resolve"))
            return rules.resolve(bet, userFor(Actor::Operator), result, text, kNow);
        if (call == QLatin1String("dispute"))
            return rules.dispute(bet, userFor(Actor::Owner), text, kNow);
        return rules.decideDispute(bet, userFor(Actor::Operator), decision, result, text, kNow);
    }();
    QVERIFY(!outcome.ok());
    QCOMPARE(errorCodeName(outcome.error().code), QStringLiteral("bad_request"));
    QVERIFY2(outcome.error().message.contains(messagePart), qPrintable(outcome.error().message));
}

void TestBetRules::notes_atLimit_acceptedAndTrimmed()
{
    const BetRules rules;
    const QString atLimit = QStringLiteral("  ") + QString(1996, QLatin1Char('n')) + QStringLiteral("  ");
    QCOMPARE(atLimit.size(), 2000);

    const auto voided = rules.resolve(pendingBet(), userFor(Actor::Operator), BetResult::Void, atLimit, kNow);
    QVERIFY(voided.ok());
    QCOMPARE(voided->after.resolutionNotes, QString(1996, QLatin1Char('n')));

    const auto disputed = rules.dispute(settledBet(BetResult::Loss), userFor(Actor::Owner), atLimit, kNow);
    QVERIFY(disputed.ok());
    QCOMPARE(disputed->after.dispute->reason, QString(1996, QLatin1Char('n')));

    const auto decided = rules.decideDispute(disputedBet(BetResult::Loss), userFor(Actor::Operator),
        DisputeState::Rejected, BetResult::None, atLimit, kNow);
    QVERIFY(decided.ok());
    QCOMPARE(decided->after.dispute->decisionNotes, QString(1996, QLatin1Char('n')));

    // Notes are optional for a win, a loss and a push.
    const auto won = rules.resolve(pendingBet(), userFor(Actor::Operator), BetResult::Win, QString(), kNow);
    QVERIFY(won.ok());
    QVERIFY(won->after.resolutionNotes.isEmpty());
    QCOMPARE(won->event.data.value(QStringLiteral("resolution_notes")), QJsonValue());
}

void TestBetRules::dispute_window_data()
{
    QTest::addColumn<qint64>("sinceResolvedMs");
    QTest::addColumn<bool>("allowed");

    // The window is one minute here (injected), so the edges are exact.
    QTest::newRow("right after resolution") << qint64(0) << true;
    QTest::newRow("inside") << qint64(30'000) << true;
    QTest::newRow("1 ms before the edge") << qint64(59'999) << true;
    QTest::newRow("exactly at the edge") << qint64(60'000) << true;
    QTest::newRow("1 ms after the edge") << qint64(60'001) << false;
    QTest::newRow("a day later") << qint64(24LL * 3600 * 1000) << false;
}

void TestBetRules::dispute_window()
{
    QFETCH(qint64, sinceResolvedMs);
    QFETCH(bool, allowed);

    const BetRules rules(60'000);
    QCOMPARE(rules.disputeWindowMs(), qint64(60'000));
    const QDateTime now = kResolved.addMSecs(sinceResolvedMs);
    for (BetResult original : { BetResult::Win, BetResult::Void }) {
        // The window comes from the rules that resolved the bet, carried by its dispute_deadline.
        const auto resolved
            = rules.resolve(pendingBet(), userFor(Actor::Operator), original, kNotes, kResolved);
        QVERIFY(resolved.ok());
        const Bet bet = resolved->after;
        QCOMPARE(bet.disputeDeadline, kResolved.addMSecs(60'000));
        QCOMPARE(rules.canDispute(bet, now), allowed);
        const auto result = rules.dispute(bet, userFor(Actor::Owner), kReason, now);
        QCOMPARE(result.ok(), allowed);
        if (allowed) {
            QCOMPARE(result->after.status, BetStatus::Disputed);
            QCOMPARE(result->after.dispute->raisedAt, now);
            QVERIFY(result->ledger.isEmpty());
        } else {
            QCOMPARE(errorCodeName(result.error().code), QStringLiteral("conflict"));
            // Tells the bettor when the window closed.
            QVERIFY2(result.error().message.contains(QStringLiteral("2024-01-15T11:01:00.000Z")),
                qPrintable(result.error().message));
        }
    }
}

void TestBetRules::dispute_defaultWindowIsSevenDays()
{
    const BetRules rules;
    QCOMPARE(rules.disputeWindowMs(), kWindowMs);
    const Bet bet = settledBet(BetResult::Loss);
    QVERIFY(rules.dispute(bet, userFor(Actor::Owner), kReason, kResolved.addMSecs(kWindowMs)).ok());
    const auto late = rules.dispute(bet, userFor(Actor::Owner), kReason, kResolved.addMSecs(kWindowMs + 1));
    QVERIFY(!late.ok());
    QCOMPARE(errorCodeName(late.error().code), QStringLiteral("conflict"));
}

void TestBetRules::dispute_afterDecision_secondDisputeRefused_data()
{
    QTest::addColumn<Bet>("bet");
    QTest::addColumn<QString>("state");

    QTest::newRow("after rejected (settled)")
        << decidedBet(BetResult::Loss, DisputeState::Rejected) << QStringLiteral("rejected");
    QTest::newRow("after rejected (voided)")
        << decidedBet(BetResult::Void, DisputeState::Rejected) << QStringLiteral("rejected");
    QTest::newRow("after upheld") << decidedBet(BetResult::Win, DisputeState::Upheld)
                                  << QStringLiteral("upheld");
}

void TestBetRules::dispute_afterDecision_secondDisputeRefused()
{
    QFETCH(Bet, bet);
    QFETCH(QString, state);

    const BetRules rules;
    // Still well inside the window: the refusal is about the earlier dispute, not time.
    QVERIFY(!rules.canDispute(bet, kNow));
    const auto result = rules.dispute(bet, userFor(Actor::Owner), QStringLiteral("I still disagree"), kNow);
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), QStringLiteral("conflict"));
    QVERIFY2(result.error().message.contains(QStringLiteral("already disputed")),
        qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(state), qPrintable(result.error().message));
}

void TestBetRules::canDispute_falseOutsideSettledOrVoided_data()
{
    QTest::addColumn<Bet>("bet");
    QTest::addColumn<bool>("expected");

    QTest::newRow("pending") << pendingBet() << false;
    QTest::newRow("cancelled") << cancelledBet() << false;
    QTest::newRow("disputed") << disputedBet(BetResult::Win) << false;
    QTest::newRow("settled win") << settledBet(BetResult::Win) << true;
    QTest::newRow("settled loss") << settledBet(BetResult::Loss) << true;
    QTest::newRow("settled push") << settledBet(BetResult::Push) << true;
    QTest::newRow("voided") << settledBet(BetResult::Void) << true;
    Bet noDeadline = settledBet(BetResult::Loss);
    noDeadline.disputeDeadline = QDateTime();
    QTest::newRow("settled without a dispute deadline") << noDeadline << false;
}

void TestBetRules::canDispute_falseOutsideSettledOrVoided()
{
    QFETCH(Bet, bet);
    QFETCH(bool, expected);
    QCOMPARE(BetRules().canDispute(bet, kNow), expected);
}

void TestBetRules::upheld_resettles_ledgerCorrectionIsPayoutDifference_data()
{
    QTest::addColumn<BetResult>("original");
    QTest::addColumn<BetResult>("corrected");
    QTest::addColumn<QString>("status");
    QTest::addColumn<qint64>("payout");
    QTest::addColumn<QStringList>("ledger");

    // Stake 10.00 at 2.50: win pays 25.00, push and void return 10.00, loss 0.
    const auto w = BetResult::Win;
    const auto l = BetResult::Loss;
    const auto p = BetResult::Push;
    const auto v = BetResult::Void;
    const QString settled = QStringLiteral("settled");
    const QString voided = QStringLiteral("voided");
    const auto c = [](const char *amount) {
        return QStringList { QStringLiteral("correction:") + QLatin1String(amount) };
    };
    QTest::newRow("win->loss takes the winnings back") << w << l << settled << qint64(0) << c("-2500");
    QTest::newRow("win->push") << w << p << settled << qint64(1000) << c("-1500");
    QTest::newRow("win->void") << w << v << voided << qint64(1000) << c("-1500");
    QTest::newRow("loss->win pays the winnings") << l << w << settled << qint64(2500) << c("2500");
    QTest::newRow("loss->push") << l << p << settled << qint64(1000) << c("1000");
    QTest::newRow("loss->void") << l << v << voided << qint64(1000) << c("1000");
    QTest::newRow("push->win") << p << w << settled << qint64(2500) << c("1500");
    QTest::newRow("push->loss") << p << l << settled << qint64(0) << c("-1000");
    QTest::newRow("push->void moves no money") << p << v << voided << qint64(1000) << QStringList();
    QTest::newRow("void->win") << v << w << settled << qint64(2500) << c("1500");
    QTest::newRow("void->loss") << v << l << settled << qint64(0) << c("-1000");
    QTest::newRow("void->push moves no money") << v << p << settled << qint64(1000) << QStringList();
}

void TestBetRules::upheld_resettles_ledgerCorrectionIsPayoutDifference()
{
    QFETCH(BetResult, original);
    QFETCH(BetResult, corrected);
    QFETCH(QString, status);
    QFETCH(qint64, payout);
    QFETCH(QStringList, ledger);

    const Bet before = disputedBet(original);
    const auto result = BetRules().decideDispute(
        before, userFor(Actor::Operator), DisputeState::Upheld, corrected, kDecision, kNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Transition &t = *result;
    QCOMPARE(statusName(t.after.status), status);
    QCOMPARE(t.after.result, corrected);
    QCOMPARE(t.after.payout, payout);
    QCOMPARE(ledgerLines(t), ledger);
    // The balance ends as if the corrected result had been the first one.
    qint64 credited = 0;
    for (const LedgerEntry &e : t.ledger) {
        QCOMPARE(e.kind, LedgerKind::Correction);
        credited += e.amount;
    }
    QCOMPARE(payoutOf(original) + credited, payoutOf(corrected));
    QCOMPARE(t.after.version, before.version + 1);
    QCOMPARE(t.after.resolutionSource, QStringLiteral("dispute"));
    QCOMPARE(t.after.dispute->state, DisputeState::Upheld);
    QCOMPARE(t.event.type, EventType::BetResolved);
    QCOMPARE(t.event.data.value(QStringLiteral("previous_result")).toString(), resultName(original));
    QCOMPARE(t.event.data.value(QStringLiteral("result")).toString(), resultName(corrected));
    QCOMPARE(t.event.data.value(QStringLiteral("payout")).toInteger(), payout);
}

void TestBetRules::rejected_restoresOriginalResult_data()
{
    QTest::addColumn<BetResult>("original");
    QTest::addColumn<QString>("status");

    QTest::newRow("win") << BetResult::Win << QStringLiteral("settled");
    QTest::newRow("loss") << BetResult::Loss << QStringLiteral("settled");
    QTest::newRow("push") << BetResult::Push << QStringLiteral("settled");
    QTest::newRow("void") << BetResult::Void << QStringLiteral("voided");
}

void TestBetRules::rejected_restoresOriginalResult()
{
    QFETCH(BetResult, original);
    QFETCH(QString, status);

    const Bet before = disputedBet(original);
    // A result given with a rejection is ignored: the original result stands.
    const auto result = BetRules().decideDispute(before, userFor(Actor::Operator), DisputeState::Rejected,
        BetResult::Loss, QStringLiteral(" no evidence "), kNow);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Transition &t = *result;
    QCOMPARE(statusName(t.after.status), status);
    QCOMPARE(t.after.result, original);
    QCOMPARE(t.after.payout, payoutOf(original));
    QCOMPARE(t.after.resolutionNotes, before.resolutionNotes);
    QCOMPARE(t.after.resolvedAt, kResolved);
    QVERIFY(t.ledger.isEmpty());
    QCOMPARE(t.after.dispute->state, DisputeState::Rejected);
    QCOMPARE(t.after.dispute->decisionNotes, QStringLiteral("no evidence"));
    QCOMPARE(t.after.dispute->reason, kReason);
    QCOMPARE(t.after.version, before.version + 1);
    QCOMPARE(t.event.type, EventType::BetUpdated);
    QCOMPARE(t.event.data.value(QStringLiteral("status")).toString(), status);
    QCOMPARE(t.event.data.value(QStringLiteral("previous_status")).toString(), QStringLiteral("disputed"));
    QCOMPARE(t.event.data.value(QStringLiteral("dispute_state")).toString(), QStringLiteral("rejected"));
}

void TestBetRules::lifecycle_placeResolveDisputeUphold_versionsAndLedgerAddUp()
{
    const BetRules rules(3600'000);
    const User alice = userFor(Actor::Owner);
    const User olivia = userFor(Actor::Operator);
    QList<LedgerEntry> ledger;

    NewBet request;
    request.eventName = QStringLiteral("Final");
    request.market = QStringLiteral("Winner");
    request.selection = QStringLiteral("Home");
    request.odds = 31500; // 3.15
    request.stake = 333;
    const auto placed = rules.place(alice, request, utc(10));
    QVERIFY(placed.ok());
    QCOMPARE(placed->after.potentialReturn, qint64(1049)); // 10.4895 rounds half up to 10.49
    Bet bet = placed->after;
    bet.id = QStringLiteral("7"); // what storage does on commit
    ledger += placed->ledger;

    const auto resolved = rules.resolve(bet, olivia, BetResult::Loss, QString(), utc(11));
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->after.version, qint64(2));
    ledger += resolved->ledger;

    const auto disputed
        = rules.dispute(resolved->after, alice, QStringLiteral("home won 2-0"), utc(11, 59, 59, 999));
    QVERIFY(disputed.ok());
    QCOMPARE(disputed->after.version, qint64(3));
    ledger += disputed->ledger;

    const auto upheld = rules.decideDispute(disputed->after, olivia, DisputeState::Upheld, BetResult::Win,
        QStringLiteral("score confirmed"), utc(14));
    QVERIFY(upheld.ok());
    QCOMPARE(upheld->after.version, qint64(4));
    QCOMPARE(upheld->after.payout, qint64(1049));
    ledger += upheld->ledger;

    qint64 balanceChange = 0;
    for (const LedgerEntry &e : ledger) {
        QCOMPARE(e.userId, QStringLiteral("alice"));
        balanceChange += e.amount;
    }
    QCOMPARE(balanceChange, qint64(1049 - 333));
    QCOMPARE(ledger.size(), 2); // the stake and the correction; a loss credits nothing

    // The decided dispute was the only one.
    const auto again = rules.dispute(upheld->after, alice, QStringLiteral("once more"), utc(14, 1));
    QVERIFY(!again.ok());
    QCOMPARE(errorCodeName(again.error().code), QStringLiteral("conflict"));
}

namespace {

std::optional<qint64> factor(const char *text)
{
    if (!text)
        return std::nullopt;
    return *parseFactor(QLatin1String(text));
}

qint64 sum(const QList<LedgerEntry> &entries)
{
    qint64 total = 0;
    for (const LedgerEntry &e : entries)
        total += e.amount;
    return total;
}

} // namespace

void TestBetRules::payout_terms_matchHandComputation_data()
{
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<QString>("odds");
    QTest::addColumn<BetResult>("result");
    QTest::addColumn<std::optional<qint64>>("voidFactor");
    QTest::addColumn<std::optional<qint64>>("deadHeat");
    QTest::addColumn<std::optional<int>>("deduction");
    QTest::addColumn<qint64>("refund");
    QTest::addColumn<qint64>("payout");

    const auto W = BetResult::Win;
    const auto L = BetResult::Loss;
    const auto P = BetResult::Push;
    const auto V = BetResult::Void;
    const std::optional<int> noDeduction;
    // The row name is the hand computation: v = voided share, s = settled share, w = winning stake,
    // winnings = w x (odds - 1) x (100 - deduction)/100; every part rounded half up on its own.
    QTest::newRow("win: 1000x2.50 = 2500") << qint64(1000) << "2.50" << W << factor(nullptr) << factor(nullptr)
                                           << noDeduction << qint64(0) << qint64(2500);
    QTest::newRow("loss: 0") << qint64(1000) << "2.50" << L << factor(nullptr) << factor(nullptr) << noDeduction
                             << qint64(0) << qint64(0);
    QTest::newRow("push: stake back 1000") << qint64(1000) << "2.50" << P << factor(nullptr) << factor(nullptr)
                                           << noDeduction << qint64(1000) << qint64(0);
    QTest::newRow("void: stake back 1000") << qint64(1000) << "2.50" << V << factor(nullptr) << factor(nullptr)
                                           << noDeduction << qint64(1000) << qint64(0);
    QTest::newRow("win vf0.5: v=500 refunded; s=500 wins 500x2.5=1250")
        << qint64(1000) << "2.50" << W << factor("0.5") << factor(nullptr) << noDeduction << qint64(500)
        << qint64(1250);
    QTest::newRow("loss vf0.5: v=500 refunded; s=500 lost")
        << qint64(1000) << "2.50" << L << factor("0.5") << factor(nullptr) << noDeduction << qint64(500)
        << qint64(0);
    QTest::newRow("push vf0.5: v=500 + s=500 back = 1000")
        << qint64(1000) << "2.50" << P << factor("0.5") << factor(nullptr) << noDeduction << qint64(1000)
        << qint64(0);
    QTest::newRow("win dh0.5: w=500 -> 500+750=1250, other 500 lost")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor("0.5") << noDeduction << qint64(0)
        << qint64(1250);
    QTest::newRow("win dh1.0: no dead heat, 2500")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor("1") << noDeduction << qint64(0)
        << qint64(2500);
    QTest::newRow("win dh0.3333: w=333.3->333; 333x1.5=499.5->500; 833")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor("0.3333") << noDeduction << qint64(0)
        << qint64(833);
    QTest::newRow("win r0: 1000+1500 = 2500")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor(nullptr) << std::optional<int>(0)
        << qint64(0) << qint64(2500);
    QTest::newRow("win r25: 1500x0.75=1125; 2125")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor(nullptr) << std::optional<int>(25)
        << qint64(0) << qint64(2125);
    QTest::newRow("win r90 (cap): 1500x0.10=150; 1150")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor(nullptr) << std::optional<int>(90)
        << qint64(0) << qint64(1150);
    QTest::newRow("win dh0.5 r15: w=500; 750x0.85=637.5->638; 1138")
        << qint64(1000) << "2.50" << W << factor(nullptr) << factor("0.5") << std::optional<int>(15)
        << qint64(0) << qint64(1138);
    QTest::newRow("win vf0.5 r10: v=500; w=500; 750x0.9=675; 1175")
        << qint64(1000) << "2.50" << W << factor("0.5") << factor(nullptr) << std::optional<int>(10)
        << qint64(500) << qint64(1175);
    QTest::newRow("win vf0.25 dh0.5: v=250; s=750; w=375; 562.5->563; 938")
        << qint64(1000) << "2.50" << W << factor("0.25") << factor("0.5") << noDeduction << qint64(250)
        << qint64(938);
    QTest::newRow("win vf0.5 dh0.5 r25: v=500; w=250; 375x0.75=281.25->281; 531")
        << qint64(1000) << "2.50" << W << factor("0.5") << factor("0.5") << std::optional<int>(25)
        << qint64(500) << qint64(531);
    QTest::newRow("loss vf0.5 (dh, r n/a): v=500 only")
        << qint64(1000) << "2.50" << L << factor("0.5") << factor(nullptr) << noDeduction << qint64(500)
        << qint64(0);
    QTest::newRow("win 333x1.50: 333+166.5->167 = 500 (as resolve)")
        << qint64(333) << "1.50" << W << factor(nullptr) << factor(nullptr) << noDeduction << qint64(0)
        << qint64(500);
    QTest::newRow("win 333 vf0.5: v=166.5->167; s=166; 166+83=249")
        << qint64(333) << "1.50" << W << factor("0.5") << factor(nullptr) << noDeduction << qint64(167)
        << qint64(249);
    QTest::newRow("win 1 vf0.5: v=0.5->1; s=0; nothing to win")
        << qint64(1) << "3.00" << W << factor("0.5") << factor(nullptr) << noDeduction << qint64(1) << qint64(0);
    QTest::newRow("win 1001x3.00 dh0.5 r33: w=500.5->501; 1002x0.67=671.34->671; 1172")
        << qint64(1001) << "3.00" << W << factor(nullptr) << factor("0.5") << std::optional<int>(33)
        << qint64(0) << qint64(1172);
    QTest::newRow("win 1001x3.00 vf0.1 dh0.5 r33: v=100.1->100; s=901; w=450.5->451; 902x0.67=604.34->604; 1055")
        << qint64(1001) << "3.00" << W << factor("0.1") << factor("0.5") << std::optional<int>(33)
        << qint64(100) << qint64(1055);
    QTest::newRow("push vf0.1 dh/r n/a: 1001 back")
        << qint64(1001) << "3.00" << P << factor("0.1") << factor(nullptr) << noDeduction << qint64(1001)
        << qint64(0);
}

void TestBetRules::payout_terms_matchHandComputation()
{
    QFETCH(qint64, stake);
    QFETCH(QString, odds);
    QFETCH(BetResult, result);
    QFETCH(std::optional<qint64>, voidFactor);
    QFETCH(std::optional<qint64>, deadHeat);
    QFETCH(std::optional<int>, deduction);
    QFETCH(qint64, refund);
    QFETCH(qint64, payout);

    const SettlementTerms terms{result, voidFactor, deadHeat, deduction};
    const auto parts = BetRules::payoutFor(terms, stake, *parseOdds(odds));
    QVERIFY2(parts.ok(), parts.ok() ? "" : qPrintable(parts.error().message));
    QCOMPARE(parts->refund, refund);
    QCOMPARE(parts->payout, payout);
    QCOMPARE(parts->total(), refund + payout);
    // Without terms the full rules agree with the plain ones (resolve() keeps its old payouts).
    if (!voidFactor && !deadHeat && !deduction)
        QCOMPARE(parts->total(), *BetRules::payoutFor(result, stake, *parseOdds(odds)));
}

void TestBetRules::payout_termsThatMakeNoSense_refused_data()
{
    QTest::addColumn<BetResult>("result");
    QTest::addColumn<std::optional<qint64>>("voidFactor");
    QTest::addColumn<std::optional<qint64>>("deadHeat");
    QTest::addColumn<std::optional<int>>("deduction");

    const std::optional<int> none;
    QTest::newRow("no result") << BetResult::None << factor(nullptr) << factor(nullptr) << none;
    QTest::newRow("void with a void factor") << BetResult::Void << factor("0.5") << factor(nullptr) << none;
    QTest::newRow("void factor 0") << BetResult::Win << factor("0") << factor(nullptr) << none;
    QTest::newRow("void factor 1 (use void)") << BetResult::Win << factor("1") << factor(nullptr) << none;
    QTest::newRow("dead heat on a loss") << BetResult::Loss << factor(nullptr) << factor("0.5") << none;
    QTest::newRow("dead heat 0") << BetResult::Win << factor(nullptr) << factor("0") << none;
    QTest::newRow("deduction on a push") << BetResult::Push << factor(nullptr) << factor(nullptr)
                                         << std::optional<int>(10);
    QTest::newRow("deduction 91 (over the cap)") << BetResult::Win << factor(nullptr) << factor(nullptr)
                                                 << std::optional<int>(91);
    QTest::newRow("deduction -1") << BetResult::Win << factor(nullptr) << factor(nullptr)
                                  << std::optional<int>(-1);
}

void TestBetRules::payout_termsThatMakeNoSense_refused()
{
    QFETCH(BetResult, result);
    QFETCH(std::optional<qint64>, voidFactor);
    QFETCH(std::optional<qint64>, deadHeat);
    QFETCH(std::optional<int>, deduction);
    const SettlementTerms terms{result, voidFactor, deadHeat, deduction};
    const auto parts = BetRules::payoutFor(terms, 1000, kOdds);
    QVERIFY(!parts.ok());
    QCOMPARE(parts.error().code, ErrorCode::BadRequest);
    const auto settled = BetRules(kWindowMs).settle(pendingBet(), userFor(Actor::Operator), terms,
                                                    Certainty::Confirmed, kNotes, kNow);
    QVERIFY(!settled.ok());
    QCOMPARE(settled.error().code, ErrorCode::BadRequest);
}

void TestBetRules::settle_withTerms_ledgerShowsEachPart()
{
    // Stake 10.00 at 2.50, half void, dead heat 1/2: refund 5.00, then 2.50 of the 5.00 wins 6.25.
    const SettlementTerms terms{BetResult::Win, factor("0.5"), factor("0.5"), std::nullopt};
    const auto t = BetRules(kWindowMs).settle(pendingBet(), userFor(Actor::Operator), terms, Certainty::Confirmed,
                                              kNotes, kNow);
    QVERIFY(t.ok());
    QCOMPARE(ledgerLines(*t), (QStringList{QStringLiteral("refund:500"), QStringLiteral("payout:625")}));
    QCOMPARE(t->after.payout, qint64(1125));
    QCOMPARE(t->after.voidFactor, factor("0.5"));
    QCOMPARE(t->after.deadHeatFactor, factor("0.5"));
    QVERIFY(!t->after.deduction);
    QCOMPARE(t->after.certainty, Certainty::Confirmed);
    QVERIFY(t->recordsOutcome);
    const auto change = json::decodeBetChange(t->event.data);
    QVERIFY(change.ok());
    QCOMPARE(t->event.data.value(QStringLiteral("void_factor")).toString(), QStringLiteral("0.5"));
    QCOMPARE(t->event.data.value(QStringLiteral("dead_heat_factor")).toString(), QStringLiteral("0.5"));
    QVERIFY(t->event.data.value(QStringLiteral("deduction")).isNull());
    QCOMPARE(change->certainty, Certainty::Confirmed);
    QCOMPARE(change->supersedesSeq, qint64(0));
}

void TestBetRules::settle_provisional_paysButIsNotDisputableUntilConfirmed()
{
    const BetRules rules(kWindowMs);
    const User olivia = userFor(Actor::Operator);
    const auto provisional = rules.settle(pendingBet(), olivia, SettlementTerms{BetResult::Win, {}, {}, {}},
                                          Certainty::Provisional, kNotes, utc(11));
    QVERIFY(provisional.ok());
    QCOMPARE(provisional->after.payout, qint64(2500));
    QCOMPARE(ledgerLines(*provisional), QStringList{QStringLiteral("payout:2500")});
    QCOMPARE(provisional->after.certainty, Certainty::Provisional);
    QVERIFY(!provisional->after.disputeDeadline.isValid());
    QCOMPARE(provisional->event.data.value(QStringLiteral("certainty")).toString(),
             QStringLiteral("provisional"));
    const auto early = rules.dispute(provisional->after, userFor(Actor::Owner), kReason, utc(12));
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code, ErrorCode::Conflict);

    const auto confirmed = rules.confirm(provisional->after, olivia, QString(), kNow);
    QVERIFY(confirmed.ok());
    QVERIFY(confirmed->ledger.isEmpty()); // no second payout
    QVERIFY(!confirmed->recordsOutcome);
    QCOMPARE(confirmed->after.payout, qint64(2500));
    QCOMPARE(confirmed->after.certainty, Certainty::Confirmed);
    QCOMPARE(confirmed->after.disputeDeadline, kNow.addMSecs(kWindowMs)); // the window starts now
    QCOMPARE(confirmed->after.resolvedAt, utc(11));
    QCOMPARE(eventTypeName(confirmed->event.type), QStringLiteral("bet_updated"));
    QVERIFY(rules.dispute(confirmed->after, userFor(Actor::Owner), kReason, kNow.addSecs(60)).ok());
    // A confirmed bet cannot be confirmed again.
    QCOMPARE(rules.confirm(confirmed->after, olivia, QString(), kNow).error().code, ErrorCode::Conflict);
}

void TestBetRules::resettle_reversesOldPayoutBooksNewParts_namesSupersededEvent()
{
    const BetRules rules(kWindowMs);
    Bet won = settledBet(BetResult::Win); // payout 2500
    won.outcomeSeq = 17;
    const SettlementTerms deadHeat{BetResult::Win, std::nullopt, factor("0.5"), std::nullopt};
    const auto t = rules.resettle(won, userFor(Actor::Operator), deadHeat, QStringLiteral("photo: dead heat"), kNow);
    QVERIFY2(t.ok(), t.ok() ? "" : qPrintable(t.error().message));
    // 2500 taken back, then w=500 -> 500 + 750 = 1250 paid: the balance moves by the difference, -1250.
    QCOMPARE(ledgerLines(*t), (QStringList{QStringLiteral("correction:-2500"), QStringLiteral("payout:1250")}));
    QCOMPARE(sum(t->ledger), qint64(1250 - 2500));
    QCOMPARE(t->after.payout, qint64(1250));
    QCOMPARE(t->after.resolutionSource, QStringLiteral("correction"));
    QCOMPARE(t->event.data.value(QStringLiteral("supersedes_seq")).toInteger(), qint64(17));
    QCOMPARE(eventTypeName(t->event.type), QStringLiteral("bet_resolved"));
    QVERIFY(t->recordsOutcome);

    // The same outcome again is no correction; notes are required; a pending bet has nothing to correct.
    QCOMPARE(rules.resettle(won, userFor(Actor::Operator), SettlementTerms{BetResult::Win, {}, {}, {}},
                            kNotes, kNow).error().code, ErrorCode::BadRequest);
    QCOMPARE(rules.resettle(won, userFor(Actor::Operator), deadHeat, QString(), kNow).error().code,
             ErrorCode::BadRequest);
    QCOMPARE(rules.resettle(pendingBet(), userFor(Actor::Operator), deadHeat, kNotes, kNow).error().code,
             ErrorCode::Conflict);
    QCOMPARE(rules.resettle(won, userFor(Actor::Owner), deadHeat, kNotes, kNow).error().code,
             ErrorCode::Forbidden);
}

void TestBetRules::resettle_openDispute_closesItUpheld()
{
    const auto t = BetRules(kWindowMs).resettle(disputedBet(BetResult::Win), userFor(Actor::Operator),
                                                SettlementTerms{BetResult::Loss, {}, {}, {}}, kDecision, kNow);
    QVERIFY(t.ok());
    QCOMPARE(t->after.status, BetStatus::Settled);
    QVERIFY(t->after.dispute);
    QCOMPARE(t->after.dispute->state, DisputeState::Upheld);
    QCOMPARE(t->after.dispute->decisionNotes, kDecision);
    QCOMPARE(t->after.dispute->decidedBy, QStringLiteral("olivia"));
    QVERIFY(!t->after.disputeDeadline.isValid()); // one dispute per bet
    QCOMPARE(sum(t->ledger), qint64(-2500));
}

void TestBetRules::rollback_toPending_reversesPayout()
{
    Bet won = settledBet(BetResult::Win);
    won.outcomeSeq = 9;
    const auto t = BetRules(kWindowMs).rollback(won, userFor(Actor::Operator), QStringLiteral("result under review"),
                                                kNow);
    QVERIFY(t.ok());
    QCOMPARE(t->after.status, BetStatus::Pending);
    QCOMPARE(t->after.result, BetResult::None);
    QCOMPARE(t->after.payout, qint64(0));
    QCOMPARE(t->after.certainty, Certainty::None);
    QVERIFY(!t->after.resolvedAt.isValid());
    QCOMPARE(t->after.resolutionNotes, QStringLiteral("result under review"));
    QCOMPARE(ledgerLines(*t), QStringList{QStringLiteral("correction:-2500")});
    QCOMPARE(eventTypeName(t->event.type), QStringLiteral("bet_updated"));
    QCOMPARE(t->event.data.value(QStringLiteral("supersedes_seq")).toInteger(), qint64(9));
    QCOMPARE(BetRules(kWindowMs).rollback(pendingBet(), userFor(Actor::Operator), kNotes, kNow).error().code,
             ErrorCode::Conflict);
}

void TestBetRules::cancelForEvent_thenRollback_restoresOutcomeAndMoney()
{
    const BetRules rules(kWindowMs);
    const User olivia = userFor(Actor::Operator);
    const auto settled = rules.settle(pendingBet(), olivia, SettlementTerms{BetResult::Win, factor("0.5"), {}, {}},
                                      Certainty::Confirmed, kNotes, utc(11));
    QVERIFY(settled.ok()); // refund 500 + payout 1250
    Bet bet = settled->after;
    bet.outcomeSeq = 30;

    const auto cancelled = rules.cancelForEvent(bet, olivia, QStringLiteral("feed: bet_cancel"), utc(12));
    QVERIFY(cancelled.ok());
    QCOMPARE(cancelled->after.status, BetStatus::Voided);
    QCOMPARE(cancelled->after.payout, qint64(1000));
    QVERIFY(cancelled->after.cancelledFrom);
    QCOMPARE(ledgerLines(*cancelled),
             (QStringList{QStringLiteral("correction:-1750"), QStringLiteral("refund:1000")}));
    QCOMPARE(cancelled->event.data.value(QStringLiteral("supersedes_seq")).toInteger(), qint64(30));

    Bet voided = cancelled->after;
    voided.outcomeSeq = 31;
    const auto restored = rules.rollbackCancel(voided, olivia, QStringLiteral("feed: cancel withdrawn"), kNow);
    QVERIFY(restored.ok());
    QCOMPARE(restored->after.status, BetStatus::Settled);
    QCOMPARE(restored->after.result, BetResult::Win);
    QCOMPARE(restored->after.payout, qint64(1750));
    QCOMPARE(restored->after.voidFactor, factor("0.5"));
    QCOMPARE(restored->after.resolvedAt, utc(11));
    QCOMPARE(restored->after.disputeDeadline, bet.disputeDeadline); // the window is not extended
    QVERIFY(!restored->after.cancelledFrom);
    QCOMPARE(ledgerLines(*restored), (QStringList{QStringLiteral("correction:-1000"), QStringLiteral("refund:500"),
                                                  QStringLiteral("payout:1250")}));
    QCOMPARE(sum(cancelled->ledger) + sum(restored->ledger), qint64(0));
    QCOMPARE(restored->event.data.value(QStringLiteral("supersedes_seq")).toInteger(), qint64(31));

    // A pending bet comes back pending; a bet not voided by a cancel has nothing to restore.
    const auto pendingCancelled = rules.cancelForEvent(pendingBet(), olivia, kNotes, kNow);
    QVERIFY(pendingCancelled.ok());
    QCOMPARE(ledgerLines(*pendingCancelled), QStringList{QStringLiteral("refund:1000")});
    const auto backToPending = rules.rollbackCancel(pendingCancelled->after, olivia, kNotes, kNow);
    QVERIFY(backToPending.ok());
    QCOMPARE(backToPending->after.status, BetStatus::Pending);
    QCOMPARE(ledgerLines(*backToPending), QStringList{QStringLiteral("correction:-1000")});
    QCOMPARE(rules.rollbackCancel(bet, olivia, kNotes, kNow).error().code, ErrorCode::Conflict);
}

QTEST_GUILESS_MAIN(TestBetRules)
#include "tst_betrules.moc"
