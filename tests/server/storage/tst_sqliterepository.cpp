// What only the SQLite backend has: migrations and schema versions, pragmas, query plans, the rows a commit
// writes, and faults injected into a real file (read denials, triggers, locks, a foreign file). What every
// backend must do through the ports is in tst_storagecontract.cpp.

#include "common/betrules.h"
#include "common/jsoncodec.h"
#include "server/core/betservice.h"
#include "server/storage/migrations.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/resultchecks.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/storagefixtures.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using betthat::test::answeredBet;
using betthat::test::idempotencyKey;
using betthat::test::found;
using betthat::test::isAbsent;
using betthat::test::newBet;
using betthat::test::tokenHash;

Q_DECLARE_METATYPE(betthat::server::EventQuery)
Q_DECLARE_METATYPE(betthat::server::BetQuery)

namespace {

const QDateTime kT0 = test::storageT0();

QString uniqueName()
{
    static int counter = 0;
    return QStringLiteral("tst-storage-%1").arg(++counter);
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A second, plain connection to the file, for what a test must do behind the repository's back.
void withRawConnection(const QString &path, const std::function<void(QSqlDatabase &)> &body)
{
    const QString name = uniqueName() + QStringLiteral("-raw");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open())
            body(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning().noquote() << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

bool isFullScan(const QString &detail, const QString &table)
{
    // "SCAN events" walks the whole table; "SCAN bets USING INDEX x" walks an index in the wanted order and
    // stops at LIMIT, which is what an unfiltered, ordered page is.
    return (detail == QStringLiteral("SCAN ") + table
               || detail.startsWith(QStringLiteral("SCAN ") + table + u' '))
        && !detail.contains(QStringLiteral("USING"));
}

} // namespace

class TestSqliteRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void open_emptyFile_migratesToLatestWithPragmas();
    void open_again_isNoOpAndKeepsData();
    void open_newerSchema_refusedWithMessageAndFileUntouched();
    void open_missingDirectory_unavailable();
    void open_version1Database_disputeDeadlineFromTheOldSevenDayDefault();
    void open_notADatabase_refusedAndFileUntouched();
    void close_removesConnection_andOpensAgain();

    void commit_writesLedgerRowsWithKindAndBet_andAnAnswerRowOnlyWithAKey();
    void commit_failingHalfway_leavesNothingBehind();
    void commit_databaseLocked_unavailableAndNothingWritten();

    void queries_useIndexes_data();
    void queries_useIndexes();
    void eventReads_failing_unavailableNeverEmpty_thenAllIncludingWritesMeanwhile();
    void eventReads_tableGone_unavailableNeverEmpty();

    void commitWithIdempotency_failureAfterTheBetInsert_neitherExists();
    void commitWithIdempotency_answerInsertFails_theBetIsRolledBack();

private:
    std::unique_ptr<SqliteRepository> openRepository();
    Transition place(SqliteRepository &repo, const User &bettor, qint64 stake, const QDateTime &at = kT0)
    {
        return test::commitPlace(repo, m_rules, bettor, stake, at);
    }
    Transition resolve(SqliteRepository &repo, const QString &betId, BetResult result, const QDateTime &at)
    {
        return test::commitResolve(repo, m_rules, m_operator, betId, result, at);
    }
    int rowCount(SqliteRepository &repo, const QString &table);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    BetRules m_rules;
    User m_alice = test::storageUser(QStringLiteral("alice"));
    User m_bob = test::storageUser(QStringLiteral("bob"));
    User m_operator = test::storageUser(QStringLiteral("olga"), Role::Operator);
};

void TestSqliteRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("betthat.sqlite"));
}

void TestSqliteRepository::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<SqliteRepository> TestSqliteRepository::openRepository()
{
    auto repo = std::make_unique<SqliteRepository>(m_path, uniqueName());
    const auto opened = repo->open();
    if (!opened) {
        qWarning().noquote() << "open failed:" << opened.error().message;
        return nullptr;
    }
    return repo;
}

int TestSqliteRepository::rowCount(SqliteRepository &repo, const QString &table)
{
    return int(scalar(repo.database(), QStringLiteral("SELECT COUNT(*) FROM ") + table));
}

// --- open, migrate, close

void TestSqliteRepository::open_emptyFile_migratesToLatestWithPragmas()
{
    QCOMPARE(Migrations::latestVersion(), SqliteRepository::kSchemaVersion);
    auto repo = openRepository();
    QVERIFY(repo);
    QVERIFY(QFile::exists(m_path));
    const QSqlDatabase db = repo->database();
    QCOMPARE(scalar(db, QStringLiteral("SELECT MAX(version) FROM schema_version")),
        SqliteRepository::kSchemaVersion);
    for (const char *table : {"users", "ledger", "bets", "events", "idempotency", "outbox"})
        QVERIFY2(scalar(db,
                     QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                         .arg(QLatin1String(table)))
                == 1,
            table);
    QSqlQuery mode(db);
    QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
    QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")), 1);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")), 2); // FULL
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA busy_timeout")), 5000);
    QCOMPARE(repo->lastSeq().value(), 0);
    QCOMPARE(repo->firstRetainedSeq().value(), 0);
}

void TestSqliteRepository::open_again_isNoOpAndKeepsData()
{
    {
        auto repo = openRepository();
        QVERIFY(repo);
        VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("a"))));
        VERIFY_OK(repo->open()); // already open: nothing happens
    }
    auto repo = openRepository();
    QVERIFY(repo);
    QCOMPARE(scalar(repo->database(), QStringLiteral("SELECT COUNT(*) FROM schema_version")),
        SqliteRepository::kSchemaVersion);
    QCOMPARE(repo->userById(QStringLiteral("alice")), m_alice);
}

void TestSqliteRepository::open_newerSchema_refusedWithMessageAndFileUntouched()
{
    {
        auto repo = openRepository();
        QVERIFY(repo);
        VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("a"))));
        QSqlQuery q(repo->database());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (7, 0)")));
    }
    const QByteArray before = fileHash(m_path);
    QVERIFY(!before.isEmpty());

    SqliteRepository repo(m_path, uniqueName());
    const auto opened = repo.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::Unavailable);
    QCOMPARE(opened.error().message,
        QStringLiteral("database schema version 7 is newer than this build supports (%1); upgrade Bet That")
            .arg(SqliteRepository::kSchemaVersion));
    QVERIFY(!repo.database().isOpen());
    QVERIFY(!repo.addUser(m_bob, {}));
    repo.close();

    QCOMPARE(fileHash(m_path), before);
    withRawConnection(m_path, [](QSqlDatabase &db) {
        QCOMPARE(scalar(db, QStringLiteral("SELECT MAX(version) FROM schema_version")), 7);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM users")), 1);
    });
}

void TestSqliteRepository::open_version1Database_disputeDeadlineFromTheOldSevenDayDefault()
{
    const QDateTime resolvedAt = kT0.addSecs(3600);
    QString settledId, disputedId, pendingId;
    {
        auto repo = openRepository();
        QVERIFY(repo);
        VERIFY_OK(repo->addUser(m_alice, {}));
        VERIFY_OK(repo->addUser(m_operator, {}));
        VERIFY_OK(repo->deposit(QStringLiteral("alice"), 10000, QStringLiteral("EUR")));
        settledId = place(*repo, m_alice, 1000).after.id;
        disputedId = place(*repo, m_alice, 1000).after.id;
        pendingId = place(*repo, m_alice, 1000).after.id;
        resolve(*repo, settledId, BetResult::Win, resolvedAt);
        const Transition lost = resolve(*repo, disputedId, BetResult::Loss, resolvedAt);
        const auto disputeT = m_rules.dispute(lost.after, m_alice, QStringLiteral("wrong score"), resolvedAt);
        QVERIFY(disputeT);
        VERIFY_OK(repo->commit(*disputeT, {}));
    }
    // Back to the version 1 schema, as a database written by the previous build looks.
    withRawConnection(m_path, [](QSqlDatabase &db) {
        QSqlQuery q(db);
        // Version 5's and 4's tables, then version 3's columns (newest first, as the migrations added them),
        // then version 2's: every migration from 2 on runs again.
        QVERIFY(q.exec(QStringLiteral("DROP TABLE notification_preferences")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE webhook_deliveries")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE webhooks")));
        for (const char *column : { "cancelled_from", "outcome_seq", "certainty", "deduction", "dead_heat_factor",
                 "void_factor", "dispute_deadline" })
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE bets DROP COLUMN ") + QLatin1String(column)),
                qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 2")));
    });

    auto repo = openRepository();
    QVERIFY(repo);
    QCOMPARE(scalar(repo->database(), QStringLiteral("SELECT MAX(version) FROM schema_version")),
        Migrations::kLatestVersion);
    // Undisputed resolved bets keep the window they were promised (7 days); others are not disputable.
    QCOMPARE(found(repo->betById(settledId)).disputeDeadline, resolvedAt.addDays(7));
    QVERIFY(!found(repo->betById(disputedId)).disputeDeadline.isValid());
    QVERIFY(!found(repo->betById(pendingId)).disputeDeadline.isValid());
    // Version 3: every outcome that existed was final, and its bet_resolved event is the one a correction
    // supersedes; a pending bet has neither.
    const Bet settled = found(repo->betById(settledId));
    QCOMPARE(settled.certainty, Certainty::Confirmed);
    QVERIFY(settled.outcomeSeq > 0);
    const auto trail = repo->eventsForBet(settledId);
    QVERIFY(trail.ok());
    QCOMPARE(settled.outcomeSeq, trail->last().seq);
    QCOMPARE(eventTypeName(trail->last().type), QStringLiteral("bet_resolved"));
    QCOMPARE(found(repo->betById(disputedId)).certainty, Certainty::Confirmed);
    QVERIFY(found(repo->betById(disputedId)).outcomeSeq > 0);
    QCOMPARE(found(repo->betById(pendingId)).certainty, Certainty::None);
    QCOMPARE(found(repo->betById(pendingId)).outcomeSeq, qint64(0));
    QVERIFY(!found(repo->betById(settledId)).voidFactor);
}

void TestSqliteRepository::open_missingDirectory_unavailable()
{
    SqliteRepository repo(m_dir->filePath(QStringLiteral("no/such/dir/betthat.sqlite")), uniqueName());
    const auto opened = repo.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::Unavailable);
    QVERIFY2(
        opened.error().message.contains(QStringLiteral("no/such/dir")), qPrintable(opened.error().message));
}

void TestSqliteRepository::open_notADatabase_refusedAndFileUntouched()
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray garbage = QByteArray("this is not a database, it is a shopping list\n").repeated(100);
    file.write(garbage);
    file.close();

    SqliteRepository repo(m_path, uniqueName());
    const auto opened = repo.open();
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(QStringLiteral("not a database")),
        qPrintable(opened.error().message));
    repo.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), garbage);
}

void TestSqliteRepository::close_removesConnection_andOpensAgain()
{
    // Qt Sql keeps a connection per name until it is removed: a closed repository must not leak one (the
    // server opens one per thread), nor keep its name from being used again when it reopens.
    const QString name = uniqueName();
    SqliteRepository repo(m_path, name);
    VERIFY_OK(repo.open());
    VERIFY_OK(repo.addUser(m_alice, {}));
    QVERIFY(QSqlDatabase::contains(name));
    repo.close();
    QVERIFY(!QSqlDatabase::contains(name));
    QVERIFY(!repo.database().isValid());
    repo.close(); // twice is harmless

    VERIFY_OK(repo.open());
    QVERIFY(QSqlDatabase::contains(name));
    QCOMPARE(repo.userById(QStringLiteral("alice")), m_alice);
}

// --- commit

void TestSqliteRepository::commit_writesLedgerRowsWithKindAndBet_andAnAnswerRowOnlyWithAKey()
{
    // The ports show the ledger only as a balance; the rows are the audit trail, so their kinds, amounts and
    // bets are checked here, on the schema.
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_operator, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 10000, QStringLiteral("EUR")));
    const QString id = place(*repo, m_alice, 1000).after.id;
    const Transition won = resolve(*repo, id, BetResult::Win, kT0.addSecs(3600));
    const auto disputeT
        = m_rules.dispute(won.after, m_alice, QStringLiteral("they lost 0-1"), kT0.addSecs(3660));
    QVERIFY(disputeT);
    const auto disputed = repo->commit(*disputeT, {});
    VERIFY_OK(disputed);
    const auto decideT = m_rules.decideDispute(disputed->after, m_operator, DisputeState::Upheld,
        BetResult::Loss, QStringLiteral("checked the score"), kT0.addSecs(3720));
    QVERIFY(decideT);
    VERIFY_OK(repo->commit(*decideT, {}));

    QSqlQuery q(repo->database());
    QVERIFY(q.exec(QStringLiteral("SELECT kind, amount, bet_id FROM ledger ORDER BY id")));
    QStringList kinds;
    QList<qint64> amounts;
    QList<QVariant> bets;
    while (q.next()) {
        kinds << q.value(0).toString();
        amounts << q.value(1).toLongLong();
        bets << q.value(2);
    }
    QCOMPARE(kinds, (QStringList{QStringLiteral("deposit"), QStringLiteral("stake"), QStringLiteral("payout"),
                        QStringLiteral("correction")}));
    QCOMPARE(amounts, (QList<qint64>{10000, -1000, 2500, -2500}));
    QVERIFY(bets.at(0).isNull()); // a deposit belongs to no bet
    for (int i = 1; i < bets.size(); ++i)
        QCOMPARE(bets.at(i).toString(), id);

    // A commit without an Idempotency-Key writes no answer row; one with a key writes exactly one.
    QCOMPARE(rowCount(*repo, QStringLiteral("idempotency")), 0);
    const auto keyed = m_rules.place(m_alice, newBet(100), kT0);
    QVERIFY(keyed);
    VERIFY_OK(repo->commit(*keyed, {},
        IdempotencyKey{QStringLiteral("alice"), QStringLiteral("k1"), QStringLiteral("hash-k1"), 201}));
    QCOMPARE(rowCount(*repo, QStringLiteral("idempotency")), 1);
}

void TestSqliteRepository::commit_failingHalfway_leavesNothingBehind()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_operator, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    const QString id = place(*repo, m_alice, 1000).after.id;
    const Bet pending = found(repo->betById(id));

    // The event is written after the bet and the ledger: failing there proves those were undone too.
    {
        QSqlQuery q(repo->database());
        QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER inject_failure BEFORE INSERT ON events"
                                       " BEGIN SELECT RAISE(ABORT, 'injected'); END")),
            qPrintable(q.lastError().text()));
    }
    BetService service(*repo, *repo, m_rules, [] { return kT0.addSecs(100); });

    // An update of an existing bet (with money moving)...
    const auto resolved = service.resolve(m_operator, id, BetResult::Win, QString());
    QVERIFY(!resolved);
    QCOMPARE(resolved.error().code, ErrorCode::Internal);
    QVERIFY2(
        resolved.error().message.contains(QStringLiteral("injected")), qPrintable(resolved.error().message));
    QCOMPARE(repo->betById(id), pending);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 4000);
    QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), 2);
    QCOMPARE(rowCount(*repo, QStringLiteral("events")), 1);

    // ...and a new bet, with an outbox message.
    OutboxMessage mail;
    mail.kind = QStringLiteral("bet_placed");
    mail.recipient = QStringLiteral("alice@example.com");
    const auto placeT = m_rules.place(m_alice, newBet(700), kT0.addSecs(200));
    const auto placed = repo->commit(*placeT, {mail});
    QVERIFY(!placed);
    QCOMPARE(placed.error().code, ErrorCode::Internal);
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 1);
    QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), 2);
    QCOMPARE(rowCount(*repo, QStringLiteral("events")), 1);
    QCOMPARE(repo->outboxCount(QString()), 0);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 4000);
    QCOMPARE(repo->lastSeq().value(), 1);

    // No transaction was left open behind the failure: the next commit works and continues the sequence.
    {
        QSqlQuery q(repo->database());
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER inject_failure")));
    }
    const auto retried = service.resolve(m_operator, id, BetResult::Win, QString());
    VERIFY_OK(retried);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 6500);
    QCOMPARE(repo->lastSeq().value(), 2);
}

void TestSqliteRepository::commit_databaseLocked_unavailableAndNothingWritten()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    {
        QSqlQuery q(repo->database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout = 50"))); // keep the test short
    }
    const auto transition = m_rules.place(m_alice, newBet(1000), kT0);
    QVERIFY(transition);

    // Another writer (the email worker's connection, say) holds the write lock.
    withRawConnection(m_path, [&](QSqlDatabase &other) {
        QSqlQuery lock(other);
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const auto committed = repo->commit(*transition, {});
        QVERIFY(!committed);
        QCOMPARE(committed.error().code, ErrorCode::Unavailable);
        QVERIFY2(committed.error().message.contains(QStringLiteral("busy")),
            qPrintable(committed.error().message));
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    });
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 0);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 5000);
    VERIFY_OK(repo->commit(*transition, {})); // once the lock is gone it goes through
    QCOMPARE(repo->balance(QStringLiteral("alice")), 4000);
}

// --- event log: query plans and reads that fail

void TestSqliteRepository::queries_useIndexes_data()
{
    QTest::addColumn<bool>("onEvents");
    QTest::addColumn<EventQuery>("eventQuery");
    QTest::addColumn<BetQuery>("betQuery");

    EventQuery e;
    e.afterSeq = 41;
    QTest::newRow("events after seq") << true << e << BetQuery{};
    e.userId = QStringLiteral("alice");
    QTest::newRow("events after seq for a user") << true << e << BetQuery{};
    e.newest = true;
    QTest::newRow("newest events for a user") << true << e << BetQuery{};
    EventQuery newest;
    newest.newest = true;
    QTest::newRow("newest events") << true << newest << BetQuery{};
    EventQuery byTime;
    byTime.afterTime = kT0;
    QTest::newRow("events after time") << true << byTime << BetQuery{};
    byTime.userId = QStringLiteral("alice");
    QTest::newRow("events after time for a user") << true << byTime << BetQuery{};

    BetQuery b;
    b.userId = QStringLiteral("alice");
    QTest::newRow("bets of a user") << false << EventQuery{} << b;
    b.beforeUpdatedAt = kT0;
    b.beforeId = QStringLiteral("17");
    QTest::newRow("bets of a user, next page") << false << EventQuery{} << b;
    BetQuery status;
    status.status = BetStatus::Pending;
    QTest::newRow("bets by status") << false << EventQuery{} << status;
    BetQuery result;
    result.result = BetResult::Win;
    result.beforeUpdatedAt = kT0;
    result.beforeId = QStringLiteral("17");
    QTest::newRow("bets by result, next page") << false << EventQuery{} << result;
    BetQuery market;
    market.market = QStringLiteral("Match winner");
    QTest::newRow("bets by market") << false << EventQuery{} << market;
    BetQuery eventName;
    eventName.eventName = QStringLiteral("Ajax v PSV");
    QTest::newRow("bets by event") << false << EventQuery{} << eventName;
    QTest::newRow("all bets, newest first") << false << EventQuery{} << BetQuery{};
}

void TestSqliteRepository::queries_useIndexes()
{
    QFETCH(bool, onEvents);
    QFETCH(EventQuery, eventQuery);
    QFETCH(BetQuery, betQuery);
    auto repo = openRepository();
    QVERIFY(repo);
    const QString table = onEvents ? QStringLiteral("events") : QStringLiteral("bets");
    const QStringList plan = onEvents ? repo->explainEvents(eventQuery) : repo->explainBets(betQuery);
    QVERIFY(!plan.isEmpty());
    const QString text = plan.join(QStringLiteral(" | "));
    for (const QString &detail : plan) {
        QVERIFY2(!detail.startsWith(QStringLiteral("error")), qPrintable(text));
        QVERIFY2(!isFullScan(detail, table), qPrintable(text));
    }
    QVERIFY2(
        text.contains(QStringLiteral("SEARCH ") + table) || text.contains(QStringLiteral(" USING INDEX ")),
        qPrintable(text));
    if (!onEvents) // the keyset order comes from the index, not from sorting the matches
        QVERIFY2(!text.contains(QStringLiteral("TEMP B-TREE")), qPrintable(text));
    else if (!eventQuery.afterTime.isValid())
        QVERIFY2(!text.contains(QStringLiteral("TEMP B-TREE")), qPrintable(text));
}

void TestSqliteRepository::eventReads_failing_unavailableNeverEmpty_thenAllIncludingWritesMeanwhile()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    const QString first = place(*repo, m_alice, 100).after.id;
    place(*repo, m_alice, 200, kT0.addSecs(1));

    {
        // SQLite refuses to compile any read of the log on the repository's own connection.
        test::SqliteReadFault fault(
            repo->database(), {QStringLiteral("events"), QStringLiteral("sqlite_sequence")});
        QVERIFY(fault.isActive());
        EventQuery after1;
        after1.afterSeq = 1;
        for (const auto &read : {repo->events({}), repo->events(after1), repo->eventsForBet(first)}) {
            QVERIFY(!read);
            QCOMPARE(read.error().code, ErrorCode::Unavailable);
        }
        QCOMPARE(repo->lastSeq().error().code, ErrorCode::Unavailable);
        QCOMPARE(repo->firstRetainedSeq().error().code, ErrorCode::Unavailable);
        QVERIFY(fault.denials() >= 5);
        // Writes go on meanwhile: the log grows while it cannot be read.
        QCOMPARE(place(*repo, m_alice, 300, kT0.addSecs(2)).event.seq, 3);
        QCOMPARE(repo->events(after1).error().code, ErrorCode::Unavailable);
    }

    // Once reads work again nothing is missing, the event written during the fault included.
    EventQuery after1;
    after1.afterSeq = 1;
    const QList<BetEvent> events = repo->events(after1).value();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).seq, 2);
    QCOMPARE(events.at(1).seq, 3);
    QCOMPARE(repo->lastSeq().value(), 3);
    QCOMPARE(repo->firstRetainedSeq().value(), 1);
    QCOMPARE(repo->eventsForBet(first).value().size(), 1);
}

void TestSqliteRepository::eventReads_tableGone_unavailableNeverEmpty()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    const QString id = place(*repo, m_alice, 100).after.id;

    // Another process renames the table behind the repository's back (a botched manual migration, say).
    const auto renameEvents = [this](const QString &from, const QString &to) {
        bool ok = false;
        withRawConnection(m_path, [&](QSqlDatabase &db) {
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(from, to));
        });
        return ok;
    };
    QVERIFY(renameEvents(QStringLiteral("events"), QStringLiteral("events_away")));
    QCOMPARE(repo->events({}).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo->eventsForBet(id).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo->firstRetainedSeq().error().code, ErrorCode::Unavailable);

    QVERIFY(renameEvents(QStringLiteral("events_away"), QStringLiteral("events")));
    QCOMPARE(repo->events({}).value().size(), 1);
    QCOMPARE(repo->firstRetainedSeq().value(), 1);
}

// --- idempotency: the answer and its change are one transaction

namespace {

bool execute(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning().noquote() << sql << q.lastError().text();
    return false;
}
} // namespace

void TestSqliteRepository::commitWithIdempotency_failureAfterTheBetInsert_neitherExists()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    // The bet and its ledger row are written before the event: the failure comes after the bet insert.
    QVERIFY(execute(repo->database(),
        QStringLiteral("CREATE TRIGGER inject_failure BEFORE INSERT ON events"
                       " BEGIN SELECT RAISE(ABORT, 'injected'); END")));
    const auto transition = m_rules.place(m_alice, newBet(200), kT0);
    const auto committed = repo->commit(*transition, {}, idempotencyKey(QStringLiteral("k1")));
    QVERIFY(!committed);
    QVERIFY2(committed.error().message.contains(QStringLiteral("injected")),
        qPrintable(committed.error().message));
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 0);
    QCOMPARE(rowCount(*repo, QStringLiteral("idempotency")), 0);
    QVERIFY(isAbsent(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))));
    QCOMPARE(repo->balance(QStringLiteral("alice")), 5000);

    // A retry under the same key runs the request (nothing answered it) and places exactly one bet.
    QVERIFY(execute(repo->database(), QStringLiteral("DROP TRIGGER inject_failure")));
    VERIFY_OK(repo->commit(*transition, {}, idempotencyKey(QStringLiteral("k1"))));
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 1);
    QCOMPARE(answeredBet(found(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))).response).id,
        QStringLiteral("1"));
}

void TestSqliteRepository::commitWithIdempotency_answerInsertFails_theBetIsRolledBack()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    place(*repo, m_alice, 100);

    // The answer's row is the last write: if it fails, the bet, ledger, event and email written before it in
    // the same transaction must go too (with separate transactions the bet would stay, unanswered).
    QVERIFY(execute(repo->database(),
        QStringLiteral("CREATE TRIGGER inject_failure BEFORE INSERT ON idempotency"
                       " BEGIN SELECT RAISE(ABORT, 'injected'); END")));
    OutboxMessage mail;
    mail.kind = QStringLiteral("bet_placed");
    mail.recipient = QStringLiteral("alice@example.com");
    const auto transition = m_rules.place(m_alice, newBet(200), kT0);
    const auto committed = repo->commit(*transition, {mail}, idempotencyKey(QStringLiteral("k1")));
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::Internal); // a failure, not "someone else took the key"
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 1);
    QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), 2);
    QCOMPARE(rowCount(*repo, QStringLiteral("events")), 1);
    QCOMPARE(repo->outboxCount(QString()), 0);
    QCOMPARE(rowCount(*repo, QStringLiteral("idempotency")), 0);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 4900);
    QCOMPARE(repo->lastSeq().value(), 1);

    QVERIFY(execute(repo->database(), QStringLiteral("DROP TRIGGER inject_failure")));
    VERIFY_OK(repo->commit(*transition, {mail}, idempotencyKey(QStringLiteral("k1"))));
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 2);
    QCOMPARE(answeredBet(found(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))).response).id,
        QStringLiteral("2"));
}

QTEST_GUILESS_MAIN(TestSqliteRepository)
#include "tst_sqliterepository.moc"
