#include "realtimestats.h"

namespace betthat::server {

RealtimeStats::RealtimeStats()
{
    m_uptime.start();
}

qint64 RealtimeStats::sentTotal() const
{
    qint64 total = 0;
    for (auto it = m_sent.cbegin(); it != m_sent.cend(); ++it)
        total += it.value();
    return total;
}

QJsonObject RealtimeStats::toJson() const
{
    QJsonObject sent;
    for (auto it = m_sent.cbegin(); it != m_sent.cend(); ++it)
        sent.insert(it.key(), it.value());
    QJsonObject closes;
    for (auto it = m_closes.cbegin(); it != m_closes.cend(); ++it)
        closes.insert(QString::number(it.key()), it.value());
    return { { QStringLiteral("messages_sent"), sent },
        { QStringLiteral("messages_sent_total"), sentTotal() },
        { QStringLiteral("connections_accepted"), m_accepted }, { QStringLiteral("closes_by_code"), closes },
        { QStringLiteral("resumes_served"), m_resumesServed }, { QStringLiteral("resyncs"), m_resyncs },
        { QStringLiteral("slow_consumer_closes"), m_slowConsumerCloses },
        { QStringLiteral("keepalive_drops"), m_keepaliveDrops },
        { QStringLiteral("invalid_messages"), m_invalidMessages },
        { QStringLiteral("live_events_deferred_to_replay"), m_deferredToReplay },
        { QStringLiteral("uptime_ms"), uptimeMs() } };
}

} // namespace betthat::server
