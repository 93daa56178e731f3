#pragma once

// The realtime layer of one server: /ws/bet-updates and /ws/status on the HTTP server, admission and auth
// of new sockets, and the feed -> hub -> sessions pipeline.

#include "common/timeutil.h"
#include "common/user.h"
#include "server/realtime/connectionlimiter.h"
#include "server/realtime/realtimestats.h"
#include "server/serverconfig.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSet>
#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QHttpServerResponse;
class QWebSocket;

namespace betthat::server {

class Authenticator;
class EventFeed;
class EventLog;
class WsHub;

class RealtimeService : public QObject
{
    Q_OBJECT
public:
    // Installs the routes and starts following the event log from its current end. Lives in the thread of
    // `http`: sockets are served by the thread that accepted them.
    RealtimeService(QHttpServer &http, EventLog &log, Authenticator &authenticator,
        const RealtimeConfig &config, Clock clock, QObject *parent = nullptr);
    ~RealtimeService() override;

    // Off: upgrades are refused with HTTP 503 and open sockets are closed with 1013 (clients fall back to
    // polling and retry later). HTTP is not affected.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // Applies per-socket options (RealtimeConfig::socketSendBufferBytes) to the HTTP server's listening
    // sockets; accepted sockets inherit them. Call right after listen().
    void configureListeners();

    // Closes every socket with 1001 and refuses new ones. Call before the HTTP server goes away.
    void shutdown();

    // Adds a section to /ws/status (e.g. the email module's counters). Built-in keys cannot be replaced.
    void addStatusProvider(const QString &key, std::function<QJsonValue()> provider);
    // What GET /ws/status answers to `viewer`: user ids only for operators.
    QJsonObject status(const User &viewer) const;

    const RealtimeStats &stats() const { return m_stats; }
    // New connections refused by the per-user rate (for GET /metrics).
    quint64 rateLimitedConnections() const { return m_limiter.rateLimited(); }
    // GET /metrics: where live deliveries record their commit -> write latency (must outlive this service).
    void setDeliveryLatencyHistogram(metrics::Histogram *histogram) { m_stats.setDeliveryLatencyHistogram(histogram); }
    int connectionCount() const;
    qint64 deliveredSeq() const;

public Q_SLOTS:
    // BetService::eventCommitted: read the log now rather than at the next poll.
    void onEventCommitted(qint64 seq);

private:
    void handleUpgradeRoute(const QHttpServerRequest &request, QHttpServerResponder &responder);
    QHttpServerResponse statusResponse(const QHttpServerRequest &request);
    void takePendingConnections();
    void accept(std::unique_ptr<QWebSocket> socket);
    void refuse(std::unique_ptr<QWebSocket> socket, int code, const QString &reason);
    bool originAllowed(const QString &origin) const;

    QHttpServer &m_http;
    EventLog &m_log;
    Authenticator &m_authenticator;
    const RealtimeConfig m_config;
    Clock m_clock;
    bool m_enabled = true;
    QSet<QString> m_allowedOrigins; // normalised; "*" allows any
    bool m_shuttingDown = false;
    RealtimeStats m_stats;
    ConnectionLimiter m_limiter;
    WsHub *m_hub = nullptr; // child
    EventFeed *m_feed = nullptr; // child
    QSet<QByteArray> m_refusedKeys; // Sec-WebSocket-Key of upgrades already answered with 503
    QList<QPair<QString, std::function<QJsonValue()>>> m_statusProviders;
};

} // namespace betthat::server
