#include "betrules.h"

#include "accesspolicy.h"
#include "betchange.h"
#include "money.h"
#include "timeutil.h"

#include <limits>

namespace betthat {

namespace {

constexpr int kMaxNameLength = 200;
constexpr int kMaxNotesLength = 2000;
constexpr int kMaxDeduction = 90; // Rule 4 caps the deductions of one race at 90p in the pound

Error forbidden(const QString &message)
{
    return makeError(ErrorCode::Forbidden, message);
}

Error badRequest(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

// supersedesSeq: for a correction, the seq of the event whose outcome this one replaces (0: none).
BetEvent eventFor(EventType type, const Bet &before, const Bet &after, const QString &actorId,
                  qint64 supersedesSeq = 0)
{
    BetEvent event;
    event.type = type;
    event.betId = after.id;
    event.userId = after.userId;
    BetChange change = BetChange::between(before, after, actorId);
    change.supersedesSeq = supersedesSeq;
    event.data = json::encode(change);
    event.timestamp = after.updatedAt;
    return event;
}

LedgerEntry entry(const Bet &bet, qint64 amount, LedgerKind kind, const QDateTime &now)
{
    LedgerEntry e;
    e.userId = bet.userId;
    e.betId = bet.id;
    e.amount = amount;
    e.currency = bet.currency;
    e.kind = kind;
    e.createdAt = now;
    return e;
}

Bet advanced(const Bet &bet, const QDateTime &now)
{
    Bet next = bet;
    next.updatedAt = now;
    next.version = bet.version + 1;
    return next;
}

Status checkNotes(const QString &notes, bool required, const QString &what)
{
    if (notes.size() > kMaxNotesLength)
        return badRequest(QStringLiteral("%1 must be at most %2 characters").arg(what).arg(kMaxNotesLength));
    if (required && notes.trimmed().isEmpty())
        return badRequest(QStringLiteral("%1 are required").arg(what));
    return Ok{};
}

bool isResolved(const Bet &bet)
{
    return bet.status == BetStatus::Settled || bet.status == BetStatus::Voided;
}

// GCC and Clang's 128-bit integer: stake x odds x (100 - deduction) needs up to ~90 bits before dividing.
__extension__ typedef __int128 Wide;

// a x b x c / divisor, rounded half up (all operands non-negative); fails instead of overflowing.
Result<qint64> mulDivHalfUp(qint64 a, qint64 b, qint64 c, qint64 divisor)
{
    const Wide product = Wide(a) * Wide(b) * Wide(c);
    const Wide quotient = product / divisor + (product % divisor * 2 >= divisor ? 1 : 0);
    if (quotient > Wide(std::numeric_limits<qint64>::max()))
        return badRequest(QStringLiteral("stake x odds is too large"));
    return static_cast<qint64>(quotient);
}

void applyTerms(Bet &after, const SettlementTerms &terms, qint64 payout)
{
    after.status = terms.result == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
    after.result = terms.result;
    after.payout = payout;
    after.voidFactor = terms.voidFactor;
    after.deadHeatFactor = terms.deadHeatFactor;
    after.deduction = terms.deduction;
}

void clearOutcome(Bet &after)
{
    after.status = BetStatus::Pending;
    after.result = BetResult::None;
    after.payout = 0;
    after.voidFactor.reset();
    after.deadHeatFactor.reset();
    after.deduction.reset();
    after.certainty = Certainty::None;
    after.resolvedBy.clear();
    after.resolvedAt = QDateTime();
    after.disputeDeadline = QDateTime();
}

// The settlement's parts as ledger entries: a Refund for the voided share (or a push's or void's stake),
// a Payout for the winning share, so a statement shows each part.
QList<LedgerEntry> partsEntries(const Bet &bet, const PayoutParts &parts, const QDateTime &now)
{
    QList<LedgerEntry> entries;
    if (parts.refund != 0)
        entries.append(entry(bet, parts.refund, LedgerKind::Refund, now));
    if (parts.payout != 0)
        entries.append(entry(bet, parts.payout, LedgerKind::Payout, now));
    return entries;
}

// A correction first takes back what the bet's current outcome paid, in one entry, so the ledger reads
// "reversed X, then booked the new parts" instead of an opaque difference.
QList<LedgerEntry> reversal(const Bet &bet, const QDateTime &now)
{
    if (bet.payout == 0)
        return {};
    return {entry(bet, -bet.payout, LedgerKind::Correction, now)};
}

// An open dispute is answered by the correction itself: closed as upheld with the correction's notes, and,
// like every decided dispute, final.
void closeOpenDispute(Bet &after, const User &actor, const QString &notes, const QDateTime &now)
{
    if (!after.dispute || after.dispute->state != DisputeState::Open)
        return;
    after.dispute->state = DisputeState::Upheld;
    after.dispute->decisionNotes = notes;
    after.dispute->decidedBy = actor.id;
    after.dispute->decidedAt = now;
}

SettlementSnapshot snapshotOf(const Bet &bet)
{
    SettlementSnapshot s;
    s.status = bet.status;
    s.result = bet.result;
    s.payout = bet.payout;
    s.voidFactor = bet.voidFactor;
    s.deadHeatFactor = bet.deadHeatFactor;
    s.deduction = bet.deduction;
    s.certainty = bet.certainty;
    s.resolutionNotes = bet.resolutionNotes;
    s.resolutionSource = bet.resolutionSource;
    s.resolvedBy = bet.resolvedBy;
    s.resolvedAt = bet.resolvedAt;
    s.disputeDeadline = bet.disputeDeadline;
    return s;
}

Status checkOperator(const User &actor, const QString &what)
{
    if (!actor.isOperator())
        return forbidden(QStringLiteral("only operators %1").arg(what));
    return Ok{};
}

Error conflict(const Bet &bet, const QString &what)
{
    return makeError(ErrorCode::Conflict,
                     QStringLiteral("cannot %1 bet %2: it is %3").arg(what, bet.id, statusName(bet.status)));
}

} // namespace

SettlementTerms SettlementTerms::of(const Bet &bet)
{
    return SettlementTerms{bet.result, bet.voidFactor, bet.deadHeatFactor, bet.deduction};
}

bool SettlementTerms::operator==(const SettlementTerms &o) const
{
    return result == o.result && voidFactor == o.voidFactor && deadHeatFactor == o.deadHeatFactor
        && deduction == o.deduction;
}

Status BetRules::checkTerms(const SettlementTerms &terms)
{
    if (terms.result == BetResult::None)
        return badRequest(QStringLiteral("result must be one of win, loss, push, void"));
    if (terms.voidFactor) {
        if (terms.result == BetResult::Void)
            return badRequest(QStringLiteral("void_factor does not apply to a void result"));
        if (*terms.voidFactor <= 0 || *terms.voidFactor >= kFactorScale)
            return badRequest(QStringLiteral("void_factor must be greater than 0 and less than 1 "
                                             "(a wholly void bet is result void)"));
    }
    if (terms.deadHeatFactor) {
        if (terms.result != BetResult::Win)
            return badRequest(QStringLiteral("dead_heat_factor applies to a win only"));
        if (*terms.deadHeatFactor <= 0 || *terms.deadHeatFactor > kFactorScale)
            return badRequest(QStringLiteral("dead_heat_factor must be greater than 0 and at most 1"));
    }
    if (terms.deduction) {
        if (terms.result != BetResult::Win)
            return badRequest(QStringLiteral("deduction applies to a win only"));
        if (*terms.deduction < 0 || *terms.deduction > kMaxDeduction)
            return badRequest(
                QStringLiteral("deduction must be 0 to %1 pence in the pound").arg(kMaxDeduction));
    }
    return Ok{};
}

Result<PayoutParts> BetRules::payoutFor(const SettlementTerms &terms, qint64 stake, qint64 odds)
{
    if (const auto check = checkTerms(terms); !check)
        return check.error();
    if (stake < 0 || odds < kOddsScale)
        return badRequest(QStringLiteral("stake and odds must not be negative"));
    PayoutParts parts;
    if (terms.result == BetResult::Void) {
        parts.refund = stake;
        return parts;
    }
    // 1. The void factor splits the stake: the voided share is refunded, the rest is settled by the result.
    //    The settled share is the remainder, not rounded on its own, so the two always add up to the stake.
    qint64 voided = 0;
    if (terms.voidFactor) {
        const auto v = mulDivHalfUp(stake, *terms.voidFactor, 1, kFactorScale);
        if (!v)
            return v.error();
        voided = *v;
    }
    const qint64 settled = stake - voided;
    parts.refund = voided;
    switch (terms.result) {
    case BetResult::Loss: return parts;
    case BetResult::Push: parts.refund = stake; return parts;
    case BetResult::Win: break;
    case BetResult::Void:
    case BetResult::None: return parts; // handled above
    }
    // 2. Dead heat: the dead-heat share of the settled stake wins at full odds, the rest of it is lost.
    qint64 winning = settled;
    if (terms.deadHeatFactor) {
        const auto w = mulDivHalfUp(settled, *terms.deadHeatFactor, 1, kFactorScale);
        if (!w)
            return w.error();
        winning = *w;
    }
    // 3. Rule 4 takes its pence per pound from the winnings (profit) only; the winning stake comes back whole.
    //    Winnings = winning x (odds - 1) x (100 - deduction) / 100, rounded once.
    const auto winnings = mulDivHalfUp(winning, odds - kOddsScale, 100 - terms.deduction.value_or(0),
                                       kOddsScale * 100);
    if (!winnings)
        return winnings.error();
    parts.payout = winning + *winnings;
    return parts;
}

Result<qint64> BetRules::payoutFor(BetResult result, qint64 stake, qint64 odds)
{
    switch (result) {
    case BetResult::Win: return winningsFor(stake, odds);
    case BetResult::Push:
    case BetResult::Void: return stake;
    case BetResult::Loss: return qint64(0);
    case BetResult::None: break;
    }
    return badRequest(QStringLiteral("a result is required"));
}

Result<Transition> BetRules::place(const User &bettor, const NewBet &request, const QDateTime &now) const
{
    if (bettor.isOperator())
        return forbidden(QStringLiteral("operators do not place bets"));
    const auto checkName = [](const QString &value, const char *field) -> Status {
        if (value.trimmed().isEmpty())
            return badRequest(QStringLiteral("%1 is required").arg(QLatin1String(field)));
        if (value.size() > kMaxNameLength)
            return badRequest(QStringLiteral("%1 must be at most %2 characters")
                                  .arg(QLatin1String(field))
                                  .arg(kMaxNameLength));
        return Ok{};
    };
    for (const auto &check : {checkName(request.eventName, "event_name"), checkName(request.market, "market"),
                              checkName(request.selection, "selection")})
        if (!check)
            return check.error();
    if (request.odds <= kOddsScale)
        return badRequest(QStringLiteral("odds must be greater than 1.0"));
    if (request.stake <= 0)
        return badRequest(QStringLiteral("stake must be greater than 0"));
    if (request.currency != bettor.currency)
        return badRequest(QStringLiteral("currency must be %1, the account's currency").arg(bettor.currency));
    const auto potential = winningsFor(request.stake, request.odds);
    if (!potential)
        return potential.error();

    Bet bet;
    bet.userId = bettor.id;
    bet.eventName = request.eventName.trimmed();
    bet.market = request.market.trimmed();
    bet.selection = request.selection.trimmed();
    bet.odds = request.odds;
    bet.stake = request.stake;
    bet.potentialReturn = *potential;
    bet.currency = request.currency;
    bet.status = BetStatus::Pending;
    bet.createdAt = now;
    bet.updatedAt = now;
    bet.version = 1;

    Transition t;
    t.after = bet;
    t.ledger = {entry(bet, -request.stake, LedgerKind::Stake, now)};
    t.event = eventFor(EventType::BetUpdated, Bet{}, bet, bettor.id);
    t.requiredBalance = request.stake;
    return t;
}

Result<Transition> BetRules::cancel(const Bet &bet, const User &actor, const QDateTime &now) const
{
    if (const auto allowed = AccessPolicy::checkActor(BetAction::Cancel, actor, bet); !allowed)
        return allowed.error();
    if (const auto state = AccessPolicy::checkState(BetAction::Cancel, bet, now); !state)
        return state.error();
    Bet after = advanced(bet, now);
    after.status = BetStatus::Cancelled;
    after.resolutionSource = QStringLiteral("bettor");

    Transition t;
    t.before = bet;
    t.after = after;
    t.ledger = {entry(bet, bet.stake, LedgerKind::Refund, now)};
    t.event = eventFor(EventType::BetUpdated, bet, after, actor.id);
    return t;
}

Result<Transition> BetRules::resolve(const Bet &bet, const User &actor, BetResult result, const QString &notes,
                                     const QDateTime &now, const QString &source) const
{
    return settle(bet, actor, SettlementTerms{result, {}, {}, {}}, Certainty::Confirmed, notes, now, source);
}

Result<Transition> BetRules::settle(const Bet &bet, const User &actor, const SettlementTerms &terms,
                                    Certainty certainty, const QString &notes, const QDateTime &now,
                                    const QString &source) const
{
    if (const auto allowed = AccessPolicy::checkActor(BetAction::Resolve, actor, bet); !allowed)
        return allowed.error();
    if (const auto check = checkTerms(terms); !check)
        return check.error();
    if (certainty == Certainty::None)
        return badRequest(QStringLiteral("certainty must be provisional or confirmed"));
    if (const auto check = checkNotes(notes, terms.result == BetResult::Void, QStringLiteral("notes")); !check)
        return check.error();
    if (const auto state = AccessPolicy::checkState(BetAction::Resolve, bet, now); !state)
        return state.error();
    const auto parts = payoutFor(terms, bet.stake, bet.odds);
    if (!parts)
        return parts.error();

    Bet after = advanced(bet, now);
    applyTerms(after, terms, parts->total());
    after.certainty = certainty;
    after.resolutionNotes = notes.trimmed();
    after.resolutionSource = source;
    after.resolvedBy = actor.id;
    after.resolvedAt = now;
    // The dispute window opens at confirmation: a provisional result may still change, so it is not disputable.
    after.disputeDeadline = certainty == Certainty::Confirmed && !bet.dispute ? now.addMSecs(m_disputeWindowMs)
                                                                               : QDateTime();
    after.cancelledFrom.reset();

    Transition t;
    t.before = bet;
    t.after = after;
    t.ledger = partsEntries(bet, *parts, now);
    t.event = eventFor(EventType::BetResolved, bet, after, actor.id);
    t.recordsOutcome = true;
    return t;
}

Result<Transition> BetRules::confirm(const Bet &bet, const User &actor, const QString &notes,
                                     const QDateTime &now) const
{
    if (const auto allowed = checkOperator(actor, QStringLiteral("confirm settlements")); !allowed)
        return allowed.error();
    if (const auto check = checkNotes(notes, false, QStringLiteral("notes")); !check)
        return check.error();
    if (!isResolved(bet) || bet.certainty != Certainty::Provisional)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("cannot confirm bet %1: it is %2, not provisionally settled")
                             .arg(bet.id, statusName(bet.status)));
    Bet after = advanced(bet, now);
    after.certainty = Certainty::Confirmed;
    if (!notes.trimmed().isEmpty())
        after.resolutionNotes = notes.trimmed();
    after.disputeDeadline = bet.dispute ? QDateTime() : now.addMSecs(m_disputeWindowMs);

    Transition t;
    t.before = bet;
    t.after = after;
    // The outcome and its money stand; only the mark changes, so the bettor gets an update, not a new result.
    t.event = eventFor(EventType::BetUpdated, bet, after, actor.id);
    return t;
}

Result<Transition> BetRules::resettle(const Bet &bet, const User &actor, const SettlementTerms &terms,
                                      const QString &notes, const QDateTime &now,
                                      std::optional<Certainty> certainty) const
{
    if (const auto allowed = checkOperator(actor, QStringLiteral("re-settle bets")); !allowed)
        return allowed.error();
    if (const auto check = checkTerms(terms); !check)
        return check.error();
    if (const auto check = checkNotes(notes, true, QStringLiteral("notes")); !check)
        return check.error();
    if (!isResolved(bet) && bet.status != BetStatus::Disputed)
        return conflict(bet, QStringLiteral("re-settle"));
    if (SettlementTerms::of(bet) == terms)
        return badRequest(QStringLiteral("bet %1 already has this outcome; a re-settlement must change it")
                              .arg(bet.id));
    const auto parts = payoutFor(terms, bet.stake, bet.odds);
    if (!parts)
        return parts.error();

    Bet after = advanced(bet, now);
    applyTerms(after, terms, parts->total());
    after.certainty = certainty.value_or(bet.certainty == Certainty::None ? Certainty::Confirmed : bet.certainty);
    after.resolutionNotes = notes.trimmed();
    after.resolutionSource = QStringLiteral("correction");
    after.resolvedBy = actor.id;
    after.resolvedAt = now;
    closeOpenDispute(after, actor, notes.trimmed(), now);
    // A new confirmed outcome is disputable afresh, unless the bet has had its one dispute.
    after.disputeDeadline = after.certainty == Certainty::Confirmed && !after.dispute
        ? now.addMSecs(m_disputeWindowMs)
        : QDateTime();
    after.cancelledFrom.reset();

    Transition t;
    t.before = bet;
    t.after = after;
    t.ledger = reversal(bet, now) + partsEntries(bet, *parts, now);
    t.event = eventFor(EventType::BetResolved, bet, after, actor.id, bet.outcomeSeq);
    t.recordsOutcome = true;
    return t;
}

Result<Transition> BetRules::rollback(const Bet &bet, const User &actor, const QString &notes,
                                      const QDateTime &now) const
{
    if (const auto allowed = checkOperator(actor, QStringLiteral("roll back settlements")); !allowed)
        return allowed.error();
    if (const auto check = checkNotes(notes, true, QStringLiteral("notes")); !check)
        return check.error();
    if (!isResolved(bet) && bet.status != BetStatus::Disputed)
        return conflict(bet, QStringLiteral("roll back"));

    Bet after = advanced(bet, now);
    clearOutcome(after);
    after.resolutionNotes = notes.trimmed(); // why it was rolled back: the audit trail's "why"
    after.resolutionSource = QStringLiteral("rollback");
    closeOpenDispute(after, actor, notes.trimmed(), now);
    after.cancelledFrom.reset();

    Transition t;
    t.before = bet;
    t.after = after;
    t.ledger = reversal(bet, now);
    t.event = eventFor(EventType::BetUpdated, bet, after, actor.id, bet.outcomeSeq);
    t.recordsOutcome = true;
    return t;
}

Result<Transition> BetRules::cancelForEvent(const Bet &bet, const User &actor, const QString &notes,
                                            const QDateTime &now) const
{
    if (const auto allowed = checkOperator(actor, QStringLiteral("cancel events")); !allowed)
        return allowed.error();
    if (const auto check = checkNotes(notes, true, QStringLiteral("notes")); !check)
        return check.error();
    // A disputed bet waits for its decision; a voided or cancelled one has nothing left to void.
    if (bet.status != BetStatus::Pending && bet.status != BetStatus::Settled)
        return conflict(bet, QStringLiteral("cancel by event"));

    Bet after = advanced(bet, now);
    applyTerms(after, SettlementTerms{BetResult::Void, {}, {}, {}}, bet.stake);
    after.certainty = Certainty::Confirmed;
    after.resolutionNotes = notes.trimmed();
    after.resolutionSource = QStringLiteral("cancel");
    after.resolvedBy = actor.id;
    after.resolvedAt = now;
    after.disputeDeadline = bet.dispute ? QDateTime() : now.addMSecs(m_disputeWindowMs);
    after.cancelledFrom = snapshotOf(bet);

    Transition t;
    t.before = bet;
    t.after = after;
    t.ledger = reversal(bet, now) + partsEntries(bet, PayoutParts{bet.stake, 0}, now);
    const bool wasResolved = bet.status != BetStatus::Pending;
    t.event = eventFor(EventType::BetResolved, bet, after, actor.id, wasResolved ? bet.outcomeSeq : 0);
    t.recordsOutcome = true;
    return t;
}

Result<Transition> BetRules::rollbackCancel(const Bet &bet, const User &actor, const QString &notes,
                                            const QDateTime &now) const
{
    if (const auto allowed = checkOperator(actor, QStringLiteral("roll back event cancellations")); !allowed)
        return allowed.error();
    if (const auto check = checkNotes(notes, true, QStringLiteral("notes")); !check)
        return check.error();
    if (bet.status != BetStatus::Voided || !bet.cancelledFrom)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("cannot roll back the cancellation of bet %1: it is %2, not voided by "
                                        "an event cancellation")
                             .arg(bet.id, statusName(bet.status)));
    const SettlementSnapshot &was = *bet.cancelledFrom;
    PayoutParts parts;
    if (was.status != BetStatus::Pending) {
        const auto recomputed = payoutFor(SettlementTerms{was.result, was.voidFactor, was.deadHeatFactor,
                                                          was.deduction},
                                          bet.stake, bet.odds);
        if (!recomputed)
            return recomputed.error();
        parts = *recomputed;
    }

    // Everything of the outcome comes back as it was, its dispute deadline included (a cancel and its
    // rollback do not extend the bettor's window); notes and source say what happened last.
    Bet after = advanced(bet, now);
    after.status = was.status;
    after.result = was.result;
    after.payout = was.payout;
    after.voidFactor = was.voidFactor;
    after.deadHeatFactor = was.deadHeatFactor;
    after.deduction = was.deduction;
    after.certainty = was.certainty;
    after.resolvedBy = was.resolvedBy;
    after.resolvedAt = was.resolvedAt;
    after.disputeDeadline = was.disputeDeadline;
    after.resolutionNotes = notes.trimmed();
    after.resolutionSource = QStringLiteral("cancel_rollback");
    after.cancelledFrom.reset();

    Transition t;
    t.before = bet;
    t.after = after;
    t.ledger = reversal(bet, now);
    // The outcome's parts as its settlement booked them; a payout stored before parts existed is booked whole.
    if (parts.total() == was.payout)
        t.ledger += partsEntries(bet, parts, now);
    else if (was.payout != 0)
        t.ledger.append(entry(bet, was.payout, LedgerKind::Correction, now));
    t.event = eventFor(was.status == BetStatus::Pending ? EventType::BetUpdated : EventType::BetResolved, bet,
                       after, actor.id, bet.outcomeSeq);
    t.recordsOutcome = true;
    return t;
}

bool BetRules::canDispute(const Bet &bet, const QDateTime &now) const
{
    return AccessPolicy::isDisputable(bet, now);
}

Result<Transition> BetRules::dispute(const Bet &bet, const User &actor, const QString &reason,
                                     const QDateTime &now) const
{
    if (const auto allowed = AccessPolicy::checkActor(BetAction::Dispute, actor, bet); !allowed)
        return allowed.error();
    if (const auto check = checkNotes(reason, true, QStringLiteral("a reason")); !check)
        return makeError(ErrorCode::BadRequest,
                         reason.trimmed().isEmpty() ? QStringLiteral("a reason is required") : check.error().message);
    if (const auto state = AccessPolicy::checkState(BetAction::Dispute, bet, now); !state)
        return state.error();

    Bet after = advanced(bet, now);
    after.status = BetStatus::Disputed;
    after.disputeDeadline = QDateTime(); // one dispute per bet
    Dispute d;
    d.reason = reason.trimmed();
    d.raisedAt = now;
    d.state = DisputeState::Open;
    after.dispute = d;

    Transition t;
    t.before = bet;
    t.after = after;
    t.event = eventFor(EventType::BetDisputed, bet, after, actor.id);
    return t;
}

Result<Transition> BetRules::decideDispute(const Bet &bet, const User &actor, DisputeState decision,
                                           BetResult newResult, const QString &notes, const QDateTime &now) const
{
    if (const auto allowed = AccessPolicy::checkActor(BetAction::ReviewDispute, actor, bet); !allowed)
        return allowed.error();
    if (decision == DisputeState::Open)
        return badRequest(QStringLiteral("decision must be upheld or rejected"));
    if (const auto check = checkNotes(notes, true, QStringLiteral("notes")); !check)
        return check.error();
    if (const auto state = AccessPolicy::checkState(BetAction::ReviewDispute, bet, now); !state)
        return state.error();

    Bet after = advanced(bet, now);
    // A decided dispute is final, whichever way it went: the bet never becomes disputable again.
    after.disputeDeadline = QDateTime();
    after.dispute->state = decision;
    after.dispute->decisionNotes = notes.trimmed();
    after.dispute->decidedBy = actor.id;
    after.dispute->decidedAt = now;

    Transition t;
    t.before = bet;
    if (decision == DisputeState::Rejected) {
        after.status = bet.result == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
        t.after = after;
        t.event = eventFor(EventType::BetUpdated, bet, after, actor.id);
        return t;
    }

    if (newResult == BetResult::None)
        return badRequest(QStringLiteral("an upheld dispute needs the new result"));
    if (newResult == bet.result)
        return badRequest(QStringLiteral("an upheld dispute must change the result (it is %1)")
                              .arg(resultName(bet.result)));
    const auto payout = payoutFor(newResult, bet.stake, bet.odds);
    if (!payout)
        return payout.error();
    after.status = newResult == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
    after.result = newResult;
    after.payout = *payout;
    after.resolutionNotes = notes.trimmed();
    after.resolutionSource = QStringLiteral("dispute");
    after.resolvedBy = actor.id;
    after.resolvedAt = now;
    // An upheld dispute settles with the plain result: factors of the old outcome no longer apply.
    after.voidFactor.reset();
    after.deadHeatFactor.reset();
    after.deduction.reset();
    after.certainty = Certainty::Confirmed;
    after.cancelledFrom.reset();
    t.after = after;
    if (const qint64 delta = *payout - bet.payout; delta != 0)
        t.ledger = {entry(bet, delta, LedgerKind::Correction, now)};
    // A correction may take back more than the bettor now holds; the ledger allows a negative balance here.
    t.event = eventFor(EventType::BetResolved, bet, after, actor.id, bet.outcomeSeq);
    t.recordsOutcome = true;
    return t;
}

QJsonObject eventDataFor(const Bet &before, const Bet &after, const QString &actorId)
{
    return json::encode(BetChange::between(before, after, actorId));
}

} // namespace betthat
