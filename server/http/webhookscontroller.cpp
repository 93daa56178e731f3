#include "webhookscontroller.h"

#include "common/betevent.h"
#include "common/jsoncodec.h"
#include "common/webhook.h"
#include "server/http/apiresponse.h"
#include "server/http/jsonbody.h"
#include "server/http/queryreader.h"
#include "server/storage/eventlog.h"
#include "server/storage/webhookstore.h"
#include "server/webhooks/destinationguard.h"
#include "server/webhooks/webhooksignature.h"

#include <QJsonArray>
#include <QSet>

namespace betthat::server {

namespace {

const QString kUrl = QStringLiteral("url");
const QString kEventTypes = QStringLiteral("event_types");
const QString kUserIds = QStringLiteral("user_ids");
const QString kSecret = QStringLiteral("secret");
const QString kEnabled = QStringLiteral("enabled");
const QString kSinceSeq = QStringLiteral("since_seq");
constexpr int kMaxDeliveries = 100;
constexpr int kMaxUserIdLength = 64;

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

std::optional<Error> requireOperator(const ApiRequest &request)
{
    if (request.user.isOperator())
        return std::nullopt;
    return makeError(ErrorCode::Forbidden, QStringLiteral("only operators may manage webhooks"));
}

QString knownTypes()
{
    return QStringList { eventTypeName(EventType::BetUpdated), eventTypeName(EventType::BetResolved),
        eventTypeName(EventType::BetDisputed) }
        .join(QStringLiteral(", "));
}

Result<QStringList> readEventTypes(const QJsonValue &value)
{
    if (!value.isArray() || value.toArray().isEmpty())
        return bad(QStringLiteral("event_types must be a non-empty array of event types (%1)").arg(knownTypes()));
    QStringList types;
    for (const QJsonValue &item : value.toArray()) {
        const QString name = item.toString();
        if (!item.isString() || !eventTypeFromName(name))
            return bad(QStringLiteral("event_types: unknown event type \"%1\" (known: %2)")
                           .arg(name.left(64), knownTypes()));
        if (types.contains(name))
            return bad(QStringLiteral("event_types: \"%1\" is listed twice").arg(name));
        types << name;
    }
    return types;
}

// null or absent: every user's events.
Result<QStringList> readUserIds(const QJsonValue &value)
{
    QStringList ids;
    if (value.isNull() || value.isUndefined())
        return ids;
    if (!value.isArray())
        return bad(QStringLiteral("user_ids must be an array of user ids, or null for every user"));
    const QJsonArray array = value.toArray();
    if (array.size() > WebhooksController::kMaxUserIds)
        return bad(QStringLiteral("user_ids has %1 entries; the limit is %2")
                       .arg(array.size())
                       .arg(WebhooksController::kMaxUserIds));
    for (const QJsonValue &item : array) {
        const QString id = item.toString();
        if (!item.isString() || id.isEmpty() || id.size() > kMaxUserIdLength)
            return bad(QStringLiteral("user_ids must hold non-empty strings of at most %1 characters")
                           .arg(kMaxUserIdLength));
        if (!ids.contains(id))
            ids << id;
    }
    return ids;
}

Result<QString> readUrl(const QJsonValue &value, bool allowPrivate)
{
    if (!value.isString())
        return bad(QStringLiteral("url is required and must be a string"));
    const QString url = value.toString().trimmed();
    if (const auto checked = DestinationGuard::checkUrl(url, allowPrivate); !checked)
        return checked.error();
    return url;
}

Result<Webhook> findWebhook(WebhookStore &store, const QString &id)
{
    const auto found = store.webhookById(id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("webhook %1 not found").arg(id.left(64)));
    return **found;
}

} // namespace

QHttpServerResponse WebhooksController::list(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    if (const auto checked = QueryReader(request.http.url()).checkNames({}); !checked)
        return ApiResponse::error(checked.error());
    const auto all = m_webhooks.webhooks();
    if (!all)
        return ApiResponse::error(all.error());
    QJsonArray array;
    for (const Webhook &hook : *all)
        array.append(json::encode(hook));
    return ApiResponse::json(QJsonObject { { QStringLiteral("webhooks"), array } });
}

QHttpServerResponse WebhooksController::create(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    const auto body = JsonBody::parse(request.http.body(), { kUrl, kEventTypes, kUserIds, kSecret });
    if (!body)
        return ApiResponse::error(body.error());
    Webhook hook;
    const auto url = readUrl(body->value(kUrl), m_config.allowPrivate);
    if (!url)
        return ApiResponse::error(url.error());
    hook.url = *url;
    const auto types = readEventTypes(body->value(kEventTypes));
    if (!types)
        return ApiResponse::error(types.error());
    hook.eventTypes = *types;
    const auto users = readUserIds(body->value(kUserIds));
    if (!users)
        return ApiResponse::error(users.error());
    hook.userIds = *users;
    const auto secret = JsonBody::optionalString(*body, kSecret);
    if (!secret)
        return ApiResponse::error(secret.error());
    if (secret->isEmpty()) {
        hook.secret = WebhookSignature::generateSecret();
    } else {
        if (secret->size() > kMaxSecretLength)
            return ApiResponse::error(
                bad(QStringLiteral("secret is longer than %1 characters").arg(kMaxSecretLength)));
        if (const auto bytes = WebhookSignature::secretBytes(*secret); !bytes)
            return ApiResponse::error(bytes.error());
        hook.secret = *secret;
    }
    const auto existing = m_webhooks.webhooks();
    if (!existing)
        return ApiResponse::error(existing.error());
    if (existing->size() >= m_config.maxEndpoints)
        return ApiResponse::error(ErrorCode::Conflict,
            QStringLiteral("there are already %1 webhooks, the limit; delete one first").arg(existing->size()));
    // A new endpoint gets the events from now on; older ones on request (replay).
    const auto last = m_log.lastSeq();
    if (!last)
        return ApiResponse::error(last.error());
    hook.cursorSeq = *last;
    hook.createdAt = QDateTime::currentDateTimeUtc();
    const auto added = m_webhooks.addWebhook(hook);
    if (!added)
        return ApiResponse::error(added.error());
    notify();
    // The only answer that carries the secret: it is shown once.
    return ApiResponse::json(json::encode(*added, true), 201);
}

QHttpServerResponse WebhooksController::get(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    const auto hook = findWebhook(m_webhooks, request.pathId);
    if (!hook)
        return ApiResponse::error(hook.error());
    return ApiResponse::json(json::encode(*hook));
}

QHttpServerResponse WebhooksController::patch(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    const auto body = JsonBody::parse(request.http.body(), { kUrl, kEventTypes, kUserIds, kEnabled });
    if (!body)
        return ApiResponse::error(body.error());
    if (body->isEmpty())
        return ApiResponse::error(bad(QStringLiteral("nothing to change: send url, event_types, user_ids and/or enabled")));
    const auto found = findWebhook(m_webhooks, request.pathId);
    if (!found)
        return ApiResponse::error(found.error());
    Webhook changed = *found;
    Webhook *hook = &changed;
    if (body->contains(kUrl)) {
        const auto url = readUrl(body->value(kUrl), m_config.allowPrivate);
        if (!url)
            return ApiResponse::error(url.error());
        hook->url = *url;
    }
    if (body->contains(kEventTypes)) {
        const auto types = readEventTypes(body->value(kEventTypes));
        if (!types)
            return ApiResponse::error(types.error());
        hook->eventTypes = *types;
    }
    if (body->contains(kUserIds)) {
        const auto users = readUserIds(body->value(kUserIds));
        if (!users)
            return ApiResponse::error(users.error());
        hook->userIds = *users;
    }
    if (body->contains(kEnabled)) {
        if (!body->value(kEnabled).isBool())
            return ApiResponse::error(bad(QStringLiteral("enabled must be true or false")));
        hook->enabled = body->value(kEnabled).toBool();
    }
    if (const auto saved = m_webhooks.updateWebhook(*hook); !saved)
        return ApiResponse::error(saved.error());
    const auto after = findWebhook(m_webhooks, request.pathId);
    if (!after)
        return ApiResponse::error(after.error());
    notify();
    return ApiResponse::json(json::encode(*after));
}

QHttpServerResponse WebhooksController::remove(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    if (const auto removed = m_webhooks.removeWebhook(request.pathId); !removed)
        return ApiResponse::error(removed.error());
    return ApiResponse::json(QJsonObject { { QStringLiteral("id"), request.pathId }, { QStringLiteral("deleted"), true } });
}

QHttpServerResponse WebhooksController::deliveries(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    const QueryReader query(request.http.url());
    if (const auto checked = query.checkNames({ QStringLiteral("limit") }); !checked)
        return ApiResponse::error(checked.error());
    const auto limit = query.limit(kMaxDeliveries, kMaxDeliveries);
    if (!limit)
        return ApiResponse::error(limit.error());
    const auto hook = findWebhook(m_webhooks, request.pathId);
    if (!hook)
        return ApiResponse::error(hook.error());
    const auto attempts = m_webhooks.webhookDeliveries(hook->id, *limit);
    if (!attempts)
        return ApiResponse::error(attempts.error());
    QJsonArray array;
    for (const WebhookDelivery &attempt : *attempts)
        array.append(json::encode(attempt));
    return ApiResponse::json(QJsonObject { { QStringLiteral("deliveries"), array } });
}

QHttpServerResponse WebhooksController::replay(const ApiRequest &request) const
{
    if (const auto denied = requireOperator(request))
        return ApiResponse::error(*denied);
    const auto body = JsonBody::parse(request.http.body(), { kSinceSeq });
    if (!body)
        return ApiResponse::error(body.error());
    const auto since = json::requireInteger(*body, kSinceSeq);
    if (!since)
        return ApiResponse::error(since.error());
    if (*since < 0)
        return ApiResponse::error(bad(QStringLiteral("since_seq must be 0 or more")));
    const auto hook = findWebhook(m_webhooks, request.pathId);
    if (!hook)
        return ApiResponse::error(hook.error());
    const auto state = m_log.cursorState(*since);
    if (!state)
        return ApiResponse::error(state.error());
    if (state->kind == CursorState::Ahead)
        return ApiResponse::error(bad(QStringLiteral("since_seq %1 is beyond the last event (%2)")
                                          .arg(*since)
                                          .arg(state->lastSeq)));
    if (state->kind == CursorState::Pruned)
        return ApiResponse::error(ErrorCode::Conflict,
            QStringLiteral("events after %1 were pruned from the event log; the oldest retained seq is %2, so "
                           "replay from since_seq %3 or later")
                .arg(*since)
                .arg(state->firstRetainedSeq)
                .arg(state->firstRetainedSeq - 1));
    if (const auto moved = m_webhooks.setWebhookCursor(hook->id, *since); !moved)
        return ApiResponse::error(moved.error());
    const auto after = findWebhook(m_webhooks, hook->id);
    if (!after)
        return ApiResponse::error(after.error());
    notify();
    return ApiResponse::json(json::encode(*after));
}

} // namespace betthat::server
