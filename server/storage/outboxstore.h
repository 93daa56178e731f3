#pragma once

// Storage port: the email outbox the worker drains (its rows are written by BetStore::commit).

#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace betthat::server {

class OutboxStore
{
public:
    virtual ~OutboxStore() = default;

    virtual Result<QList<OutboxMessage>> dueOutbox(const QDateTime &now, int limit) = 0;
    virtual Status markOutboxSent(qint64 id, const QDateTime &now) = 0;
    virtual Status markOutboxRetry(qint64 id, int attempts, const QDateTime &nextAttemptAt, const QString &error) = 0;
    virtual Status markOutboxFailed(qint64 id, int attempts, const QString &error) = 0;
    // state empty: every row.
    virtual Result<int> outboxCount(const QString &state) = 0;
};

} // namespace betthat::server
