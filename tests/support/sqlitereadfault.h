#pragma once

// Fault injection on a real SQLite connection: statements that read chosen tables (or columns) fail to
// prepare.

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

struct sqlite3;

namespace betthat::test {

// Installs an SQLite authorizer on one connection (e.g. the server's own) that refuses to compile any
// statement reading one of `targets` ("table" or "table.column"): SQLite itself fails the prepare with
// SQLITE_AUTH, so the code under test sees a genuine read error through Qt Sql. Writes are untouched, so
// commits go on while reads fail, as in a transient storage fault. Lifted by lift() or the destructor.
class SqliteReadFault
{
public:
    SqliteReadFault(const QSqlDatabase &db, const QStringList &targets);
    ~SqliteReadFault();
    SqliteReadFault(const SqliteReadFault &) = delete;
    SqliteReadFault &operator=(const SqliteReadFault &) = delete;

    // False if the connection is not an open SQLite one (then nothing was installed).
    bool isActive() const { return m_handle != nullptr; }
    void lift();
    // How many statements were refused so far: proof that the fault was actually hit.
    int denials() const { return m_denials; }

private:
    static int authorize(
        void *self, int action, const char *table, const char *column, const char *, const char *);

    sqlite3 *m_handle = nullptr;
    QStringList m_targets;
    int m_denials = 0;
};

} // namespace betthat::test
