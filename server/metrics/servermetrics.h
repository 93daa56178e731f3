#pragma once

// The metrics one server exports on GET /metrics: the families its parts record into, and a BetStore
// decorator that times commits and counts database errors without touching storage.

#include "server/metrics/metricsregistry.h"
#include "server/storage/betstore.h"

namespace betthat::server {

class ServerMetrics
{
public:
    ServerMetrics();

    metrics::Registry &registry() { return m_registry; }
    QByteArray render() const { return m_registry.render(); }

    // One finished HTTP request: route is the registered pattern ("/api/v1/bets/<arg>"), never the raw
    // path, so the number of series stays bounded.
    void observeRequest(const QString &route, const QString &method, int status, qint64 elapsedNs);

    metrics::Histogram &deliveryLatency() { return m_deliveryLatency; }
    metrics::Histogram &commitDuration() { return m_commitDuration; }
    metrics::Counter &databaseErrors(const QString &operation) { return m_databaseErrors.labels({ operation }); }

private:
    metrics::Registry m_registry;
    metrics::Family<metrics::Histogram> &m_httpDuration;
    metrics::Family<metrics::Counter> &m_httpRequests;
    metrics::Family<metrics::Counter> &m_pollingRequests;
    metrics::Histogram &m_deliveryLatency;
    metrics::Histogram &m_commitDuration;
    metrics::Family<metrics::Counter> &m_databaseErrors;
};

// Passes every call to `inner`; times commit() and counts the calls that failed with Unavailable or
// Internal (a conflict or a refused rule is the caller's outcome, not a database error).
class MeasuredBetStore final : public BetStore
{
public:
    MeasuredBetStore(BetStore &inner, ServerMetrics &metrics);

    Result<std::optional<Bet>> betById(const QString &id) override;
    Result<QList<Bet>> bets(const BetQuery &query) override;
    Result<Transition> commit(const Transition &transition, const QList<OutboxMessage> &outbox = {},
        const std::optional<IdempotencyKey> &idempotency = std::nullopt) override;

private:
    template <typename T>
    const Result<T> &count(const Result<T> &result, const QString &operation);

    BetStore &m_inner;
    ServerMetrics &m_metrics;
};

} // namespace betthat::server
