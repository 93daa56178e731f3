#include "sqlrepository.h"

#include "common/jsoncodec.h"
#include "common/money.h"
#include "server/logcategories.h"
#include "server/storage/migrations.h"
#include "server/storage/postgresmigrations.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>
#include <algorithm>
#include <atomic>

namespace betthat::server {

using namespace sql;

static_assert(SqlRepository::kSchemaVersion == Migrations::kLatestVersion,
    "the repository and its migrations must agree on the schema version");
static_assert(SqlRepository::kSchemaVersion == PostgresMigrations::kLatestVersion,
    "both backends migrate to the same schema version");

namespace {

// Every bet column but id, in the order betValues() binds them.
constexpr char kBetFields[]
    = "user_id, event_name, market, selection, odds, stake, potential_return, currency, "
      "status, result, payout, resolution_notes, resolution_source, resolved_by, "
      "resolved_at, created_at, updated_at, dispute_state, dispute_reason, "
      "dispute_raised_at, dispute_decision_notes, dispute_decided_by, dispute_decided_at, "
      "version, dispute_deadline, void_factor, dead_heat_factor, deduction, certainty, outcome_seq, "
      "cancelled_from";
constexpr char kUserFields[] = "id, display_name, email, role, email_notifications, currency";

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

} // namespace

Statement SqlRepository::betsStatement(const BetQuery &query, int limit)
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

namespace {

Result<qint64> ledgerSum(QSqlDatabase &db, const QString &userId)
{
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger WHERE user_id = ?"), {userId})
        || !q.next())
        return storageError(QStringLiteral("cannot read the balance of %1").arg(userId), q.lastError());
    return q.value(0).toLongLong();
}

// PostgreSQL: the user's row, locked until this transaction ends, so that two commits spending the same
// balance check it one after the other (SQLite's database-wide write lock does that already).
Status lockForSpending(QSqlDatabase &db, const QString &userId)
{
    if (!isPostgres(db))
        return Ok{};
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT 1 FROM users WHERE id = ? FOR UPDATE"), {userId}))
        return storageError(QStringLiteral("cannot lock the balance of %1").arg(userId), q.lastError());
    return Ok{};
}

// PostgreSQL: the next seq from the counter row, locked until this transaction ends. SQLite: nullopt, the
// AUTOINCREMENT column assigns it (the whole database is write-locked already).
Result<std::optional<qint64>> allocateEventSeq(QSqlDatabase &db)
{
    if (!isPostgres(db))
        return std::optional<qint64>();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("UPDATE event_counter SET seq = seq + 1 RETURNING seq")) || !q.next())
        return storageError(QStringLiteral("cannot take the next event seq"), q.lastError());
    return std::optional<qint64>(q.value(0).toLongLong());
}

// PostgreSQL: wake every node's listener (PostgresListener) when this transaction commits. One small NOTIFY per
// commit, never one per recipient: NOTIFY takes a database-wide lock at commit. The payload is the seq only;
// listeners read the log after their own cursor, so a lost or merged notification loses nothing.
Status notifyEventCommitted(QSqlDatabase &db, qint64 seq)
{
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT pg_notify('%1', ?)").arg(QLatin1String(kEventChannel)), {QString::number(seq)}))
        return storageError(QStringLiteral("cannot notify the other nodes of seq %1").arg(seq), q.lastError());
    return Ok{};
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

QString SqlRepository::uniqueConnectionName(const QString &purpose)
{
    static std::atomic<int> counter { 0 };
    return QStringLiteral("betthat-%1-%2").arg(purpose).arg(counter.fetch_add(1));
}

SqlRepository::SqlRepository(QString connectionName)
    : m_connectionName(std::move(connectionName))
{ }

SqlRepository::~SqlRepository()
{
    close();
}

QSqlDatabase SqlRepository::database() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.isValid() && !db.isOpen())
        reconnectIfLost(db);
    return db;
}

void SqlRepository::reconnectIfLost(QSqlDatabase &) const { }

void SqlRepository::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        // Every QSqlDatabase copy must be gone before removeDatabase, or Qt warns and keeps the connection.
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

// --- users

Status SqlRepository::addUser(const User &user, const QByteArray &tokenHash)
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
        if (isConstraintViolation(q.lastError())) // a racing insert, or the token hash is taken
            return makeError(
                ErrorCode::Conflict, QStringLiteral("user %1 conflicts with an existing user").arg(user.id));
        return storageError(QStringLiteral("cannot add user %1").arg(user.id), q.lastError());
    }
    return Ok{};
}

Status SqlRepository::setTokenHash(const QString &userId, const QByteArray &tokenHash)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("UPDATE users SET token_hash = ? WHERE id = ?"),
            {tokenHash.isEmpty() ? QVariant() : QVariant(tokenHash), userId})) {
        if (isConstraintViolation(q.lastError()))
            return makeError(ErrorCode::Conflict, QStringLiteral("that token is already in use"));
        return storageError(QStringLiteral("cannot set the token of %1").arg(userId), q.lastError());
    }
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, QStringLiteral("user %1 not found").arg(userId));
    return Ok{};
}

Status SqlRepository::updateUser(const User &user)
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

Result<std::optional<User>> SqlRepository::userById(const QString &id)
{
    return readOne<User>(database(),
        { QStringLiteral("SELECT ") + QLatin1String(kUserFields) + QStringLiteral(" FROM users WHERE id = ?"), { id } },
        QStringLiteral("users (by id)"), userFrom);
}

Result<std::optional<User>> SqlRepository::userByTokenHash(const QByteArray &tokenHash)
{
    if (tokenHash.isEmpty())
        return std::optional<User>();
    return readOne<User>(database(),
        { QStringLiteral("SELECT ") + QLatin1String(kUserFields) + QStringLiteral(" FROM users WHERE token_hash = ?"),
            { tokenHash } },
        QStringLiteral("users (by token)"), userFrom);
}

Result<QList<User>> SqlRepository::users()
{
    return readRows<User>(database(),
        { QStringLiteral("SELECT ") + QLatin1String(kUserFields) + QStringLiteral(" FROM users ORDER BY id"), {} },
        QStringLiteral("users"), userFrom);
}

Status SqlRepository::deposit(const QString &userId, qint64 amount, const QString &currency)
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

Result<qint64> SqlRepository::balance(const QString &userId)
{
    QSqlDatabase db = database();
    if (!db.isOpen())
        return notOpen();
    QSqlQuery q(db);
    if (!run(q, QStringLiteral("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger WHERE user_id = ?"), {userId})
        || !q.next())
        return readError(QStringLiteral("the balance of %1").arg(userId), q.lastError());
    return q.value(0).toLongLong();
}

// --- notification preferences

Result<std::optional<NotificationPreferences>> SqlRepository::notificationPreferences(const QString &userId)
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

Status SqlRepository::setNotificationPreferences(const QString &userId, const NotificationPreferences &preferences)
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

Result<std::optional<Bet>> SqlRepository::betById(const QString &id)
{
    const auto rowId = parseId(id);
    if (!rowId)
        return std::optional<Bet>();
    return readOne<Bet>(database(),
        { QStringLiteral("SELECT id, ") + QLatin1String(kBetFields) + QStringLiteral(" FROM bets WHERE id = ?"),
            { *rowId } },
        QStringLiteral("bet %1").arg(id), betFrom);
}

Result<QList<Bet>> SqlRepository::bets(const BetQuery &query)
{
    const int limit = qMin(query.limit, kMaxRows);
    if (limit <= 0)
        return QList<Bet>();
    return readRows<Bet>(database(), betsStatement(query, limit), QStringLiteral("bets"), betFrom);
}

Result<Transition> SqlRepository::commit(const Transition &transition, const QList<OutboxMessage> &outbox,
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
            // Inside the transaction: the write lock is held (SQLite) or the user's row is (PostgreSQL), so no
            // other writer can spend the same money.
            if (transition.requiredBalance > 0) {
                if (const auto locked = lockForSpending(db, transition.after.userId); !locked)
                    return locked.error();
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
                const auto id = insertReturningId(q, sql, betValues(transition.after));
                if (!id)
                    return storageError(QStringLiteral("cannot save the new bet"), q.lastError());
                out.after.id = QString::number(*id);
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
            // The event's seq, as late as possible. On PostgreSQL this locks the one counter row until
            // COMMIT: commits that append events then happen one after another in seq order, so a reader
            // never sees seq n+1 while n is still uncommitted (a sequence would hand out n+1 to a transaction
            // that may commit first, and a reader's cursor would jump over n for good). Taken last, the lock is
            // held only for the writes that need the seq and the COMMIT; every row this transaction touches
            // from here on is one it locked already, so no deadlock can form around the counter.
            const auto seq = allocateEventSeq(db);
            if (!seq)
                return seq.error();
            if (seq->has_value()) { // PostgreSQL: the seq taken with the counter lock at the start of this transaction
                if (!run(q,
                        QStringLiteral("INSERT INTO events (seq, type, bet_id, user_id, data, timestamp)"
                                       " VALUES (?, ?, ?, ?, ?, ?)"),
                        {**seq, eventTypeName(event.type), idOrNull(betId), event.userId, compactJson(event.data),
                            event.timestamp.toMSecsSinceEpoch()}))
                    return storageError(
                        QStringLiteral("cannot append the event of bet %1").arg(betId), q.lastError());
                event.seq = **seq;
                if (const auto notified = notifyEventCommitted(db, event.seq); !notified)
                    return notified.error();
            } else { // SQLite: AUTOINCREMENT under the database-wide write lock
                if (!run(q,
                        QStringLiteral(
                            "INSERT INTO events (type, bet_id, user_id, data, timestamp) VALUES (?, ?, ?, ?, ?)"),
                        {eventTypeName(event.type), idOrNull(betId), event.userId, compactJson(event.data),
                            event.timestamp.toMSecsSinceEpoch()}))
                    return storageError(
                        QStringLiteral("cannot append the event of bet %1").arg(betId), q.lastError());
                event.seq = q.lastInsertId().toLongLong();
            }
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
                // ON CONFLICT DO NOTHING rather than a failed insert: a failed statement aborts a PostgreSQL
                // transaction, and nothing more could be asked in it.
                if (!run(q,
                        QStringLiteral(
                            "INSERT INTO idempotency (user_id, key, request_hash, status, body, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO NOTHING"),
                        {idempotency->userId, idempotency->key, idempotency->requestHash, answer.status,
                            answer.body, QDateTime::currentMSecsSinceEpoch()}))
                    return storageError(QStringLiteral("cannot store the response for idempotency key %1")
                                            .arg(idempotency->key),
                        q.lastError());
                // Taken since the caller looked (a concurrent request with the same key): this one must not
                // change anything a second time.
                if (q.numRowsAffected() == 0)
                    return makeError(ErrorCode::Conflict,
                        QStringLiteral("idempotency key %1 was used by a concurrent request").arg(idempotency->key));
            }
            return out;
        });
}

} // namespace betthat::server
