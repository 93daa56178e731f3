#pragma once

// The server's listening socket: admits connections (total and per-address caps for plain HTTP), survives
// descriptor exhaustion, attaches an EdgeSocket guard to every connection before QHttpServer sees it, and
// runs the one deadline sweep for all of them.

#include "server/serverconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>
#include <utility>

namespace betthat::server {

class EdgeSocket;

// Everything the edge enforces, gathered from the server's configuration.
struct EdgeSettings
{
    EdgeConfig edge;
    qint64 maxBodyBytes = 64 * 1024;
    qint64 wsMaxPendingBytes = 1024 * 1024; // RealtimeConfig::maxPendingBytes: unsent bytes incl. automatic pongs
    qint64 wsMaxFrameBytes = 4096;          // a client's frame payload

    static EdgeSettings from(const ServerConfig &config);
};

struct EdgeStats
{
    qint64 accepted = 0;
    qint64 refusedTotalCap = 0;      // 503: maxHttpConnections reached
    qint64 refusedAddressCap = 0;    // 503: maxHttpConnectionsPerAddress reached
    qint64 acceptPauses = 0;         // accept() failed for lack of descriptors
    qint64 headerTimeouts = 0;
    qint64 bodyTimeouts = 0;
    qint64 idleCloses = 0;
    qint64 handshakeTimeouts = 0;
    qint64 pipelinePauses = 0;       // a connection stopped reading until its answers drain
    qint64 pipelineStallCloses = 0;  // ... and never drained
    qint64 wsSlowConsumerCloses = 0; // 4008 from the edge (automatic pongs piling up)
    qint64 lingerAborts = 0;         // closing connections cut off after lingerMs / lingerMaxBytes
    QMap<int, qint64> httpRefusals;  // by status: 400, 413, 414, 431, 501
    QMap<int, qint64> wsCloses;      // by close code: 1002, 1009, 4008

    QJsonObject toJson() const;
};

class EdgeListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit EdgeListener(const EdgeSettings &settings, QObject *parent = nullptr);
    ~EdgeListener() override;

    // Listens and accepts with our own loop instead of QTcpServer's: Qt 6.4 retries a failing accept()
    // (EMFILE) on every turn of the event loop, at 100 % CPU, until a descriptor frees up.
    bool listenGuarded(const QHostAddress &address, quint16 port);

    // The realtime layer calls this when Qt handed it the upgraded socket of (peer, port): the connection is
    // a WebSocket now, leaves the HTTP caps and its handshake deadline.
    void markWebSocketEstablished(const QHostAddress &peer, quint16 port);

    const EdgeSettings &settings() const { return m_settings; }
    const EdgeStats &stats() const { return m_stats; }
    QJsonObject statusJson() const;
    int httpConnectionCount() const { return m_httpConnections; }
    int connectionCount() const { return int(m_sockets.size()); }
    qint64 now() const { return m_clock.elapsed(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class EdgeSocket;
    void forget(EdgeSocket *socket);
    void leaveHttp(EdgeSocket *socket);
    void setTimed(EdgeSocket *socket, bool timed);
    EdgeStats &mutableStats() { return m_stats; }
    void sweep();
    void acceptPending();
    void pauseAccepting(const QString &reason, bool outOfDescriptors);
    // At most one line per logIntervalMs for each kind of trouble, with how many were left out.
    void logThrottled(const QString &kind, const QString &message);

    EdgeSettings m_settings;
    EdgeStats m_stats;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QTimer m_resumeAccepting;
    QSocketNotifier *m_acceptNotifier = nullptr; // child
    int m_acceptDescriptor = -1;                 // a duplicate of the listening socket's
    qint64 m_readBufferBytes = 0;
    int m_httpConnections = 0;
    QHash<QHostAddress, int> m_perAddress;
    QSet<EdgeSocket *> m_sockets;
    QSet<EdgeSocket *> m_timed; // sockets with a deadline; the sweep looks at these only
    QHash<std::pair<QHostAddress, quint16>, EdgeSocket *> m_byPeer;
    struct Throttle
    {
        qint64 lastLoggedMs = -1;
        qint64 suppressed = 0;
    };
    QHash<QString, Throttle> m_throttles;
};

} // namespace betthat::server
