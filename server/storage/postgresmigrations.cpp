// The PostgreSQL schema, version for version the SQLite one (migrations.cpp says what each column means).
// Differences, and why:
// - Times and money are BIGINT (SQLite's INTEGER is 64-bit already): the same milliseconds since the epoch, UTC,
//   and minor units, so row mapping is shared and nothing converts time zones.
// - Row ids are BIGSERIAL: gaps after a rollback do not matter for bets, ledger, outbox and webhooks.
// - events.seq is NOT a sequence. It comes from the single row of event_counter, incremented in the event's own
//   transaction (SqlRepository::commit): the row lock makes commits that append events serialise in seq order,
//   so a reader following the log never sees seq n+1 before n is committed. A sequence hands out numbers at
//   insert, transactions commit in any order, and a reader that saw 11 moves its cursor past a 10 that is still
//   to come. event_counter also answers lastSeq() after pruning has emptied the log.
// - Flags stay INTEGER 0/1 and JSON stays TEXT: the shared statements compare and bind them as on SQLite.
// - Blobs (token hashes, stored answers) are BYTEA.

#include "postgresmigrations.h"

#include "server/logcategories.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace betthat::server {

namespace {

// Any number: the key of the advisory lock concurrent migrators of one database queue on.
constexpr qint64 kMigrationLockKey = 0x62657474686174; // "betthat"

Error sqlFailure(const QString &what, const QSqlError &error)
{
    return makeError(ErrorCode::Unavailable, QStringLiteral("%1: %2").arg(what, error.text()));
}

Status exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return sqlFailure(
            QStringLiteral("migration statement failed (%1)").arg(sql.simplified().left(80)), q.lastError());
    return Ok{};
}

} // namespace

QStringList PostgresMigrations::statementsFor(int version)
{
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE users ("
                           " id TEXT PRIMARY KEY,"
                           " display_name TEXT NOT NULL,"
                           " email TEXT NOT NULL DEFAULT '',"
                           " role TEXT NOT NULL CHECK (role IN ('bettor', 'operator')),"
                           " email_notifications INTEGER NOT NULL DEFAULT 1,"
                           " currency TEXT NOT NULL,"
                           " token_hash BYTEA UNIQUE,"
                           " created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE bets ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " user_id TEXT NOT NULL REFERENCES users(id),"
                           " event_name TEXT NOT NULL,"
                           " market TEXT NOT NULL,"
                           " selection TEXT NOT NULL,"
                           " odds BIGINT NOT NULL,"
                           " stake BIGINT NOT NULL,"
                           " potential_return BIGINT NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " result TEXT,"
                           " payout BIGINT NOT NULL DEFAULT 0,"
                           " resolution_notes TEXT NOT NULL DEFAULT '',"
                           " resolution_source TEXT NOT NULL DEFAULT '',"
                           " resolved_by TEXT,"
                           " resolved_at BIGINT,"
                           " created_at BIGINT NOT NULL,"
                           " updated_at BIGINT NOT NULL,"
                           " dispute_state TEXT,"
                           " dispute_reason TEXT,"
                           " dispute_raised_at BIGINT,"
                           " dispute_decision_notes TEXT,"
                           " dispute_decided_by TEXT,"
                           " dispute_decided_at BIGINT,"
                           " version BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX bets_updated ON bets(updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_user_updated ON bets(user_id, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_status_updated ON bets(status, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_result_updated ON bets(result, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_market_updated ON bets(market, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_event_updated ON bets(event_name, updated_at, id)"),
            QStringLiteral("CREATE TABLE ledger ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " user_id TEXT NOT NULL REFERENCES users(id),"
                           " bet_id BIGINT REFERENCES bets(id),"
                           " amount BIGINT NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX ledger_user_amount ON ledger(user_id, amount)"),
            QStringLiteral("CREATE INDEX ledger_bet ON ledger(bet_id)"),
            QStringLiteral("CREATE TABLE event_counter ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " seq BIGINT NOT NULL)"),
            QStringLiteral("INSERT INTO event_counter (id, seq) VALUES (1, 0)"),
            QStringLiteral("CREATE TABLE events ("
                           " seq BIGINT PRIMARY KEY,"
                           " type TEXT NOT NULL,"
                           " bet_id BIGINT NOT NULL REFERENCES bets(id),"
                           " user_id TEXT NOT NULL,"
                           " data TEXT NOT NULL,"
                           " timestamp BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX events_user_seq ON events(user_id, seq)"),
            QStringLiteral("CREATE INDEX events_timestamp ON events(timestamp)"),
            QStringLiteral("CREATE INDEX events_bet ON events(bet_id, seq)"),
            QStringLiteral("CREATE TABLE idempotency ("
                           " user_id TEXT NOT NULL,"
                           " key TEXT NOT NULL,"
                           " request_hash TEXT NOT NULL,"
                           " status INTEGER NOT NULL,"
                           " body BYTEA NOT NULL,"
                           " created_at BIGINT NOT NULL,"
                           " PRIMARY KEY (user_id, key))"),
            QStringLiteral("CREATE INDEX idempotency_created ON idempotency(created_at)"),
            QStringLiteral(
                "CREATE TABLE outbox ("
                " id BIGSERIAL PRIMARY KEY,"
                " kind TEXT NOT NULL,"
                " recipient TEXT NOT NULL,"
                " user_id TEXT NOT NULL,"
                " bet_id BIGINT,"
                " event_seq BIGINT,"
                " payload TEXT NOT NULL,"
                " attempts INTEGER NOT NULL DEFAULT 0,"
                " next_attempt_at BIGINT NOT NULL,"
                " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),"
                " last_error TEXT NOT NULL DEFAULT '',"
                " created_at BIGINT NOT NULL,"
                " sent_at BIGINT)"),
            QStringLiteral("CREATE INDEX outbox_due ON outbox(state, next_attempt_at)"),
        };
    case 2:
        return {
            QStringLiteral("ALTER TABLE bets ADD COLUMN dispute_deadline BIGINT"),
            QStringLiteral("UPDATE bets SET dispute_deadline = resolved_at + 604800000"
                           " WHERE status IN ('settled', 'voided') AND dispute_state IS NULL"
                           " AND resolved_at IS NOT NULL"),
        };
    case 3:
        return {
            QStringLiteral("ALTER TABLE bets ADD COLUMN void_factor BIGINT"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN dead_heat_factor BIGINT"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN deduction INTEGER"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN certainty TEXT"
                           " CHECK (certainty IS NULL OR certainty IN ('provisional', 'confirmed'))"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN outcome_seq BIGINT"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN cancelled_from TEXT"),
            QStringLiteral("UPDATE bets SET certainty = 'confirmed'"
                           " WHERE status IN ('settled', 'voided', 'disputed')"),
            QStringLiteral("UPDATE bets SET outcome_seq = (SELECT MAX(seq) FROM events"
                           " WHERE events.bet_id = bets.id AND events.type = 'bet_resolved')"
                           " WHERE status IN ('settled', 'voided', 'disputed')"),
        };
    case 4:
        return {
            QStringLiteral("CREATE TABLE webhooks ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " url TEXT NOT NULL,"
                           " event_types TEXT NOT NULL,"
                           " user_ids TEXT NOT NULL DEFAULT '[]',"
                           " secret TEXT NOT NULL,"
                           " enabled INTEGER NOT NULL DEFAULT 1,"
                           " cursor_seq BIGINT NOT NULL DEFAULT 0,"
                           " consecutive_failures INTEGER NOT NULL DEFAULT 0,"
                           " last_status INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT NOT NULL DEFAULT '',"
                           " last_attempt_at BIGINT,"
                           " next_attempt_at BIGINT,"
                           " disabled_reason TEXT NOT NULL DEFAULT '',"
                           " created_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE TABLE webhook_deliveries ("
                           " id BIGSERIAL PRIMARY KEY,"
                           " webhook_id BIGINT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,"
                           " seq BIGINT NOT NULL,"
                           " at BIGINT NOT NULL,"
                           " status INTEGER NOT NULL,"
                           " latency_ms BIGINT NOT NULL,"
                           " error TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id)"),
        };
    case 5:
        return {
            QStringLiteral("CREATE TABLE notification_preferences ("
                           " user_id TEXT PRIMARY KEY REFERENCES users(id),"
                           " preferences TEXT NOT NULL,"
                           " updated_at BIGINT NOT NULL)"),
        };
    default:
        break;
    }
    return {};
}

Result<int> PostgresMigrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    // to_regclass follows the search_path: a schema of its own per test sees only its own tables.
    if (!q.exec(QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL")) || !q.next())
        return sqlFailure(QStringLiteral("cannot read the schema of %1").arg(db.databaseName()), q.lastError());
    if (!q.value(0).toBool())
        return 0;
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
        return sqlFailure(QStringLiteral("cannot read the schema version"), q.lastError());
    return q.value(0).toInt();
}

Status PostgresMigrations::checkNotNewer(QSqlDatabase &db)
{
    const auto version = currentVersion(db);
    if (!version)
        return version.error();
    if (*version > kLatestVersion)
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("database schema version %1 is newer than this build supports (%2); upgrade Bet That")
                .arg(*version)
                .arg(kLatestVersion));
    return Ok{};
}

Status PostgresMigrations::migrate(QSqlDatabase &db)
{
    if (const auto check = checkNotNewer(db); !check)
        return check;
    if (const auto version = currentVersion(db); version && *version == kLatestVersion)
        return Ok{};

    if (const auto begun = exec(db, QStringLiteral("BEGIN")); !begun)
        return begun;
    const auto fail = [&db](const Error &error) -> Status {
        QSqlQuery rollback(db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        qCWarning(lcMigrations).noquote() << "migration rolled back:" << error.message;
        return error;
    };
    // DDL is transactional in PostgreSQL: the whole migration commits or none of it. The advisory lock (held
    // to the end of the transaction) queues a second node migrating the same database at the same moment.
    if (const auto locked
        = exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey));
        !locked)
        return fail(locked.error());
    if (const auto created = exec(db,
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                           " version INTEGER PRIMARY KEY,"
                           " applied_at BIGINT NOT NULL)"));
        !created)
        return fail(created.error());
    const auto version = currentVersion(db);
    if (!version)
        return fail(version.error());
    if (*version > kLatestVersion)
        return fail(checkNotNewer(db).error());

    for (int next = *version + 1; next <= kLatestVersion; ++next) {
        for (const QString &sql : statementsFor(next))
            if (const auto applied = exec(db, sql); !applied)
                return fail(applied.error());
        QSqlQuery record(db);
        record.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
        record.addBindValue(next);
        record.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!record.exec())
            return fail(
                sqlFailure(QStringLiteral("cannot record schema version %1").arg(next), record.lastError()));
        qCInfo(lcMigrations).noquote() << "migrated" << db.databaseName() << "to schema version" << next;
    }
    if (const auto committed = exec(db, QStringLiteral("COMMIT")); !committed)
        return fail(committed.error());
    return Ok{};
}

} // namespace betthat::server
