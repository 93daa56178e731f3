// betthat-bench-seed: writes a database with 2 x --bets events (each bet placed, then resolved) through the
// real service, for the polling benchmark. Users: 'operator' and 'bettor-1'.. with tokens 'bench-<id>'.
// Seeding runs with synchronous=OFF (it is preparation, not measurement); betthat-bench-commit measures
// commits.
#include "bench/support/benchseed.h"
#include "common/betrules.h"
#include "server/core/betservice.h"
#include "common/logging.h"
#include "server/storage/sqliterepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

using namespace betthat;
using namespace betthat::bench;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "betthat-bench-seed: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("betthat-bench-seed"));
    installLogging(LogLevel::Warning);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Creates a benchmark database with 2 x --bets events."));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QStringLiteral("SQLite file to create (must not exist)."), QStringLiteral("path"));
    const QCommandLineOption betsOption(QStringLiteral("bets"),
        QStringLiteral("Bets to place and resolve (default 5000)."), QStringLiteral("n"),
        QStringLiteral("5000"));
    const QCommandLineOption bettorsOption(QStringLiteral("bettors"),
        QStringLiteral("Bettors the bets are spread over (default 20)."), QStringLiteral("n"),
        QStringLiteral("20"));
    parser.addOptions({ dbOption, betsOption, bettorsOption });
    parser.process(app);

    const QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty())
        return fail(QStringLiteral("--db is required"));
    if (QFileInfo::exists(dbPath))
        return fail(QStringLiteral("%1 already exists; give a new path").arg(dbPath));
    bool ok = false;
    const int bets = parser.value(betsOption).toInt(&ok);
    if (!ok || bets < 1 || bets > 1000000)
        return fail(QStringLiteral("--bets must be a number from 1 to 1000000"));
    const int bettors = parser.value(bettorsOption).toInt(&ok);
    if (!ok || bettors < 1 || bettors > 10000)
        return fail(QStringLiteral("--bettors must be a number from 1 to 10000"));

    QElapsedTimer timer;
    timer.start();
    const QString connectionName = QStringLiteral("bench-seed");
    server::SqliteRepository repository(dbPath, connectionName);
    if (const auto opened = repository.open(); !opened)
        return fail(opened.error().message);
    if (!BenchSeed::relaxDurabilityForSeeding(connectionName))
        return 1;
    server::BetService service(repository, repository, BetRules(), systemClock());
    BenchSeed seed(repository);
    if (!seed.addUser(QStringLiteral("operator"), Role::Operator))
        return 1;
    QList<User> bettorUsers;
    for (int i = 1; i <= bettors; ++i) {
        const QString id = QStringLiteral("bettor-%1").arg(i);
        if (!seed.addUser(id, Role::Bettor, (qint64(bets) / bettors + 1) * 1000))
            return 1;
        bettorUsers.append(seed.user(id));
    }
    const User operatorUser = seed.user(QStringLiteral("operator"));
    QStringList betIds;
    for (int i = 0; i < bets; ++i) {
        QString betId;
        if (!seed.placeBet(service, bettorUsers.at(i % bettors), &betId))
            return 1;
        betIds.append(betId);
    }
    for (const QString &betId : betIds) {
        const auto resolved = service.resolve(operatorUser, betId, BetResult::Win, QStringLiteral("bench"));
        if (!resolved)
            return fail(QStringLiteral("resolve %1: %2").arg(betId, resolved.error().message));
    }
    const auto lastSeq = repository.lastSeq();
    std::printf("seeded %s: %lld events (last seq %lld), %d bettors, in %.1f s\n", qPrintable(dbPath),
        static_cast<long long>(2LL * bets), static_cast<long long>(lastSeq ? *lastSeq : -1), bettors,
        double(timer.elapsed()) / 1000.0);
    repository.close();
    return 0;
}
