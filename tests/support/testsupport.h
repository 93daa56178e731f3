#pragma once

// Test fixtures shared by every suite: temporary databases, a real server on a free port, users with tokens.

#include "common/bet.h"
#include "common/user.h"
#include "server/betthatserver.h"

#include <QTemporaryDir>
#include <memory>

namespace betthat::test {

// A user created for a test, with the plain token the fixture generated.
struct TestUser
{
    User user;
    QString token;
};

// A real BetThatServer on 127.0.0.1, a free port and a fresh SQLite file in a temporary directory.
class TestServer
{
public:
    explicit TestServer(server::ServerConfig config = {});
    ~TestServer();

    bool start(); // QVERIFY(server.start())
    void stop();
    // Outage tests: stop if running, then start again on the SAME port with the same database and config.
    bool restart();
    server::BetThatServer &server() { return *m_server; }
    quint16 port() const { return m_server->port(); }
    QString baseUrl() const; // "http://127.0.0.1:PORT"
    QString dbPath() const { return m_dbPath; }
    server::ServerConfig &config() { return m_config; }
    // The clock the next start() hands to the server (the service copies it at start).
    void setClock(Clock clock) { m_clock = std::move(clock); }

    TestUser addUser(const QString &id, Role role = Role::Bettor, qint64 deposit = 100000);
    // A pending bet placed through the service for `bettor`.
    Bet placeBet(const TestUser &bettor, qint64 stake = 1000, const QString &odds = QStringLiteral("2.50"),
                 const QString &market = QStringLiteral("Match winner"));

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    server::ServerConfig m_config;
    Clock m_clock;
    std::unique_ptr<server::BetThatServer> m_server;
};

} // namespace betthat::test
