#pragma once

// The composition root: storage, rules, HTTP API, realtime hub and email worker for one server instance.
// Lives in the thread that calls start(); the app runs it on a worker thread, betthat-server on the main one.

#include "common/error.h"
#include "common/timeutil.h"
#include "server/serverconfig.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <memory>

class QHttpServer;
class QTcpServer;

namespace betthat::server {

class Accounts;
class Repository;
class BetService;
class Authenticator;
class EdgeListener;
class EmailService;
class PostgresListener;
class RealtimeService;
class ServerMetrics;
class WebhookService;

class BetThatServer : public QObject
{
    Q_OBJECT
public:
    explicit BetThatServer(ServerConfig config, QObject *parent = nullptr);
    ~BetThatServer() override;

    // Opens storage, seeds demo data if asked, listens. Fails with a clear message (port taken, DB newer, ...).
    Status start();
    // Closes every WebSocket with 1001, stops listening, closes storage. Idempotent.
    void stop();

    // Where the database lives when ServerConfig::dbPath is empty: the app data dir of this executable.
    static QString defaultDatabasePath();

    quint16 port() const { return m_port; }
    // The separate metrics listener's port (0: none, MetricsConfig::port was 0).
    quint16 metricsPort() const { return m_metricsPort; }
    const ServerConfig &config() const { return m_config; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // The composition's parts, valid between start() and stop(). The storage backend is for the server's own
    // command line and the tests; the desktop app uses accounts() only.
    Repository &repository();
    BetService &service();
    Accounts &accounts();
    Authenticator &authenticator();
    EmailService *email(); // null until started
    WebhookService *webhooks(); // null until started
    // The WebSocket layer (null before start()); e.g. for status providers and test assertions.
    RealtimeService *realtime();
    // GET /metrics (null before start()).
    ServerMetrics *metrics();
    // What GET /readyz checks: the database (read and write probe), the listeners, the workers.
    QList<QPair<QString, Status>> readiness();
    // On PostgreSQL, the connection that hears other nodes' commits (null on SQLite and before start()).
    PostgresListener *postgresListener();
    // The listener and its connection guards (null before start()): limits, counters, test assertions.
    EdgeListener *edge();
    // Runtime switch for /ws/bet-updates (HTTP keeps working): off refuses upgrades with 503 and closes open
    // sockets with 1013. Safe to call from another thread; it runs in the server's.
    void setRealtimeEnabled(bool enabled);

Q_SIGNALS:
    void stopped();

private:
    struct Parts;
    ServerConfig m_config;
    Clock m_clock = systemClock();
    quint16 m_port = 0;
    quint16 m_metricsPort = 0;
    std::unique_ptr<Parts> m_parts;
};

} // namespace betthat::server
