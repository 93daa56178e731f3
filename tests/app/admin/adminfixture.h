#pragma once

// Shared setup of the admin window suites: a real server, two operators, bettors, clients and bet helpers.

#include "app/net/apiclient.h"
#include "app/net/realtimeclient.h"
#include "common/betevent.h"
#include "tests/support/testsupport.h"

#include <QList>
#include <QObject>
#include <memory>

namespace betthat::test {

// Every event one RealTimeClient applied, in order.
class FeedRecorder : public QObject
{
public:
    explicit FeedRecorder(app::RealTimeClient *client);
    QList<BetEvent> events;
    // The events after the first `from` ones.
    QList<BetEvent> since(int from) const { return events.mid(from); }
    int countFor(const QString &betId, EventType type) const;
};

class AdminFixture
{
public:
    AdminFixture();
    ~AdminFixture();

    // Starts the server and creates users: operators "olga" and "oscar", bettors "alice" and "bob".
    bool start();

    TestServer &server() { return *m_server; }
    app::ServerEndpoint endpoint(const TestUser &user) const;
    // An ApiClient signed in as `user`, owned by the fixture.
    app::ApiClient *api(const TestUser &user);
    // A started RealTimeClient for `user` (feed: theirs; operators: the global feed), owned by the fixture.
    app::RealTimeClient *feed(const TestUser &user, const QString &feedUserId = {});
    // Waits until the client is Live and has applied every event committed so far.
    bool waitCaughtUp(app::RealTimeClient *client, int timeoutMs = 10000);

    // A pending bet placed through the service (the event and market are free here).
    Bet place(const TestUser &bettor, const QString &eventName = QStringLiteral("Arsenal v Chelsea"),
        const QString &market = QStringLiteral("Match winner"), qint64 stake = 1000,
        const QString &odds = QStringLiteral("2.50"), const QString &selection = QStringLiteral("Arsenal"));
    // Through the service, as if another operator or another window did it.
    Bet resolve(const QString &betId, BetResult result, const QString &notes = QStringLiteral("final score"),
        const TestUser *by = nullptr);
    Bet dispute(const Bet &bet, const QString &reason);
    Bet decide(const QString &betId, DisputeState decision, BetResult newResult, const QString &notes);
    qint64 balance(const QString &userId);
    QList<BetEvent> eventsOf(const QString &betId);

    TestUser olga; // operator
    TestUser oscar; // a second operator
    TestUser alice;
    TestUser bob;

private:
    std::unique_ptr<TestServer> m_server;
    std::vector<std::unique_ptr<app::ApiClient>> m_apis;
    std::vector<std::unique_ptr<app::RealTimeClient>> m_feeds;
};

} // namespace betthat::test
