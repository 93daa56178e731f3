#include "webhookworker.h"

#include "common/jsoncodec.h"
#include "server/logcategories.h"
#include "server/retrydelay.h"
#include "server/storage/databaselocation.h"
#include "server/storage/repository.h"
#include "server/webhooks/webhooksender.h"
#include "server/webhooks/webhooksignature.h"

#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

namespace betthat::server {

WebhookWorker::WebhookWorker(WebhookConfig config, DatabaseLocation database, WebhookStats &stats, Clock clock)
    : m_config(std::move(config))
    , m_database(std::move(database))
    , m_stats(stats)
    , m_clock(std::move(clock))
{ }

WebhookWorker::~WebhookWorker() = default;

qint64 WebhookWorker::retryDelayMs(const WebhookConfig &config, int failures)
{
    return server::retryDelayMs(config.retryBaseMs, config.retryCapMs, failures);
}

bool WebhookWorker::matches(const Webhook &webhook, const BetEvent &event)
{
    return webhook.eventTypes.contains(eventTypeName(event.type))
        && (webhook.userIds.isEmpty() || webhook.userIds.contains(event.userId));
}

Status WebhookWorker::open()
{
    m_repository = makeRepository(m_database, QStringLiteral("webhooks")); // this thread's own connection
    if (const auto opened = m_repository->open(); !opened) {
        m_repository.reset();
        return opened.error();
    }
    m_sender = std::make_unique<WebhookSender>(m_config);
    m_sender->setAbortFlag(&m_stopping);
    m_timer = new QTimer(this);
    m_timer->setInterval(qMax(1, m_config.pollIntervalMs));
    connect(m_timer, &QTimer::timeout, this, &WebhookWorker::processDue);
    m_timer->start();
    return Ok {};
}

void WebhookWorker::close(QThread *owner)
{
    m_stopping = true;
    delete m_timer;
    m_timer = nullptr;
    m_sender.reset();
    if (m_repository) {
        m_repository->close();
        m_repository.reset();
    }
    moveToThread(owner);
}

void WebhookWorker::processDue()
{
    if (!m_repository || m_stopping)
        return;
    // Each turn gives every due endpoint one batch: 1,000 events for one endpoint do not hold back another.
    bool more = true;
    while (more && !m_stopping) {
        more = false;
        const auto hooks = m_repository->webhooks();
        if (!hooks) {
            qCWarning(lcWebhooks).noquote() << "cannot read the webhooks; trying again at the next poll:"
                                            << hooks.error().message;
            return;
        }
        const QDateTime now = m_clock();
        for (const Webhook &hook : *hooks) {
            if (m_stopping)
                return;
            if (!hook.enabled || (hook.nextAttemptAt.isValid() && hook.nextAttemptAt > now))
                continue;
            if (deliverBatch(hook) == Turn::More)
                more = true;
        }
    }
}

WebhookWorker::Turn WebhookWorker::deliverBatch(const Webhook &hook)
{
    qint64 cursor = hook.cursorSeq;
    // Retention: events the endpoint never got may have been pruned. They cannot be sent any more; say so
    // and go on from the oldest retained one rather than stall for good.
    const auto state = m_repository->cursorState(cursor);
    if (!state)
        return Turn::Blocked;
    if (state->kind == CursorState::Pruned) {
        const qint64 resumeAfter = state->firstRetainedSeq > 0 ? state->firstRetainedSeq - 1 : state->lastSeq;
        qCWarning(lcWebhooks).noquote() << "webhook" << hook.id << "missed events" << cursor + 1 << "to"
                                        << resumeAfter << ": pruned from the event log before delivery";
        const auto moved = m_repository->advanceWebhookCursor(hook.id, cursor, resumeAfter);
        if (!moved || !*moved)
            return Turn::Blocked;
        cursor = resumeAfter;
    }
    EventQuery query;
    query.afterSeq = cursor;
    query.limit = qMax(1, m_config.batchSize);
    const auto events = m_repository->events(query);
    if (!events) {
        qCWarning(lcWebhooks).noquote() << "cannot read the event log:" << events.error().message;
        return Turn::Blocked;
    }
    if (events->isEmpty())
        return Turn::Idle;

    const auto secret = WebhookSignature::secretBytes(hook.secret);
    qint64 skipTo = cursor; // events the filter does not take are done, without a request
    int failuresInARow = hook.consecutiveFailures;
    for (const BetEvent &event : *events) {
        if (m_stopping)
            return Turn::Blocked;
        if (!matches(hook, event)) {
            skipTo = event.seq;
            continue;
        }
        if (skipTo > cursor) {
            const auto moved = m_repository->advanceWebhookCursor(hook.id, cursor, skipTo);
            if (!moved || !*moved) // changed meanwhile (replay, deletion): start over from the stored cursor
                return Turn::More;
            cursor = skipTo;
        }
        WebhookRequest request;
        request.url = hook.url;
        request.body = json::toBytes(json::encode(event)); // the WebSocket frame, byte for byte
        request.id = "evt_" + QByteArray::number(event.seq);
        request.timestamp = m_clock().toSecsSinceEpoch();
        WebhookResponse response;
        if (secret) {
            request.signature = WebhookSignature::sign(*secret, request.id, request.timestamp, request.body);
            response = m_sender->post(request);
        } else {
            response.error = QStringLiteral("cannot sign: %1").arg(secret.error().message);
        }
        if (response.aborted)
            return Turn::Blocked; // not recorded: the next start sends it again

        WebhookAttempt attempt;
        attempt.delivery.webhookId = hook.id;
        attempt.delivery.seq = event.seq;
        attempt.delivery.at = m_clock();
        attempt.delivery.status = response.status;
        attempt.delivery.latencyMs = response.latencyMs;
        attempt.delivery.error = response.error;
        attempt.delivered = response.delivered();
        attempt.expectedCursor = cursor;
        attempt.keepDeliveries = m_config.keepDeliveries;
        attempt.disableAfter = m_config.failureThreshold;
        if (!attempt.delivered) {
            qint64 delay = retryDelayMs(m_config, failuresInARow + 1);
            // 429/503 with Retry-After: the receiver said when. The cap bounds our own guessing, not its word,
            // but an hour at most: a hostile answer must not park the endpoint for a year.
            constexpr qint64 kMaxRetryAfterMs = 60 * 60 * 1000;
            if (response.retryAfterMs && (response.status == 429 || response.status == 503))
                delay = qMin<qint64>(*response.retryAfterMs, qMax<qint64>(m_config.retryCapMs, kMaxRetryAfterMs));
            attempt.nextAttemptAt = attempt.delivery.at.addMSecs(delay);
        }
        const auto after = m_repository->recordWebhookAttempt(attempt);
        if (!after) {
            // The 2xx (if any) is not recorded: the event goes out again later (at least once).
            qCWarning(lcWebhooks).noquote() << "cannot record a delivery to webhook" << hook.id << ":"
                                            << after.error().message;
            return Turn::Blocked;
        }
        if (attempt.delivered) {
            ++m_stats.delivered;
            qCDebug(lcWebhooks).noquote() << "webhook" << hook.id << "got event" << event.seq << "status"
                                          << response.status;
        } else {
            ++m_stats.failed;
            qCInfo(lcWebhooks).noquote() << "webhook" << hook.id << "event" << event.seq << "failed (attempt"
                                         << after->consecutiveFailures << "in a row):" << response.error;
            if (!after->enabled && hook.enabled) {
                ++m_stats.disabled;
                qCWarning(lcWebhooks).noquote()
                    << "webhook" << hook.id << hook.url << "disabled after" << after->consecutiveFailures
                    << "consecutive failures; it resumes at event" << after->cursorSeq + 1 << "when re-enabled";
            }
            return Turn::Blocked; // this endpoint waits for its backoff; the others go on
        }
        if (after->cursorSeq != event.seq || !after->enabled)
            return Turn::More; // replayed or disabled during the request: re-read the stored state
        cursor = event.seq;
        failuresInARow = 0;
    }
    if (skipTo > cursor) {
        const auto moved = m_repository->advanceWebhookCursor(hook.id, cursor, skipTo);
        if (!moved)
            return Turn::Blocked;
    }
    return events->size() >= query.limit ? Turn::More : Turn::Idle;
}

} // namespace betthat::server
