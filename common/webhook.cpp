#include "webhook.h"

#include "jsoncodec.h"
#include "timeutil.h"

#include <QJsonArray>

namespace betthat::json {

namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toIsoUtc(time)) : QJsonValue();
}

QJsonArray strings(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

Result<QStringList> readStrings(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    QStringList out;
    if (value.isNull() || value.isUndefined())
        return out;
    if (!value.isArray())
        return makeError(ErrorCode::BadRequest, QStringLiteral("%1 must be an array of strings").arg(key));
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return makeError(ErrorCode::BadRequest, QStringLiteral("%1 must be an array of strings").arg(key));
        out << item.toString();
    }
    return out;
}

} // namespace

QJsonObject encode(const Webhook &w, bool withSecret)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), w.id);
    o.insert(QStringLiteral("url"), w.url);
    o.insert(QStringLiteral("event_types"), strings(w.eventTypes));
    o.insert(QStringLiteral("user_ids"), w.userIds.isEmpty() ? QJsonValue() : QJsonValue(strings(w.userIds)));
    o.insert(QStringLiteral("enabled"), w.enabled);
    o.insert(QStringLiteral("cursor_seq"), w.cursorSeq);
    o.insert(QStringLiteral("consecutive_failures"), w.consecutiveFailures);
    o.insert(QStringLiteral("last_status"), w.lastStatus > 0 ? QJsonValue(w.lastStatus) : QJsonValue());
    o.insert(QStringLiteral("last_error"), w.lastError);
    o.insert(QStringLiteral("last_attempt_at"), timeOrNull(w.lastAttemptAt));
    o.insert(QStringLiteral("next_attempt_at"), timeOrNull(w.nextAttemptAt));
    o.insert(QStringLiteral("disabled_reason"), w.disabledReason);
    o.insert(QStringLiteral("created_at"), timeOrNull(w.createdAt));
    if (withSecret)
        o.insert(QStringLiteral("secret"), w.secret);
    return o;
}

Result<Webhook> decodeWebhook(const QJsonObject &o)
{
    Webhook w;
    const auto id = requireString(o, QStringLiteral("id"));
    if (!id)
        return id.error();
    w.id = *id;
    const auto url = requireString(o, QStringLiteral("url"));
    if (!url)
        return url.error();
    w.url = *url;
    const auto types = readStrings(o, QStringLiteral("event_types"));
    if (!types)
        return types.error();
    w.eventTypes = *types;
    const auto users = readStrings(o, QStringLiteral("user_ids"));
    if (!users)
        return users.error();
    w.userIds = *users;
    w.enabled = o.value(QStringLiteral("enabled")).toBool(true);
    w.cursorSeq = qint64(o.value(QStringLiteral("cursor_seq")).toDouble());
    w.consecutiveFailures = o.value(QStringLiteral("consecutive_failures")).toInt();
    w.lastStatus = o.value(QStringLiteral("last_status")).toInt();
    w.lastError = optionalString(o, QStringLiteral("last_error"));
    w.lastAttemptAt = parseIsoUtc(optionalString(o, QStringLiteral("last_attempt_at")));
    w.nextAttemptAt = parseIsoUtc(optionalString(o, QStringLiteral("next_attempt_at")));
    w.disabledReason = optionalString(o, QStringLiteral("disabled_reason"));
    w.createdAt = parseIsoUtc(optionalString(o, QStringLiteral("created_at")));
    w.secret = optionalString(o, QStringLiteral("secret"));
    return w;
}

QJsonObject encode(const WebhookDelivery &d)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(d.id));
    o.insert(QStringLiteral("seq"), d.seq);
    o.insert(QStringLiteral("at"), timeOrNull(d.at));
    o.insert(QStringLiteral("status"), d.status > 0 ? QJsonValue(d.status) : QJsonValue());
    o.insert(QStringLiteral("latency_ms"), d.latencyMs);
    o.insert(QStringLiteral("error"), d.error);
    return o;
}

Result<WebhookDelivery> decodeWebhookDelivery(const QJsonObject &o)
{
    WebhookDelivery d;
    d.id = optionalString(o, QStringLiteral("id")).toLongLong();
    const auto seq = requireInteger(o, QStringLiteral("seq"));
    if (!seq)
        return seq.error();
    d.seq = *seq;
    d.at = parseIsoUtc(optionalString(o, QStringLiteral("at")));
    d.status = o.value(QStringLiteral("status")).toInt();
    d.latencyMs = qint64(o.value(QStringLiteral("latency_ms")).toDouble());
    d.error = optionalString(o, QStringLiteral("error"));
    return d;
}

} // namespace betthat::json
