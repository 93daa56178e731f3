// SqlRepository's EventLog: the durable log delivery reads by seq (its own file: one port, one file).

#include "sqlrepository.h"

#include "common/betevent.h"
#include "server/storage/sqlsupport.h"

#include <QJsonDocument>
#include <algorithm>

namespace betthat::server {

using namespace sql;

namespace {

constexpr char kEventFields[] = "seq, type, bet_id, user_id, data, timestamp";

BetEvent eventFrom(const QSqlQuery &q)
{
    BetEvent event;
    event.seq = q.value(0).toLongLong();
    const QString type = q.value(1).toString();
    const auto parsedType = eventTypeFromName(type);
    if (!parsedType)
        qCWarning(lcStorage).noquote() << "event" << event.seq << "has an unknown type" << type;
    event.type = parsedType.value_or(EventType::BetUpdated);
    event.betId = QString::number(q.value(2).toLongLong());
    event.userId = q.value(3).toString();
    event.data = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    event.timestamp = fromMs(q.value(5));
    return event;
}

} // namespace

Statement SqlRepository::eventsStatement(const EventQuery &query, int limit)
{
    Statement st;
    QStringList where;
    const bool byTime = query.afterTime.isValid();
    // With a time cursor and no seq cursor, "seq > 0" would only tempt the planner into a rowid range
    // over the whole table; the timestamp index is the narrow one then.
    if (!byTime || query.afterSeq > 0) {
        where << QStringLiteral("seq > ?");
        st.values << query.afterSeq;
    }
    if (byTime) {
        where << QStringLiteral("timestamp > ?");
        st.values << query.afterTime.toMSecsSinceEpoch();
    }
    if (!query.userId.isEmpty()) {
        where << QStringLiteral("user_id = ?");
        st.values << query.userId;
    }
    // "+seq" keeps SQLite from walking the table in seq order to satisfy ORDER BY ... LIMIT when the
    // filter is on the timestamp: it then searches events_timestamp and sorts the (few) matches.
    const QString order = byTime ? QStringLiteral("+seq") : QStringLiteral("seq");
    st.sql = QStringLiteral("SELECT ") + QLatin1String(kEventFields) + QStringLiteral(" FROM events WHERE ")
        + where.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY ") + order
        + (query.newest ? QStringLiteral(" DESC") : QString()) + QStringLiteral(" LIMIT ?");
    st.values << limit;
    return st;
}

Result<QList<BetEvent>> SqlRepository::events(const EventQuery &query)
{
    const int limit = qMin(query.limit, kMaxRows);
    if (limit <= 0)
        return QList<BetEvent>();
    auto read = readRows<BetEvent>(
        database(), eventsStatement(query, limit), QStringLiteral("the event log (events)"), eventFrom);
    if (read && query.newest) // fetched newest first to take the last `limit`; callers always get ascending seq
        std::reverse(read.value().begin(), read.value().end());
    return read;
}

Result<QList<BetEvent>> SqlRepository::eventsForBet(const QString &betId)
{
    const auto rowId = parseId(betId);
    if (!rowId)
        return QList<BetEvent>();
    return readRows<BetEvent>(database(),
        { QStringLiteral("SELECT ") + QLatin1String(kEventFields)
                + QStringLiteral(" FROM events WHERE bet_id = ? ORDER BY seq"),
            { *rowId } },
        QStringLiteral("the event log (eventsForBet)"), eventFrom);
}

Result<qint64> SqlRepository::lastSeq()
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    // From the counter that hands seqs out, not MAX(seq): after pruning every event the log is empty but the
    // last seq handed out still stands, and clients resume from it. SQLite: AUTOINCREMENT's own counter;
    // PostgreSQL: the committed value of the counter row commit() locks.
    QSqlQuery q(db);
    if (!q.exec(isPostgres(db) ? QStringLiteral("SELECT seq FROM event_counter")
                               : QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'events'")))
        return readError(QStringLiteral("the event log (lastSeq)"), q.lastError());
    if (q.next())
        return q.value(0).toLongLong();
    if (q.lastError().isValid())
        return readError(QStringLiteral("the event log (lastSeq)"), q.lastError());
    return qint64(0); // no event was ever appended
}

Result<qint64> SqlRepository::firstRetainedSeq()
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT CAST(COALESCE(MIN(seq), 0) AS BIGINT) FROM events")) || !q.next())
        return readError(QStringLiteral("the event log (firstRetainedSeq)"), q.lastError());
    return q.value(0).toLongLong();
}

Result<int> SqlRepository::pruneEvents(qint64 upToSeq)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("DELETE FROM events WHERE seq <= ?"), {upToSeq}))
        return storageError(QStringLiteral("cannot prune the event log"), q.lastError());
    const int pruned = q.numRowsAffected();
    if (pruned > 0)
        qCInfo(lcStorage) << "pruned" << pruned << "events up to seq" << upToSeq;
    return pruned;
}

} // namespace betthat::server
