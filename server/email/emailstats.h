#pragma once

// Counters of the email outbox, written by the worker thread and read by status endpoints (lock-free).

#include <QJsonObject>
#include <atomic>

namespace betthat::server {

struct EmailStats
{
    std::atomic<qint64> sent { 0 };
    std::atomic<qint64> failed { 0 }; // given up: a 5xx, an unrenderable message or too many attempts
    std::atomic<qint64> retried { 0 }; // attempts that ended in "try again later"
    std::atomic<qint64> queueLength { 0 }; // pending rows at the end of the worker's last pass

    // {"enabled", "sent", "failed", "retried", "queue_length"}
    QJsonObject toJson(bool enabled) const;
};

} // namespace betthat::server
