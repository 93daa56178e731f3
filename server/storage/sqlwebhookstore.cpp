// SqlRepository's WebhookStore: endpoints, their cursor into the event log, and recent attempts.

#include "sqlrepository.h"

#include "common/jsoncodec.h"
#include "server/logcategories.h"
#include "server/storage/sqlsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <climits>

namespace betthat::server {

using namespace sql;

namespace {

constexpr char kWebhookFields[] = "id, url, event_types, user_ids, secret, enabled, cursor_seq, "
                                  "consecutive_failures, last_status, last_error, last_attempt_at, "
                                  "next_attempt_at, disabled_reason, created_at";

Error webhookNotFound(const QString &id)
{
    return makeError(ErrorCode::NotFound, QStringLiteral("webhook %1 not found").arg(id.left(64)));
}

QString namesJson(const QStringList &names)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact));
}

QStringList namesFrom(const QVariant &value)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(value.toString().toUtf8()).array())
        out << v.toString();
    return out;
}

Webhook webhookFrom(const QSqlQuery &q)
{
    Webhook w;
    w.id = QString::number(q.value(0).toLongLong());
    w.url = q.value(1).toString();
    w.eventTypes = namesFrom(q.value(2));
    w.userIds = namesFrom(q.value(3));
    w.secret = q.value(4).toString();
    w.enabled = q.value(5).toBool();
    w.cursorSeq = q.value(6).toLongLong();
    w.consecutiveFailures = q.value(7).toInt();
    w.lastStatus = q.value(8).toInt();
    w.lastError = q.value(9).toString();
    w.lastAttemptAt = fromMs(q.value(10));
    w.nextAttemptAt = fromMs(q.value(11));
    w.disabledReason = q.value(12).toString();
    w.createdAt = fromMs(q.value(13));
    return w;
}

Result<std::optional<Webhook>> readWebhook(const QSqlDatabase &db, qint64 id)
{
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT ") + QLatin1String(kWebhookFields) + QStringLiteral(" FROM webhooks WHERE id = ?"),
            { id }))
        return readError(QStringLiteral("webhook %1").arg(id), q.lastError());
    if (q.next())
        return std::optional<Webhook>(webhookFrom(q));
    if (q.lastError().isValid())
        return readError(QStringLiteral("webhook %1").arg(id), q.lastError());
    return std::optional<Webhook>();
}

} // namespace

Result<Webhook> SqlRepository::addWebhook(const Webhook &webhook)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    const QDateTime created
        = webhook.createdAt.isValid() ? webhook.createdAt : QDateTime::currentDateTimeUtc();
    const auto id = insertReturningId(q,
        QStringLiteral("INSERT INTO webhooks (url, event_types, user_ids, secret, enabled, cursor_seq,"
                       " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { webhook.url, namesJson(webhook.eventTypes), namesJson(webhook.userIds), webhook.secret,
            webhook.enabled ? 1 : 0, webhook.cursorSeq, created.toMSecsSinceEpoch() });
    if (!id)
        return storageError(QStringLiteral("cannot add a webhook"), q.lastError());
    const auto stored = readWebhook(db, *id);
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return makeError(ErrorCode::Internal, QStringLiteral("the new webhook vanished"));
    return **stored;
}

Result<std::optional<Webhook>> SqlRepository::webhookById(const QString &id)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto parsed = parseId(id);
    if (!parsed)
        return std::optional<Webhook>();
    return readWebhook(db, *parsed);
}

Result<QList<Webhook>> SqlRepository::webhooks()
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    QList<Webhook> out;
    if (!run(q, QStringLiteral("SELECT ") + QLatin1String(kWebhookFields) + QStringLiteral(" FROM webhooks ORDER BY id")))
        return readError(QStringLiteral("the webhooks"), q.lastError());
    while (q.next())
        out << webhookFrom(q);
    if (q.lastError().isValid())
        return readError(QStringLiteral("the webhooks"), q.lastError());
    return out;
}

Status SqlRepository::updateWebhook(const Webhook &webhook)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto id = parseId(webhook.id);
    if (!id)
        return webhookNotFound(webhook.id);
    QSqlQuery q(db);
    // Enabling (0 -> 1) starts a fresh failure run: the operator says the receiver is back.
    if (!run(q,
            QStringLiteral(
                "UPDATE webhooks SET url = ?, event_types = ?, user_ids = ?,"
                " consecutive_failures = CASE WHEN enabled = 0 AND ? = 1 THEN 0 ELSE consecutive_failures END,"
                " next_attempt_at = CASE WHEN enabled = 0 AND ? = 1 THEN NULL ELSE next_attempt_at END,"
                " disabled_reason = CASE WHEN ? = 1 THEN '' ELSE disabled_reason END,"
                " enabled = ? WHERE id = ?"),
            { webhook.url, namesJson(webhook.eventTypes), namesJson(webhook.userIds), webhook.enabled ? 1 : 0,
                webhook.enabled ? 1 : 0, webhook.enabled ? 1 : 0, webhook.enabled ? 1 : 0, *id }))
        return storageError(QStringLiteral("cannot update webhook %1").arg(webhook.id), q.lastError());
    if (q.numRowsAffected() == 0)
        return webhookNotFound(webhook.id);
    return Ok {};
}

Status SqlRepository::removeWebhook(const QString &id)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto parsed = parseId(id);
    if (!parsed)
        return webhookNotFound(id);
    return inWriteTransaction<Ok>(db, QStringLiteral("cannot delete webhook %1").arg(id), [&]() -> Result<Ok> {
        QSqlQuery q(db);
        // Explicit rather than relying on ON DELETE CASCADE alone: another backend may not cascade.
        if (!run(q, QStringLiteral("DELETE FROM webhook_deliveries WHERE webhook_id = ?"), { *parsed }))
            return storageError(QStringLiteral("cannot delete webhook %1").arg(id), q.lastError());
        if (!run(q, QStringLiteral("DELETE FROM webhooks WHERE id = ?"), { *parsed }))
            return storageError(QStringLiteral("cannot delete webhook %1").arg(id), q.lastError());
        if (q.numRowsAffected() == 0)
            return webhookNotFound(id);
        return Ok {};
    });
}

Status SqlRepository::setWebhookCursor(const QString &id, qint64 seq)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto parsed = parseId(id);
    if (!parsed)
        return webhookNotFound(id);
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("UPDATE webhooks SET cursor_seq = ?, next_attempt_at = NULL WHERE id = ?"),
            { seq, *parsed }))
        return storageError(QStringLiteral("cannot move the cursor of webhook %1").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return webhookNotFound(id);
    return Ok {};
}

Result<bool> SqlRepository::advanceWebhookCursor(const QString &id, qint64 from, qint64 to)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto parsed = parseId(id);
    if (!parsed)
        return webhookNotFound(id);
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("UPDATE webhooks SET cursor_seq = ? WHERE id = ? AND cursor_seq = ?"),
            { to, *parsed, from }))
        return storageError(QStringLiteral("cannot move the cursor of webhook %1").arg(id), q.lastError());
    return q.numRowsAffected() > 0;
}

Result<Webhook> SqlRepository::recordWebhookAttempt(const WebhookAttempt &attempt)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const WebhookDelivery &d = attempt.delivery;
    const auto id = parseId(d.webhookId);
    if (!id)
        return webhookNotFound(d.webhookId);
    const QString what = QStringLiteral("cannot record a delivery to webhook %1").arg(d.webhookId);
    return inWriteTransaction<Webhook>(db, what, [&]() -> Result<Webhook> {
        QSqlQuery q(db);
        bool ok = false;
        if (attempt.delivered) {
            // Compare-and-set on the cursor: a replay that moved it during the request is not undone.
            ok = run(q,
                QStringLiteral("UPDATE webhooks SET cursor_seq = CASE WHEN cursor_seq = ? THEN ? ELSE cursor_seq END,"
                               " consecutive_failures = 0, last_status = ?, last_error = '', last_attempt_at = ?,"
                               " next_attempt_at = NULL WHERE id = ?"),
                { attempt.expectedCursor, d.seq, d.status, msOrNull(d.at), *id });
        } else {
            const int threshold = attempt.disableAfter > 0 ? attempt.disableAfter : INT_MAX;
            ok = run(q,
                QStringLiteral(
                    "UPDATE webhooks SET consecutive_failures = consecutive_failures + 1, last_status = ?,"
                    " last_error = ?, last_attempt_at = ?, next_attempt_at = ?,"
                    " disabled_reason = CASE WHEN enabled = 1 AND consecutive_failures + 1 >= ?"
                    "   THEN ? ELSE disabled_reason END,"
                    " enabled = CASE WHEN consecutive_failures + 1 >= ? THEN 0 ELSE enabled END WHERE id = ?"),
                { d.status, d.error, msOrNull(d.at), msOrNull(attempt.nextAttemptAt), threshold,
                    QStringLiteral("disabled after %1 consecutive failures; last: %2")
                        .arg(threshold)
                        .arg(d.error.left(200)),
                    threshold, *id });
        }
        if (!ok)
            return storageError(what, q.lastError());
        if (q.numRowsAffected() == 0)
            return webhookNotFound(d.webhookId);
        if (!run(q,
                QStringLiteral("INSERT INTO webhook_deliveries (webhook_id, seq, at, status, latency_ms, error)"
                               " VALUES (?, ?, ?, ?, ?, ?)"),
                { *id, d.seq, (d.at.isValid() ? d.at : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch(), d.status,
                    d.latencyMs, d.error }))
            return storageError(what, q.lastError());
        // Bounded per endpoint: a receiver that fails for days must not grow the table without end.
        if (!run(q,
                QStringLiteral("DELETE FROM webhook_deliveries WHERE webhook_id = ? AND id NOT IN"
                               " (SELECT id FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?)"),
                { *id, *id, qMax(1, attempt.keepDeliveries) }))
            return storageError(what, q.lastError());
        const auto after = readWebhook(db, *id);
        if (!after)
            return after.error();
        if (!after->has_value())
            return webhookNotFound(d.webhookId);
        return **after;
    });
}

Result<QList<WebhookDelivery>> SqlRepository::webhookDeliveries(const QString &id, int limit)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QList<WebhookDelivery> out;
    const auto parsed = parseId(id);
    limit = qMin(limit, kMaxRows);
    if (!parsed || limit <= 0)
        return out;
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("SELECT id, webhook_id, seq, at, status, latency_ms, error FROM webhook_deliveries"
                           " WHERE webhook_id = ? ORDER BY id DESC LIMIT ?"),
            { *parsed, limit }))
        return readError(QStringLiteral("the deliveries of webhook %1").arg(id), q.lastError());
    while (q.next()) {
        WebhookDelivery d;
        d.id = q.value(0).toLongLong();
        d.webhookId = QString::number(q.value(1).toLongLong());
        d.seq = q.value(2).toLongLong();
        d.at = fromMs(q.value(3));
        d.status = q.value(4).toInt();
        d.latencyMs = q.value(5).toLongLong();
        d.error = q.value(6).toString();
        out << d;
    }
    if (q.lastError().isValid())
        return readError(QStringLiteral("the deliveries of webhook %1").arg(id), q.lastError());
    return out;
}

} // namespace betthat::server
