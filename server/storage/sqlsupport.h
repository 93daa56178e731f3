#pragma once

// What the Qt Sql backends (SQLite and PostgreSQL) share: binding and running statements, reading rows, telling
// "failed" from "nothing there", classifying errors, and the few places where the two dialects differ (how a
// write transaction begins, how a new row's id comes back). Internal to server/storage.

#include "common/error.h"
#include "server/logcategories.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>
#include <optional>

namespace betthat::server::sql {

// Whatever a caller asks for, one page never holds more rows than this (memory, and LIMIT -1 means "all").
constexpr int kMaxRows = 10000;

// A statement and its positional values: built once, run by the query and by its EXPLAIN alike.
struct Statement
{
    QString sql;
    QVariantList values;
};

// Times are BIGINT UTC milliseconds on both backends: NULL for an invalid time, or now where a time is required.
QVariant msOrNull(const QDateTime &time);
qint64 msOrNow(const QDateTime &time);
QDateTime fromMs(const QVariant &value);
QVariant textOrNull(const QString &text);

// Bet ids are row ids shown as decimal strings; anything else names no bet.
std::optional<qint64> parseId(const QString &id);

QVariant idOrNull(const QString &id);

bool isPostgres(const QSqlDatabase &db);

// PostgreSQL: the channel every commit that appends an event NOTIFYs (payload: the seq) and every node's
// PostgresListener LISTENs on.
inline constexpr char kEventChannel[] = "betthat_events";

// A failure a retry may not see: SQLite busy/locked; PostgreSQL lost connection (class 08, 57P01..57P03),
// serialization failure or deadlock (40001, 40P01), statement or lock timeout (57014, 55P03).
bool isTransient(const QSqlError &error);
// A constraint refused the write: SQLite SQLITE_CONSTRAINT, PostgreSQL class 23.
bool isConstraintViolation(const QSqlError &error);

// A failed write: Unavailable when it is transient (a retry may succeed), Internal otherwise.
Error storageError(const QString &what, const QSqlError &error);
Error notOpen();

// A failed read: always Unavailable, so callers answer "try again" (503, close 1013) rather than "nothing
// there" or "a bug", and logged here once, with the statement that failed.
Error readError(const QString &what, const QSqlError &error);

// Prepares, binds and executes. A null QString binds as '' (text columns are NOT NULL ''); SQL NULL is only
// ever a deliberate QVariant(). `?` placeholders on both backends; SQLite prepares and binds, PostgreSQL gets
// the driver's own literals in place of each `?` (one round trip instead of QPSQL's three per prepared
// statement; the literals are the very ones QPSQL's EXECUTE would send). `?` inside a quoted literal stays.
bool run(QSqlQuery &query, const QString &sql, const QVariantList &values = {});
bool run(QSqlQuery &query, const Statement &statement);

// Runs an INSERT and gives the new row's `id`: SQLite reports it as the last insert rowid, PostgreSQL (which
// has no such thing for a BIGSERIAL) through RETURNING. nullopt when the insert failed (see query.lastError()).
std::optional<qint64> insertReturningId(QSqlQuery &query, const QString &sql, const QVariantList &values);

QString compactJson(const QJsonObject &object);

// How a writing transaction begins. SQLite: IMMEDIATE takes the write lock up front (Qt's transaction() issues
// a deferred BEGIN), so two writers serialise on busy_timeout instead of one failing at its first write with
// SQLITE_BUSY. PostgreSQL: a plain BEGIN; writers that must serialise take a row lock (the event counter).
QString beginWriteStatement(const QSqlDatabase &db);

// Runs body between BEGIN and COMMIT, or rolls back if the body or the commit fails.
template <typename T, typename Body>
Result<T> inWriteTransaction(QSqlDatabase &db, const QString &what, Body body)
{
    {
        QSqlQuery begin(db);
        if (!begin.exec(beginWriteStatement(db)))
            return storageError(what, begin.lastError());
    }
    Result<T> result = body();
    if (result.ok()) {
        QSqlQuery commit(db);
        if (commit.exec(QStringLiteral("COMMIT")))
            return result;
        result = storageError(what, commit.lastError());
    }
    QSqlQuery rollback(db);
    if (!rollback.exec(QStringLiteral("ROLLBACK"))) // SQLite may already have rolled back on its own
        qCDebug(lcStorage).noquote() << "rollback:" << rollback.lastError().text();
    return result;
}

// Runs a read and maps every row with `read`. A statement or a step that fails is Unavailable (logged once),
// never a short list: a reader that took it for "that is all" would skip rows once the table is readable.
template <typename T, typename RowReader>
Result<QList<T>> readRows(const QSqlDatabase &db, const Statement &statement, const QString &what, RowReader read)
{
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, statement))
        return readError(what, q.lastError());
    QList<T> rows;
    while (q.next())
        rows << read(q);
    if (q.lastError().isValid())
        return readError(what, q.lastError());
    return rows;
}

// The same for a read of at most one row: nullopt when there is none, an error when it could not be read.
template <typename T, typename RowReader>
Result<std::optional<T>> readOne(const QSqlDatabase &db, const Statement &statement, const QString &what, RowReader read)
{
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, statement))
        return readError(what, q.lastError());
    if (q.next())
        return std::optional<T>(read(q));
    if (q.lastError().isValid())
        return readError(what, q.lastError());
    return std::optional<T>();
}

} // namespace betthat::server::sql
