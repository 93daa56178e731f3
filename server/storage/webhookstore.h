#pragma once

// Storage port: webhook endpoints (with their delivery cursor into the event log) and their recent attempts.
// The event log is the webhooks' outbox: nothing is written per event on the commit path; each endpoint only
// keeps the seq it has delivered up to.

#include "common/error.h"
#include "common/webhook.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace betthat::server {

// What one delivery attempt changes, recorded in one transaction with the attempt itself.
struct WebhookAttempt
{
    WebhookDelivery delivery; // delivery.webhookId names the endpoint
    bool delivered = false; // a 2xx: the cursor moves from expectedCursor to delivery.seq
    // Compare-and-set: the cursor moves only if nobody moved it meanwhile (a replay during the attempt wins).
    qint64 expectedCursor = 0;
    QDateTime nextAttemptAt; // after a failure: the backoff
    // After a failure: at this many consecutive failures (counting this one) the endpoint is disabled.
    int disableAfter = 0; // 0: never
    int keepDeliveries = 100; // older attempts of this endpoint are dropped
};

class WebhookStore
{
public:
    virtual ~WebhookStore() = default;

    // Assigns id and returns the stored endpoint. `webhook.cursorSeq` is where delivery starts.
    virtual Result<Webhook> addWebhook(const Webhook &webhook) = 0;
    virtual Result<std::optional<Webhook>> webhookById(const QString &id) = 0;
    // Ascending by id.
    virtual Result<QList<Webhook>> webhooks() = 0;
    // Writes url, event types, user ids and enabled. Enabling a disabled endpoint clears its failure run,
    // backoff and disabled reason; its cursor stays. NotFound for an unknown id.
    virtual Status updateWebhook(const Webhook &webhook) = 0;
    // The endpoint and its attempts. NotFound for an unknown id.
    virtual Status removeWebhook(const QString &id) = 0;
    // Replay: the cursor to `seq` (events after it are sent again), the backoff cleared. NotFound for an
    // unknown id.
    virtual Status setWebhookCursor(const QString &id, qint64 seq) = 0;
    // Moves the cursor over events that the endpoint's filter skips, if it still is at `from`. Whether it moved.
    virtual Result<bool> advanceWebhookCursor(const QString &id, qint64 from, qint64 to) = 0;
    // Records an attempt and its effect; returns the endpoint as it is afterwards (NotFound: deleted meanwhile).
    virtual Result<Webhook> recordWebhookAttempt(const WebhookAttempt &attempt) = 0;
    // Newest first.
    virtual Result<QList<WebhookDelivery>> webhookDeliveries(const QString &id, int limit) = 0;
};

} // namespace betthat::server
