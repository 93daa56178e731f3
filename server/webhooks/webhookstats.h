#pragma once

// Counters of webhook delivery, written by the worker thread and read by status endpoints (lock-free).

#include <QJsonObject>
#include <atomic>

namespace betthat::server {

struct WebhookStats
{
    std::atomic<qint64> delivered { 0 }; // 2xx answers
    std::atomic<qint64> failed { 0 }; // attempts that did not end in a 2xx
    std::atomic<qint64> disabled { 0 }; // endpoints the worker disabled after a run of failures

    QJsonObject toJson(bool enabled) const
    {
        return { { QStringLiteral("enabled"), enabled }, { QStringLiteral("delivered"), delivered.load() },
            { QStringLiteral("failed"), failed.load() }, { QStringLiteral("disabled"), disabled.load() } };
    }
};

} // namespace betthat::server
