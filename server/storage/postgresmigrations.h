#pragma once

// Versioned schema migrations for the PostgreSQL store: the same versions as the SQLite store (migrations.h),
// in PostgreSQL's DDL.

#include "common/error.h"

#include <QSqlDatabase>
#include <QStringList>

namespace betthat::server {

class PostgresMigrations
{
public:
    static constexpr int kLatestVersion = 5;

    // The version recorded in schema_version; 0 for an empty database (or schema).
    static Result<int> currentVersion(QSqlDatabase &db);
    // Refuses (Unavailable, nothing written) a database whose version is newer than kLatestVersion.
    static Status checkNotNewer(QSqlDatabase &db);
    // Applies every missing migration in one transaction. Nodes starting together queue on an advisory lock,
    // and the later ones find the schema current.
    static Status migrate(QSqlDatabase &db);

private:
    static QStringList statementsFor(int version);
};

} // namespace betthat::server
