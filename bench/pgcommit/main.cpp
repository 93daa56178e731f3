// betthat-bench-pgcommit: how many bet commits per second PostgresRepository sustains with N writers at once,
// each on its own connection (as N server threads or nodes would be). Every commit is the real one: the bet,
// its ledger entry and its event, the seq taken from the counter row that serialises event commits. A second
// and third run per writer count insert the same three rows with plain statements (no value binding,
// no balance check or version check), once with the seq from the counter row and once from a sequence (not gapless): the
// difference between those two is what the gapless ordering itself costs.
//
// Runs in a schema of its own (bench_<pid>) that it drops at the end, so any database will do:
//   betthat-bench-pgcommit --db postgres://postgres@127.0.0.1:5432/betthat_test --writers 1,4,16 --seconds 5
#include "bench/support/latencysummary.h"
#include "common/betrules.h"
#include "common/logging.h"
#include "server/storage/databaselocation.h"
#include "server/storage/postgresrepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QThread>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

using namespace betthat;
using namespace betthat::server;
using betthat::bench::LatencySummary;

namespace {

using SteadyClock = std::chrono::steady_clock;

User bettor(int i)
{
    User u;
    u.id = QStringLiteral("writer%1").arg(i);
    u.displayName = u.id;
    u.email = u.id + QStringLiteral("@example.com");
    u.currency = QStringLiteral("EUR");
    return u;
}

NewBet smallBet()
{
    NewBet b;
    b.eventName = QStringLiteral("Ajax v PSV");
    b.market = QStringLiteral("Match winner");
    b.selection = QStringLiteral("Ajax");
    b.odds = 25000;
    b.stake = 1;
    b.currency = QStringLiteral("EUR");
    return b;
}

struct RunResult
{
    qint64 commits = 0;
    qint64 failures = 0;
    double seconds = 0;
    std::vector<qint64> latencyNs;
};

enum class Mode { Commit, PlainCounter, PlainSequence };

// `writers` threads commit for `seconds`, through PostgresRepository::commit or with plain statements.
RunResult runWriters(const DatabaseLocation &location, int writers, double seconds, Mode mode)
{
    std::atomic<qint64> commits { 0 };
    std::atomic<qint64> failures { 0 };
    std::atomic<bool> stop { false };
    std::vector<std::vector<qint64>> latencies(static_cast<std::size_t>(writers));
    QList<QThread *> threads;
    const BetRules rules;
    for (int w = 0; w < writers; ++w) {
        threads << QThread::create([&, w] {
            auto repo = makeRepository(location, QStringLiteral("bench"));
            if (!repo->open()) {
                ++failures;
                return;
            }
            auto *sql = dynamic_cast<SqlRepository *>(repo.get());
            const User user = bettor(w);
            while (!stop.load()) {
                const auto t0 = SteadyClock::now();
                bool ok = false;
                if (mode != Mode::Commit) {
                    // The rows commit() writes, the seq from the counter row or from nextval() (a BIGSERIAL).
                    QSqlDatabase db = sql->database();
                    QSqlQuery q(db);
                    ok = q.exec(QStringLiteral("BEGIN"))
                        && q.exec(QStringLiteral("INSERT INTO bets (user_id, event_name, market, selection, odds,"
                                                 " stake, potential_return, currency, status, created_at, updated_at,"
                                                 " version) VALUES ('%1', 'Ajax v PSV', 'Match winner', 'Ajax', 25000,"
                                                 " 1, 3, 'EUR', 'pending', 0, 0, 1) RETURNING id")
                                      .arg(user.id))
                        && q.next();
                    const qint64 betId = ok ? q.value(0).toLongLong() : 0;
                    QString seq = QStringLiteral("nextval('naive_seq')");
                    if (ok && mode == Mode::PlainCounter) {
                        ok = q.exec(QStringLiteral("UPDATE event_counter SET seq = seq + 1 RETURNING seq")) && q.next();
                        seq = ok ? q.value(0).toString() : QString();
                    }
                    ok = ok
                        && q.exec(QStringLiteral("INSERT INTO ledger (user_id, bet_id, amount, currency, kind,"
                                                 " created_at) VALUES ('%1', %2, -1, 'EUR', 'stake', 0)")
                                      .arg(user.id)
                                      .arg(betId))
                        && q.exec(QStringLiteral("INSERT INTO events (seq, type, bet_id, user_id, data, timestamp)"
                                                 " VALUES (%3, 'bet_placed', %1, '%2', '{}', 0)")
                                      .arg(betId)
                                      .arg(user.id)
                                      .arg(seq))
                        && q.exec(QStringLiteral("COMMIT"));
                    if (!ok)
                        q.exec(QStringLiteral("ROLLBACK"));
                } else {
                    const auto transition = rules.place(user, smallBet(), QDateTime::currentDateTimeUtc());
                    ok = transition && repo->commit(*transition);
                }
                if (ok) {
                    ++commits;
                    latencies[std::size_t(w)].push_back(
                        std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now() - t0).count());
                } else {
                    ++failures;
                }
            }
        });
    }
    const auto start = SteadyClock::now();
    for (QThread *t : threads)
        t->start();
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    stop = true;
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    RunResult result;
    result.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    result.commits = commits.load();
    result.failures = failures.load();
    for (auto &l : latencies)
        result.latencyNs.insert(result.latencyNs.end(), l.begin(), l.end());
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    betthat::installLogging(betthat::LogLevel::Warning);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Commits/s on PostgreSQL with concurrent writers."));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("postgres://user@host:port/dbname (default: $BETTHAT_TEST_PG)."), QStringLiteral("url"));
    const QCommandLineOption writersOption(QStringLiteral("writers"),
        QStringLiteral("Comma-separated writer counts (default 1,4,16)."), QStringLiteral("list"),
        QStringLiteral("1,4,16"));
    const QCommandLineOption secondsOption(
        QStringLiteral("seconds"), QStringLiteral("Seconds per run (default 5)."), QStringLiteral("s"), QStringLiteral("5"));
    parser.addOptions({ dbOption, writersOption, secondsOption });
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QString url = parser.isSet(dbOption) ? parser.value(dbOption) : qEnvironmentVariable("BETTHAT_TEST_PG");
    auto parsed = DatabaseLocation::parse(url);
    if (!parsed || !parsed->isPostgres()) {
        err << "need --db postgres://... (or BETTHAT_TEST_PG)\n";
        return 2;
    }
    DatabaseLocation location = *parsed;
    const QString schema = QStringLiteral("bench_%1").arg(QCoreApplication::applicationPid());
    {
        // The schema on a plain connection: opening a repository there first would migrate the default schema.
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-admin"));
        admin.setHostName(location.host);
        if (location.port > 0)
            admin.setPort(location.port);
        admin.setUserName(location.user);
        admin.setPassword(location.password);
        admin.setDatabaseName(location.database);
        admin.setConnectOptions(PostgresRepository::connectOptions(location));
        if (!admin.open()) {
            err << admin.lastError().text() << "\n";
            return 1;
        }
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("CREATE SCHEMA %1").arg(schema))) {
            err << q.lastError().text() << "\n";
            return 1;
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-admin"));
    location.schema = schema;
    int maxWriters = 1;
    QList<int> counts;
    for (const QString &part : parser.value(writersOption).split(QLatin1Char(','))) {
        const int n = part.toInt();
        if (n <= 0 || n > 64) {
            err << "--writers takes counts from 1 to 64\n";
            return 2;
        }
        counts << n;
        maxWriters = qMax(maxWriters, n);
    }
    const double seconds = qMax(1.0, parser.value(secondsOption).toDouble());
    int status = 0;
    {
        auto setup = std::make_unique<PostgresRepository>(location, QStringLiteral("bench-setup"));
        if (const auto opened = setup->open(); !opened) {
            err << opened.error().message << "\n";
            return 1;
        }
        QSqlQuery q(setup->database());
        q.exec(QStringLiteral("CREATE SEQUENCE naive_seq START 1000000000"));
        for (int w = 0; w < maxWriters; ++w) {
            const User u = bettor(w);
            if (!setup->addUser(u, {}) || !setup->deposit(u.id, 1000000000, u.currency)) {
                err << "cannot add " << u.id << "\n";
                return 1;
            }
        }
        out << "PostgreSQL commits (bet + ledger + event per transaction), " << seconds << " s per run\n";
        for (const int writers : counts) {
            for (const Mode mode : { Mode::Commit, Mode::PlainCounter, Mode::PlainSequence }) {
                RunResult r = runWriters(location, writers, seconds, mode);
                const LatencySummary summary = LatencySummary::of(r.latencyNs);
                out << QStringLiteral("%1 writers %2: %3 commits/s (%4 commits, %5 failed); per commit (ms): %6\n")
                           .arg(writers, 2)
                           .arg(mode == Mode::Commit         ? QStringLiteral("commit(), counter row  ")
                                   : mode == Mode::PlainCounter ? QStringLiteral("plain SQL, counter row ")
                                                                : QStringLiteral("plain SQL, sequence    "))
                           .arg(double(r.commits) / r.seconds, 0, 'f', 0)
                           .arg(r.commits)
                           .arg(r.failures)
                           .arg(summary.format(1e6, 2));
                out.flush();
                if (r.failures > 0)
                    status = 1;
            }
        }
        QSqlQuery drop(setup->database());
        drop.exec(QStringLiteral("SET client_min_messages = warning"));
        drop.exec(QStringLiteral("SET search_path = public"));
        if (!drop.exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema)))
            err << "cannot drop schema " << schema << ": " << drop.lastError().text() << "\n";
    }
    return status;
}
