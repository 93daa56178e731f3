#pragma once

// A webhook endpoint and one delivery attempt as the API shows them; encoder and decoder side by side.

#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace betthat {

struct Webhook
{
    QString id; // decimal string, like bet ids
    QString url;
    QStringList eventTypes; // names from eventTypeName(); never empty
    QStringList userIds; // empty: every user's events
    bool enabled = true;
    // The seq of the last event that is done for this endpoint (delivered with a 2xx, or filtered out):
    // delivery continues after it, in seq order.
    qint64 cursorSeq = 0;
    int consecutiveFailures = 0;
    int lastStatus = 0; // HTTP status of the last attempt; 0: none yet, or no HTTP answer
    QString lastError; // of the last failed attempt; empty after a success
    QDateTime lastAttemptAt;
    QDateTime nextAttemptAt; // backoff after failures: nothing is sent before it
    QString disabledReason; // set when the worker disabled it after too many failures; empty otherwise
    QDateTime createdAt;
    QString secret; // "whsec_<base64>"; on the wire only in the answer that created the endpoint
};

struct WebhookDelivery
{
    qint64 id = 0;
    QString webhookId;
    qint64 seq = 0; // the event tried
    QDateTime at;
    int status = 0; // HTTP status; 0: no HTTP answer (connection refused, timeout, refused destination)
    qint64 latencyMs = 0;
    QString error; // empty for a 2xx
};

namespace json {

// {"id","url","event_types","user_ids" (null: every user),"enabled","cursor_seq","consecutive_failures",
//  "last_status" (null: none),"last_error","last_attempt_at","next_attempt_at","disabled_reason","created_at"}
// plus "secret" when withSecret.
QJsonObject encode(const Webhook &webhook, bool withSecret = false);
Result<Webhook> decodeWebhook(const QJsonObject &object);

// {"id","seq","at","status" (null: no HTTP answer),"latency_ms","error"}
QJsonObject encode(const WebhookDelivery &delivery);
Result<WebhookDelivery> decodeWebhookDelivery(const QJsonObject &object);

} // namespace json
} // namespace betthat
