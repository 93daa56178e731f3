#include "testsupport.h"

#include "common/money.h"
#include "server/auth/tokens.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"

#include <QTest>

namespace betthat::test {

TestServer::TestServer(server::ServerConfig config) : m_config(std::move(config))
{
    m_dbPath = m_dir.filePath(QStringLiteral("test.sqlite"));
    m_config.dbPath = m_dbPath;
    m_config.bind = QHostAddress::LocalHost;
    m_config.port = 0;
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start()
{
    // A restart keeps the database file: tests of outages stop and start the same server.
    m_server = std::make_unique<server::BetThatServer>(m_config);
    if (m_clock)
        m_server->setClock(m_clock);
    const auto started = m_server->start();
    if (!started)
        qWarning("TestServer: %s", qPrintable(started.error().message));
    return started.ok();
}

void TestServer::stop()
{
    if (m_server)
        m_server->stop();
}

bool TestServer::restart()
{
    // Clients keep their URL across an outage, so the server must come back where it was.
    const quint16 previousPort = m_server ? m_server->port() : 0;
    stop();
    const quint16 configuredPort = m_config.port;
    m_config.port = previousPort;
    const bool started = start();
    m_config.port = configuredPort;
    return started;
}

QString TestServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

TestUser TestServer::addUser(const QString &id, Role role, qint64 deposit)
{
    TestUser t;
    t.user.id = id;
    t.user.displayName = id;
    t.user.role = role;
    t.user.email = id + QStringLiteral("@example.test");
    t.token = server::generateToken();
    auto &repo = m_server->repository();
    const auto added = repo.addUser(t.user, server::hashToken(t.token));
    if (!added)
        qFatal("addUser(%s): %s", qPrintable(id), qPrintable(added.error().message));
    if (deposit > 0 && role == Role::Bettor)
        repo.deposit(id, deposit, t.user.currency);
    return t;
}

Bet TestServer::placeBet(const TestUser &bettor, qint64 stake, const QString &odds, const QString &market)
{
    NewBet request;
    request.eventName = QStringLiteral("Arsenal v Chelsea");
    request.market = market;
    request.selection = QStringLiteral("Arsenal");
    request.odds = *parseOdds(odds);
    request.stake = stake;
    const auto placed = m_server->service().place(bettor.user, request);
    if (!placed)
        qFatal("placeBet: %s", qPrintable(placed.error().message));
    return *placed;
}

} // namespace betthat::test
