// SqliteRepository on a real SQLite file: migrations, users, atomic commits, the event log, idempotency,
// outbox.

#include "common/betrules.h"
#include "common/jsoncodec.h"
#include "common/money.h"
#include "server/core/betservice.h"
#include "server/storage/migrations.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/resultchecks.h"
#include "tests/support/sqlitereadfault.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <atomic>
#include <functional>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using betthat::test::found;
using betthat::test::isAbsent;
using betthat::test::must;

Q_DECLARE_METATYPE(betthat::server::EventQuery)
Q_DECLARE_METATYPE(betthat::server::BetQuery)

#define VERIFY_OK(expr)                                                                                      \
    do {                                                                                                     \
        const auto &result_ = (expr);                                                                        \
        QVERIFY2(result_.ok(), qPrintable(result_.ok() ? QString() : result_.error().message));              \
    } while (false)

namespace {

const QDateTime kT0(QDate(2024, 1, 15), QTime(10, 30, 0, 125), QTimeZone::utc());

QString uniqueName()
{
    static std::atomic<int> counter{0}; // the worker thread of one test names its connection too
    return QStringLiteral("tst-storage-%1").arg(++counter);
}

User makeUser(const QString &id, Role role = Role::Bettor)
{
    User user;
    user.id = id;
    user.displayName = id.toUpper();
    user.email = id + QStringLiteral("@example.com");
    user.role = role;
    return user;
}

QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

NewBet newBet(qint64 stake, const QString &market = QStringLiteral("Match winner"),
    const QString &eventName = QStringLiteral("Ajax v PSV"))
{
    NewBet request;
    request.eventName = eventName;
    request.market = market;
    request.selection = QStringLiteral("Ajax");
    request.odds = 25000;
    request.stake = stake;
    return request;
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
    void close_removesConnection_laterCallsFailCleanly();

    void addUser_tokenLookup_findsUser();
    void addUser_duplicateId_conflict();
    void addUser_duplicateToken_conflict();
    void addUser_invalid_badRequest_data();
    void addUser_invalid_badRequest();
    void setTokenHash_replacesOldToken();
    void updateUser_changesFields_unknownNotFound();
    void deposit_addsToBalance();
    void deposit_invalid_refusedAndBalanceUnchanged_data();
    void deposit_invalid_refusedAndBalanceUnchanged();

    void commit_placeResolveDispute_ledgerBalanceAndRoundTrip();
    void commit_staleVersion_conflictAndNothingWritten();
    void commit_unknownBet_notFound();
    void commit_insufficientFunds_refusedAndNothingWritten();
    void commit_failingHalfway_leavesNothingBehind();
    void commit_databaseLocked_unavailableAndNothingWritten();
    void commit_whileAnotherThreadWrites_bothSerialise();

    void events_afterSeqUserIdLimit();
    void events_afterTime_tiesOrderedBySeqAndStrictlyAfter();
    void events_newest_returnsLastAscending();
    void queries_useIndexes_data();
    void queries_useIndexes();
    void bets_filters();
    void bets_keysetPagination_visitsEveryBetOnceNewestFirst();
    void prune_dropsOldEvents_seqNeverReused();
    void eventReads_failing_unavailableNeverEmpty_thenAllIncludingWritesMeanwhile();
    void eventReads_tableGone_unavailableNeverEmpty();

    void idempotency_storeAndRead();
    void commitWithIdempotency_storesTheAnswerBuiltFromTheCommittedIds();
    void commitWithIdempotency_failureAfterTheBetInsert_neitherExists();
    void commitWithIdempotency_answerInsertFails_theBetIsRolledBack();
    void commitWithIdempotency_keyAlreadyTaken_conflictAndNothingWritten();
    void outbox_due_sent_retry_failed_count();
    void reopen_everythingSurvives();

private:
    std::unique_ptr<SqliteRepository> openRepository();
    Transition place(SqliteRepository &repo, const User &bettor, qint64 stake, const QDateTime &at = kT0,
        const QString &market = QStringLiteral("Match winner"));
    Transition resolve(SqliteRepository &repo, const QString &betId, BetResult result, const QDateTime &at);
    int rowCount(SqliteRepository &repo, const QString &table);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    BetRules m_rules;
    User m_alice = makeUser(QStringLiteral("alice"));
    User m_bob = makeUser(QStringLiteral("bob"));
    User m_operator = makeUser(QStringLiteral("olga"), Role::Operator);
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

Transition TestSqliteRepository::place(
    SqliteRepository &repo, const User &bettor, qint64 stake, const QDateTime &at, const QString &market)
{
    const auto transition = m_rules.place(bettor, newBet(stake, market), at);
    if (!transition) {
        QTest::qFail(qPrintable(QStringLiteral("place: ") + transition.error().message), __FILE__, __LINE__);
        return {};
    }
    const auto committed = repo.commit(*transition, {});
    if (!committed) {
        QTest::qFail(
            qPrintable(QStringLiteral("commit place: ") + committed.error().message), __FILE__, __LINE__);
        return {};
    }
    return *committed;
}

Transition TestSqliteRepository::resolve(
    SqliteRepository &repo, const QString &betId, BetResult result, const QDateTime &at)
{
    const auto read = repo.betById(betId);
    const auto transition = read && read->has_value()
        ? m_rules.resolve(**read, m_operator, result, QStringLiteral("final score"), at)
        : Result<Transition>(makeError(ErrorCode::NotFound, QStringLiteral("no bet ") + betId));
    const auto committed = transition ? repo.commit(*transition, {}) : transition;
    if (!committed) {
        QTest::qFail(qPrintable(QStringLiteral("resolve: ") + committed.error().message), __FILE__, __LINE__);
        return {};
    }
    return *committed;
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
        QVERIFY2(q.exec(QStringLiteral("ALTER TABLE bets DROP COLUMN dispute_deadline")),
            qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version = 2")));
    });

    auto repo = openRepository();
    QVERIFY(repo);
    QCOMPARE(scalar(repo->database(), QStringLiteral("SELECT MAX(version) FROM schema_version")), 2);
    // Undisputed resolved bets keep the window they were promised (7 days); others are not disputable.
    QCOMPARE(found(repo->betById(settledId)).disputeDeadline, resolvedAt.addDays(7));
    QVERIFY(!found(repo->betById(disputedId)).disputeDeadline.isValid());
    QVERIFY(!found(repo->betById(pendingId)).disputeDeadline.isValid());
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

void TestSqliteRepository::close_removesConnection_laterCallsFailCleanly()
{
    const QString name = uniqueName();
    SqliteRepository repo(m_path, name);
    VERIFY_OK(repo.open());
    VERIFY_OK(repo.addUser(m_alice, {}));
    QVERIFY(QSqlDatabase::contains(name));
    repo.close();
    QVERIFY(!QSqlDatabase::contains(name));
    repo.close(); // twice is harmless

    const auto transition = m_rules.place(m_alice, newBet(100), kT0);
    QVERIFY(transition);
    const auto committed = repo.commit(*transition, {});
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.deposit(QStringLiteral("alice"), 100, QStringLiteral("EUR")).error().code,
        ErrorCode::Unavailable);
    // Every read says that it failed: "no such user" would sign a valid token out, "nothing" would read as
    // "caught up".
    QCOMPARE(repo.userById(QStringLiteral("alice")).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.userByTokenHash(tokenHash(QStringLiteral("a"))).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.users().error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.balance(QStringLiteral("alice")).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.betById(QStringLiteral("1")).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.bets({}).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k")).error().code,
        ErrorCode::Unavailable);
    QCOMPARE(repo.dueOutbox(kT0, 10).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.outboxCount(QString()).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.cursorState(0).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.events({}).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.eventsForBet(QStringLiteral("1")).error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.lastSeq().error().code, ErrorCode::Unavailable);
    QCOMPARE(repo.firstRetainedSeq().error().code, ErrorCode::Unavailable);

    VERIFY_OK(repo.open()); // and it can be opened again
    QCOMPARE(repo.userById(QStringLiteral("alice")), m_alice);
}

// --- users

void TestSqliteRepository::addUser_tokenLookup_findsUser()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("token-a"))));
    VERIFY_OK(repo->addUser(m_bob, tokenHash(QStringLiteral("token-b"))));
    VERIFY_OK(repo->addUser(m_operator, {})); // no token yet: allowed, and not found by an empty hash

    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("token-a"))), m_alice);
    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("token-b"))), m_bob);
    QVERIFY(betthat::test::isAbsent(repo->userByTokenHash(tokenHash(QStringLiteral("token-c")))));
    QVERIFY(isAbsent(repo->userByTokenHash({})));
    QCOMPARE(repo->userById(QStringLiteral("olga")), m_operator);
    QVERIFY(found(repo->userById(QStringLiteral("olga"))).isOperator());
    QVERIFY(isAbsent(repo->userById(QStringLiteral("nobody"))));
    QCOMPARE(must(repo->users()), (QList<User>{m_alice, m_bob, m_operator}));

    User quiet = makeUser(QStringLiteral("quiet"));
    quiet.email.clear();
    quiet.emailNotifications = false;
    VERIFY_OK(repo->addUser(quiet, {}));
    QCOMPARE(repo->userById(QStringLiteral("quiet")), quiet);
}

void TestSqliteRepository::addUser_duplicateId_conflict()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("a"))));
    User again = m_alice;
    again.displayName = QStringLiteral("Impostor");
    const auto added = repo->addUser(again, tokenHash(QStringLiteral("other")));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Conflict);
    QCOMPARE(added.error().message, QStringLiteral("user alice already exists"));
    QCOMPARE(repo->userById(QStringLiteral("alice")), m_alice);
    QVERIFY(betthat::test::isAbsent(repo->userByTokenHash(tokenHash(QStringLiteral("other")))));
}

void TestSqliteRepository::addUser_duplicateToken_conflict()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("same"))));
    const auto added = repo->addUser(m_bob, tokenHash(QStringLiteral("same")));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Conflict);
    QVERIFY(isAbsent(repo->userById(QStringLiteral("bob"))));
    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("same"))), m_alice);
}

void TestSqliteRepository::addUser_invalid_badRequest_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("currency");
    QTest::newRow("empty id") << QString() << QString() << QStringLiteral("EUR");
    QTest::newRow("uppercase id") << QStringLiteral("Alice") << QString() << QStringLiteral("EUR");
    QTest::newRow("id with space") << QStringLiteral("al ice") << QString() << QStringLiteral("EUR");
    QTest::newRow("bad email") << QStringLiteral("carol") << QStringLiteral("carol at example")
                               << QStringLiteral("EUR");
    QTest::newRow("bad currency") << QStringLiteral("carol") << QString() << QStringLiteral("euro");
}

void TestSqliteRepository::addUser_invalid_badRequest()
{
    QFETCH(QString, id);
    QFETCH(QString, email);
    QFETCH(QString, currency);
    auto repo = openRepository();
    QVERIFY(repo);
    User user = makeUser(QStringLiteral("x"));
    user.id = id;
    user.email = email;
    user.currency = currency;
    const auto added = repo->addUser(user, {});
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::BadRequest);
    QVERIFY(must(repo->users()).isEmpty());
}

void TestSqliteRepository::setTokenHash_replacesOldToken()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("old"))));
    VERIFY_OK(repo->addUser(m_bob, tokenHash(QStringLiteral("bobs"))));
    VERIFY_OK(repo->setTokenHash(QStringLiteral("alice"), tokenHash(QStringLiteral("new"))));
    QVERIFY(betthat::test::isAbsent(repo->userByTokenHash(tokenHash(QStringLiteral("old")))));
    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("new"))), m_alice);

    const auto taken = repo->setTokenHash(QStringLiteral("alice"), tokenHash(QStringLiteral("bobs")));
    QCOMPARE(taken.error().code, ErrorCode::Conflict);
    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("new"))), m_alice);
    QCOMPARE(repo->setTokenHash(QStringLiteral("nobody"), tokenHash(QStringLiteral("x"))).error().code,
        ErrorCode::NotFound);
}

void TestSqliteRepository::updateUser_changesFields_unknownNotFound()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("a"))));
    User changed = m_alice;
    changed.displayName = QStringLiteral("Alice A.");
    changed.email = QStringLiteral("alice@example.org");
    changed.emailNotifications = false;
    VERIFY_OK(repo->updateUser(changed));
    QCOMPARE(repo->userById(QStringLiteral("alice")), changed);
    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("a"))), changed); // the token is not touched

    const auto unknown = repo->updateUser(makeUser(QStringLiteral("nobody")));
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    changed.email = QStringLiteral("not an address");
    QCOMPARE(repo->updateUser(changed).error().code, ErrorCode::BadRequest);
    QCOMPARE(found(repo->userById(QStringLiteral("alice"))).email, QStringLiteral("alice@example.org"));
}

void TestSqliteRepository::deposit_addsToBalance()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    QCOMPARE(repo->balance(QStringLiteral("alice")), 0);
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 1500, QStringLiteral("EUR")));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 1, QStringLiteral("EUR")));
    QCOMPARE(repo->balance(QStringLiteral("alice")), 1501);
    QCOMPARE(repo->balance(QStringLiteral("nobody")), 0);
    QCOMPARE(scalar(repo->database(),
                 QStringLiteral("SELECT COUNT(*) FROM ledger WHERE kind = 'deposit' AND bet_id IS NULL")),
        2);
}

void TestSqliteRepository::deposit_invalid_refusedAndBalanceUnchanged_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("code");
    QTest::newRow("zero") << QStringLiteral("alice") << qint64(0) << QStringLiteral("EUR")
                          << int(ErrorCode::BadRequest);
    QTest::newRow("negative") << QStringLiteral("alice") << qint64(-500) << QStringLiteral("EUR")
                              << int(ErrorCode::BadRequest);
    QTest::newRow("unknown user") << QStringLiteral("nobody") << qint64(500) << QStringLiteral("EUR")
                                  << int(ErrorCode::NotFound);
    QTest::newRow("other currency") << QStringLiteral("alice") << qint64(500) << QStringLiteral("USD")
                                    << int(ErrorCode::BadRequest);
}

void TestSqliteRepository::deposit_invalid_refusedAndBalanceUnchanged()
{
    QFETCH(QString, userId);
    QFETCH(qint64, amount);
    QFETCH(QString, currency);
    QFETCH(int, code);
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 700, QStringLiteral("EUR")));
    const auto deposited = repo->deposit(userId, amount, currency);
    QVERIFY(!deposited);
    QCOMPARE(int(deposited.error().code), code);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 700);
    QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), 1);
}

// --- commit

void TestSqliteRepository::commit_placeResolveDispute_ledgerBalanceAndRoundTrip()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_operator, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 10000, QStringLiteral("EUR")));

    // Place: the id is assigned and filled in everywhere it appears.
    const auto placeT = m_rules.place(m_alice, newBet(1000), kT0);
    QVERIFY(placeT);
    QVERIFY(placeT->after.id.isEmpty());
    const auto placed = repo->commit(*placeT, {});
    VERIFY_OK(placed);
    const QString id = placed->after.id;
    QCOMPARE(id, QStringLiteral("1"));
    QCOMPARE(placed->ledger.size(), 1);
    QCOMPARE(placed->ledger.first().betId, id);
    QCOMPARE(placed->event.betId, id);
    QCOMPARE(placed->event.data.value(QStringLiteral("bet_id")).toString(), id);
    QCOMPARE(placed->event.seq, 1);
    QCOMPARE(placed->event.userId, QStringLiteral("alice"));
    QCOMPARE(repo->balance(QStringLiteral("alice")), 9000);
    QCOMPARE(repo->betById(id), placed->after);
    QCOMPARE(repo->lastSeq().value(), 1);

    // Resolve as a win at 2.50: payout 2500.
    const QDateTime t1 = kT0.addSecs(3600);
    const Transition won = resolve(*repo, id, BetResult::Win, t1);
    QCOMPARE(won.event.seq, 2);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 11500);
    const Bet settled = found(repo->betById(id));
    QCOMPARE(settled, won.after);
    QCOMPARE(settled.status, BetStatus::Settled);
    QCOMPARE(settled.result, BetResult::Win);
    QCOMPARE(settled.payout, 2500);
    QCOMPARE(settled.version, 2);
    QCOMPARE(settled.resolvedBy, QStringLiteral("olga"));
    QCOMPARE(settled.resolvedAt, t1);
    QCOMPARE(settled.resolvedAt.timeSpec(), Qt::UTC);
    QCOMPARE(settled.disputeDeadline, t1.addMSecs(m_rules.disputeWindowMs()));
    QVERIFY(!settled.dispute);

    // Dispute, then uphold as a loss: the ledger takes the payout back, the dispute record round-trips.
    const QDateTime t2 = t1.addSecs(60);
    const auto disputeT = m_rules.dispute(settled, m_alice, QStringLiteral("they lost 0-1"), t2);
    QVERIFY(disputeT);
    const auto disputed = repo->commit(*disputeT, {});
    VERIFY_OK(disputed);
    QCOMPARE(repo->betById(id), disputed->after);
    QCOMPARE(found(repo->betById(id)).dispute->state, DisputeState::Open);
    QVERIFY(!found(repo->betById(id)).disputeDeadline.isValid());

    const QDateTime t3 = t2.addSecs(60);
    const auto decideT = m_rules.decideDispute(disputed->after, m_operator, DisputeState::Upheld,
        BetResult::Loss, QStringLiteral("checked the score"), t3);
    QVERIFY(decideT);
    const auto decided = repo->commit(*decideT, {});
    VERIFY_OK(decided);
    const Bet final = found(repo->betById(id));
    QCOMPARE(final, decided->after);
    QCOMPARE(final.dispute->state, DisputeState::Upheld);
    QCOMPARE(final.dispute->reason, QStringLiteral("they lost 0-1"));
    QCOMPARE(final.dispute->decidedBy, QStringLiteral("olga"));
    QCOMPARE(final.dispute->decidedAt, t3);
    QCOMPARE(final.dispute->raisedAt, t2);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 9000);

    const auto history = repo->eventsForBet(id).value();
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.at(0).type, EventType::BetUpdated);
    QCOMPARE(history.at(1).type, EventType::BetResolved);
    QCOMPARE(history.at(2).type, EventType::BetDisputed);
    QCOMPARE(history.at(3).type, EventType::BetResolved);
    QCOMPARE(history.at(1), won.event);
    QCOMPARE(history.at(3).seq, 4);
    QCOMPARE(history.at(3).data.value(QStringLiteral("previous_result")).toString(), QStringLiteral("win"));
    QVERIFY(repo->eventsForBet(QStringLiteral("999")).value().isEmpty());
    QVERIFY(repo->eventsForBet(QStringLiteral("abc")).value().isEmpty());
    QVERIFY(isAbsent(repo->betById(QStringLiteral("abc"))));
    QVERIFY(isAbsent(repo->betById(QStringLiteral("2"))));

    QSqlQuery q(repo->database());
    QVERIFY(q.exec(QStringLiteral("SELECT kind, amount, bet_id FROM ledger ORDER BY id")));
    QList<QPair<QString, qint64>> ledger;
    while (q.next()) {
        ledger.append({q.value(0).toString(), q.value(1).toLongLong()});
        if (q.value(0).toString() != QLatin1String("deposit"))
            QCOMPARE(q.value(2).toLongLong(), 1);
    }
    const QList<QPair<QString, qint64>> expected{{QStringLiteral("deposit"), 10000},
        {QStringLiteral("stake"), -1000}, {QStringLiteral("payout"), 2500},
        {QStringLiteral("correction"), -2500}};
    QCOMPARE(ledger, expected);
}

void TestSqliteRepository::commit_staleVersion_conflictAndNothingWritten()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    const QString id = place(*repo, m_alice, 1000).after.id;
    const Bet loaded = found(repo->betById(id));

    // Two operators load the same version; the first wins, the second must not double-pay.
    const auto first = m_rules.resolve(loaded, m_operator, BetResult::Win, QString(), kT0.addSecs(10));
    const auto second = m_rules.resolve(loaded, m_operator, BetResult::Loss, QString(), kT0.addSecs(11));
    QVERIFY(first && second);
    VERIFY_OK(repo->commit(*first, {}));
    const Bet afterFirst = found(repo->betById(id));
    const qint64 balance = must(repo->balance(QStringLiteral("alice")));
    const int ledgerRows = rowCount(*repo, QStringLiteral("ledger"));
    const qint64 seq = repo->lastSeq().value();

    OutboxMessage mail;
    mail.kind = QStringLiteral("bet_resolved");
    mail.recipient = QStringLiteral("alice@example.com");
    const auto lost = repo->commit(*second, {mail});
    QVERIFY(!lost);
    QCOMPARE(lost.error().code, ErrorCode::Conflict);
    QCOMPARE(lost.error().message,
        QStringLiteral("bet %1 was changed by someone else; reload and try again").arg(id));
    QCOMPARE(repo->betById(id), afterFirst);
    QCOMPARE(repo->balance(QStringLiteral("alice")), balance);
    QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), ledgerRows);
    QCOMPARE(repo->lastSeq().value(), seq);
    QCOMPARE(repo->outboxCount(QString()), 0);
}

void TestSqliteRepository::commit_unknownBet_notFound()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    Bet ghost;
    ghost.id = QStringLiteral("42");
    ghost.userId = QStringLiteral("alice");
    ghost.stake = 100;
    ghost.odds = 20000;
    ghost.version = 1;
    ghost.createdAt = kT0;
    ghost.updatedAt = kT0;
    const auto transition = m_rules.resolve(ghost, m_operator, BetResult::Loss, QString(), kT0);
    QVERIFY(transition);
    const auto committed = repo->commit(*transition, {});
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::NotFound);
    QCOMPARE(repo->lastSeq().value(), 0);
}

void TestSqliteRepository::commit_insufficientFunds_refusedAndNothingWritten()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 500, QStringLiteral("EUR")));
    const auto transition = m_rules.place(m_alice, newBet(1000), kT0);
    QVERIFY(transition);
    const auto committed = repo->commit(*transition, {});
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::InsufficientFunds);
    QCOMPARE(committed.error().message, QStringLiteral("balance 5.00 EUR is less than the stake 10.00 EUR"));
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 0);
    QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), 1);
    QCOMPARE(repo->lastSeq().value(), 0);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 500);

    // Exactly the balance is enough.
    const auto exact = m_rules.place(m_alice, newBet(500), kT0);
    VERIFY_OK(repo->commit(*exact, {}));
    QCOMPARE(repo->balance(QStringLiteral("alice")), 0);
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

void TestSqliteRepository::commit_whileAnotherThreadWrites_bothSerialise()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_bob, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
    constexpr int kWrites = 40;

    // The email worker's situation: its own connection, its own thread, the same file.
    std::atomic<int> workerFailures{0};
    std::unique_ptr<QThread> worker(QThread::create([this, &workerFailures] {
        SqliteRepository other(m_path, uniqueName());
        if (!other.open()) {
            workerFailures = kWrites;
            return;
        }
        for (int i = 0; i < kWrites; ++i)
            if (!other.deposit(QStringLiteral("bob"), 100, QStringLiteral("EUR")))
                ++workerFailures;
    }));
    worker->start();
    int failures = 0;
    for (int i = 0; i < kWrites; ++i) {
        const auto transition = m_rules.place(m_alice, newBet(10), kT0.addMSecs(i));
        if (!transition || !repo->commit(*transition, {}))
            ++failures;
    }
    QVERIFY(worker->wait(30000));
    QCOMPARE(failures, 0);
    QCOMPARE(workerFailures.load(), 0);
    QCOMPARE(repo->balance(QStringLiteral("bob")), kWrites * 100);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 100000 - kWrites * 10);
    QCOMPARE(repo->lastSeq().value(), kWrites);
}

// --- event log

void TestSqliteRepository::events_afterSeqUserIdLimit()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_bob, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
    VERIFY_OK(repo->deposit(QStringLiteral("bob"), 100000, QStringLiteral("EUR")));
    // seq 1..10, alternating alice (odd) and bob (even)
    for (int i = 0; i < 10; ++i)
        place(*repo, i % 2 == 0 ? m_alice : m_bob, 100 + i, kT0.addSecs(i));

    const auto seqs = [](const QList<BetEvent> &events) {
        QList<qint64> out;
        for (const BetEvent &e : events)
            out << e.seq;
        return out;
    };
    EventQuery all;
    QCOMPARE(seqs(repo->events(all).value()), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    EventQuery after;
    after.afterSeq = 7;
    QCOMPARE(seqs(repo->events(after).value()), (QList<qint64>{8, 9, 10}));
    after.afterSeq = 10;
    QVERIFY(repo->events(after).value().isEmpty());

    EventQuery alice;
    alice.userId = QStringLiteral("alice");
    alice.afterSeq = 2;
    QCOMPARE(seqs(repo->events(alice).value()), (QList<qint64>{3, 5, 7, 9}));
    alice.limit = 2;
    QCOMPARE(seqs(repo->events(alice).value()), (QList<qint64>{3, 5}));
    alice.afterSeq = 5;
    QCOMPARE(seqs(repo->events(alice).value()), (QList<qint64>{7, 9}));
    const QList<BetEvent> aliceEvents = repo->events(alice).value();
    for (const BetEvent &e : aliceEvents)
        QCOMPARE(e.userId, QStringLiteral("alice"));

    EventQuery limited;
    limited.limit = 3;
    QCOMPARE(seqs(repo->events(limited).value()), (QList<qint64>{1, 2, 3}));
    limited.limit = 0;
    QVERIFY(repo->events(limited).value().isEmpty());
    limited.limit = -1; // not "everything"
    QVERIFY(repo->events(limited).value().isEmpty());

    EventQuery nobody;
    nobody.userId = QStringLiteral("nobody");
    QVERIFY(repo->events(nobody).value().isEmpty());

    // What the log returns is what was committed.
    const BetEvent third = repo->events(all).value().at(2);
    QCOMPARE(third.betId, QStringLiteral("3"));
    QCOMPARE(third.timestamp, kT0.addSecs(2));
    QCOMPARE(third.timestamp.timeSpec(), Qt::UTC);
    QCOMPARE(third.data, eventDataFor(Bet{}, found(repo->betById(QStringLiteral("3"))), QStringLiteral("alice")));
}

void TestSqliteRepository::events_afterTime_tiesOrderedBySeqAndStrictlyAfter()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_bob, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
    VERIFY_OK(repo->deposit(QStringLiteral("bob"), 100000, QStringLiteral("EUR")));
    const QDateTime t1 = kT0.addMSecs(1);
    const QDateTime t2 = kT0.addMSecs(2);
    place(*repo, m_alice, 100, kT0); // seq 1
    for (int i = 0; i < 30; ++i) // seq 2..31 share one millisecond
        place(*repo, i % 3 == 0 ? m_bob : m_alice, 100, t1);
    place(*repo, m_alice, 100, t2); // seq 32

    EventQuery q;
    q.afterTime = kT0;
    auto events = repo->events(q).value();
    QCOMPARE(events.size(), 31);
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events.at(i).seq, i + 2);

    q.afterTime = t1; // strictly after: none of the 30 ties
    events = repo->events(q).value();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().seq, 32);

    q.afterTime = kT0.addMSecs(-1);
    QCOMPARE(repo->events(q).value().size(), 32);
    q.afterTime = t2;
    QVERIFY(repo->events(q).value().isEmpty());

    // Paging through the ties: a time cursor plus a seq cursor.
    q.afterTime = kT0;
    q.limit = 10;
    QList<qint64> seen;
    for (int page = 0; page < 10; ++page) {
        const auto batch = repo->events(q).value();
        if (batch.isEmpty())
            break;
        for (const BetEvent &e : batch)
            seen << e.seq;
        q.afterSeq = batch.last().seq;
    }
    QCOMPARE(seen.size(), 31);
    QCOMPARE(seen.first(), 2);
    QCOMPARE(seen.last(), 32);

    // With a user filter: bob had every third of the ties.
    EventQuery bob;
    bob.afterTime = kT0;
    bob.userId = QStringLiteral("bob");
    const auto bobs = repo->events(bob).value();
    QCOMPARE(bobs.size(), 10);
    for (int i = 1; i < bobs.size(); ++i)
        QVERIFY(bobs.at(i - 1).seq < bobs.at(i).seq);
}

void TestSqliteRepository::events_newest_returnsLastAscending()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_bob, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
    VERIFY_OK(repo->deposit(QStringLiteral("bob"), 100000, QStringLiteral("EUR")));
    for (int i = 0; i < 8; ++i) // alice: 1,2,3,5,6,7 ; bob: 4,8
        place(*repo, (i == 3 || i == 7) ? m_bob : m_alice, 100, kT0.addSecs(i));

    EventQuery q;
    q.newest = true;
    q.limit = 3;
    auto events = repo->events(q).value();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).seq, 6);
    QCOMPARE(events.at(1).seq, 7);
    QCOMPARE(events.at(2).seq, 8);

    q.userId = QStringLiteral("alice");
    events = repo->events(q).value();
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).seq, 5);
    QCOMPARE(events.at(2).seq, 7);

    q.limit = 100; // fewer than limit: all of them, ascending
    events = repo->events(q).value();
    QCOMPARE(events.size(), 6);
    QCOMPARE(events.first().seq, 1);
    QCOMPARE(events.last().seq, 7);

    q.afterTime = kT0.addSecs(4); // newest within a time window
    q.limit = 1;
    events = repo->events(q).value();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().seq, 7);
}

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

void TestSqliteRepository::bets_filters()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_bob, {}));
    VERIFY_OK(repo->addUser(m_operator, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
    VERIFY_OK(repo->deposit(QStringLiteral("bob"), 100000, QStringLiteral("EUR")));
    const QString a1 = place(*repo, m_alice, 100, kT0, QStringLiteral("Match winner")).after.id;
    const QString a2 = place(*repo, m_alice, 100, kT0.addSecs(1), QStringLiteral("Total goals")).after.id;
    const QString b1 = place(*repo, m_bob, 100, kT0.addSecs(2), QStringLiteral("Match winner")).after.id;
    resolve(*repo, a1, BetResult::Win, kT0.addSecs(3)); // a1 now the most recently updated
    resolve(*repo, b1, BetResult::Loss, kT0.addSecs(4)); // then b1

    const auto ids = [](const QList<Bet> &bets) {
        QStringList out;
        for (const Bet &b : bets)
            out << b.id;
        return out;
    };
    QCOMPARE(ids(must(repo->bets({}))), (QStringList{b1, a1, a2}));
    BetQuery q;
    q.userId = QStringLiteral("alice");
    QCOMPARE(ids(must(repo->bets(q))), (QStringList{a1, a2}));
    q.status = BetStatus::Pending;
    QCOMPARE(ids(must(repo->bets(q))), (QStringList{a2}));
    BetQuery settled;
    settled.status = BetStatus::Settled;
    QCOMPARE(ids(must(repo->bets(settled))), (QStringList{b1, a1}));
    BetQuery won;
    won.result = BetResult::Win;
    QCOMPARE(ids(must(repo->bets(won))), (QStringList{a1}));
    BetQuery unresolved;
    unresolved.result = BetResult::None;
    QCOMPARE(ids(must(repo->bets(unresolved))), (QStringList{a2}));
    BetQuery market;
    market.market = QStringLiteral("Match winner");
    QCOMPARE(ids(must(repo->bets(market))), (QStringList{b1, a1}));
    market.market = QStringLiteral("match winner"); // exact match
    QVERIFY(must(repo->bets(market)).isEmpty());
    BetQuery event;
    event.eventName = QStringLiteral("Ajax v PSV");
    QCOMPARE(must(repo->bets(event)).size(), 3);
    event.eventName = QStringLiteral("Other");
    QVERIFY(must(repo->bets(event)).isEmpty());
    BetQuery none;
    none.limit = 0;
    QVERIFY(must(repo->bets(none)).isEmpty());
}

void TestSqliteRepository::bets_keysetPagination_visitsEveryBetOnceNewestFirst()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
    // 11 bets, several updated in the same millisecond: the id breaks the tie.
    QStringList expected;
    for (int i = 0; i < 11; ++i)
        expected.prepend(place(*repo, m_alice, 100, kT0.addMSecs(i / 3)).after.id);

    BetQuery q;
    q.userId = QStringLiteral("alice");
    q.limit = 4;
    QStringList seen;
    int pages = 0;
    for (;;) {
        const auto page = must(repo->bets(q));
        if (page.isEmpty())
            break;
        ++pages;
        QVERIFY(page.size() <= 4);
        for (const Bet &b : page)
            seen << b.id;
        q.beforeUpdatedAt = page.last().updatedAt;
        q.beforeId = page.last().id;
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen, expected);

    // A time cursor without an id: strictly older than that time.
    BetQuery older;
    older.beforeUpdatedAt = kT0.addMSecs(1);
    QCOMPARE(must(repo->bets(older)).size(), 3);
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

void TestSqliteRepository::prune_dropsOldEvents_seqNeverReused()
{
    {
        auto repo = openRepository();
        QVERIFY(repo);
        VERIFY_OK(repo->addUser(m_alice, {}));
        VERIFY_OK(repo->deposit(QStringLiteral("alice"), 100000, QStringLiteral("EUR")));
        for (int i = 0; i < 5; ++i)
            place(*repo, m_alice, 100, kT0.addSecs(i));
        QCOMPARE(repo->firstRetainedSeq().value(), 1);

        auto pruned = repo->pruneEvents(3);
        VERIFY_OK(pruned);
        QCOMPARE(*pruned, 3);
        QCOMPARE(repo->firstRetainedSeq().value(), 4);
        QCOMPARE(repo->lastSeq().value(), 5);
        QCOMPARE(repo->events({}).value().size(), 2);
        QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 5); // bets and ledger are never pruned
        QCOMPARE(rowCount(*repo, QStringLiteral("ledger")), 6);

        pruned = repo->pruneEvents(3);
        VERIFY_OK(pruned);
        QCOMPARE(*pruned, 0);

        pruned = repo->pruneEvents(5);
        VERIFY_OK(pruned);
        QCOMPARE(*pruned, 2);
        QCOMPARE(repo->firstRetainedSeq().value(), 0);
        QCOMPARE(repo->lastSeq().value(), 5); // the log is empty, but seq 5 was handed out
    }
    auto repo = openRepository();
    QVERIFY(repo);
    QCOMPARE(repo->lastSeq().value(), 5);
    QCOMPARE(place(*repo, m_alice, 100, kT0.addSecs(10)).event.seq, 6);
    QCOMPARE(repo->firstRetainedSeq().value(), 6);
}

// --- idempotency and outbox

void TestSqliteRepository::idempotency_storeAndRead()
{
    auto repo = openRepository();
    QVERIFY(repo);
    const QString alice = QStringLiteral("alice");
    const QString key = QStringLiteral("4f9a-key");
    QVERIFY(isAbsent(repo->idempotentAnswer(alice, key)));
    QVERIFY(isAbsent(repo->idempotentAnswer(alice, key)));

    const QByteArray body("{\"bet\":{\"id\":\"1\"}}\0binary", 26);
    VERIFY_OK(repo->storeIdempotentAnswer(alice, key, {QStringLiteral("hash-1"), {201, body}}));
    const StoredResponse stored = found(repo->idempotentAnswer(alice, key)).response;
    QCOMPARE(stored.status, 201);
    QCOMPARE(stored.body, body);
    QCOMPARE(found(repo->idempotentAnswer(alice, key)).requestHash, QStringLiteral("hash-1"));

    // The same request again keeps the first answer; a different request under the key is refused.
    VERIFY_OK(repo->storeIdempotentAnswer(alice, key, {QStringLiteral("hash-1"), {500, "later"}}));
    QCOMPARE(found(repo->idempotentAnswer(alice, key)).response.status, 201);
    const auto reused = repo->storeIdempotentAnswer(alice, key, {QStringLiteral("hash-2"), {200, "x"}});
    QVERIFY(!reused);
    QCOMPARE(reused.error().code, ErrorCode::Conflict);
    QCOMPARE(found(repo->idempotentAnswer(alice, key)).requestHash, QStringLiteral("hash-1"));

    // Keys are per user.
    QVERIFY(isAbsent(repo->idempotentAnswer(QStringLiteral("bob"), key)));
    VERIFY_OK(
        repo->storeIdempotentAnswer(QStringLiteral("bob"), key, {QStringLiteral("hash-b"), {200, "b"}}));
    QCOMPARE(found(repo->idempotentAnswer(QStringLiteral("bob"), key)).response.body, QByteArray("b"));
    QCOMPARE(found(repo->idempotentAnswer(alice, key)).response.body, body);
}

namespace {
// The Idempotency-Key of alice's request `key`, answered 201 when its change commits.
IdempotencyKey idempotencyKey(const QString &key)
{
    return IdempotencyKey { QStringLiteral("alice"), key, QStringLiteral("hash-") + key, 201 };
}

// The bet an idempotent answer reports: proof that storage built it from the committed transition.
Bet answeredBet(const StoredResponse &answer)
{
    const auto object = json::parseObject(answer.body);
    if (!object)
        return Bet {};
    const auto bet = json::decodeBet(*object);
    return bet ? *bet : Bet {};
}

bool execute(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    qWarning().noquote() << sql << q.lastError().text();
    return false;
}
} // namespace

void TestSqliteRepository::commitWithIdempotency_storesTheAnswerBuiltFromTheCommittedIds()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    place(*repo, m_alice, 100); // seq 1, bet 1

    const auto transition = m_rules.place(m_alice, newBet(200), kT0);
    QVERIFY(transition);
    const auto committed = repo->commit(*transition, {}, idempotencyKey(QStringLiteral("k1")));
    VERIFY_OK(committed);
    QCOMPARE(committed->after.id, QStringLiteral("2"));
    const StoredResponse stored = found(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))).response;
    QCOMPARE(stored.status, 201);
    // The committed bet exactly as the live answer encodes it (ids, version and times assigned).
    QCOMPARE(stored.body, json::toBytes(json::encode(committed->after)));
    QCOMPARE(answeredBet(stored), committed->after);
    QCOMPARE(found(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))).requestHash,
        QStringLiteral("hash-k1"));

    // Without a record nothing is stored, as before.
    const auto plain = m_rules.place(m_alice, newBet(300), kT0);
    VERIFY_OK(repo->commit(*plain, {}));
    QCOMPARE(rowCount(*repo, QStringLiteral("idempotency")), 1);
}

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

void TestSqliteRepository::commitWithIdempotency_keyAlreadyTaken_conflictAndNothingWritten()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    // A concurrent request with the same key got there first (between our check and our commit).
    VERIFY_OK(repo->storeIdempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"), {QStringLiteral("hash-k1"), {201, "first"}}));
    const auto transition = m_rules.place(m_alice, newBet(200), kT0);
    const auto committed = repo->commit(*transition, {}, idempotencyKey(QStringLiteral("k1")));
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::Conflict);
    QCOMPARE(rowCount(*repo, QStringLiteral("bets")), 0);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 5000);
    QCOMPARE(
        found(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))).response.body, QByteArray("first"));
}

void TestSqliteRepository::outbox_due_sent_retry_failed_count()
{
    auto repo = openRepository();
    QVERIFY(repo);
    VERIFY_OK(repo->addUser(m_alice, {}));
    VERIFY_OK(repo->addUser(m_operator, {}));
    VERIFY_OK(repo->deposit(QStringLiteral("alice"), 10000, QStringLiteral("EUR")));
    const QString id = place(*repo, m_alice, 1000).after.id;

    const auto transition
        = m_rules.resolve(found(repo->betById(id)), m_operator, BetResult::Win, QString(), kT0.addSecs(60));
    QVERIFY(transition);
    QList<OutboxMessage> mails;
    for (int i = 0; i < 3; ++i) {
        OutboxMessage m;
        m.kind = QStringLiteral("bet_resolved");
        m.recipient = QStringLiteral("alice%1@example.com").arg(i);
        m.userId = QStringLiteral("alice");
        m.payload = QJsonObject{{QStringLiteral("payout"), 2500}, {QStringLiteral("n"), i}};
        mails << m;
    }
    mails[2].nextAttemptAt = kT0.addSecs(3600); // scheduled later
    const auto committed = repo->commit(*transition, mails);
    VERIFY_OK(committed);
    QCOMPARE(repo->outboxCount(QStringLiteral("pending")), 3);
    QCOMPARE(repo->outboxCount(QString()), 3);

    const QDateTime now = kT0.addSecs(120);
    QVERIFY(must(repo->dueOutbox(kT0, 10)).isEmpty()); // not before its event
    auto due = must(repo->dueOutbox(now, 10));
    QCOMPARE(due.size(), 2);
    QVERIFY(due.at(0).id < due.at(1).id);
    const OutboxMessage first = due.at(0);
    QCOMPARE(first.kind, QStringLiteral("bet_resolved"));
    QCOMPARE(first.recipient, QStringLiteral("alice0@example.com"));
    QCOMPARE(first.userId, QStringLiteral("alice"));
    QCOMPARE(first.betId, id);
    QCOMPARE(first.eventSeq, committed->event.seq);
    QCOMPARE(first.payload, mails.at(0).payload);
    QCOMPARE(first.attempts, 0);
    QCOMPARE(first.state, QStringLiteral("pending"));
    QCOMPARE(must(repo->dueOutbox(now, 1)).size(), 1);
    QCOMPARE(must(repo->dueOutbox(kT0.addSecs(3600), 10)).size(), 3);

    VERIFY_OK(repo->markOutboxSent(first.id, now));
    VERIFY_OK(repo->markOutboxRetry(due.at(1).id, 1, now.addSecs(30), QStringLiteral("421 try later")));
    due = must(repo->dueOutbox(now, 10));
    QVERIFY(due.isEmpty());
    due = must(repo->dueOutbox(now.addSecs(30), 10));
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().attempts, 1);
    QCOMPARE(due.first().lastError, QStringLiteral("421 try later"));
    QCOMPARE(due.first().nextAttemptAt, now.addSecs(30));

    VERIFY_OK(repo->markOutboxFailed(due.first().id, 5, QStringLiteral("550 no such user")));
    QCOMPARE(repo->outboxCount(QStringLiteral("sent")), 1);
    QCOMPARE(repo->outboxCount(QStringLiteral("failed")), 1);
    QCOMPARE(repo->outboxCount(QStringLiteral("pending")), 1);
    QCOMPARE(must(repo->dueOutbox(now.addDays(1), 10)).size(), 1); // failed and sent are never due again

    QCOMPARE(repo->markOutboxSent(9999, now).error().code, ErrorCode::NotFound);
    QCOMPARE(repo->markOutboxRetry(9999, 1, now, QString()).error().code, ErrorCode::NotFound);
    QCOMPARE(repo->markOutboxFailed(9999, 1, QString()).error().code, ErrorCode::NotFound);
    QVERIFY(must(repo->dueOutbox(now, 0)).isEmpty());
}

void TestSqliteRepository::reopen_everythingSurvives()
{
    Transition placed;
    {
        auto repo = openRepository();
        QVERIFY(repo);
        VERIFY_OK(repo->addUser(m_alice, tokenHash(QStringLiteral("a"))));
        VERIFY_OK(repo->addUser(m_operator, tokenHash(QStringLiteral("o"))));
        VERIFY_OK(repo->deposit(QStringLiteral("alice"), 3000, QStringLiteral("EUR")));
        placed = place(*repo, m_alice, 1000);
        OutboxMessage mail;
        mail.kind = QStringLiteral("bet_resolved");
        mail.recipient = QStringLiteral("alice@example.com");
        const auto t = m_rules.resolve(placed.after, m_operator, BetResult::Push, QString(), kT0.addSecs(5));
        VERIFY_OK(repo->commit(*t, {mail}));
        VERIFY_OK(repo->storeIdempotentAnswer(QStringLiteral("alice"), QStringLiteral("k"), {QStringLiteral("h"), {201, "body"}}));
        repo->close();
        QVERIFY(!repo->database().isValid());
    }
    auto repo = openRepository();
    QVERIFY(repo);
    QCOMPARE(repo->userByTokenHash(tokenHash(QStringLiteral("a"))), m_alice);
    QCOMPARE(must(repo->users()).size(), 2);
    QCOMPARE(repo->balance(QStringLiteral("alice")), 3000);
    const Bet bet = found(repo->betById(placed.after.id));
    QCOMPARE(bet.status, BetStatus::Settled);
    QCOMPARE(bet.result, BetResult::Push);
    QCOMPARE(bet.version, 2);
    QCOMPARE(repo->lastSeq().value(), 2);
    QCOMPARE(repo->events({}).value().size(), 2);
    QCOMPARE(repo->outboxCount(QStringLiteral("pending")), 1);
    QCOMPARE(
        found(repo->idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k"))).response.body, QByteArray("body"));
}

QTEST_GUILESS_MAIN(TestSqliteRepository)
#include "tst_sqliterepository.moc"
