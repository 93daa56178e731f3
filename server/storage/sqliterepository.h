#pragma once

// Every storage port on a SQLite file through Qt Sql (SqlRepository): WAL, foreign keys, versioned migrations,
// one connection per thread. The embedded default.

#include "server/storage/sqlrepository.h"

#include <QString>
#include <QStringList>

namespace betthat::server {

class SqliteRepository final : public SqlRepository
{
public:
    // connectionName must be unique per thread: Qt Sql connections belong to the thread that opened them.
    SqliteRepository(QString path, QString connectionName);
    ~SqliteRepository() override;

    Status open() override;
    Status probeWritable() override;
    Status backupTo(const QString &target) override;
    QString path() const { return m_path; }

    // For tests: the EXPLAIN QUERY PLAN detail lines of the exact statement events()/bets() would run.
    QStringList explainEvents(const EventQuery &query) const;
    QStringList explainBets(const BetQuery &query) const;

private:
    QString m_path;
};

} // namespace betthat::server
