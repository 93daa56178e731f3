#pragma once

// Fills a benchmark database through the real storage and service layers: users with known tokens, pending
// bets.

#include "common/bet.h"
#include "common/user.h"

#include <QString>

namespace betthat::server {
class Repository;
class BetService;
} // namespace betthat::server

namespace betthat::bench {

class BenchSeed
{
public:
    explicit BenchSeed(server::Repository &repository);

    // The token of a benchmark user is derived from its id, so separate programs (wrk, the fan-out clients)
    // can use it without passing secrets around. Benchmark databases are throw-away; never do this with real
    // users.
    static QString tokenFor(const QString &userId);

    // Seeding only, never while measuring: synchronous=OFF on the repository's connection, so preparing
    // thousands of users and bets does not wait for thousands of fsyncs. The data written is the same.
    static bool relaxDurabilityForSeeding(const QString &connectionName);

    // Creates the user (bettors get `deposit` minor units); false with a message on stderr when it fails.
    bool addUser(const QString &id, Role role, qint64 deposit = 0);
    User user(const QString &id) const;

    // A pending bet of 10.00 EUR at 2.00 for `bettor`, placed through the service like the API would.
    bool placeBet(server::BetService &service, const User &bettor, QString *betId = nullptr);

private:
    server::Repository &m_repository;
};

} // namespace betthat::bench
