#pragma once

// The bet state machine and its money: pure functions from (bet, request) to the change to persist.

#include "bet.h"
#include "betevent.h"
#include "error.h"
#include "ledgerentry.h"
#include "user.h"

#include <QList>
#include <optional>

namespace betthat {

// Everything one state change writes, in one transaction: the bet, its ledger entries and its event.
struct Transition
{
    Bet before;  // for a new bet: default-constructed, id empty
    Bet after;   // version already incremented
    QList<LedgerEntry> ledger;
    BetEvent event; // seq 0 until the event log assigns it; betId empty for a new bet until storage fills it
    qint64 requiredBalance = 0; // storage refuses the change if the balance (before it) is below this
    // The event sets the bet's outcome (a settlement or a correction of one): storage records its seq as the
    // bet's outcome_seq, which a later correction names as supersedes_seq.
    bool recordsOutcome = false;
};

// How one bet is settled: the result and what modifies its payout (docs/API.md, "Payouts and rounding").
struct SettlementTerms
{
    BetResult result = BetResult::None;
    std::optional<qint64> voidFactor;     // (0, 1), kFactorScale units: this share of the stake is refunded
    std::optional<qint64> deadHeatFactor; // (0, 1], win only: this share of the settled stake wins
    std::optional<int> deduction;         // Rule 4, win only: pence per pound of winnings, 0..90

    static SettlementTerms of(const Bet &bet);
    bool operator==(const SettlementTerms &other) const;
    bool operator!=(const SettlementTerms &other) const { return !(*this == other); }
};

// What a settlement credits, part by part; each part is rounded half up to the minor unit on its own.
struct PayoutParts
{
    qint64 refund = 0; // the voided share of the stake; all of it for push and void
    qint64 payout = 0; // the winning share's stake back plus its winnings (after dead heat and Rule 4)
    qint64 total() const { return refund + payout; }
};

struct NewBet
{
    QString eventName;
    QString market;
    QString selection;
    qint64 odds = 0;
    qint64 stake = 0;
    QString currency = QStringLiteral("EUR");
};

class BetRules
{
public:
    explicit BetRules(qint64 disputeWindowMs = 7LL * 24 * 3600 * 1000) : m_disputeWindowMs(disputeWindowMs) {}

    qint64 disputeWindowMs() const { return m_disputeWindowMs; }

    // What the ledger credits for a result: win stake x odds, push and void the stake, loss 0.
    static Result<qint64> payoutFor(BetResult result, qint64 stake, qint64 odds);
    // The same for full terms: void factor, dead heat and Rule 4 applied in that order (docs/API.md).
    static Result<PayoutParts> payoutFor(const SettlementTerms &terms, qint64 stake, qint64 odds);
    // BadRequest unless the terms make sense: a result, factors in range and only with results they modify.
    static Status checkTerms(const SettlementTerms &terms);

    Result<Transition> place(const User &bettor, const NewBet &request, const QDateTime &now) const;
    Result<Transition> cancel(const Bet &bet, const User &actor, const QDateTime &now) const;
    Result<Transition> resolve(const Bet &bet, const User &actor, BetResult result, const QString &notes,
                               const QDateTime &now, const QString &source = QStringLiteral("operator")) const;
    // A pending bet settled with full terms, provisionally or confirmed (resolve() is settle() confirmed).
    Result<Transition> settle(const Bet &bet, const User &actor, const SettlementTerms &terms,
                              Certainty certainty, const QString &notes, const QDateTime &now,
                              const QString &source = QStringLiteral("operator")) const;
    // A provisional settlement confirmed with the same outcome: no money moves, the dispute window opens.
    Result<Transition> confirm(const Bet &bet, const User &actor, const QString &notes,
                               const QDateTime &now) const;
    // A settled, voided or disputed bet given a different outcome (notes required). The old payout is
    // reversed by one correction entry and the new parts booked as a settlement books them; an open dispute
    // is closed (upheld, with these notes). nullopt certainty: the bet keeps its own (Confirmed if it had none).
    Result<Transition> resettle(const Bet &bet, const User &actor, const SettlementTerms &terms,
                                const QString &notes, const QDateTime &now,
                                std::optional<Certainty> certainty = std::nullopt) const;
    // A settled, voided or disputed bet back to pending (notes required); its payout is reversed.
    Result<Transition> rollback(const Bet &bet, const User &actor, const QString &notes,
                                const QDateTime &now) const;
    // A feed's bet_cancel: a pending or settled bet voided (stake refunded, an earlier payout reversed); the
    // outcome it had is kept in cancelled_from for rollbackCancel().
    Result<Transition> cancelForEvent(const Bet &bet, const User &actor, const QString &notes,
                                      const QDateTime &now) const;
    // Undoes cancelForEvent(): the outcome and money of cancelled_from come back.
    Result<Transition> rollbackCancel(const Bet &bet, const User &actor, const QString &notes,
                                      const QDateTime &now) const;
    Result<Transition> dispute(const Bet &bet, const User &actor, const QString &reason,
                               const QDateTime &now) const;
    // upheld: re-settle with newResult (ledger gets the difference); rejected: the original result stands.
    Result<Transition> decideDispute(const Bet &bet, const User &actor, DisputeState decision,
                                     BetResult newResult, const QString &notes, const QDateTime &now) const;

    // Whether the bet is inside its dispute_deadline (set when it was settled or voided) and never disputed.
    bool canDispute(const Bet &bet, const QDateTime &now) const;

private:
    qint64 m_disputeWindowMs;
};

// The event JSON `data` for a change (shared by every transition and by tests).
QJsonObject eventDataFor(const Bet &before, const Bet &after, const QString &actorId);

} // namespace betthat
