#include "betrules.h"

#include "accesspolicy.h"
#include "betchange.h"
#include "money.h"
#include "timeutil.h"

namespace betthat {

namespace {

constexpr int kMaxNameLength = 200;
constexpr int kMaxNotesLength = 2000;

Error forbidden(const QString &message)
{
    return makeError(ErrorCode::Forbidden, message);
}

Error badRequest(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

BetEvent eventFor(EventType type, const Bet &before, const Bet &after, const QString &actorId)
{
    BetEvent event;
    event.type = type;
    event.betId = after.id;
    event.userId = after.userId;
    event.data = eventDataFor(before, after, actorId);
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

} // namespace

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
    if (const auto allowed = AccessPolicy::checkActor(BetAction::Resolve, actor, bet); !allowed)
        return allowed.error();
    if (result == BetResult::None)
        return badRequest(QStringLiteral("result must be one of win, loss, push, void"));
    if (const auto check = checkNotes(notes, result == BetResult::Void, QStringLiteral("notes")); !check)
        return check.error();
    if (const auto state = AccessPolicy::checkState(BetAction::Resolve, bet, now); !state)
        return state.error();
    const auto payout = payoutFor(result, bet.stake, bet.odds);
    if (!payout)
        return payout.error();

    Bet after = advanced(bet, now);
    after.status = result == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
    after.result = result;
    after.payout = *payout;
    after.resolutionNotes = notes.trimmed();
    after.resolutionSource = source;
    after.resolvedBy = actor.id;
    after.resolvedAt = now;
    after.disputeDeadline = now.addMSecs(m_disputeWindowMs);

    Transition t;
    t.before = bet;
    t.after = after;
    if (*payout != 0)
        t.ledger = {entry(bet, *payout, result == BetResult::Win ? LedgerKind::Payout : LedgerKind::Refund, now)};
    t.event = eventFor(EventType::BetResolved, bet, after, actor.id);
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
    t.after = after;
    if (const qint64 delta = *payout - bet.payout; delta != 0)
        t.ledger = {entry(bet, delta, LedgerKind::Correction, now)};
    // A correction may take back more than the bettor now holds; the ledger allows a negative balance here.
    t.event = eventFor(EventType::BetResolved, bet, after, actor.id);
    return t;
}

QJsonObject eventDataFor(const Bet &before, const Bet &after, const QString &actorId)
{
    return json::encode(BetChange::between(before, after, actorId));
}

} // namespace betthat
