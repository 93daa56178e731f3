#pragma once

// Delivers the event log to webhook endpoints on its own thread with its own database connection: per
// endpoint in seq order, the cursor advanced only after a 2xx, backing off and finally disabling on failures.

#include "server/storage/databaselocation.h"
#include "common/betevent.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "common/webhook.h"
#include "server/serverconfig.h"
#include "server/webhooks/webhookstats.h"

#include <QObject>
#include <atomic>
#include <memory>

class QTimer;
class QThread;

namespace betthat::server {

class Repository;
class WebhookSender;

class WebhookWorker : public QObject
{
    Q_OBJECT
public:
    WebhookWorker(WebhookConfig config, DatabaseLocation database, WebhookStats &stats, Clock clock);
    ~WebhookWorker() override;

    // In the worker's thread, like OutboxWorker: open() connects and starts polling; close() undoes it and
    // hands the object back to `owner`.
    Status open();
    void close(QThread *owner);
    void requestStop() { m_stopping = true; }

    // Round-robin over the due endpoints, one batch each per turn, until none has anything left.
    void processDue();

    // Whether the endpoint's filter takes this event.
    static bool matches(const Webhook &webhook, const BetEvent &event);
    // After `failures` consecutive failures: base x 2^(failures-1), at most cap, a random point in its upper half.
    static qint64 retryDelayMs(const WebhookConfig &config, int failures);

private:
    enum class Turn { Idle, More, Blocked };
    Turn deliverBatch(const Webhook &webhook);

    WebhookConfig m_config;
    DatabaseLocation m_database;
    WebhookStats &m_stats;
    Clock m_clock;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<WebhookSender> m_sender;
    QTimer *m_timer = nullptr;
    std::atomic<bool> m_stopping { false };
};

} // namespace betthat::server
