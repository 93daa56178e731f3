#pragma once

// The bet state machine and its money: pure functions from (bet, request) to the change to persist.

#include "bet.h"
#include "betevent.h"
#include "error.h"
#include "ledgerentry.h"
#include "user.h"

#include <QList>

namespace betthat {

// Everything one state change writes, in one transaction: the bet, its ledger entries and its event.
struct Transition
{
    Bet before;  // for a new bet: default-constructed, id empty
    Bet after;   // version already incremented
    QList<LedgerEntry> ledger;
    BetEvent event; // seq 0 until the event log assigns it; betId empty for a new bet until storage fills it
    qint64 requiredBalance = 0; // storage refuses the change if the balance (before it) is below this
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

    Result<Transition> place(const User &bettor, const NewBet &request, const QDateTime &now) const;
    Result<Transition> cancel(const Bet &bet, const User &actor, const QDateTime &now) const;
    Result<Transition> resolve(const Bet &bet, const User &actor, BetResult result, const QString &notes,
                               const QDateTime &now, const QString &source = QStringLiteral("operator")) const;
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
