#include "demoseed.h"

#include "common/money.h"
#include "server/core/accounts.h"
#include "server/core/betservice.h"
#include "server/logcategories.h"
#include "server/storage/betstore.h"
#include "server/storage/eventlog.h"
#include "server/storage/userstore.h"

#include <memory>

namespace betthat::server {

namespace {

enum class Outcome { Pending, Win, Loss, Void, DisputedLoss };

struct PlannedBet
{
    const char *userId;
    const char *eventName;
    const char *market;
    const char *selection;
    const char *odds;
    qint64 stake; // minor units
    Outcome outcome;
    const char *notes; // resolution notes; for the disputed bet, the bettor's reason follows in `reason`
    const char *reason;
};

// Five pending, three won, two lost, one voided, one disputed: every state the app has to draw.
const PlannedBet kPlan[] = {
    { "alice", "Arsenal v Chelsea", "Match winner", "Arsenal", "2.10", 2500, Outcome::Pending, "", "" },
    { "bob", "Manchester City v Liverpool", "Correct score", "2-1", "8.50", 500, Outcome::Loss,
        "Final score 1-1", "" },
    { "carol", "Super Bowl LVIII: Chiefs v 49ers", "Match winner", "Kansas City Chiefs", "1.83", 10000,
        Outcome::Win, "Chiefs won 25-22 in overtime", "" },
    { "alice", "Real Madrid v Barcelona", "Both teams to score", "Yes", "1.72", 1000, Outcome::Win,
        "Final score 3-2", "" },
    { "bob", "Bayern Munich v Borussia Dortmund", "Match winner", "Bayern Munich", "1.55", 4000, Outcome::Win,
        "Final score 4-0", "" },
    { "carol", "Tour de France, stage 14", "Stage winner", "Tadej Pogačar", "3.25", 1000, Outcome::Loss,
        "Stage won by Jonas Vingegaard", "" },
    { "bob", "Monaco Grand Prix", "Race winner", "Charles Leclerc", "4.00", 1500, Outcome::Void,
        "Race abandoned after a red flag; stakes refunded", "" },
    { "alice", "Lakers v Celtics", "Total points", "Over 215.5", "1.91", 2000, Outcome::DisputedLoss,
        "Total points 212",
        "The game went to overtime and finished 112-109: that is 221 points, over 215.5" },
    { "carol", "Arsenal v Chelsea", "Total goals", "Under 2.5", "1.95", 2000, Outcome::Pending, "", "" },
    { "bob", "Lakers v Celtics", "Match winner", "Boston Celtics", "1.80", 3000, Outcome::Pending, "", "" },
    { "alice", "Wimbledon men's final: Alcaraz v Djokovic", "Match winner", "Carlos Alcaraz", "1.85", 5000,
        Outcome::Pending, "", "" },
    { "carol", "Six Nations: Ireland v France", "Handicap", "Ireland -3.5", "1.90", 2500, Outcome::Pending,
        "", "" },
};

constexpr qint64 kDemoDeposit = 100000; // 1000.00 EUR

User demoUser(const char *id, const char *name, Role role)
{
    User u;
    u.id = QString::fromLatin1(id);
    u.displayName = QString::fromUtf8(name);
    u.email = u.id + QStringLiteral("@example.test");
    u.role = role;
    return u;
}

Error seedError(const QString &what, const Error &cause)
{
    return makeError(cause.code, QStringLiteral("demo seed: %1: %2").arg(what, cause.message));
}

} // namespace

DemoSeed::DemoSeed(UserStore &users, BetStore &bets, EventLog &log, BetRules rules, Clock clock)
    : m_users(users)
    , m_bets(bets)
    , m_log(log)
    , m_rules(rules)
    , m_clock(std::move(clock))
{
}

QList<DemoUser> DemoSeed::users()
{
    return {
        { demoUser("operator", "Olivia Operator", Role::Operator), QStringLiteral("demo-operator"), 0 },
        { demoUser("alice", "Alice Archer", Role::Bettor), QStringLiteral("demo-alice"), kDemoDeposit },
        { demoUser("bob", "Bob Baker", Role::Bettor), QStringLiteral("demo-bob"), kDemoDeposit },
        { demoUser("carol", "Carol Chen", Role::Bettor), QStringLiteral("demo-carol"), kDemoDeposit },
    };
}

Result<bool> DemoSeed::seedIfEmpty()
{
    // "Empty" means no users: a database someone already uses is never touched, whatever --demo says.
    const auto existing = m_users.users();
    if (!existing)
        return seedError(QStringLiteral("reading the users"), existing.error());
    if (!existing->isEmpty()) {
        qCInfo(lcDemo) << "database already has users: demo data not seeded";
        return false;
    }

    const QList<DemoUser> demoUsers = users();
    User operatorUser;
    Accounts accounts(m_users);
    for (const DemoUser &demo : demoUsers) {
        if (const auto added = accounts.addUser(demo.user, demo.deposit, demo.token); !added)
            return seedError(QStringLiteral("adding user %1").arg(demo.user.id), added.error());
        if (demo.user.isOperator())
            operatorUser = demo.user;
    }
    const auto bettor = [&demoUsers](const QString &id) {
        for (const DemoUser &demo : demoUsers)
            if (demo.user.id == id)
                return demo.user;
        return User {};
    };

    // A scripted clock lays the history out over the hours before now, in seq order, so the app shows
    // "placed 5 hours ago" rather than a dozen bets from the same millisecond.
    auto cursor = std::make_shared<QDateTime>(m_clock().toUTC().addSecs(-6 * 3600));
    BetService service(m_bets, m_log, m_rules, [cursor] { return *cursor; });
    const auto advance = [&cursor](qint64 ms) { *cursor = cursor->addMSecs(ms); };

    QStringList betIds;
    for (const PlannedBet &plan : kPlan) {
        advance(13 * 60 * 1000);
        NewBet request;
        request.eventName = QString::fromUtf8(plan.eventName);
        request.market = QString::fromUtf8(plan.market);
        request.selection = QString::fromUtf8(plan.selection);
        request.odds = *parseOdds(QString::fromLatin1(plan.odds));
        request.stake = plan.stake;
        const auto placed = service.place(bettor(QString::fromLatin1(plan.userId)), request);
        if (!placed)
            return seedError(
                QStringLiteral("placing %1 on %2").arg(request.selection, request.eventName), placed.error());
        betIds.append(placed->id);
    }

    // The disputed bet is resolved last so its dispute can follow inside even a very short dispute window.
    const auto resolveOne = [&](int index) -> Status {
        const PlannedBet &plan = kPlan[index];
        BetResult result = BetResult::Loss;
        if (plan.outcome == Outcome::Win)
            result = BetResult::Win;
        else if (plan.outcome == Outcome::Void)
            result = BetResult::Void;
        advance(9 * 60 * 1000);
        const auto resolved
            = service.resolve(operatorUser, betIds.at(index), result, QString::fromUtf8(plan.notes));
        if (!resolved)
            return seedError(QStringLiteral("resolving bet %1").arg(betIds.at(index)), resolved.error());
        return Ok{};
    };
    int disputed = -1;
    for (int i = 0; i < int(std::size(kPlan)); ++i) {
        if (kPlan[i].outcome == Outcome::Pending)
            continue;
        if (kPlan[i].outcome == Outcome::DisputedLoss) {
            disputed = i;
            continue;
        }
        if (const auto done = resolveOne(i); !done)
            return done.error();
    }
    if (disputed >= 0) {
        if (const auto done = resolveOne(disputed); !done)
            return done.error();
        advance(qMin<qint64>(15 * 60 * 1000, m_rules.disputeWindowMs() / 2));
        const PlannedBet &plan = kPlan[disputed];
        const auto raised = service.dispute(
            bettor(QString::fromLatin1(plan.userId)), betIds.at(disputed), QString::fromUtf8(plan.reason));
        if (!raised)
            return seedError(QStringLiteral("disputing bet %1").arg(betIds.at(disputed)), raised.error());
    }

    qCInfo(lcDemo).nospace() << "seeded demo data: " << demoUsers.size() << " users, " << betIds.size()
                             << " bets (demo tokens are public: demos only)";
    return true;
}

Result<QString> DemoSeed::pendingBetId(BetStore &bets, const QString &userId)
{
    BetQuery query;
    query.userId = userId;
    query.status = BetStatus::Pending;
    query.limit = 1;
    const auto pending = bets.bets(query);
    if (!pending)
        return pending.error();
    return pending->isEmpty() ? QString() : pending->constFirst().id;
}

} // namespace betthat::server
