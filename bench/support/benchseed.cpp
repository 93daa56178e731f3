#include "benchseed.h"

#include "common/betrules.h"
#include "server/auth/tokens.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <cstdio>

namespace betthat::bench {

BenchSeed::BenchSeed(server::Repository &repository)
    : m_repository(repository)
{ }

QString BenchSeed::tokenFor(const QString &userId)
{
    return QStringLiteral("bench-") + userId;
}

bool BenchSeed::relaxDurabilityForSeeding(const QString &connectionName)
{
    QSqlQuery query(QSqlDatabase::database(connectionName, false));
    if (!query.exec(QStringLiteral("PRAGMA synchronous = OFF"))) {
        std::fprintf(
            stderr, "cannot relax durability for seeding: %s\n", qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

bool BenchSeed::addUser(const QString &id, Role role, qint64 deposit)
{
    User created;
    created.id = id;
    created.displayName = id;
    created.email = id + QStringLiteral("@bench.test");
    created.role = role;
    // No notification mail for benchmark users: the outbox would grow with every resolution otherwise.
    created.emailNotifications = false;
    if (const auto added = m_repository.addUser(created, server::hashToken(tokenFor(id))); !added) {
        std::fprintf(stderr, "cannot add user %s: %s\n", qPrintable(id), qPrintable(added.error().message));
        return false;
    }
    if (role == Role::Bettor && deposit > 0) {
        if (const auto deposited = m_repository.deposit(id, deposit, created.currency); !deposited) {
            std::fprintf(
                stderr, "cannot deposit for %s: %s\n", qPrintable(id), qPrintable(deposited.error().message));
            return false;
        }
    }
    return true;
}

User BenchSeed::user(const QString &id) const
{
    const auto read = m_repository.userById(id);
    return read && read->has_value() ? **read : User {};
}

bool BenchSeed::placeBet(server::BetService &service, const User &bettor, QString *betId)
{
    NewBet request;
    request.eventName = QStringLiteral("Bench United v Load City");
    request.market = QStringLiteral("Match winner");
    request.selection = QStringLiteral("Bench United");
    request.odds = 20000; // 2.00 in ten-thousandths
    request.stake = 1000;
    const auto placed = service.place(bettor, request);
    if (!placed) {
        std::fprintf(stderr, "cannot place a bet for %s: %s\n", qPrintable(bettor.id),
            qPrintable(placed.error().message));
        return false;
    }
    if (betId)
        *betId = placed->id;
    return true;
}

} // namespace betthat::bench
