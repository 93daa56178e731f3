// SqliteRepository: opening a SQLite file (pragmas, WAL, migrations) and its query plans for tests. The ports
// themselves are SqlRepository's, shared with PostgreSQL.

#include "sqliterepository.h"

#include "server/logcategories.h"
#include "server/storage/migrations.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace betthat::server {

using namespace sql;

namespace {

// The EXPLAIN QUERY PLAN detail lines of a statement.
QStringList explain(const QSqlDatabase &db, const Statement &statement)
{
    QSqlQuery q(db);
    QStringList details;
    if (!run(q, QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql, statement.values)) {
        details << QStringLiteral("error: ") + q.lastError().text();
        return details;
    }
    while (q.next())
        details << q.value(3).toString(); // (id, parent, notused, detail)
    return details;
}

} // namespace

SqliteRepository::SqliteRepository(QString path, QString connectionName)
    : SqlRepository(std::move(connectionName))
    , m_path(std::move(path))
{ }

SqliteRepository::~SqliteRepository()
{
    close();
}

Status SqliteRepository::probeWritable()
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return sql::notOpen();
    // A real write (the schema cookie rewritten with its own value) in a transaction that is rolled back:
    // BEGIN IMMEDIATE alone succeeds on a read-only file, and a SELECT proves only that reads work.
    QSqlQuery query(db);
    const auto fail = [&query](const QString &step) {
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("database not writable (%1): %2").arg(step, query.lastError().text()));
    };
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(QStringLiteral("read"));
    const qint64 version = query.value(0).toLongLong();
    query.finish();
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(QStringLiteral("begin"));
    const bool wrote = query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
    const Error failure = wrote ? Error {} : fail(QStringLiteral("write"));
    QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    if (!wrote)
        return failure;
    return Ok {};
}

Status SqliteRepository::backupTo(const QString &target)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return sql::notOpen();
    if (QFileInfo::exists(target))
        return makeError(ErrorCode::Conflict, QStringLiteral("%1 already exists; give a new file").arg(target));
    // VACUUM INTO reads the database in one read transaction: the copy is one consistent snapshot, taken
    // while writers in other connections go on (WAL), and compacted.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("VACUUM INTO ?"));
    query.addBindValue(target);
    if (!query.exec())
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("backup to %1 failed: %2").arg(target, query.lastError().text()));
    return Ok {};
}

Status SqliteRepository::open()
{
    if (QSqlDatabase::contains(connectionName())) {
        if (database().isOpen())
            return Ok{};
        close(); // the remains of a failed open
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return makeError(
            ErrorCode::Unavailable, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));

    const Status status = [this]() -> Status {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName());
        db.setDatabaseName(m_path);
        if (!db.open())
            return makeError(ErrorCode::Unavailable,
                QStringLiteral("cannot open database %1: %2").arg(m_path, db.lastError().text()));
        // Per connection, and none of them writes to the file: set before we know whether we may touch it.
        // synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss, and a resolution the
        // bettor was told about must not vanish. busy_timeout: the email worker writes from its own
        // connection.
        for (const char *pragma :
            {"PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
            QSqlQuery q(db);
            if (!q.exec(QLatin1String(pragma)))
                return makeError(ErrorCode::Unavailable,
                    QStringLiteral("cannot configure database %1 (%2): %3")
                        .arg(m_path, QLatin1String(pragma), q.lastError().text()));
        }
        // Before journal_mode, which rewrites the file header: a newer schema must stay exactly as it was.
        if (const auto check = Migrations::checkNotNewer(db); !check)
            return check;
        {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
                return makeError(ErrorCode::Unavailable,
                    QStringLiteral("cannot switch database %1 to WAL: %2").arg(m_path, q.lastError().text()));
            if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
                qCWarning(lcStorage).noquote() << "database" << m_path << "runs in journal mode"
                                               << q.value(0).toString() << "instead of WAL";
        }
        return Migrations::migrate(db);
    }();
    if (!status) {
        qCWarning(lcStorage).noquote() << status.error().message;
        close();
        return status;
    }
    qCDebug(lcStorage).noquote() << "opened" << m_path << "as" << connectionName();
    return Ok{};
}

QStringList SqliteRepository::explainEvents(const EventQuery &query) const
{
    return explain(database(), eventsStatement(query, qBound(0, query.limit, kMaxRows)));
}

QStringList SqliteRepository::explainBets(const BetQuery &query) const
{
    return explain(database(), betsStatement(query, qBound(0, query.limit, kMaxRows)));
}

} // namespace betthat::server
