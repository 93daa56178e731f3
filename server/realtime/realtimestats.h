#pragma once

// Counters of the realtime layer since start, reported by GET /ws/status.

#include "server/metrics/metricsregistry.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace betthat::server {

class RealtimeStats
{
public:
    RealtimeStats();

    void countSent(const QString &messageType) { ++m_sent[messageType]; }
    void countClose(int closeCode) { ++m_closes[closeCode]; }
    void countAccepted() { ++m_accepted; }
    void countResume() { ++m_resumesServed; }
    void countResync() { ++m_resyncs; }
    void countSlowConsumerClose() { ++m_slowConsumerCloses; }
    void countKeepaliveDrop() { ++m_keepaliveDrops; }
    void countInvalidMessage() { ++m_invalidMessages; }
    // A live event reached a session that was replaying; its replay sends it from the log instead.
    void countDeferredToReplay() { ++m_deferredToReplay; }
    // A live event written to a socket: counted, and its commit -> write latency recorded when a histogram
    // is attached (GET /metrics).
    void observeDelivery(const QDateTime &committedAt, const QDateTime &now)
    {
        ++m_liveDeliveries;
        if (m_deliveryLatency && committedAt.isValid())
            m_deliveryLatency->observe(double(committedAt.msecsTo(now)) / 1000.0);
    }
    void setDeliveryLatencyHistogram(metrics::Histogram *histogram) { m_deliveryLatency = histogram; }

    qint64 sent(const QString &messageType) const { return m_sent.value(messageType); }
    qint64 sentTotal() const;
    qint64 closes(int closeCode) const { return m_closes.value(closeCode); }
    qint64 accepted() const { return m_accepted; }
    qint64 resumesServed() const { return m_resumesServed; }
    qint64 resyncs() const { return m_resyncs; }
    qint64 slowConsumerCloses() const { return m_slowConsumerCloses; }
    qint64 keepaliveDrops() const { return m_keepaliveDrops; }
    qint64 invalidMessages() const { return m_invalidMessages; }
    qint64 deferredToReplay() const { return m_deferredToReplay; }
    qint64 liveDeliveries() const { return m_liveDeliveries; }
    const QHash<QString, qint64> &sentByType() const { return m_sent; }
    const QHash<int, qint64> &closesByCode() const { return m_closes; }
    qint64 uptimeMs() const { return m_uptime.elapsed(); }

    // The counters as they appear in /ws/status (snake_case keys).
    QJsonObject toJson() const;

private:
    QElapsedTimer m_uptime;
    QHash<QString, qint64> m_sent;
    QHash<int, qint64> m_closes;
    qint64 m_accepted = 0;
    qint64 m_resumesServed = 0;
    qint64 m_resyncs = 0;
    qint64 m_slowConsumerCloses = 0;
    qint64 m_keepaliveDrops = 0;
    qint64 m_invalidMessages = 0;
    qint64 m_deferredToReplay = 0;
    qint64 m_liveDeliveries = 0;
    metrics::Histogram *m_deliveryLatency = nullptr; // owned by the server's metrics; outlives the stats
};

} // namespace betthat::server
