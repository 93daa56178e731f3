#pragma once

// What the SQLite stores share: binding and running statements, reading rows, and telling "failed" from
// "nothing there". Internal to server/storage (the files implementing SqliteRepository's ports).

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

namespace betthat::server::sqlite {

// Whatever a caller asks for, one page never holds more rows than this (memory, and LIMIT -1 means "all").
constexpr int kMaxRows = 10000;
// SQLite result codes (the Qt driver reports them in QSqlError::nativeErrorCode()).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

// A statement and its positional values: built once, run by the query and by its EXPLAIN alike.
struct Statement
{
    QString sql;
    QVariantList values;
};

// Times are INTEGER UTC milliseconds: NULL for an invalid time, or now where a time is required.
QVariant msOrNull(const QDateTime &time);
qint64 msOrNow(const QDateTime &time);
QDateTime fromMs(const QVariant &value);
QVariant textOrNull(const QString &text);

// Bet ids are rowids shown as decimal strings; anything else names no bet.
std::optional<qint64> parseId(const QString &id);

QVariant idOrNull(const QString &id);

// The primary SQLite result code of a Qt Sql error (-1 when it has none); busy covers SQLITE_BUSY and LOCKED.
int sqliteCode(const QSqlError &error);
bool isBusy(const QSqlError &error);

// A failed write: Unavailable when the database is busy (a retry may succeed), Internal otherwise.
Error storageError(const QString &what, const QSqlError &error);
Error notOpen();

// A failed read: always Unavailable, so callers answer "try again" (503, close 1013) rather than "nothing
// there" or "a bug", and logged here once, with the statement that failed.
Error readError(const QString &what, const QSqlError &error);

// Prepares, binds and executes. A null QString binds as '' (text columns are NOT NULL ''); SQL NULL is only
// ever a deliberate QVariant().
bool run(QSqlQuery &query, const QString &sql, const QVariantList &values = {});
bool run(QSqlQuery &query, const Statement &statement);

// For tests: the EXPLAIN QUERY PLAN detail lines of a statement.
QStringList explain(const QSqlDatabase &db, const Statement &statement);
QString compactJson(const QJsonObject &object);

// Runs body between BEGIN IMMEDIATE and COMMIT, or rolls back if the body or the commit fails.
// IMMEDIATE takes the write lock up front (Qt's transaction() issues a deferred BEGIN): two writers then
// serialise on busy_timeout instead of one failing at its first write with SQLITE_BUSY.
template <typename T, typename Body>
Result<T> inWriteTransaction(QSqlDatabase &db, const QString &what, Body body)
{
    {
        QSqlQuery begin(db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
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

} // namespace betthat::server::sqlite
