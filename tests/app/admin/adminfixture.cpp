#include "adminfixture.h"

#include "common/money.h"
#include "tests/support/resultchecks.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"

#include <QTest>
#include <algorithm>

namespace betthat::test {

FeedRecorder::FeedRecorder(app::RealTimeClient *client)
{
    connect(
        client, &app::RealTimeClient::eventReceived, this, [this](const BetEvent &e) { events.append(e); });
}

int FeedRecorder::countFor(const QString &betId, EventType type) const
{
    return static_cast<int>(std::count_if(events.cbegin(), events.cend(),
        [&](const BetEvent &e) { return e.betId == betId && e.type == type; }));
}

AdminFixture::AdminFixture()
    : m_server(std::make_unique<TestServer>())
{ }

AdminFixture::~AdminFixture()
{
    // Clients first: they talk to the server while they shut down.
    m_feeds.clear();
    m_apis.clear();
    m_server.reset();
}

bool AdminFixture::start()
{
    if (!m_server->start())
        return false;
    olga = m_server->addUser(QStringLiteral("olga"), Role::Operator);
    oscar = m_server->addUser(QStringLiteral("oscar"), Role::Operator);
    alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 1000000);
    bob = m_server->addUser(QStringLiteral("bob"), Role::Bettor, 1000000);
    return true;
}

app::ServerEndpoint AdminFixture::endpoint(const TestUser &user) const
{
    return app::ServerEndpoint(QUrl(m_server->baseUrl()), user.token);
}

app::ApiClient *AdminFixture::api(const TestUser &user)
{
    m_apis.push_back(std::make_unique<app::ApiClient>(endpoint(user)));
    return m_apis.back().get();
}

app::RealTimeClient *AdminFixture::feed(const TestUser &user, const QString &feedUserId)
{
    m_feeds.push_back(std::make_unique<app::RealTimeClient>(endpoint(user), feedUserId));
    app::RealTimeClient *client = m_feeds.back().get();
    client->start();
    return client;
}

bool AdminFixture::waitCaughtUp(app::RealTimeClient *client, int timeoutMs)
{
    const auto lastSeq = m_server->server().repository().lastSeq();
    if (!lastSeq)
        return false;
    const qint64 last = *lastSeq;
    return QTest::qWaitFor(
        [&] { return client->state() == app::RealTimeClient::State::Live && client->lastSeq() >= last; },
        timeoutMs);
}

Bet AdminFixture::place(const TestUser &bettor, const QString &eventName, const QString &market, qint64 stake,
    const QString &odds, const QString &selection)
{
    NewBet request;
    request.eventName = eventName;
    request.market = market;
    request.selection = selection;
    request.odds = *parseOdds(odds);
    request.stake = stake;
    const auto placed = m_server->server().service().place(bettor.user, request);
    if (!placed)
        qFatal("place: %s", qPrintable(placed.error().message));
    return *placed;
}

Bet AdminFixture::resolve(const QString &betId, BetResult result, const QString &notes, const TestUser *by)
{
    const auto resolved = m_server->server().service().resolve((by ? *by : oscar).user, betId, result, notes);
    if (!resolved)
        qFatal("resolve: %s", qPrintable(resolved.error().message));
    return *resolved;
}

Bet AdminFixture::dispute(const Bet &bet, const QString &reason)
{
    const TestUser &owner = bet.userId == alice.user.id ? alice : bob;
    const auto disputed = m_server->server().service().dispute(owner.user, bet.id, reason);
    if (!disputed)
        qFatal("dispute: %s", qPrintable(disputed.error().message));
    return *disputed;
}

Bet AdminFixture::decide(
    const QString &betId, DisputeState decision, BetResult newResult, const QString &notes)
{
    const auto decided
        = m_server->server().service().decideDispute(oscar.user, betId, decision, newResult, notes);
    if (!decided)
        qFatal("decide: %s", qPrintable(decided.error().message));
    return *decided;
}

qint64 AdminFixture::balance(const QString &userId)
{
    return betthat::test::must(m_server->server().repository().balance(userId));
}

QList<BetEvent> AdminFixture::eventsOf(const QString &betId)
{
    const auto events = m_server->server().repository().eventsForBet(betId);
    if (!events)
        qFatal("eventsForBet(%s): %s", qPrintable(betId), qPrintable(events.error().message));
    return *events;
}

} // namespace betthat::test
