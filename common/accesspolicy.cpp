#include "accesspolicy.h"

#include "timeutil.h"

namespace betthat {

namespace {

constexpr BetAction kAllActions[] = {BetAction::Cancel, BetAction::Dispute, BetAction::Resolve,
                                     BetAction::ReviewDispute};

Error conflict(const Bet &bet, const QString &what)
{
    return makeError(ErrorCode::Conflict,
                     QStringLiteral("cannot %1 bet %2: it is %3").arg(what, bet.id, statusName(bet.status)));
}

bool isResolved(const Bet &bet)
{
    return bet.status == BetStatus::Settled || bet.status == BetStatus::Voided;
}

} // namespace

bool AccessPolicy::mayViewBet(const User &viewer, const Bet &bet)
{
    return viewer.isOperator() || (!viewer.id.isEmpty() && bet.userId == viewer.id);
}

Status AccessPolicy::mayViewFeed(const User &viewer, const QString &feedUserId)
{
    if (viewer.isOperator() || feedUserId.isEmpty() || feedUserId == viewer.id)
        return Ok{};
    return makeError(ErrorCode::Forbidden, QStringLiteral("you may only see your own bets"));
}

Status AccessPolicy::checkActor(BetAction action, const User &actor, const Bet &bet)
{
    // Bettor actions belong to the owner alone: an operator acts for a bettor only with that bettor's token.
    switch (action) {
    case BetAction::Cancel:
        if (actor.id.isEmpty() || actor.id != bet.userId)
            return makeError(ErrorCode::Forbidden, QStringLiteral("only the bettor may cancel bet %1").arg(bet.id));
        return Ok{};
    case BetAction::Dispute:
        if (actor.id.isEmpty() || actor.id != bet.userId)
            return makeError(ErrorCode::Forbidden,
                             QStringLiteral("only the bettor may dispute bet %1").arg(bet.id));
        return Ok{};
    case BetAction::Resolve:
        if (!actor.isOperator())
            return makeError(ErrorCode::Forbidden, QStringLiteral("only operators resolve bets"));
        return Ok{};
    case BetAction::ReviewDispute:
        if (!actor.isOperator())
            return makeError(ErrorCode::Forbidden, QStringLiteral("only operators decide disputes"));
        return Ok{};
    case BetAction::NoAction: break;
    }
    return makeError(ErrorCode::BadRequest, QStringLiteral("no action"));
}

Status AccessPolicy::checkState(BetAction action, const Bet &bet, const QDateTime &now)
{
    switch (action) {
    case BetAction::Cancel:
        if (bet.status != BetStatus::Pending)
            return conflict(bet, QStringLiteral("cancel"));
        return Ok{};
    case BetAction::Resolve:
        if (bet.status != BetStatus::Pending)
            return conflict(bet, QStringLiteral("resolve"));
        return Ok{};
    case BetAction::Dispute:
        if (!isResolved(bet))
            return conflict(bet, QStringLiteral("dispute"));
        if (bet.dispute) // one dispute per bet: a decided dispute is final
            return makeError(ErrorCode::Conflict, QStringLiteral("bet %1 was already disputed (%2)")
                                                      .arg(bet.id, disputeStateName(bet.dispute->state)));
        if (bet.certainty == Certainty::Provisional) // the window opens when the result is confirmed
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("bet %1 is settled provisionally; it can be disputed once confirmed")
                                 .arg(bet.id));
        if (!bet.disputeDeadline.isValid())
            return makeError(ErrorCode::Conflict, QStringLiteral("bet %1 cannot be disputed").arg(bet.id));
        if (!isDisputable(bet, now))
            return makeError(ErrorCode::Conflict, QStringLiteral("the dispute window for bet %1 closed at %2")
                                                      .arg(bet.id, toIsoUtc(bet.disputeDeadline)));
        return Ok{};
    case BetAction::ReviewDispute:
        if (bet.status != BetStatus::Disputed || !bet.dispute || bet.dispute->state != DisputeState::Open)
            return conflict(bet, QStringLiteral("decide a dispute on"));
        return Ok{};
    case BetAction::NoAction: break;
    }
    return makeError(ErrorCode::BadRequest, QStringLiteral("no action"));
}

bool AccessPolicy::may(BetAction action, const User &viewer, const Bet &bet, const QDateTime &now)
{
    return checkActor(action, viewer, bet).ok() && checkState(action, bet, now).ok();
}

BetActions AccessPolicy::actionsFor(const User &viewer, const Bet &bet, const QDateTime &now)
{
    BetActions actions;
    for (BetAction action : kAllActions)
        if (may(action, viewer, bet, now))
            actions |= action;
    return actions;
}

bool AccessPolicy::isDisputable(const Bet &bet, const QDateTime &now)
{
    // The deadline is inclusive: a dispute raised in its very millisecond is still in time.
    return isResolved(bet) && !bet.dispute && bet.disputeDeadline.isValid() && now.isValid()
        && now <= bet.disputeDeadline;
}

} // namespace betthat
