#pragma once

// Where the server's database is: a SQLite file (the embedded default) or a PostgreSQL server named by a URL.
// Everything that opens the database (the server, its email and webhook workers, the command line) takes a
// DatabaseLocation and calls openRepository(), so a second backend needs no file paths passed around.

#include "common/error.h"

#include <QList>
#include <QPair>
#include <QString>
#include <memory>

namespace betthat::server {

class Repository;

struct DatabaseLocation
{
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;

    // Sqlite: the file.
    QString path;

    // Postgres: what the URL says. An empty part (0 for the port) is left to libpq, which fills it from the
    // PG* environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, ...) and the password file
    // (~/.pgpass or PGPASSFILE), as psql does.
    QString host;
    int port = 0;
    QString user;
    QString password;
    QString database;
    // Our own URL parameter ?schema=NAME: the tables live in that schema (search_path); empty: the default.
    QString schema;
    // libpq connection parameters given as URL parameters (sslmode=require, connect_timeout=3, ...).
    QList<QPair<QString, QString>> options;

    bool isPostgres() const { return kind == Kind::Postgres; }

    // "postgres://user:pass@host:port/dbname?sslmode=require" or "postgresql://…" is PostgreSQL; anything
    // else is a SQLite file path. BadRequest for a PostgreSQL URL that cannot be used.
    static Result<DatabaseLocation> parse(const QString &text);
    static DatabaseLocation sqliteFile(const QString &path);

    // For logs and the startup banner: never the password.
    QString displayName() const;
};

// A new, unopened repository for `location` with a connection name unique to this process ("betthat-<purpose>-<n>").
// Qt Sql connections belong to the thread that opens them: open it, use it and destroy it on one thread.
std::unique_ptr<Repository> makeRepository(const DatabaseLocation &location, const QString &purpose);

// makeRepository() and open(): the repository, or why it could not be opened.
Result<std::unique_ptr<Repository>> openRepository(const DatabaseLocation &location, const QString &purpose);

} // namespace betthat::server
