#pragma once

// The use cases: authorise, apply the bet rules, commit through the repository, then announce the commit.

#include "common/betrules.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "server/storage/betstore.h"
#include "server/storage/eventlog.h"

#include <QMap>
#include <QObject>
#include <functional>
#include <optional>

namespace betthat::server {

// One bet's outcome inside a bulk resolve.
struct BulkOutcome
{
    QString betId;
    Result<Bet> outcome;
};

// One selection's outcome in a market settlement.
struct SelectionOutcome
{
    QString selection;
    SettlementTerms terms;
};

// POST /api/v1/markets/settle as a plain request.
struct MarketSettlement
{
    QString eventName;
    QString market;
    QList<SelectionOutcome> outcomes;
    Certainty certainty = Certainty::Confirmed;
    QString notes;
    bool othersLose = false; // selections not listed lose instead of refusing the request
};

// What a market settlement did to one bet.
struct SettledBet
{
    enum Action { Settled, Confirmed, Resettled, Unchanged };
    QString betId;
    QString selection;
    Action action = Settled;
    Result<Bet> outcome;
};
QString settleActionName(SettledBet::Action action);

// One selection of a market as the admin window lists it before settling.
struct SelectionSummary
{
    QString selection;
    int pendingBets = 0;
    QMap<QString, qint64> pendingStake; // per currency, minor units
    int provisionalBets = 0;
};

class BetService : public QObject
{
    Q_OBJECT
public:
    BetService(BetStore &bets, EventLog &log, BetRules rules, Clock clock, QObject *parent = nullptr);

    const BetRules &rules() const { return m_rules; }
    QDateTime now() const { return m_clock(); }

    // `idempotency`: the Idempotency-Key whose answer storage writes in the change's own transaction (see
    // BetStore::commit). Not used when the request is refused before anything is written.
    Result<Bet> place(const User &actor, const NewBet &request,
                      const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    Result<Bet> cancel(const User &actor, const QString &betId,
                       const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    Result<Bet> resolve(const User &actor, const QString &betId, BetResult result, const QString &notes,
                        const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    Result<Bet> dispute(const User &actor, const QString &betId, const QString &reason,
                        const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    Result<Bet> decideDispute(const User &actor, const QString &betId, DisputeState decision,
                              BetResult newResult, const QString &notes,
                              const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    // Each bet is its own transaction and event; one failing does not undo the others.
    QList<BulkOutcome> resolveMany(const User &actor, const QStringList &betIds, BetResult result,
                                   const QString &notes);

    // At most this many bets take part in one market settlement or event cancellation (each is a commit).
    static constexpr int kMaxBetsPerRequest = 1000;

    // Settles every pending bet of the market by its selection's outcome and confirms or re-settles its
    // provisional ones; one transaction and event per bet. The whole request is refused (nothing written)
    // when it is invalid or names no outcome for a selection with bets to settle (unless othersLose).
    Result<QList<SettledBet>> settleMarket(const User &actor, const MarketSettlement &request);
    // The selections of a market with their pending and provisional bets (operators).
    Result<QList<SelectionSummary>> marketSelections(const User &actor, const QString &eventName,
                                                     const QString &market);
    // Corrections without a dispute (operators): a different outcome, or back to pending.
    Result<Bet> resettle(const User &actor, const QString &betId, const SettlementTerms &terms,
                         const QString &notes, const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    Result<Bet> rollback(const User &actor, const QString &betId, const QString &notes,
                         const std::optional<IdempotencyKey> &idempotency = std::nullopt);
    // A feed's bet_cancel: voids every pending or settled bet of the event placed within [from, to); its
    // rollback restores every bet of that window still voided by such a cancel. One commit per bet.
    Result<QList<BulkOutcome>> cancelEvent(const User &actor, const QString &eventName, const QDateTime &from,
                                           const QDateTime &to, const QString &notes);
    Result<QList<BulkOutcome>> rollbackCancelEvent(const User &actor, const QString &eventName,
                                                   const QDateTime &from, const QDateTime &to,
                                                   const QString &notes);

    // Reads that enforce visibility (bettors: own bets only). A read that fails is Unavailable, never "not
    // found" or an empty list.
    Result<Bet> bet(const User &viewer, const QString &betId);
    // A bettor's query is narrowed to their own bets; naming another user is Forbidden.
    Result<QList<Bet>> bets(const User &viewer, BetQuery query);
    // The bet's events in seq order: its audit trail and timeline.
    Result<QList<BetEvent>> trail(const User &viewer, const QString &betId);
    // The pending bets of one market (and event, if given), for a bulk resolve; at most `limit`.
    Result<QList<Bet>> pendingInMarket(const User &actor, const QString &market, const QString &eventName,
                                       int limit);

    // The email module plugs in here: which outbox messages a committed change also writes.
    // An error (recipients unreadable) refuses the change: it never commits without its email.
    using OutboxBuilder = std::function<Result<QList<OutboxMessage>>(const Transition &)>;
    void setOutboxBuilder(OutboxBuilder builder) { m_outboxBuilder = std::move(builder); }

Q_SIGNALS:
    // After a commit: a wake-up for whoever reads the event log (the realtime feed). Carries the new seq.
    void eventCommitted(qint64 seq);

private:
    Result<Bet> loadFor(const User &actor, const QString &betId);
    // The bets of an event placed within [from, to), for the event cancellation and its rollback.
    Result<QList<Bet>> betsInWindow(const User &actor, const QString &eventName, const QDateTime &from,
                                    const QDateTime &to, const QString &notes);
    Result<Bet> commit(const Result<Transition> &transition,
                       const std::optional<IdempotencyKey> &idempotency);

    BetStore &m_bets;
    EventLog &m_log;
    BetRules m_rules;
    Clock m_clock;
    OutboxBuilder m_outboxBuilder;
};

} // namespace betthat::server
