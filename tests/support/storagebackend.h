#pragma once

// The databases the storage contract suite runs against: one class per backend, each only through the ports.

#include "server/storage/repository.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace betthat::test {

// One test database of one backend. The instance owns the database: destroying it drops the database.
class StorageBackend
{
public:
    virtual ~StorageBackend() = default;

    // Stable, short, used as the Qt Test data tag ("sqlite").
    virtual QString name() const = 0;
    // A fresh, empty database, migrated, and an opened handle on it. nullptr (with a warning) if it cannot
    // be made. Call it once per instance: reopen() refers to this database.
    virtual std::unique_ptr<server::Repository> create() = 0;
    // Another opened handle on create()'s database, as another process or the server after a restart has
    // it. Callable on any thread; the handle belongs to that thread and must be destroyed there (Qt Sql
    // connections are per thread, and a PostgreSQL connection should be too).
    virtual std::unique_ptr<server::Repository> reopen() = 0;
};

// The backends this environment can run, by name: "sqlite" (a file in a temporary directory) always;
// "postgres" (a fresh schema per instance on the server BETTHAT_TEST_PG names, e.g.
// postgres://postgres@127.0.0.1:5432/betthat_test) when that is set. Without it the PostgreSQL rows are left
// out with a message on a developer machine, but listed under CI=true, where they fail: CI must not pass on
// SQLite alone.
QStringList storageBackendNames();
// A new instance of the named backend, nullptr for a name storageBackendNames() does not list.
std::unique_ptr<StorageBackend> makeStorageBackend(const QString &name);

} // namespace betthat::test
