// betthat-bench-commit: how many bet commits per second the storage sustains, measured through BetService
// exactly as the HTTP layer calls it: one transaction per change (bet + ledger + event), SQLite in WAL mode
// with synchronous=FULL, so every commit waits for its fsync. It also leaves a database with 2 x --bets
// events behind when --db is given, which scripts/bench then serves to wrk for the polling benchmark.
#include "bench/support/benchseed.h"
#include "bench/support/latencysummary.h"
#include "common/betrules.h"
#include "server/core/betservice.h"
#include "common/logging.h"
#include "server/storage/sqliterepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace betthat;
using namespace betthat::bench;

namespace {

using SteadyClock = std::chrono::steady_clock;

qint64 nanosSince(SteadyClock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now() - start).count();
}

void report(QTextStream &out, const char *what, std::vector<qint64> &samples, qint64 totalNs)
{
    const auto count = static_cast<qint64>(samples.size());
    const LatencySummary summary = LatencySummary::of(samples);
    out << QStringLiteral("%1 %2 commits in %3 s -> %4 commits/s\n")
               .arg(QString::fromLatin1(what))
               .arg(count)
               .arg(double(totalNs) / 1e9, 0, 'f', 2)
               .arg(double(count) * 1e9 / double(totalNs), 0, 'f', 0)
        << "    per commit (ms): " << summary.format(1e6, 3) << "\n";
}

// The ceiling this disk allows: SQLite alone, same pragmas, one small insert per transaction. What the
// service reaches relative to this is the cost of the bet rules, the ledger, the event row and the version
// check.
bool measureBareSqlite(const QString &path, int count, std::vector<qint64> *samples, qint64 *totalNs)
{
    const QString name = QStringLiteral("bench-baseline");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const char *statement : { "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                 "CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)" })
            ok = ok && query.exec(QLatin1String(statement));
        const QString payload(300, QLatin1Char('x'));
        ok = ok && query.prepare(QStringLiteral("INSERT INTO t (payload) VALUES (?)"));
        const auto start = SteadyClock::now();
        for (int i = 0; ok && i < count; ++i) {
            const auto t0 = SteadyClock::now();
            query.addBindValue(payload);
            ok = db.transaction() && query.exec() && db.commit();
            samples->push_back(nanosSince(t0));
        }
        *totalNs = nanosSince(start);
        if (!ok)
            std::fprintf(stderr, "bare SQLite baseline failed: %s\n", qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "betthat-bench-commit: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("betthat-bench-commit"));
    // Per-commit debug lines would be part of what is timed; the server runs with WARNING too.
    betthat::installLogging(betthat::LogLevel::Warning);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Places --bets bets and resolves them through BetService, one fsync'd SQLite transaction each, and "
        "reports commits per second. Users: 'operator' and 'bettor-1'.. with tokens 'bench-<id>'."));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral(
            "SQLite file to create and keep (must not exist). Default: a temporary file, removed."),
        QStringLiteral("path"));
    const QCommandLineOption betsOption(QStringLiteral("bets"),
        QStringLiteral("Bets to place and then resolve (default 1000)."), QStringLiteral("n"),
        QStringLiteral("1000"));
    const QCommandLineOption bettorsOption(QStringLiteral("bettors"),
        QStringLiteral("Bettors the bets are spread over (default 20)."), QStringLiteral("n"),
        QStringLiteral("20"));
    parser.addOptions({ dbOption, betsOption, bettorsOption });
    parser.process(app);

    bool ok = false;
    const int bets = parser.value(betsOption).toInt(&ok);
    if (!ok || bets < 1 || bets > 1000000)
        return fail(QStringLiteral("--bets must be a number from 1 to 1000000"));
    const int bettors = parser.value(bettorsOption).toInt(&ok);
    if (!ok || bettors < 1 || bettors > 10000)
        return fail(QStringLiteral("--bettors must be a number from 1 to 10000"));

    QTemporaryDir tempDir;
    QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty()) {
        if (!tempDir.isValid())
            return fail(QStringLiteral("cannot create a temporary directory"));
        dbPath = tempDir.filePath(QStringLiteral("commit.sqlite"));
    } else if (QFileInfo::exists(dbPath)) {
        return fail(QStringLiteral("%1 already exists; give a new path").arg(dbPath));
    }

    server::SqliteRepository repository(dbPath, QStringLiteral("bench-commit"));
    if (const auto opened = repository.open(); !opened)
        return fail(opened.error().message);
    server::BetService service(repository, repository, BetRules(), systemClock());
    BenchSeed seed(repository);

    if (!seed.addUser(QStringLiteral("operator"), Role::Operator))
        return 1;
    QList<User> bettorUsers;
    const qint64 depositEach = (qint64(bets) / bettors + 1) * 1000;
    for (int i = 1; i <= bettors; ++i) {
        const QString id = QStringLiteral("bettor-%1").arg(i);
        if (!seed.addUser(id, Role::Bettor, depositEach))
            return 1;
        bettorUsers.append(seed.user(id));
    }
    const User operatorUser = seed.user(QStringLiteral("operator"));

    QTextStream out(stdout);
    out << "Commit throughput: BetService -> SqliteRepository, WAL, synchronous=FULL, one transaction per "
           "change\n"
        << "database: " << dbPath << "\n";
    out.flush();

    // In the same directory as the database, so both fsync to the same disk.
    const QString baselinePath = QFileInfo(dbPath).absolutePath()
        + QStringLiteral("/bench-baseline-%1.sqlite").arg(QCoreApplication::applicationPid());
    std::vector<qint64> baselineNs;
    qint64 baselineTotal = 0;
    const bool baselineOk = measureBareSqlite(baselinePath, qMin(bets, 500), &baselineNs, &baselineTotal);
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(baselinePath + suffix);
    if (!baselineOk)
        return 1;

    QStringList betIds;
    betIds.reserve(bets);
    std::vector<qint64> placeNs;
    placeNs.reserve(std::size_t(bets));
    const auto placeStart = SteadyClock::now();
    for (int i = 0; i < bets; ++i) {
        QString betId;
        const auto t0 = SteadyClock::now();
        if (!seed.placeBet(service, bettorUsers.at(i % bettors), &betId))
            return 1;
        placeNs.push_back(nanosSince(t0));
        betIds.append(betId);
    }
    const qint64 placeTotal = nanosSince(placeStart);

    std::vector<qint64> resolveNs;
    resolveNs.reserve(std::size_t(bets));
    const auto resolveStart = SteadyClock::now();
    for (int i = 0; i < bets; ++i) {
        const auto t0 = SteadyClock::now();
        const auto resolved = service.resolve(
            operatorUser, betIds.at(i), i % 2 ? BetResult::Loss : BetResult::Win, QStringLiteral("bench"));
        if (!resolved)
            return fail(QStringLiteral("resolve %1: %2").arg(betIds.at(i), resolved.error().message));
        resolveNs.push_back(nanosSince(t0));
    }
    const qint64 resolveTotal = nanosSince(resolveStart);

    report(out, "bare SQLite insert (same pragmas)", baselineNs, baselineTotal);
    report(out, "place", placeNs, placeTotal);
    report(out, "resolve", resolveNs, resolveTotal);
    const auto lastSeq = repository.lastSeq();
    out << "event log: last seq " << (lastSeq ? *lastSeq : -1) << "\n";
    out.flush();
    repository.close();
    return 0;
}
