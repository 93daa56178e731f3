#pragma once

// Who may see which bet and feed, and which actions a user may take on a bet now: one answer for server and app.

#include "bet.h"
#include "error.h"
#include "user.h"

#include <QDateTime>
#include <QFlags>
#include <QString>

namespace betthat {

enum class BetAction {
    NoAction = 0,
    Cancel = 0x1,        // the bettor withdraws a pending bet
    Dispute = 0x2,       // the bettor contests a settled or voided bet before its dispute_deadline
    Resolve = 0x4,       // an operator settles or voids a pending bet
    ReviewDispute = 0x8, // an operator upholds or rejects an open dispute
};
Q_DECLARE_FLAGS(BetActions, BetAction)
Q_DECLARE_OPERATORS_FOR_FLAGS(BetActions)

// Pure: no I/O, no clock of its own; `now` is passed in so a decision can be replayed and tested.
class AccessPolicy
{
public:
    // A bettor sees their own bets; an operator sees every bet.
    static bool mayViewBet(const User &viewer, const Bet &bet);
    // feedUserId empty = the viewer's own feed for a bettor, the global feed for an operator.
    static Status mayViewFeed(const User &viewer, const QString &feedUserId);

    // Whether `actor` holds the role the action needs on this bet (Forbidden with the reason otherwise).
    static Status checkActor(BetAction action, const User &actor, const Bet &bet);
    // Whether the bet's state allows the action at `now` (Conflict with the reason otherwise).
    static Status checkState(BetAction action, const Bet &bet, const QDateTime &now);
    // Both checks: what a button or menu entry for this viewer may offer now.
    static BetActions actionsFor(const User &viewer, const Bet &bet, const QDateTime &now);
    static bool may(BetAction action, const User &viewer, const Bet &bet, const QDateTime &now);

    // The deadline rule alone: settled or voided, never disputed, and now <= dispute_deadline.
    static bool isDisputable(const Bet &bet, const QDateTime &now);
};

} // namespace betthat
