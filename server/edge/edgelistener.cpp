#include "edgelistener.h"

#include "common/protocol.h"
#include "server/edge/edgesocket.h"
#include "server/logcategories.h"

#include <QJsonArray>
#include <QPointer>

#include <cerrno>
#include <fcntl.h>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace betthat::server {

namespace {

QJsonObject countsByCode(const QMap<int, qint64> &counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.insert(QString::number(it.key()), it.value());
    return object;
}

// One sweep serves every deadline of the listener; a quarter of the shortest timeout keeps them accurate to
// about 25 % without waking up often (4 times a second with the defaults).
int sweepIntervalMs(const EdgeConfig &config)
{
    int shortest = 2000;
    for (int timeout : { config.headerTimeoutMs, config.bodyTimeoutMs, config.idleTimeoutMs,
             config.pipelineStallTimeoutMs, config.handshakeTimeoutMs, config.lingerMs })
        if (timeout > 0)
            shortest = qMin(shortest, timeout);
    return qBound(5, shortest / 4, 500);
}

} // namespace

EdgeSettings EdgeSettings::from(const ServerConfig &config)
{
    EdgeSettings settings;
    settings.edge = config.edge;
    settings.maxBodyBytes = config.maxBodyBytes;
    settings.wsMaxPendingBytes = config.realtime.maxPendingBytes;
    settings.wsMaxFrameBytes = protocol::kMaxClientMessageBytes;
    return settings;
}

QJsonObject EdgeStats::toJson() const
{
    return QJsonObject { { QStringLiteral("accepted"), accepted },
        { QStringLiteral("refused_total_cap"), refusedTotalCap },
        { QStringLiteral("refused_address_cap"), refusedAddressCap },
        { QStringLiteral("accept_pauses"), acceptPauses }, { QStringLiteral("header_timeouts"), headerTimeouts },
        { QStringLiteral("body_timeouts"), bodyTimeouts }, { QStringLiteral("idle_closes"), idleCloses },
        { QStringLiteral("handshake_timeouts"), handshakeTimeouts },
        { QStringLiteral("pipeline_pauses"), pipelinePauses },
        { QStringLiteral("pipeline_stall_closes"), pipelineStallCloses },
        { QStringLiteral("ws_slow_consumer_closes"), wsSlowConsumerCloses },
        { QStringLiteral("linger_aborts"), lingerAborts },
        { QStringLiteral("http_refusals"), countsByCode(httpRefusals) },
        { QStringLiteral("ws_closes"), countsByCode(wsCloses) } };
}

EdgeListener::EdgeListener(const EdgeSettings &settings, QObject *parent)
    : QTcpServer(parent)
    , m_settings(settings)
{
    m_clock.start();
    // QHttpServer 6.4 keeps a whole request (head and body) in the socket's buffer until it is complete, so the
    // buffer must hold the largest request the limits allow; chunk framing may add up to the body size again.
    const EdgeConfig &edge = m_settings.edge;
    const qint64 needed = qint64(edge.maxRequestLineBytes) + edge.maxHeaderBytes + 2 * m_settings.maxBodyBytes
        + 16 * 1024;
    m_readBufferBytes = qMax<qint64>(edge.readBufferBytes, needed);
    if (edge.readBufferBytes > 0 && edge.readBufferBytes < needed)
        qCWarning(lcEdge) << "read buffer of" << edge.readBufferBytes << "bytes is below the" << needed
                          << "a request within the limits needs; using" << needed;

    m_sweep.setInterval(sweepIntervalMs(edge));
    connect(&m_sweep, &QTimer::timeout, this, &EdgeListener::sweep);
    m_sweep.start();
    m_resumeAccepting.setSingleShot(true);
    connect(&m_resumeAccepting, &QTimer::timeout, this, [this] {
        if (m_acceptNotifier)
            m_acceptNotifier->setEnabled(true);
    });
}

bool EdgeListener::listenGuarded(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    // QTcpServer keeps the listening socket with its own read notifier paused for good; ours watches a
    // duplicate of the descriptor (one notifier per descriptor and type is all the dispatcher allows).
    QTcpServer::pauseAccepting();
    m_acceptDescriptor = ::fcntl(int(socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (m_acceptDescriptor < 0) {
        close();
        return false;
    }
    m_acceptNotifier = new QSocketNotifier(m_acceptDescriptor, QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &EdgeListener::acceptPending);
    return true;
}

void EdgeListener::acceptPending()
{
    // A bounded batch per turn, so a connection storm does not starve the sockets already open.
    constexpr int kBatch = 64;
    const int listening = m_acceptDescriptor;
    for (int i = 0; i < kBatch; ++i) {
        const int descriptor = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (descriptor >= 0) {
            incomingConnection(descriptor);
            continue;
        }
        const int error = errno;
        if (error == EAGAIN || error == EWOULDBLOCK)
            return;
        if (error == EINTR || error == ECONNABORTED || error == EPROTO)
            continue; // that one connection is gone; the others are still there
        const bool outOfDescriptors = error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM;
        pauseAccepting(QString::fromLocal8Bit(std::strerror(error)), outOfDescriptors);
        return;
    }
}

void EdgeListener::pauseAccepting(const QString &reason, bool outOfDescriptors)
{
    // The pending connections stay in the kernel's backlog meanwhile; retrying at once would spin.
    if (outOfDescriptors)
        ++m_stats.acceptPauses;
    m_acceptNotifier->setEnabled(false);
    m_resumeAccepting.start(qMax(1, m_settings.edge.acceptRetryMs));
    logThrottled(outOfDescriptors ? QStringLiteral("descriptors") : QStringLiteral("accept"),
        QStringLiteral("accept failed (%1)%2; accepting again in %3 ms")
            .arg(reason, outOfDescriptors ? QStringLiteral(": out of file descriptors") : QString())
            .arg(m_settings.edge.acceptRetryMs));
}

EdgeListener::~EdgeListener()
{
    // The sockets are our children and die after us: they must not call back.
    for (EdgeSocket *socket : std::as_const(m_sockets))
        socket->detachFromListener();
    delete m_acceptNotifier;
    if (m_acceptDescriptor >= 0)
        ::close(m_acceptDescriptor);
}

QJsonObject EdgeListener::statusJson() const
{
    QJsonObject status = m_stats.toJson();
    status.insert(QStringLiteral("connections"), connectionCount());
    status.insert(QStringLiteral("http_connections"), m_httpConnections);
    status.insert(QStringLiteral("accepting"), isListening() && !m_resumeAccepting.isActive());
    return status;
}

void EdgeListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new EdgeSocket(*this, this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcEdge) << "cannot take an accepted connection:" << socket->errorString();
        ::close(int(descriptor));
        delete socket;
        return;
    }
    socket->setReadBufferSize(m_readBufferBytes);
    // Events are small frames written as they commit: with Nagle's algorithm on, a frame that follows an
    // unacknowledged one waits for the peer's delayed ACK (~40 ms measured across two nodes, docs/SCALING.md).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->m_peer = socket->peerAddress();
    socket->m_peerPort = socket->peerPort();
    m_sockets.insert(socket);
    ++m_stats.accepted;

    const EdgeConfig &edge = m_settings.edge;
    if (edge.maxHttpConnections > 0 && m_httpConnections >= edge.maxHttpConnections) {
        ++m_stats.refusedTotalCap;
        logThrottled(QStringLiteral("total-cap"),
            QStringLiteral("refusing connections with 503: %1 HTTP connections open (the limit)")
                .arg(m_httpConnections));
        socket->refuse(QStringLiteral("too many connections; retry later"));
        return;
    }
    const auto perAddress = m_perAddress.constFind(socket->m_peer);
    if (edge.maxHttpConnectionsPerAddress > 0 && perAddress != m_perAddress.cend()
        && *perAddress >= edge.maxHttpConnectionsPerAddress) {
        ++m_stats.refusedAddressCap;
        logThrottled(QStringLiteral("address-cap"),
            QStringLiteral("refusing connections from %1 with 503: %2 HTTP connections open from it (the limit)")
                .arg(socket->m_peer.toString())
                .arg(*perAddress));
        socket->refuse(QStringLiteral("too many connections from your address; retry later"));
        return;
    }
    ++m_perAddress[socket->m_peer];
    ++m_httpConnections;
    socket->m_countedHttp = true;
    m_byPeer.insert({ socket->m_peer, socket->m_peerPort }, socket);
    socket->admit(); // our slot on readyRead comes before QHttpServer's, which it connects right now
    addPendingConnection(socket);
}

void EdgeListener::markWebSocketEstablished(const QHostAddress &peer, quint16 port)
{
    if (EdgeSocket *socket = m_byPeer.take({ peer, port }))
        socket->markWebSocketEstablished();
}

void EdgeListener::forget(EdgeSocket *socket)
{
    leaveHttp(socket);
    m_sockets.remove(socket);
    m_timed.remove(socket);
    const auto key = std::pair { socket->m_peer, socket->m_peerPort };
    if (m_byPeer.value(key) == socket)
        m_byPeer.remove(key);
}

void EdgeListener::leaveHttp(EdgeSocket *socket)
{
    if (!socket->m_countedHttp)
        return;
    socket->m_countedHttp = false;
    --m_httpConnections;
    auto it = m_perAddress.find(socket->m_peer);
    if (it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
}

void EdgeListener::setTimed(EdgeSocket *socket, bool timed)
{
    if (timed)
        m_timed.insert(socket);
    else
        m_timed.remove(socket);
}

void EdgeListener::sweep()
{
    const qint64 now = this->now();
    QList<QPointer<EdgeSocket>> due;
    for (EdgeSocket *socket : std::as_const(m_timed))
        if (socket->deadline() <= now)
            due.append(socket);
    for (const QPointer<EdgeSocket> &socket : std::as_const(due))
        if (socket && m_timed.contains(socket.data()))
            socket->onDeadline(now);
}

void EdgeListener::logThrottled(const QString &kind, const QString &message)
{
    Throttle &throttle = m_throttles[kind];
    const qint64 now = this->now();
    if (throttle.lastLoggedMs >= 0 && now - throttle.lastLoggedMs < m_settings.edge.logIntervalMs) {
        ++throttle.suppressed;
        return;
    }
    if (throttle.suppressed > 0)
        qCWarning(lcEdge).noquote() << message << QStringLiteral("(%1 more since the last report)").arg(throttle.suppressed);
    else
        qCWarning(lcEdge).noquote() << message;
    throttle.lastLoggedMs = now;
    throttle.suppressed = 0;
}

} // namespace betthat::server
