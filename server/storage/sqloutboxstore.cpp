// SqlRepository's IdempotencyStore and OutboxStore: the answers kept for retried requests, and the email
// outbox the worker drains (its rows are written by commit()).

#include "sqlrepository.h"

#include "server/storage/sqlsupport.h"

#include <QJsonDocument>

namespace betthat::server {

using namespace sql;

namespace {

constexpr char kOutboxFields[] = "id, kind, recipient, user_id, bet_id, event_seq, payload, attempts, "
                                 "next_attempt_at, state, last_error";

OutboxMessage outboxFrom(const QSqlQuery &q)
{
    OutboxMessage m;
    m.id = q.value(0).toLongLong();
    m.kind = q.value(1).toString();
    m.recipient = q.value(2).toString();
    m.userId = q.value(3).toString();
    m.betId = q.value(4).isNull() ? QString() : QString::number(q.value(4).toLongLong());
    m.eventSeq = q.value(5).toLongLong();
    m.payload = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    m.attempts = q.value(7).toInt();
    m.nextAttemptAt = fromMs(q.value(8));
    m.state = q.value(9).toString();
    m.lastError = q.value(10).toString();
    return m;
}

} // namespace

Result<std::optional<IdempotentAnswer>> SqlRepository::idempotentAnswer(const QString &userId, const QString &key)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT request_hash, status, body FROM idempotency WHERE user_id = ? AND key = ?"),
            {userId, key}))
        return readError(QStringLiteral("idempotency keys"), q.lastError());
    if (q.next())
        return std::optional<IdempotentAnswer>(IdempotentAnswer{
            q.value(0).toString(), StoredResponse{q.value(1).toInt(), q.value(2).toByteArray()}});
    if (q.lastError().isValid())
        return readError(QStringLiteral("idempotency keys"), q.lastError());
    return std::optional<IdempotentAnswer>();
}

Status SqlRepository::storeIdempotentAnswer(
    const QString &userId, const QString &key, const IdempotentAnswer &answer)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (run(q,
            QStringLiteral("INSERT INTO idempotency (user_id, key, request_hash, status, body, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)"),
            {userId, key, answer.requestHash, answer.response.status, answer.response.body,
                QDateTime::currentMSecsSinceEpoch()}))
        return Ok{};
    if (!isConstraintViolation(q.lastError()))
        return storageError(
            QStringLiteral("cannot store the response for idempotency key %1").arg(key), q.lastError());
    // The key is taken: the first stored answer stays (a retry must see what the first attempt saw).
    const auto stored = idempotentAnswer(userId, key);
    if (!stored)
        return stored.error();
    if (stored->has_value() && (*stored)->requestHash == answer.requestHash)
        return Ok{};
    return makeError(ErrorCode::Conflict,
        QStringLiteral("idempotency key %1 was already used for a different request").arg(key));
}

Result<QList<OutboxMessage>> SqlRepository::dueOutbox(const QDateTime &now, int limit)
{
    limit = qMin(limit, kMaxRows);
    if (limit <= 0)
        return QList<OutboxMessage>();
    return readRows<OutboxMessage>(database(),
        { QStringLiteral("SELECT ") + QLatin1String(kOutboxFields)
                + QStringLiteral(" FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?"),
            { msOrNow(now), limit } },
        QStringLiteral("the outbox"), outboxFrom);
}

Status SqlRepository::markOutboxSent(qint64 id, const QDateTime &now)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("UPDATE outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ?"),
            {msOrNow(now), id}))
        return storageError(QStringLiteral("cannot mark email %1 sent").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("outbox message %1 not found").arg(id));
    return Ok{};
}

Status SqlRepository::markOutboxRetry(
    qint64 id, int attempts, const QDateTime &nextAttemptAt, const QString &error)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral(
                "UPDATE outbox SET state = 'pending', attempts = ?, next_attempt_at = ?, last_error = ?"
                " WHERE id = ?"),
            {attempts, msOrNow(nextAttemptAt), error, id}))
        return storageError(QStringLiteral("cannot reschedule email %1").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("outbox message %1 not found").arg(id));
    return Ok{};
}

Status SqlRepository::markOutboxFailed(qint64 id, int attempts, const QString &error)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("UPDATE outbox SET state = 'failed', attempts = ?, last_error = ? WHERE id = ?"),
            {attempts, error, id}))
        return storageError(QStringLiteral("cannot mark email %1 failed").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("outbox message %1 not found").arg(id));
    return Ok{};
}

Result<int> SqlRepository::outboxCount(const QString &state)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    const bool ok = state.isEmpty()
        ? q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox"))
        : run(q, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = ?"), {state});
    if (!ok || !q.next())
        return readError(QStringLiteral("the outbox count"), q.lastError());
    return q.value(0).toInt();
}

} // namespace betthat::server
