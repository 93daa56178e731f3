#pragma once

// The use cases: authorise, apply the bet rules, commit through the repository, then announce the commit.

#include "common/betrules.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "server/storage/repository.h"

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

class BetService : public QObject
{
    Q_OBJECT
public:
    BetService(Repository &repository, BetRules rules, Clock clock, QObject *parent = nullptr);

    const BetRules &rules() const { return m_rules; }
    Repository &repository() { return m_repository; }
    QDateTime now() const { return m_clock(); }

    // `idempotency`: the answer to keep for an Idempotency-Key, committed in the change's own transaction
    // (see Repository::commit). Not used when the request is refused before anything is written.
    Result<Bet> place(const User &actor, const NewBet &request,
                      const std::optional<IdempotencyRecord> &idempotency = std::nullopt);
    Result<Bet> cancel(const User &actor, const QString &betId,
                       const std::optional<IdempotencyRecord> &idempotency = std::nullopt);
    Result<Bet> resolve(const User &actor, const QString &betId, BetResult result, const QString &notes,
                        const std::optional<IdempotencyRecord> &idempotency = std::nullopt);
    Result<Bet> dispute(const User &actor, const QString &betId, const QString &reason,
                        const std::optional<IdempotencyRecord> &idempotency = std::nullopt);
    Result<Bet> decideDispute(const User &actor, const QString &betId, DisputeState decision,
                              BetResult newResult, const QString &notes,
                              const std::optional<IdempotencyRecord> &idempotency = std::nullopt);
    // Each bet is its own transaction and event; one failing does not undo the others.
    QList<BulkOutcome> resolveMany(const User &actor, const QStringList &betIds, BetResult result,
                                   const QString &notes);

    // Reads that enforce visibility (bettors: own bets only).
    Result<Bet> bet(const User &viewer, const QString &betId);

    // The email module plugs in here: which outbox messages a committed change also writes.
    using OutboxBuilder = std::function<QList<OutboxMessage>(const Transition &)>;
    void setOutboxBuilder(OutboxBuilder builder) { m_outboxBuilder = std::move(builder); }

Q_SIGNALS:
    // After a commit: a wake-up for whoever reads the event log (the realtime feed). Carries the new seq.
    void eventCommitted(qint64 seq);

private:
    Result<Bet> loadFor(const User &actor, const QString &betId);
    Result<Bet> commit(const Result<Transition> &transition,
                       const std::optional<IdempotencyRecord> &idempotency);

    Repository &m_repository;
    BetRules m_rules;
    Clock m_clock;
    OutboxBuilder m_outboxBuilder;
};

} // namespace betthat::server
