#include "sqlitereadfault.h"

#include <QSqlDriver>
#include <QVariant>
#include <sqlite3.h>

namespace betthat::test {

SqliteReadFault::SqliteReadFault(const QSqlDatabase &db, const QStringList &targets)
    : m_targets(targets)
{
    // Qt's SQLite driver hands out its sqlite3* (the documented way to reach driver-specific APIs).
    const QVariant handle = db.isOpen() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return;
    m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    if (!m_handle)
        return;
    sqlite3_set_authorizer(m_handle, &SqliteReadFault::authorize, this);
}

SqliteReadFault::~SqliteReadFault()
{
    lift();
}

void SqliteReadFault::lift()
{
    if (!m_handle)
        return;
    sqlite3_set_authorizer(m_handle, nullptr, nullptr);
    m_handle = nullptr;
}

int SqliteReadFault::authorize(
    void *self, int action, const char *table, const char *column, const char *, const char *)
{
    if (action != SQLITE_READ || !table)
        return SQLITE_OK;
    auto *fault = static_cast<SqliteReadFault *>(self);
    const QString name = QString::fromUtf8(table);
    const QString qualified = name + QLatin1Char('.') + QString::fromUtf8(column ? column : "");
    if (!fault->m_targets.contains(name) && !fault->m_targets.contains(qualified))
        return SQLITE_OK;
    ++fault->m_denials;
    return SQLITE_DENY;
}

} // namespace betthat::test
