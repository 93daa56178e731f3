#include "sqliterepository.h"

#include "common/jsoncodec.h"
#include "common/money.h"
#include "server/logcategories.h"
#include "server/storage/migrations.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>
#include <algorithm>

namespace betthat::server {

static_assert(SqliteRepository::kSchemaVersion == Migrations::kLatestVersion,
    "the repository and its migrations must agree on the schema version");

namespace {

// Whatever a caller asks for, one page never holds more rows than this (memory, and LIMIT -1 means "all").
constexpr int kMaxRows = 10000;

// SQLite result codes (the Qt driver reports them in QSqlError::nativeErrorCode()).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

// Every bet column but id, in the order betValues() binds them.
constexpr char kBetFields[]
    = "user_id, event_name, market, selection, odds, stake, potential_return, currency, "
      "status, result, payout, resolution_notes, resolution_source, resolved_by, "
      "resolved_at, created_at, updated_at, dispute_state, dispute_reason, "
      "dispute_raised_at, dispute_decision_notes, dispute_decided_by, dispute_decided_at, "
      "version, dispute_deadline, void_factor, dead_heat_factor, deduction, certainty, outcome_seq, "
      "cancelled_from";
constexpr char kEventFields[] = "seq, type, bet_id, user_id, data, timestamp";
constexpr char kOutboxFields[] = "id, kind, recipient, user_id, bet_id, event_seq, payload, attempts, "
                                 "next_attempt_at, state, last_error";
constexpr char kUserFields[] = "id, display_name, email, role, email_notifications, currency";

// A statement and its positional values: built once, run by the query and by its EXPLAIN alike.
struct Statement
{
    QString sql;
    QVariantList values;
};

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

qint64 msOrNow(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QDateTime fromMs(const QVariant &value)
{
    // Qt::UTC rather than QTimeZone::utc(): on 6.4 the latter yields timeSpec() == Qt::TimeZone, unlike
    // currentDateTimeUtc() and parseIsoUtc(); the same instant should look the same wherever it came from.
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Bet ids are rowids shown as decimal strings; anything else names no bet.
std::optional<qint64> parseId(const QString &id)
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value;
}

QVariant idOrNull(const QString &id)
{
    const auto parsed = parseId(id);
    return parsed ? QVariant(*parsed) : QVariant();
}

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1; // the primary code, whether or not extended codes are on
}

bool isBusy(const QSqlError &error)
{
    const int code = sqliteCode(error);
    return code == kSqliteBusy || code == kSqliteLocked;
}

Error storageError(const QString &what, const QSqlError &error)
{
    if (isBusy(error))
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("%1: the database is busy; try again (%2)").arg(what, error.databaseText()));
    return makeError(ErrorCode::Internal, QStringLiteral("%1: %2").arg(what, error.text()));
}

Error notOpen()
{
    return makeError(ErrorCode::Unavailable, QStringLiteral("the database is not open"));
}

// A failed read: always Unavailable, so callers answer "try again" (503, close 1013) rather than "nothing
// there" or "a bug", and logged here once, with the statement that failed.
Error readError(const QString &what, const QSqlError &error)
{
    qCWarning(lcStorage).noquote() << what << "failed:" << error.text();
    return makeError(ErrorCode::Unavailable, QStringLiteral("cannot read %1: %2").arg(what, error.text()));
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values = {})
{
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values) {
        // Qt binds a null QString as SQL NULL; an empty text is '' here, NULL is only ever a deliberate
        // QVariant().
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QString(QLatin1String("")));
        else
            query.addBindValue(value);
    }
    return query.exec();
}

bool run(QSqlQuery &query, const Statement &statement)
{
    return run(query, statement.sql, statement.values);
}

QStringList explain(const QSqlDatabase &db, const Statement &statement)
{
    QSqlQuery q(db);
    QStringList details;
    if (!run(q, QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql, statement.values)) {
        details << QStringLiteral("error: ") + q.lastError().text();
        return details;
    }
    while (q.next())
        details << q.value(3).toString(); // (id, parent, notused, detail)
    return details;
}

// Runs body between BEGIN IMMEDIATE and COMMIT, or rolls back if the body or the commit fails.
// IMMEDIATE takes the write lock up front (Qt's transaction() issues a deferred BEGIN): two writers then
// serialise on busy_timeout instead of one failing at its first write with SQLITE_BUSY.
template <typename T, typename Body>
Result<T> inWriteTransaction(QSqlDatabase &db, const QString &what, Body body)
{
    {
        QSqlQuery begin(db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return storageError(what, begin.lastError());
    }
    Result<T> result = body();
    if (result.ok()) {
        QSqlQuery commit(db);
        if (commit.exec(QStringLiteral("COMMIT")))
            return result;
        result = storageError(what, commit.lastError());
    }
    QSqlQuery rollback(db);
    if (!rollback.exec(QStringLiteral("ROLLBACK"))) // SQLite may already have rolled back on its own
        qCDebug(lcStorage).noquote() << "rollback:" << rollback.lastError().text();
    return result;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(json::toBytes(object));
}

QVariantList betValues(const Bet &bet)
{
    const std::optional<Dispute> &d = bet.dispute;
    return {bet.userId, bet.eventName, bet.market, bet.selection, bet.odds, bet.stake, bet.potentialReturn,
        bet.currency, statusName(bet.status), textOrNull(resultName(bet.result)), bet.payout,
        bet.resolutionNotes, bet.resolutionSource, textOrNull(bet.resolvedBy), msOrNull(bet.resolvedAt),
        msOrNow(bet.createdAt), msOrNow(bet.updatedAt), d ? QVariant(disputeStateName(d->state)) : QVariant(),
        d ? QVariant(d->reason) : QVariant(), d ? msOrNull(d->raisedAt) : QVariant(),
        d ? QVariant(d->decisionNotes) : QVariant(), d ? textOrNull(d->decidedBy) : QVariant(),
        d ? msOrNull(d->decidedAt) : QVariant(), bet.version, msOrNull(bet.disputeDeadline),
        bet.voidFactor ? QVariant(*bet.voidFactor) : QVariant(),
        bet.deadHeatFactor ? QVariant(*bet.deadHeatFactor) : QVariant(),
        bet.deduction ? QVariant(*bet.deduction) : QVariant(), textOrNull(certaintyName(bet.certainty)),
        bet.outcomeSeq > 0 ? QVariant(bet.outcomeSeq) : QVariant(),
        bet.cancelledFrom ? QVariant(compactJson(json::encode(*bet.cancelledFrom))) : QVariant()};
}

Bet betFrom(const QSqlQuery &q)
{
    Bet bet;
    bet.id = QString::number(q.value(QStringLiteral("id")).toLongLong());
    bet.userId = q.value(QStringLiteral("user_id")).toString();
    bet.eventName = q.value(QStringLiteral("event_name")).toString();
    bet.market = q.value(QStringLiteral("market")).toString();
    bet.selection = q.value(QStringLiteral("selection")).toString();
    bet.odds = q.value(QStringLiteral("odds")).toLongLong();
    bet.stake = q.value(QStringLiteral("stake")).toLongLong();
    bet.potentialReturn = q.value(QStringLiteral("potential_return")).toLongLong();
    bet.currency = q.value(QStringLiteral("currency")).toString();
    bet.status = statusFromName(q.value(QStringLiteral("status")).toString()).value_or(BetStatus::Pending);
    bet.result = resultFromName(q.value(QStringLiteral("result")).toString()).value_or(BetResult::None);
    bet.payout = q.value(QStringLiteral("payout")).toLongLong();
    bet.resolutionNotes = q.value(QStringLiteral("resolution_notes")).toString();
    bet.resolutionSource = q.value(QStringLiteral("resolution_source")).toString();
    bet.resolvedBy = q.value(QStringLiteral("resolved_by")).toString();
    bet.resolvedAt = fromMs(q.value(QStringLiteral("resolved_at")));
    bet.createdAt = fromMs(q.value(QStringLiteral("created_at")));
    bet.updatedAt = fromMs(q.value(QStringLiteral("updated_at")));
    const QVariant disputeState = q.value(QStringLiteral("dispute_state"));
    if (!disputeState.isNull()) {
        Dispute d;
        d.state = disputeStateFromName(disputeState.toString()).value_or(DisputeState::Open);
        d.reason = q.value(QStringLiteral("dispute_reason")).toString();
        d.raisedAt = fromMs(q.value(QStringLiteral("dispute_raised_at")));
        d.decisionNotes = q.value(QStringLiteral("dispute_decision_notes")).toString();
        d.decidedBy = q.value(QStringLiteral("dispute_decided_by")).toString();
        d.decidedAt = fromMs(q.value(QStringLiteral("dispute_decided_at")));
        bet.dispute = d;
    }
    bet.version = q.value(QStringLiteral("version")).toLongLong();
    bet.disputeDeadline = fromMs(q.value(QStringLiteral("dispute_deadline")));
    const QVariant voidFactor = q.value(QStringLiteral("void_factor"));
    if (!voidFactor.isNull())
        bet.voidFactor = voidFactor.toLongLong();
    const QVariant deadHeatFactor = q.value(QStringLiteral("dead_heat_factor"));
    if (!deadHeatFactor.isNull())
        bet.deadHeatFactor = deadHeatFactor.toLongLong();
    const QVariant deduction = q.value(QStringLiteral("deduction"));
    if (!deduction.isNull())
        bet.deduction = deduction.toInt();
    bet.certainty = certaintyFromName(q.value(QStringLiteral("certainty")).toString()).value_or(Certainty::None);
    bet.outcomeSeq = q.value(QStringLiteral("outcome_seq")).toLongLong();
    const QVariant cancelledFrom = q.value(QStringLiteral("cancelled_from"));
    if (!cancelledFrom.isNull()) {
        // Written by this file from json::encode; a row that no longer decodes is logged, not guessed at.
        const auto snapshot = json::decodeSettlementSnapshot(
            QJsonDocument::fromJson(cancelledFrom.toString().toUtf8()).object());
        if (snapshot)
            bet.cancelledFrom = *snapshot;
        else
            qCWarning(lcStorage).noquote() << "bet" << bet.id << "has an unreadable cancelled_from:"
                                           << snapshot.error().message;
    }
    return bet;
}

User userFrom(const QSqlQuery &q)
{
    User user;
    user.id = q.value(0).toString();
    user.displayName = q.value(1).toString();
    user.email = q.value(2).toString();
    user.role = roleFromName(q.value(3).toString()).value_or(Role::Bettor);
    user.emailNotifications = q.value(4).toBool();
    user.currency = q.value(5).toString();
    return user;
}

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

OutboxMessage outboxFrom(const QSqlQuery &q)
{
    OutboxMessage m;
    m.id = q.value(0).toLongLong();
    m.kind = q.value(1).toString();
    m.recipient = q.value(2).toString();
    m.userId = q.value(3).toString();
    m.betId = q.value(4).isNull() ? QString() : QString::number(q.value(4).toLongLong());
    m.eventSeq = q.value(5).toLongLong();
    m.payload = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    m.attempts = q.value(7).toInt();
    m.nextAttemptAt = fromMs(q.value(8));
    m.state = q.value(9).toString();
    m.lastError = q.value(10).toString();
    return m;
}

Statement eventsStatement(const EventQuery &query, int limit)
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

Statement betsStatement(const BetQuery &query, int limit)
{
    Statement st;
    QStringList where;
    if (!query.userId.isEmpty()) {
        where << QStringLiteral("user_id = ?");
        st.values << query.userId;
    }
    if (query.status) {
        where << QStringLiteral("status = ?");
        st.values << statusName(*query.status);
    }
    if (query.result) {
        if (*query.result == BetResult::None) {
            where << QStringLiteral("result IS NULL");
        } else {
            where << QStringLiteral("result = ?");
            st.values << resultName(*query.result);
        }
    }
    if (!query.market.isEmpty()) {
        where << QStringLiteral("market = ?");
        st.values << query.market;
    }
    if (!query.eventName.isEmpty()) {
        where << QStringLiteral("event_name = ?");
        st.values << query.eventName;
    }
    if (query.createdFrom.isValid()) {
        where << QStringLiteral("created_at >= ?");
        st.values << query.createdFrom.toMSecsSinceEpoch();
    }
    if (query.createdBefore.isValid()) {
        where << QStringLiteral("created_at < ?");
        st.values << query.createdBefore.toMSecsSinceEpoch();
    }
    // The cursor is the last row of the previous page; an id alone is no cursor (the order is by time first).
    if (query.beforeUpdatedAt.isValid()) {
        if (const auto beforeId = parseId(query.beforeId)) {
            where << QStringLiteral("(updated_at, id) < (?, ?)");
            st.values << query.beforeUpdatedAt.toMSecsSinceEpoch() << *beforeId;
        } else {
            where << QStringLiteral("updated_at < ?");
            st.values << query.beforeUpdatedAt.toMSecsSinceEpoch();
        }
    }
    st.sql = QStringLiteral("SELECT id, ") + QLatin1String(kBetFields) + QStringLiteral(" FROM bets")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
        + QStringLiteral(" ORDER BY updated_at DESC, id DESC LIMIT ?");
    st.values << limit;
    return st;
}

Result<qint64> ledgerSum(QSqlDatabase &db, const QString &userId)
{
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE user_id = ?"), {userId})
        || !q.next())
        return storageError(QStringLiteral("cannot read the balance of %1").arg(userId), q.lastError());
    return q.value(0).toLongLong();
}

Status insertLedger(QSqlDatabase &db, const LedgerEntry &entry)
{
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("INSERT INTO ledger (user_id, bet_id, amount, currency, kind, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)"),
            {entry.userId, idOrNull(entry.betId), entry.amount, entry.currency, ledgerKindName(entry.kind),
                msOrNow(entry.createdAt)}))
        return storageError(QStringLiteral("cannot write the ledger"), q.lastError());
    return Ok{};
}

} // namespace

SqliteRepository::SqliteRepository(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{ }

SqliteRepository::~SqliteRepository()
{
    close();
}

QSqlDatabase SqliteRepository::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Status SqliteRepository::open()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        if (database().isOpen())
            return Ok{};
        close(); // the remains of a failed open
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return makeError(
            ErrorCode::Unavailable, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));

    const Status status = [this]() -> Status {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        if (!db.open())
            return makeError(ErrorCode::Unavailable,
                QStringLiteral("cannot open database %1: %2").arg(m_path, db.lastError().text()));
        // Per connection, and none of them writes to the file: set before we know whether we may touch it.
        // synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss, and a resolution the
        // bettor was told about must not vanish. busy_timeout: the email worker writes from its own
        // connection.
        for (const char *pragma :
            {"PRAGMA busy_timeout = 5000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
            QSqlQuery q(db);
            if (!q.exec(QLatin1String(pragma)))
                return makeError(ErrorCode::Unavailable,
                    QStringLiteral("cannot configure database %1 (%2): %3")
                        .arg(m_path, QLatin1String(pragma), q.lastError().text()));
        }
        // Before journal_mode, which rewrites the file header: a newer schema must stay exactly as it was.
        if (const auto check = Migrations::checkNotNewer(db); !check)
            return check;
        {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
                return makeError(ErrorCode::Unavailable,
                    QStringLiteral("cannot switch database %1 to WAL: %2").arg(m_path, q.lastError().text()));
            if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
                qCWarning(lcStorage).noquote() << "database" << m_path << "runs in journal mode"
                                               << q.value(0).toString() << "instead of WAL";
        }
        return Migrations::migrate(db);
    }();
    if (!status) {
        qCWarning(lcStorage).noquote() << status.error().message;
        close();
        return status;
    }
    qCDebug(lcStorage).noquote() << "opened" << m_path << "as" << m_connectionName;
    return Ok{};
}

void SqliteRepository::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        // Every QSqlDatabase copy must be gone before removeDatabase, or Qt warns and keeps the connection.
        QSqlDatabase db = database();
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

// --- users

Status SqliteRepository::addUser(const User &user, const QByteArray &tokenHash)
{
    if (!isValidUserId(user.id))
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("user id \"%1\" must be 1-64 lowercase letters, digits, '_', '.' or '-'")
                .arg(user.id.left(80)));
    if (!user.email.isEmpty() && !isValidEmail(user.email))
        return makeError(
            ErrorCode::BadRequest, QStringLiteral("email of %1 is not a valid address").arg(user.id));
    if (!isValidCurrency(user.currency))
        return makeError(
            ErrorCode::BadRequest, QStringLiteral("currency \"%1\" is not valid").arg(user.currency));
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto existing = userById(user.id);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return makeError(ErrorCode::Conflict, QStringLiteral("user %1 already exists").arg(user.id));
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("INSERT INTO users (id, display_name, email, role, email_notifications, currency,"
                           " token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {user.id, user.displayName, user.email, roleName(user.role), user.emailNotifications ? 1 : 0,
                user.currency, tokenHash.isEmpty() ? QVariant() : QVariant(tokenHash),
                QDateTime::currentMSecsSinceEpoch()})) {
        if (sqliteCode(q.lastError()) == kSqliteConstraint) // a racing insert, or the token hash is taken
            return makeError(
                ErrorCode::Conflict, QStringLiteral("user %1 conflicts with an existing user").arg(user.id));
        return storageError(QStringLiteral("cannot add user %1").arg(user.id), q.lastError());
    }
    return Ok{};
}

Status SqliteRepository::setTokenHash(const QString &userId, const QByteArray &tokenHash)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("UPDATE users SET token_hash = ? WHERE id = ?"),
            {tokenHash.isEmpty() ? QVariant() : QVariant(tokenHash), userId})) {
        if (sqliteCode(q.lastError()) == kSqliteConstraint)
            return makeError(ErrorCode::Conflict, QStringLiteral("that token is already in use"));
        return storageError(QStringLiteral("cannot set the token of %1").arg(userId), q.lastError());
    }
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("user %1 not found").arg(userId));
    return Ok{};
}

Status SqliteRepository::updateUser(const User &user)
{
    if (!user.email.isEmpty() && !isValidEmail(user.email))
        return makeError(
            ErrorCode::BadRequest, QStringLiteral("email of %1 is not a valid address").arg(user.id));
    if (!isValidCurrency(user.currency))
        return makeError(
            ErrorCode::BadRequest, QStringLiteral("currency \"%1\" is not valid").arg(user.currency));
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("UPDATE users SET display_name = ?, email = ?, role = ?, email_notifications = ?,"
                           " currency = ? WHERE id = ?"),
            {user.displayName, user.email, roleName(user.role), user.emailNotifications ? 1 : 0,
                user.currency, user.id}))
        return storageError(QStringLiteral("cannot update user %1").arg(user.id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("user %1 not found").arg(user.id));
    return Ok{};
}

Result<std::optional<User>> SqliteRepository::userById(const QString &id)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("SELECT ") + QLatin1String(kUserFields)
                + QStringLiteral(" FROM users WHERE id = ?"),
            {id}))
        return readError(QStringLiteral("users (by id)"), q.lastError());
    if (q.next())
        return std::optional<User>(userFrom(q));
    if (q.lastError().isValid())
        return readError(QStringLiteral("users (by id)"), q.lastError());
    return std::optional<User>();
}

Result<std::optional<User>> SqliteRepository::userByTokenHash(const QByteArray &tokenHash)
{
    if (tokenHash.isEmpty())
        return std::optional<User>();
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("SELECT ") + QLatin1String(kUserFields)
                + QStringLiteral(" FROM users WHERE token_hash = ?"),
            {tokenHash}))
        return readError(QStringLiteral("users (by token)"), q.lastError());
    if (q.next())
        return std::optional<User>(userFrom(q));
    if (q.lastError().isValid())
        return readError(QStringLiteral("users (by token)"), q.lastError());
    return std::optional<User>();
}

Result<QList<User>> SqliteRepository::users()
{
    QList<User> result;
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT ") + QLatin1String(kUserFields) + QStringLiteral(" FROM users ORDER BY id")))
        return readError(QStringLiteral("users"), q.lastError());
    while (q.next())
        result << userFrom(q);
    if (q.lastError().isValid())
        return readError(QStringLiteral("users"), q.lastError());
    return result;
}

Status SqliteRepository::deposit(const QString &userId, qint64 amount, const QString &currency)
{
    if (amount <= 0)
        return makeError(ErrorCode::BadRequest, QStringLiteral("a deposit must be greater than 0"));
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const auto user = userById(userId);
    if (!user)
        return user.error();
    if (!user->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("user %1 not found").arg(userId));
    // A balance is a plain sum: mixing currencies in one account would make it meaningless.
    if (currency != (*user)->currency)
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("currency must be %1, the account's currency").arg((*user)->currency));
    LedgerEntry entry;
    entry.userId = userId;
    entry.amount = amount;
    entry.currency = currency;
    entry.kind = LedgerKind::Deposit;
    entry.createdAt = QDateTime::currentDateTimeUtc();
    return insertLedger(db, entry);
}

Result<qint64> SqliteRepository::balance(const QString &userId)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE user_id = ?"), {userId})
        || !q.next())
        return readError(QStringLiteral("the balance of %1").arg(userId), q.lastError());
    return q.value(0).toLongLong();
}

// --- notification preferences

Result<std::optional<NotificationPreferences>> SqliteRepository::notificationPreferences(const QString &userId)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT preferences FROM notification_preferences WHERE user_id = ?"), {userId}))
        return readError(QStringLiteral("notification preferences"), q.lastError());
    if (!q.next()) {
        if (q.lastError().isValid())
            return readError(QStringLiteral("notification preferences"), q.lastError());
        return std::optional<NotificationPreferences>();
    }
    const auto object = json::parseObject(q.value(0).toByteArray());
    const auto decoded = object ? json::decodeNotificationPreferences(*object)
                                : Result<NotificationPreferences>(object.error());
    if (!decoded) // a row this build cannot read is a fault, not "no preferences"
        return makeError(ErrorCode::Internal,
            QStringLiteral("notification preferences of %1 are unreadable: %2").arg(userId, decoded.error().message));
    return std::optional<NotificationPreferences>(*decoded);
}

Status SqliteRepository::setNotificationPreferences(const QString &userId, const NotificationPreferences &preferences)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    // The user must exist: an upsert into a table with a foreign key would otherwise depend on PRAGMA
    // foreign_keys, and a missing user must read as NotFound on every backend.
    const auto user = userById(userId);
    if (!user)
        return user.error();
    if (!user->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("user %1 not found").arg(userId));
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("INSERT INTO notification_preferences (user_id, preferences, updated_at) VALUES (?, ?, ?)"
                           " ON CONFLICT(user_id) DO UPDATE SET preferences = excluded.preferences,"
                           " updated_at = excluded.updated_at"),
            {userId, compactJson(json::encode(preferences)), QDateTime::currentMSecsSinceEpoch()}))
        return storageError(QStringLiteral("cannot store the notification preferences of %1").arg(userId), q.lastError());
    return Ok{};
}

// --- bets

Result<std::optional<Bet>> SqliteRepository::betById(const QString &id)
{
    const auto rowId = parseId(id);
    if (!rowId)
        return std::optional<Bet>();
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("SELECT id, ") + QLatin1String(kBetFields)
                + QStringLiteral(" FROM bets WHERE id = ?"),
            {*rowId}))
        return readError(QStringLiteral("bet %1").arg(id), q.lastError());
    if (q.next())
        return std::optional<Bet>(betFrom(q));
    if (q.lastError().isValid())
        return readError(QStringLiteral("bet %1").arg(id), q.lastError());
    return std::optional<Bet>();
}

Result<QList<Bet>> SqliteRepository::bets(const BetQuery &query)
{
    QList<Bet> result;
    const int limit = qMin(query.limit, kMaxRows);
    if (limit <= 0)
        return result;
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, betsStatement(query, limit)))
        return readError(QStringLiteral("bets"), q.lastError());
    while (q.next())
        result << betFrom(q);
    if (q.lastError().isValid())
        return readError(QStringLiteral("bets"), q.lastError());
    return result;
}

QStringList SqliteRepository::explainBets(const BetQuery &query) const
{
    return explain(database(), betsStatement(query, qBound(0, query.limit, kMaxRows)));
}

Result<Transition> SqliteRepository::commit(const Transition &transition, const QList<OutboxMessage> &outbox,
    const std::optional<IdempotencyKey> &idempotency)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    const bool isNew = transition.before.id.isEmpty();
    std::optional<qint64> existingId;
    if (!isNew) {
        existingId = parseId(transition.before.id);
        if (!existingId)
            return makeError(
                ErrorCode::NotFound, QStringLiteral("bet %1 not found").arg(transition.before.id));
        if (transition.after.id != transition.before.id)
            return makeError(ErrorCode::Internal,
                QStringLiteral("a transition may not change the id of bet %1").arg(transition.before.id));
    }

    return inWriteTransaction<Transition>(
        db, QStringLiteral("cannot save the bet"), [&]() -> Result<Transition> {
            Transition out = transition;
            // Inside the transaction: the write lock is held, so no other writer can spend the same money.
            if (transition.requiredBalance > 0) {
                const auto held = ledgerSum(db, transition.after.userId);
                if (!held)
                    return held.error();
                if (*held < transition.requiredBalance)
                    return makeError(ErrorCode::InsufficientFunds,
                        QStringLiteral("balance %1 is less than the stake %2")
                            .arg(formatMoney(*held, transition.after.currency),
                                formatMoney(transition.requiredBalance, transition.after.currency)));
            }

            QSqlQuery q(db);
            if (isNew) {
                const QString sql = QStringLiteral("INSERT INTO bets (") + QLatin1String(kBetFields)
                    + QStringLiteral(
                        ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                if (!run(q, sql, betValues(transition.after)))
                    return storageError(QStringLiteral("cannot save the new bet"), q.lastError());
                out.after.id = QString::number(q.lastInsertId().toLongLong());
            } else {
                QString sql = QStringLiteral("UPDATE bets SET ") + QLatin1String(kBetFields).toString();
                sql.replace(QLatin1String(", "), QLatin1String(" = ?, "));
                sql += QStringLiteral(" = ? WHERE id = ? AND version = ?");
                QVariantList values = betValues(transition.after);
                values << *existingId << transition.before.version;
                if (!run(q, sql, values))
                    return storageError(
                        QStringLiteral("cannot save bet %1").arg(transition.before.id), q.lastError());
                if (q.numRowsAffected() == 0) {
                    const auto current = betById(transition.before.id);
                    if (!current)
                        return current.error();
                    if (!current->has_value())
                        return makeError(ErrorCode::NotFound,
                            QStringLiteral("bet %1 not found").arg(transition.before.id));
                    return makeError(ErrorCode::Conflict,
                        QStringLiteral("bet %1 was changed by someone else; reload and try again")
                            .arg(transition.before.id));
                }
            }
            const QString betId = out.after.id;
            const QDateTime when = transition.after.updatedAt.isValid() ? transition.after.updatedAt
                                                                        : QDateTime::currentDateTimeUtc();

            for (LedgerEntry &entry : out.ledger) {
                entry.betId = betId; // every entry of a bet's transition is that bet's money
                if (!entry.createdAt.isValid())
                    entry.createdAt = when;
                if (const auto written = insertLedger(db, entry); !written)
                    return written.error();
            }

            BetEvent &event = out.event;
            event.betId = betId;
            event.data.insert(QStringLiteral("bet_id"), betId);
            if (event.userId.isEmpty())
                event.userId = transition.after.userId;
            if (!event.timestamp.isValid())
                event.timestamp = when;
            if (!run(q,
                    QStringLiteral(
                        "INSERT INTO events (type, bet_id, user_id, data, timestamp) VALUES (?, ?, ?, ?, ?)"),
                    {eventTypeName(event.type), idOrNull(betId), event.userId, compactJson(event.data),
                        event.timestamp.toMSecsSinceEpoch()}))
                return storageError(
                    QStringLiteral("cannot append the event of bet %1").arg(betId), q.lastError());
            event.seq = q.lastInsertId().toLongLong();
            // The bet remembers which event set its outcome; a later correction names it (supersedes_seq).
            if (transition.recordsOutcome) {
                if (!run(q, QStringLiteral("UPDATE bets SET outcome_seq = ? WHERE id = ?"),
                        {event.seq, idOrNull(betId)}))
                    return storageError(
                        QStringLiteral("cannot record the outcome event of bet %1").arg(betId), q.lastError());
                out.after.outcomeSeq = event.seq;
            }

            for (const OutboxMessage &message : outbox) {
                // A message without a time is due from its event on: the worker's clock decides the rest.
                const QDateTime due
                    = message.nextAttemptAt.isValid() ? message.nextAttemptAt : event.timestamp;
                if (!run(q,
                        QStringLiteral(
                            "INSERT INTO outbox (kind, recipient, user_id, bet_id, event_seq, payload,"
                            " attempts, next_attempt_at, state, last_error, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', '', ?)"),
                        {message.kind, message.recipient,
                            message.userId.isEmpty() ? event.userId : message.userId,
                            idOrNull(message.betId.isEmpty() ? betId : message.betId), event.seq,
                            compactJson(message.payload), message.attempts, due.toMSecsSinceEpoch(),
                            event.timestamp.toMSecsSinceEpoch()}))
                    return storageError(
                        QStringLiteral("cannot queue the %1 email").arg(message.kind), q.lastError());
            }

            // Last, with every id and the seq known: the answer a retry will get, committed with the change.
            if (idempotency) {
                // The same bytes the live answer has: both are json::encode of the committed bet.
                const StoredResponse answer{idempotency->successStatus, json::toBytes(json::encode(out.after))};
                if (!run(q,
                        QStringLiteral(
                            "INSERT INTO idempotency (user_id, key, request_hash, status, body, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?)"),
                        {idempotency->userId, idempotency->key, idempotency->requestHash, answer.status,
                            answer.body, QDateTime::currentMSecsSinceEpoch()})) {
                    const QSqlError error = q.lastError();
                    // Taken since the caller looked (a concurrent request with the same key): this one must
                    // not change anything a second time. Any other constraint (a trigger) is a plain failure.
                    QSqlQuery taken(db);
                    if (sqliteCode(error) == kSqliteConstraint
                        && run(taken,
                            QStringLiteral("SELECT 1 FROM idempotency WHERE user_id = ? AND key = ?"),
                            {idempotency->userId, idempotency->key})
                        && taken.next())
                        return makeError(ErrorCode::Conflict,
                            QStringLiteral("idempotency key %1 was used by a concurrent request")
                                .arg(idempotency->key));
                    return storageError(QStringLiteral("cannot store the response for idempotency key %1")
                                            .arg(idempotency->key),
                        error);
                }
            }
            return out;
        });
}

// --- event log

Result<QList<BetEvent>> SqliteRepository::events(const EventQuery &query)
{
    QList<BetEvent> result;
    const int limit = qMin(query.limit, kMaxRows);
    if (limit <= 0)
        return result;
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, eventsStatement(query, limit)))
        return readError(QStringLiteral("the event log (events)"), q.lastError());
    while (q.next())
        result << eventFrom(q);
    // A step that fails mid-way ends next() early: the rows so far would look like the end of the log.
    if (q.lastError().isValid())
        return readError(QStringLiteral("the event log (events)"), q.lastError());
    if (query.newest) // fetched newest first to take the last `limit`; callers always get ascending seq
        std::reverse(result.begin(), result.end());
    return result;
}

QStringList SqliteRepository::explainEvents(const EventQuery &query) const
{
    return explain(database(), eventsStatement(query, qBound(0, query.limit, kMaxRows)));
}

Result<QList<BetEvent>> SqliteRepository::eventsForBet(const QString &betId)
{
    QList<BetEvent> result;
    const auto rowId = parseId(betId);
    if (!rowId)
        return result;
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("SELECT ") + QLatin1String(kEventFields)
                + QStringLiteral(" FROM events WHERE bet_id = ? ORDER BY seq"),
            {*rowId}))
        return readError(QStringLiteral("the event log (eventsForBet)"), q.lastError());
    while (q.next())
        result << eventFrom(q);
    if (q.lastError().isValid())
        return readError(QStringLiteral("the event log (eventsForBet)"), q.lastError());
    return result;
}

Result<qint64> SqliteRepository::lastSeq()
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    // From AUTOINCREMENT's own counter, not MAX(seq): after pruning every event the log is empty but the
    // last seq handed out still stands, and clients resume from it.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'events'")))
        return readError(QStringLiteral("the event log (lastSeq)"), q.lastError());
    if (q.next())
        return q.value(0).toLongLong();
    if (q.lastError().isValid())
        return readError(QStringLiteral("the event log (lastSeq)"), q.lastError());
    return qint64(0); // no event was ever appended
}

Result<qint64> SqliteRepository::firstRetainedSeq()
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MIN(seq), 0) FROM events")) || !q.next())
        return readError(QStringLiteral("the event log (firstRetainedSeq)"), q.lastError());
    return q.value(0).toLongLong();
}

Result<int> SqliteRepository::pruneEvents(qint64 upToSeq)
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

// --- idempotency

Result<std::optional<IdempotentAnswer>> SqliteRepository::idempotentAnswer(const QString &userId, const QString &key)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT request_hash, status, body FROM idempotency WHERE user_id = ? AND key = ?"),
            {userId, key}))
        return readError(QStringLiteral("idempotency keys"), q.lastError());
    if (q.next())
        return std::optional<IdempotentAnswer>(IdempotentAnswer{
            q.value(0).toString(), StoredResponse{q.value(1).toInt(), q.value(2).toByteArray()}});
    if (q.lastError().isValid())
        return readError(QStringLiteral("idempotency keys"), q.lastError());
    return std::optional<IdempotentAnswer>();
}

Status SqliteRepository::storeIdempotentAnswer(
    const QString &userId, const QString &key, const IdempotentAnswer &answer)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (run(q,
            QStringLiteral("INSERT INTO idempotency (user_id, key, request_hash, status, body, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)"),
            {userId, key, answer.requestHash, answer.response.status, answer.response.body,
                QDateTime::currentMSecsSinceEpoch()}))
        return Ok{};
    if (sqliteCode(q.lastError()) != kSqliteConstraint)
        return storageError(
            QStringLiteral("cannot store the response for idempotency key %1").arg(key), q.lastError());
    // The key is taken: the first stored answer stays (a retry must see what the first attempt saw).
    const auto stored = idempotentAnswer(userId, key);
    if (!stored)
        return stored.error();
    if (stored->has_value() && (*stored)->requestHash == answer.requestHash)
        return Ok{};
    return makeError(ErrorCode::Conflict,
        QStringLiteral("idempotency key %1 was already used for a different request").arg(key));
}

// --- outbox

Result<QList<OutboxMessage>> SqliteRepository::dueOutbox(const QDateTime &now, int limit)
{
    QList<OutboxMessage> result;
    limit = qMin(limit, kMaxRows);
    if (limit <= 0)
        return result;
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("SELECT ") + QLatin1String(kOutboxFields)
                + QStringLiteral(
                    " FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?"),
            {msOrNow(now), limit}))
        return readError(QStringLiteral("the outbox"), q.lastError());
    while (q.next())
        result << outboxFrom(q);
    if (q.lastError().isValid())
        return readError(QStringLiteral("the outbox"), q.lastError());
    return result;
}

Status SqliteRepository::markOutboxSent(qint64 id, const QDateTime &now)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("UPDATE outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ?"),
            {msOrNow(now), id}))
        return storageError(QStringLiteral("cannot mark email %1 sent").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("outbox message %1 not found").arg(id));
    return Ok{};
}

Status SqliteRepository::markOutboxRetry(
    qint64 id, int attempts, const QDateTime &nextAttemptAt, const QString &error)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral(
                "UPDATE outbox SET state = 'pending', attempts = ?, next_attempt_at = ?, last_error = ?"
                " WHERE id = ?"),
            {attempts, msOrNow(nextAttemptAt), error, id}))
        return storageError(QStringLiteral("cannot reschedule email %1").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("outbox message %1 not found").arg(id));
    return Ok{};
}

Status SqliteRepository::markOutboxFailed(qint64 id, int attempts, const QString &error)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q,
            QStringLiteral("UPDATE outbox SET state = 'failed', attempts = ?, last_error = ? WHERE id = ?"),
            {attempts, error, id}))
        return storageError(QStringLiteral("cannot mark email %1 failed").arg(id), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("outbox message %1 not found").arg(id));
    return Ok{};
}

Result<int> SqliteRepository::outboxCount(const QString &state)
{
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    const bool ok = state.isEmpty()
        ? q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox"))
        : run(q, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = ?"), {state});
    if (!ok || !q.next())
        return readError(QStringLiteral("the outbox count"), q.lastError());
    return q.value(0).toInt();
}

} // namespace betthat::server
