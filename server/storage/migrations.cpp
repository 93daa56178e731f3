// Schema (version 5; version 2 added bets.dispute_deadline, version 3 the settlement terms below, version 4
// the webhook tables, version 5 notification_preferences). Times are INTEGER milliseconds since the epoch, UTC (BIGINT on PostgreSQL): compact,
// index-friendly, no time zone parsing. Money is INTEGER minor units. Ids of bets are INTEGER rowids, shown
// as decimal strings everywhere outside this folder.
//
// schema_version(version INTEGER PK, applied_at)   one row per applied migration; the schema is MAX(version).
// users(id TEXT PK, display_name, email, role, email_notifications, currency, token_hash BLOB UNIQUE NULL,
//       created_at)                                 token_hash is SHA-256 of the token; NULL = no token.
// bets(id INTEGER PK AUTOINCREMENT, user_id -> users, event_name, market, selection, odds, stake,
//      potential_return, currency, status, result NULL, payout, resolution_notes, resolution_source,
//      resolved_by NULL, resolved_at NULL, created_at, updated_at,
//      dispute_state NULL (NULL = never disputed), dispute_reason, dispute_raised_at, dispute_decision_notes,
//      dispute_decided_by, dispute_decided_at, version, dispute_deadline NULL (NULL = not disputable),
//      void_factor NULL, dead_heat_factor NULL (x10000; NULL = not applied), deduction NULL (pence per pound),
//      certainty NULL (provisional | confirmed; NULL while there is no outcome), outcome_seq NULL (the event
//      that set the current outcome), cancelled_from NULL (JSON of the outcome a cancel by time window voided))
//      AUTOINCREMENT so that an id is never handed out twice, even after the newest bet was rolled back.
// ledger(id INTEGER PK AUTOINCREMENT, user_id -> users, bet_id NULL -> bets, amount (signed), currency, kind,
//        created_at)                                append-only; a balance is SUM(amount) per user.
// events(seq INTEGER PK AUTOINCREMENT, type, bet_id -> bets, user_id, data (compact JSON text), timestamp)
//        AUTOINCREMENT: a seq is never reused, even after pruning emptied the table (clients resume by seq).
// idempotency(user_id, key, request_hash, status, body BLOB, created_at, PK (user_id, key))
// outbox(id INTEGER PK AUTOINCREMENT, kind, recipient, user_id, bet_id NULL, event_seq NULL, payload (JSON),
//        attempts, next_attempt_at, state pending|sent|failed, last_error, created_at, sent_at NULL)
//        event_seq has no foreign key on purpose: events are pruned, unsent mail must not go with them.
// webhooks(id INTEGER PK AUTOINCREMENT, url, event_types JSON, user_ids JSON, secret, enabled, cursor_seq,
//          consecutive_failures, last_status, last_error, last_attempt_at NULL, next_attempt_at NULL,
//          disabled_reason, created_at)           cursor_seq: last event done for this endpoint (no FK: pruning)
// webhook_deliveries(id INTEGER PK AUTOINCREMENT, webhook_id -> webhooks ON DELETE CASCADE, seq, at, status,
//          latency_ms, error)                     the recent attempts, bounded per endpoint
// notification_preferences(user_id TEXT PK -> users, preferences (JSON, common/notificationpreferences.h),
//        updated_at)                            no row: the defaults.
//
// Indexes follow the hot queries: the update feed (events by seq, optionally per user; by timestamp; by bet),
// the bet list (each filter ordered by updated_at DESC, id DESC for keyset pages), balances (ledger by user)
// and the outbox worker (pending by next_attempt_at).

#include "migrations.h"

#include "server/logcategories.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace betthat::server {

namespace {

Error sqlFailure(const QString &what, const QSqlError &error)
{
    return makeError(ErrorCode::Internal, QStringLiteral("%1: %2").arg(what, error.text()));
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

QStringList Migrations::statementsFor(int version)
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
                           " token_hash BLOB UNIQUE,"
                           " created_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE bets ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " user_id TEXT NOT NULL REFERENCES users(id),"
                           " event_name TEXT NOT NULL,"
                           " market TEXT NOT NULL,"
                           " selection TEXT NOT NULL,"
                           " odds INTEGER NOT NULL,"
                           " stake INTEGER NOT NULL,"
                           " potential_return INTEGER NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " result TEXT,"
                           " payout INTEGER NOT NULL DEFAULT 0,"
                           " resolution_notes TEXT NOT NULL DEFAULT '',"
                           " resolution_source TEXT NOT NULL DEFAULT '',"
                           " resolved_by TEXT,"
                           " resolved_at INTEGER,"
                           " created_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL,"
                           " dispute_state TEXT,"
                           " dispute_reason TEXT,"
                           " dispute_raised_at INTEGER,"
                           " dispute_decision_notes TEXT,"
                           " dispute_decided_by TEXT,"
                           " dispute_decided_at INTEGER,"
                           " version INTEGER NOT NULL)"),
            // The bet list: every filter is an equality followed by the keyset order (updated_at, id).
            QStringLiteral("CREATE INDEX bets_updated ON bets(updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_user_updated ON bets(user_id, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_status_updated ON bets(status, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_result_updated ON bets(result, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_market_updated ON bets(market, updated_at, id)"),
            QStringLiteral("CREATE INDEX bets_event_updated ON bets(event_name, updated_at, id)"),
            QStringLiteral("CREATE TABLE ledger ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " user_id TEXT NOT NULL REFERENCES users(id),"
                           " bet_id INTEGER REFERENCES bets(id),"
                           " amount INTEGER NOT NULL,"
                           " currency TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " created_at INTEGER NOT NULL)"),
            // Covering: a balance is summed from the index alone.
            QStringLiteral("CREATE INDEX ledger_user_amount ON ledger(user_id, amount)"),
            QStringLiteral("CREATE INDEX ledger_bet ON ledger(bet_id)"),
            QStringLiteral("CREATE TABLE events ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " type TEXT NOT NULL,"
                           " bet_id INTEGER NOT NULL REFERENCES bets(id),"
                           " user_id TEXT NOT NULL,"
                           " data TEXT NOT NULL,"
                           " timestamp INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX events_user_seq ON events(user_id, seq)"),
            QStringLiteral("CREATE INDEX events_timestamp ON events(timestamp)"),
            QStringLiteral("CREATE INDEX events_bet ON events(bet_id, seq)"),
            QStringLiteral("CREATE TABLE idempotency ("
                           " user_id TEXT NOT NULL,"
                           " key TEXT NOT NULL,"
                           " request_hash TEXT NOT NULL,"
                           " status INTEGER NOT NULL,"
                           " body BLOB NOT NULL,"
                           " created_at INTEGER NOT NULL,"
                           " PRIMARY KEY (user_id, key))"),
            QStringLiteral("CREATE INDEX idempotency_created ON idempotency(created_at)"),
            QStringLiteral(
                "CREATE TABLE outbox ("
                " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " kind TEXT NOT NULL,"
                " recipient TEXT NOT NULL,"
                " user_id TEXT NOT NULL,"
                " bet_id INTEGER,"
                " event_seq INTEGER,"
                " payload TEXT NOT NULL,"
                " attempts INTEGER NOT NULL DEFAULT 0,"
                " next_attempt_at INTEGER NOT NULL,"
                " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),"
                " last_error TEXT NOT NULL DEFAULT '',"
                " created_at INTEGER NOT NULL,"
                " sent_at INTEGER)"),
            QStringLiteral("CREATE INDEX outbox_due ON outbox(state, next_attempt_at)"),
        };
    case 2:
        // The server's dispute window travels with the bet (dispute_deadline, NULL = not disputable), so clients
        // stop guessing it. Bets resolved before this column existed were judged by the old default of 7 days.
        return {
            QStringLiteral("ALTER TABLE bets ADD COLUMN dispute_deadline INTEGER"),
            QStringLiteral("UPDATE bets SET dispute_deadline = resolved_at + 604800000"
                           " WHERE status IN ('settled', 'voided') AND dispute_state IS NULL"
                           " AND resolved_at IS NOT NULL"),
        };
    case 3:
        // Settlement as sportsbooks do it: factors, Rule 4, provisional results and corrections. Every outcome
        // that exists already was final (confirmed); its outcome event is the bet's last bet_resolved event,
        // which a later correction names as superseded.
        return {
            QStringLiteral("ALTER TABLE bets ADD COLUMN void_factor INTEGER"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN dead_heat_factor INTEGER"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN deduction INTEGER"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN certainty TEXT"
                           " CHECK (certainty IS NULL OR certainty IN ('provisional', 'confirmed'))"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN outcome_seq INTEGER"),
            QStringLiteral("ALTER TABLE bets ADD COLUMN cancelled_from TEXT"),
            QStringLiteral("UPDATE bets SET certainty = 'confirmed'"
                           " WHERE status IN ('settled', 'voided', 'disputed')"),
            QStringLiteral("UPDATE bets SET outcome_seq = (SELECT MAX(seq) FROM events"
                           " WHERE events.bet_id = bets.id AND events.type = 'bet_resolved')"
                           " WHERE status IN ('settled', 'voided', 'disputed')"),
        };
    case 4:
        // Webhooks (issue 16). The event log is their outbox: an endpoint keeps the seq it has delivered up to
        // (cursor_seq) and the worker reads events after it, so commits write nothing for webhooks.
        // event_types and user_ids are JSON arrays of names (user_ids '[]': every user). The secret is
        // stored as given ("whsec_..."): the worker needs it to sign, so it cannot be hashed.
        // webhook_deliveries keeps the recent attempts per endpoint (bounded by the worker) for the API.
        return {
            QStringLiteral("CREATE TABLE webhooks ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " url TEXT NOT NULL,"
                           " event_types TEXT NOT NULL,"
                           " user_ids TEXT NOT NULL DEFAULT '[]',"
                           " secret TEXT NOT NULL,"
                           " enabled INTEGER NOT NULL DEFAULT 1,"
                           " cursor_seq INTEGER NOT NULL DEFAULT 0,"
                           " consecutive_failures INTEGER NOT NULL DEFAULT 0,"
                           " last_status INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT NOT NULL DEFAULT '',"
                           " last_attempt_at INTEGER,"
                           " next_attempt_at INTEGER,"
                           " disabled_reason TEXT NOT NULL DEFAULT '',"
                           " created_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE webhook_deliveries ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " webhook_id INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,"
                           " seq INTEGER NOT NULL,"
                           " at INTEGER NOT NULL,"
                           " status INTEGER NOT NULL,"
                           " latency_ms INTEGER NOT NULL,"
                           " error TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id)"),
        };
    case 5:
        // Notification preferences (issue 16). One row per user who saved any; no row = the defaults. The
        // preferences are one JSON object in common's codec: they are read and written whole, never queried.
        return {
            QStringLiteral("CREATE TABLE notification_preferences ("
                           " user_id TEXT PRIMARY KEY REFERENCES users(id),"
                           " preferences TEXT NOT NULL,"
                           " updated_at INTEGER NOT NULL)"),
        };
    default:
        break;
    }
    return {};
}

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")))
        return sqlFailure(
            QStringLiteral("cannot read the schema of %1").arg(db.databaseName()), q.lastError());
    if (!q.next() || q.value(0).toInt() == 0)
        return 0;
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
        return sqlFailure(QStringLiteral("cannot read the schema version"), q.lastError());
    return q.value(0).toInt();
}

Status Migrations::checkNotNewer(QSqlDatabase &db)
{
    const auto version = currentVersion(db);
    if (!version)
        return version.error();
    if (*version > kLatestVersion)
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("database schema version %1 is newer than this build supports (%2); "
                           "upgrade Bet That")
                .arg(*version)
                .arg(kLatestVersion));
    return Ok{};
}

Status Migrations::migrate(QSqlDatabase &db)
{
    if (const auto check = checkNotNewer(db); !check)
        return check;
    if (const auto version = currentVersion(db); version && *version == kLatestVersion)
        return Ok{};

    // The write lock up front: another process opening the same file at the same moment waits, then sees
    // the migrated schema when it re-reads the version below.
    if (const auto begun = exec(db, QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return makeError(ErrorCode::Unavailable, begun.error().message);
    const auto fail = [&db](const Error &error) -> Status {
        QSqlQuery rollback(db);
        rollback.exec(QStringLiteral("ROLLBACK"));
        qCWarning(lcMigrations).noquote() << "migration rolled back:" << error.message;
        return error;
    };

    if (const auto created = exec(db,
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version ("
                           " version INTEGER PRIMARY KEY,"
                           " applied_at INTEGER NOT NULL)"));
        !created)
        return fail(created.error());
    const auto version = currentVersion(db);
    if (!version)
        return fail(version.error());
    if (*version > kLatestVersion) // another build migrated it between our check and our lock
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
