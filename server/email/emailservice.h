#pragma once

// The email module as the server sees it: owns the outbox worker thread, builds outbox rows, counts.

#include "server/storage/databaselocation.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "server/core/betservice.h"
#include "server/email/emailstats.h"
#include "server/serverconfig.h"

#include <QJsonObject>
#include <QObject>
#include <atomic>
#include <memory>

class QThread;

namespace betthat::server {

class OutboxWorker;
class NotificationPreferenceStore;
class UserStore;

class EmailService : public QObject
{
    Q_OBJECT
public:
    // database: the server's database; the worker opens its own connection to it.
    EmailService(EmailConfig config, DatabaseLocation database, QObject *parent = nullptr);
    ~EmailService() override;

    // Starts the worker thread when email is enabled; says at info level why it is off otherwise.
    Status start();
    // Interrupts a running send (it stays pending), closes the worker's connection, joins the thread.
    void stop();

    bool isEnabled() const { return m_config.enabled; }
    // Readiness: the worker thread runs (true when the service is off and so needs none).
    bool isWorkerAlive() const;
    const EmailConfig &config() const { return m_config; }
    // Before start(): the clock of outbox scheduling (default: the system clock; it must be thread-safe).
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // For BetService::setOutboxBuilder; empty (no rows at all) when email is off. `users` is the committing
    // thread's and must outlive the BetService.
    BetService::OutboxBuilder outboxBuilder(UserStore &users, NotificationPreferenceStore &preferences) const;

    const EmailStats &stats() const { return m_stats; }
    // {"enabled", "sent", "failed", "retried", "queue_length"} for /ws/status and /metrics.
    QJsonObject statusJson() const { return m_stats.toJson(m_config.enabled); }

public Q_SLOTS:
    // After a commit: look at the outbox now rather than at the next poll. Cheap; wake-ups coalesce.
    void wake();

private:
    EmailConfig m_config;
    DatabaseLocation m_database;
    Clock m_clock = systemClock();
    EmailStats m_stats;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<OutboxWorker> m_worker;
    std::atomic<bool> m_wakeQueued { false };
};

} // namespace betthat::server
