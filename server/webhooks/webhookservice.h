#pragma once

// The webhook module as the server sees it: owns the delivery thread, is woken by commits, counts.

#include "server/storage/databaselocation.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "server/serverconfig.h"
#include "server/webhooks/webhookstats.h"

#include <QJsonObject>
#include <QObject>
#include <atomic>
#include <memory>

class QThread;

namespace betthat::server {

class WebhookWorker;

class WebhookService : public QObject
{
    Q_OBJECT
public:
    // database: the server's database; the worker opens its own connection to it.
    WebhookService(WebhookConfig config, DatabaseLocation database, QObject *parent = nullptr);
    ~WebhookService() override;

    Status start();
    // Interrupts a running request (its event is sent again at the next start), joins the thread.
    void stop();

    const WebhookConfig &config() const { return m_config; }
    void setClock(Clock clock) { m_clock = std::move(clock); } // before start(); must be thread-safe
    const WebhookStats &stats() const { return m_stats; }
    // Readiness: the worker thread runs (true when the service is off and so needs none).
    bool isWorkerAlive() const;
    QJsonObject statusJson() const { return m_stats.toJson(m_config.enabled); }

public Q_SLOTS:
    // After a commit, a replay or an endpoint change: look now rather than at the next poll. Cheap and
    // coalesced: the committing thread only queues a call, it never waits for a receiver.
    void wake();

private:
    WebhookConfig m_config;
    DatabaseLocation m_database;
    Clock m_clock = systemClock();
    WebhookStats m_stats;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<WebhookWorker> m_worker;
    std::atomic<bool> m_wakeQueued { false };
};

} // namespace betthat::server
