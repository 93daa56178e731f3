#pragma once

// Every storage port on PostgreSQL through Qt's QPSQL driver (SqlRepository's shared statements), for several
// nodes sharing one database. One connection per thread, a statement timeout on every statement, reconnection
// after a lost connection, and the event seq from a counter row locked in the event's own transaction
// (postgresmigrations.cpp says why that keeps the log gapless for readers).

#include "server/storage/databaselocation.h"
#include "server/storage/sqlrepository.h"

#include <QElapsedTimer>

namespace betthat::server {

class PostgresRepository final : public SqlRepository
{
public:
    // A statement running longer is cancelled (SQLSTATE 57014 → Unavailable): a stuck lock or query must not
    // hold a request, a worker or the event feed for ever.
    static constexpr int kStatementTimeoutMs = 10000;
    static constexpr int kConnectTimeoutS = 5;
    // After a lost connection, at most one reconnection attempt per this interval (each read that finds the
    // connection down answers Unavailable meanwhile).
    static constexpr int kReconnectIntervalMs = 500;

    // connectionName must be unique per thread: Qt Sql connections belong to the thread that opened them.
    PostgresRepository(DatabaseLocation location, QString connectionName);
    ~PostgresRepository() override;

    Status open() override;
    Status probeWritable() override;
    // Online copies of PostgreSQL are pg_dump's (docs/OPERATIONS.md): always an error naming it.
    Status backupTo(const QString &target) override;
    const DatabaseLocation &location() const { return m_location; }

    // The libpq connect options (QSqlDatabase::setConnectOptions) for `location`: its URL parameters, the
    // connect timeout, and the statement timeout and search_path every session starts with.
    static QString connectOptions(const DatabaseLocation &location, int statementTimeoutMs = kStatementTimeoutMs);

protected:
    void reconnectIfLost(QSqlDatabase &db) const override;

private:
    DatabaseLocation m_location;
    bool m_opened = false;
    mutable QElapsedTimer m_lastReconnect;
};

} // namespace betthat::server
