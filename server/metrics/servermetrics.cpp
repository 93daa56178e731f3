#include "servermetrics.h"

#include <QElapsedTimer>

namespace betthat::server {

using metrics::latencyBuckets;

ServerMetrics::ServerMetrics()
    : m_httpDuration(m_registry.histogram(QStringLiteral("betthat_http_request_duration_seconds"),
          QStringLiteral("Time from routing an HTTP request to its answer, by route and method."),
          { QStringLiteral("route"), QStringLiteral("method") }, latencyBuckets()))
    , m_httpRequests(m_registry.counter(QStringLiteral("betthat_http_requests_total"),
          QStringLiteral("HTTP requests answered, by route, method and status."),
          { QStringLiteral("route"), QStringLiteral("method"), QStringLiteral("status") }))
    , m_pollingRequests(m_registry.counter(QStringLiteral("betthat_polling_requests_total"),
          QStringLiteral("Polling requests (GET /api/v1/bets/updates), by status."), { QStringLiteral("status") }))
    , m_deliveryLatency(m_registry
                            .histogram(QStringLiteral("betthat_delivery_latency_seconds"),
                                QStringLiteral("From an event's commit to its WebSocket write, per live delivery."),
                                {}, latencyBuckets())
                            .labels())
    , m_commitDuration(m_registry
                           .histogram(QStringLiteral("betthat_db_commit_duration_seconds"),
                               QStringLiteral("Duration of bet commits (one transaction each)."), {},
                               latencyBuckets())
                           .labels())
    , m_databaseErrors(m_registry.counter(QStringLiteral("betthat_db_errors_total"),
          QStringLiteral("Storage calls that failed (unavailable or internal), by operation."),
          { QStringLiteral("operation") }))
{
}

void ServerMetrics::observeRequest(const QString &route, const QString &method, int status, qint64 elapsedNs)
{
    m_httpDuration.labels({ route, method }).observeNs(elapsedNs);
    const QString statusText = QString::number(status);
    m_httpRequests.labels({ route, method, statusText }).inc();
    if (route == QLatin1String("/api/v1/bets/updates"))
        m_pollingRequests.labels({ statusText }).inc();
}

MeasuredBetStore::MeasuredBetStore(BetStore &inner, ServerMetrics &metrics)
    : m_inner(inner)
    , m_metrics(metrics)
{
}

template <typename T>
const Result<T> &MeasuredBetStore::count(const Result<T> &result, const QString &operation)
{
    if (!result && (result.error().code == ErrorCode::Unavailable || result.error().code == ErrorCode::Internal))
        m_metrics.databaseErrors(operation).inc();
    return result;
}

Result<std::optional<Bet>> MeasuredBetStore::betById(const QString &id)
{
    return count(m_inner.betById(id), QStringLiteral("read"));
}

Result<QList<Bet>> MeasuredBetStore::bets(const BetQuery &query)
{
    return count(m_inner.bets(query), QStringLiteral("read"));
}

Result<Transition> MeasuredBetStore::commit(
    const Transition &transition, const QList<OutboxMessage> &outbox, const std::optional<IdempotencyKey> &idempotency)
{
    QElapsedTimer timer;
    timer.start();
    Result<Transition> result = m_inner.commit(transition, outbox, idempotency);
    m_metrics.commitDuration().observeNs(timer.nsecsElapsed());
    count(result, QStringLiteral("commit"));
    return result;
}

} // namespace betthat::server
