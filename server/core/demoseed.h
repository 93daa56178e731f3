#pragma once

// Demo users with fixed, publicly known tokens and a dozen bets in every state: for demos only, never
// production.

#include "common/betrules.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "common/user.h"

#include <QList>
#include <QString>

namespace betthat::server {

class BetStore;
class EventLog;
class UserStore;

// A demo account as the banner prints it. The token is stored hashed like any other; it is only "known"
// because it is written here, which is exactly why --demo must never be used on a real database.
struct DemoUser
{
    User user;
    QString token;
    qint64 deposit = 0; // minor units
};

class DemoSeed
{
public:
    // rules: the server's (its dispute window bounds when the demo dispute can be raised).
    // clock: "now"; the demo's history is laid out over the hours before it.
    DemoSeed(UserStore &users, BetStore &bets, EventLog &log, BetRules rules, Clock clock);

    static QList<DemoUser> users();

    // Seeds users, deposits and bets (all through BetService, so every bet has its events and ledger
    // entries) only when the database has no users at all. Returns true if it seeded, false if the
    // database already had users (nothing is written then).
    Result<bool> seedIfEmpty();

    // A pending bet of userId for ready-to-paste examples (the newest); empty when there is none.
    static Result<QString> pendingBetId(BetStore &bets, const QString &userId);

private:
    UserStore &m_users;
    BetStore &m_bets;
    EventLog &m_log;
    BetRules m_rules;
    Clock m_clock;
};

} // namespace betthat::server
