#pragma once

// Versioned schema migrations for the SQLite store: each build knows versions 1..latestVersion().

#include "common/error.h"

#include <QSqlDatabase>
#include <QStringList>

namespace betthat::server {

class Migrations
{
public:
    // The newest schema version this build can create and read.
    static constexpr int kLatestVersion = 5;
    static int latestVersion() { return kLatestVersion; }

    // The version recorded in schema_version; 0 for an empty database. An error if it cannot be read.
    static Result<int> currentVersion(QSqlDatabase &db);

    // Refuses (Unavailable, nothing written) a database whose version is newer than latestVersion().
    static Status checkNotNewer(QSqlDatabase &db);

    // Applies every missing migration in one write transaction; a no-op when already current.
    static Status migrate(QSqlDatabase &db);

private:
    // The statements that take the schema from version - 1 to version.
    static QStringList statementsFor(int version);
};

} // namespace betthat::server
