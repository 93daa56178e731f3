#include "realtimeclient.h"

#include "apiclient.h"
#include "app/logcategories.h"
#include "common/jsoncodec.h"
#include "common/protocol.h"
#include "common/servermessage.h"
#include "cursorstore.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <memory>

namespace betthat::app {

namespace {

RealTimeClient::MonotonicClock steadyClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

// Qt 6.4 has no accessor for the handshake's HTTP status; it is only in the error text
// ("QWebSocketPrivate::processHandshake: Unhandled http status code: 503 (Service Unavailable)").
int refusedHttpStatus(const QString &errorString)
{
    static const QRegularExpression pattern(
        QStringLiteral("status code:?\\s*(\\d{3})"), QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

QTimer *singleShotTimer(QObject *parent)
{
    auto *timer = new QTimer(parent);
    timer->setSingleShot(true);
    return timer;
}

} // namespace

RealTimeClient::RealTimeClient(
    ServerEndpoint endpoint, QString feedUserId, CursorStore *cursors, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_feedUserId(std::move(feedUserId))
    , m_cursors(cursors)
    , m_clock(steadyClock())
    , m_backoff(m_config.backoffBaseMs, m_config.backoffCapMs)
    , m_pollBackoff(m_config.pollIntervalMs, m_config.backoffCapMs)
    , m_api(new ApiClient(m_endpoint, this))
    , m_retryTimer(singleShotTimer(this))
    , m_pollTimer(singleShotTimer(this))
    , m_heartbeatTimer(new QTimer(this))
    , m_connectTimer(singleShotTimer(this))
    , m_saveTimer(singleShotTimer(this))
{
    m_api->setTimeout(m_config.requestTimeoutMs);
    m_saveTimer->setInterval(0);
    connect(m_retryTimer, &QTimer::timeout, this, &RealTimeClient::openSocket);
    connect(m_pollTimer, &QTimer::timeout, this, &RealTimeClient::poll);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &RealTimeClient::onHeartbeat);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_socket)
            endSocket(m_socket, tr("no answer from the server within %1 ms").arg(m_config.connectTimeoutMs));
    });
    connect(m_saveTimer, &QTimer::timeout, this, &RealTimeClient::saveCursorNow);
}

RealTimeClient::~RealTimeClient()
{
    // No signals from a half-destroyed object: tear down quietly, but keep the cursor.
    m_destroying = true;
    stop();
}

void RealTimeClient::setConfig(const Config &config)
{
    m_config = config;
    m_backoff.setBounds(config.backoffBaseMs, config.backoffCapMs);
    m_pollBackoff.setBounds(config.pollIntervalMs, std::max(config.pollIntervalMs, config.backoffCapMs));
    m_api->setTimeout(config.requestTimeoutMs);
}

void RealTimeClient::setRandomSource(Backoff::RandomSource random)
{
    m_random = random;
    m_pollBackoff.setRandomSource(random);
    m_backoff.setRandomSource(std::move(random));
}

void RealTimeClient::setClock(MonotonicClock clock)
{
    m_clock = clock ? std::move(clock) : steadyClock();
}

qint64 RealTimeClient::now() const
{
    return m_clock();
}

QString RealTimeClient::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Live:
        return QStringLiteral("live");
    case State::Reconnecting:
        return QStringLiteral("reconnecting");
    case State::Polling:
        return QStringLiteral("polling");
    case State::Offline:
        return QStringLiteral("offline");
    case State::AuthFailed:
        return QStringLiteral("auth_failed");
    }
    return {};
}

QString RealTimeClient::cursorKey() const
{
    return CursorStore::keyFor(m_endpoint.serverKey(), m_feedUserId);
}

void RealTimeClient::start()
{
    if (m_state != State::Stopped && m_state != State::AuthFailed)
        return;
    if (m_cursors)
        m_lastSeq = std::max(m_lastSeq, m_cursors->load(cursorKey()));
    m_backoff.reset();
    m_consecutiveFailures = 0;
    m_attemptNumber = 0;
    m_polling = false;
    m_finalCatchUp = false;
    m_lastPollOk.reset();
    qCInfo(lcAppNet).noquote() << "realtime: starting for feed"
                               << (m_feedUserId.isEmpty() ? QStringLiteral("*") : m_feedUserId) << "from seq"
                               << m_lastSeq;
    setState(State::Connecting);
    openSocket();
}

void RealTimeClient::stop()
{
    m_retryTimer->stop();
    m_pollTimer->stop();
    m_heartbeatTimer->stop();
    m_connectTimer->stop();
    m_api->cancelAll();
    m_pollInFlight = false;
    m_pollAgain = false;
    m_polling = false;
    m_finalCatchUp = false;
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("client stopped"));
        socket->deleteLater();
    }
    if (m_saveTimer->isActive()) {
        m_saveTimer->stop();
        saveCursorNow();
    }
    if (!m_destroying)
        setState(State::Stopped);
}

void RealTimeClient::retryNow()
{
    if (m_state == State::Stopped || m_state == State::AuthFailed || m_state == State::Live)
        return;
    if (m_retryTimer->isActive()) {
        m_retryTimer->stop();
        openSocket();
    }
    if (m_polling && !m_pollInFlight) {
        m_pollTimer->stop();
        poll();
    }
}

void RealTimeClient::setFeedUserId(const QString &feedUserId)
{
    if (feedUserId == m_feedUserId)
        return;
    const bool running = m_state != State::Stopped && m_state != State::AuthFailed;
    stop();
    m_feedUserId = feedUserId;
    m_lastSeq = m_cursors ? m_cursors->load(cursorKey()) : -1;
    if (running)
        start();
}

void RealTimeClient::setEndpoint(const ServerEndpoint &endpoint)
{
    const bool running = m_state != State::Stopped && m_state != State::AuthFailed;
    stop();
    const bool sameServer = endpoint.serverKey() == m_endpoint.serverKey();
    m_endpoint = endpoint;
    m_api->setEndpoint(endpoint);
    if (!sameServer)
        m_lastSeq = m_cursors ? m_cursors->load(cursorKey()) : -1;
    if (running)
        start();
}

int RealTimeClient::nextRetryIn() const
{
    return m_retryTimer->isActive() ? m_retryTimer->remainingTime() : -1;
}

void RealTimeClient::setState(State state)
{
    if (m_state == state)
        return;
    qCInfo(lcAppNet).noquote() << "realtime:" << stateName(m_state) << "->" << stateName(state);
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RealTimeClient::setLastError(const QString &error)
{
    if (m_lastError == error)
        return;
    m_lastError = error;
    Q_EMIT lastErrorChanged(error);
}

// --- WebSocket

void RealTimeClient::openSocket()
{
    if (m_socket || m_state == State::Stopped || m_state == State::AuthFailed)
        return;
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    m_established = false;
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        if (socket == m_socket)
            onTextMessage(text);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (socket == m_socket)
            endSocket(socket, tr("connection closed"));
    });
    // Qt 6.4 still calls it error(); errorOccurred arrived in 6.5.
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this, socket](QAbstractSocket::SocketError) {
            if (socket == m_socket)
                endSocket(socket, socket->errorString());
        });

    // The token travels in the upgrade request's header, never in the URL that proxies and logs keep.
    const QUrl url = m_endpoint.webSocketUrl(m_feedUserId, m_lastSeq);
    QNetworkRequest request(url);
    m_endpoint.authorize(request);
    ++m_attemptNumber;
    qCDebug(lcAppNet).noquote() << "realtime: attempt" << m_attemptNumber << ServerEndpoint::redacted(url);
    m_connectTimer->start(m_config.connectTimeoutMs);
    Q_EMIT connectAttempted(m_attemptNumber);
    socket->open(request);
}

void RealTimeClient::dropSocket()
{
    m_heartbeatTimer->stop();
    m_connectTimer->stop();
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void RealTimeClient::endSocket(QWebSocket *socket, const QString &fallbackReason)
{
    // Read everything before dropping the socket: the close frame's code wins over the transport error.
    const int closeCode = socket->closeCode();
    const QString closeReason = socket->closeReason();
    const int httpStatus = m_established ? 0 : refusedHttpStatus(socket->errorString());
    const bool wasEstablished = m_established;
    dropSocket();
    if (m_state == State::Stopped || m_state == State::AuthFailed)
        return;

    if (closeCode == protocol::Unauthorized || closeCode == protocol::Forbidden) {
        failAuth(closeReason.isEmpty() ? tr("the server refused the credentials (%1)").arg(closeCode)
                                       : closeReason);
        return;
    }
    // An HTTP 401/403 on the upgrade is not taken as an auth failure: our server answers auth with close
    // codes after the handshake, so such a status comes from a proxy that blocks WebSockets. Polling decides:
    // a bad token gets 401 there too and ends in AuthFailed.

    QString error;
    if (httpStatus > 0)
        error = tr("the server refused the WebSocket upgrade (HTTP %1)").arg(httpStatus);
    else if (closeCode != QWebSocketProtocol::CloseCodeNormal)
        error = tr("connection closed by the server (%1%2)")
                    .arg(closeCode)
                    .arg(closeReason.isEmpty() ? QString() : QStringLiteral(": ") + closeReason);
    else
        error = fallbackReason;
    setLastError(error);

    if (wasEstablished) {
        // A connection that proved stable earns a fresh backoff; a flapping one keeps climbing.
        if (now() - m_establishedAt >= m_config.stableAfterMs)
            m_backoff.reset();
        qCInfo(lcAppNet).noquote() << "realtime: connection lost:" << error;
    } else {
        ++m_consecutiveFailures;
        qCInfo(lcAppNet).noquote() << QStringLiteral("realtime: attempt %1 failed (%2 in a row): %3")
                                          .arg(m_attemptNumber)
                                          .arg(m_consecutiveFailures)
                                          .arg(error);
    }

    // An HTTP refusal means the server is there but will not upgrade (endpoint off, or a proxy): poll at once
    // so no event waits for the retries.
    if (httpStatus > 0 || m_consecutiveFailures >= m_config.failuresBeforePolling)
        startPolling();
    scheduleRetry(wasEstablished);
}

void RealTimeClient::scheduleRetry(bool afterDrop)
{
    const bool atCap = m_consecutiveFailures >= m_config.failuresBeforePolling;
    const int attempt = m_backoff.attempt();
    // While polling, the WebSocket is retried in the background at the cap: polling already delivers.
    int delay = atCap ? m_backoff.atCap() : m_backoff.next();
    // A server that went away drops all its clients at once: the first retry of a stable connection is spread
    // over the window the server announced (never beyond our own cap). A flapping connection keeps its
    // climbing backoff.
    if (afterDrop && !atCap && attempt == 0 && m_reconnectJitterMs > 0) {
        const int window = std::min(m_reconnectJitterMs, std::max(m_config.backoffCapMs, 0));
        const double r = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
        delay = int(std::clamp(r, 0.0, 1.0) * window);
    }
    m_retryTimer->start(delay);
    updateFallbackState();
    qCDebug(lcAppNet) << "realtime: next WebSocket attempt in" << delay << "ms";
    Q_EMIT retryScheduled(attempt, delay);
}

void RealTimeClient::updateFallbackState()
{
    if (m_state == State::Stopped || m_state == State::AuthFailed || (m_socket && m_established))
        return;
    if (m_polling && !m_finalCatchUp && m_consecutiveFailures >= m_config.failuresBeforePolling
        && m_lastPollOk)
        setState(*m_lastPollOk ? State::Polling : State::Offline);
    else
        setState(State::Reconnecting);
}

void RealTimeClient::failAuth(const QString &message)
{
    qCWarning(lcAppNet).noquote() << "realtime: authentication failed, not retrying:" << message;
    dropSocket();
    m_retryTimer->stop();
    m_pollTimer->stop();
    m_api->cancelAll();
    m_pollInFlight = false;
    m_polling = false;
    setLastError(message);
    setState(State::AuthFailed);
}

void RealTimeClient::onTextMessage(const QString &text)
{
    m_lastReceivedAt = now();
    const auto object = json::parseObject(text.toUtf8());
    const auto parsed
        = object ? protocol::decodeServerMessage(*object) : Result<protocol::ServerMessage>(object.error());
    if (!parsed) {
        qCWarning(lcAppNet).noquote() << "realtime: ignoring a malformed message:" << parsed.error().message;
        return;
    }
    m_lastMessage = *object;
    const protocol::ServerMessage &message = *parsed;

    switch (message.type) {
    case protocol::ServerMessageType::ConnectionEstablished:
        m_connectTimer->stop();
        m_established = true;
        m_establishedAt = now();
        m_lastSentAt = m_establishedAt;
        m_consecutiveFailures = 0;
        m_reconnectJitterMs = message.reconnectJitterMs;
        m_retryTimer->stop();
        m_heartbeatTimer->start(std::max(5, m_config.heartbeatIntervalMs / 4));
        setState(State::Live);
        if (m_lastSeq < 0) {
            // Connected without since_seq: the server sends live events after last_seq, our starting point.
            adoptInitialCursor(message.lastSeq);
        }
        if (m_polling) {
            // The socket resumes from the cursor anyway; one last poll closes any window around the switch.
            m_finalCatchUp = true;
            m_pollTimer->stop();
            poll();
        }
        return;
    case protocol::ServerMessageType::ResyncRequired:
        applyResync(message.reason, message.lastSeq);
        return;
    case protocol::ServerMessageType::Pong:
        return; // the heartbeat's answer: any frame proves the connection alive
    case protocol::ServerMessageType::Subscribed:
        return;
    case protocol::ServerMessageType::Error:
        qCWarning(lcAppNet).noquote() << "realtime: the server rejected a message:"
                                      << errorCodeName(message.error.code) << message.error.message;
        return;
    case protocol::ServerMessageType::Event:
        applyEvent(message.event);
        return;
    }
}

void RealTimeClient::onHeartbeat()
{
    if (!m_socket || !m_established)
        return;
    const qint64 t = now();
    const qint64 silent = t - m_lastReceivedAt;
    if (silent >= 2LL * m_config.heartbeatIntervalMs) {
        endSocket(m_socket, tr("the server stopped answering (nothing for %1 ms)").arg(silent));
        return;
    }
    if (silent >= m_config.heartbeatIntervalMs && t - m_lastSentAt >= m_config.heartbeatIntervalMs)
        ping();
}

bool RealTimeClient::ping()
{
    if (!m_socket || !m_established)
        return false;
    sendJson(QJsonObject { { QStringLiteral("type"), QStringLiteral("ping") } });
    return true;
}

void RealTimeClient::sendJson(const QJsonObject &message)
{
    if (!m_socket)
        return;
    m_lastSentAt = now();
    m_socket->sendTextMessage(QString::fromUtf8(json::toBytes(message)));
}

// --- polling

void RealTimeClient::startPolling()
{
    m_finalCatchUp = false;
    if (m_polling) {
        if (!m_pollInFlight && !m_pollTimer->isActive())
            poll();
        return;
    }
    qCInfo(lcAppNet) << "realtime: polling every" << m_config.pollIntervalMs << "ms";
    m_polling = true;
    m_lastPollOk.reset();
    m_pollBackoff.reset();
    poll();
}

void RealTimeClient::poll()
{
    if (!m_polling)
        return;
    if (m_pollInFlight) {
        m_pollAgain = true;
        return;
    }
    m_pollInFlight = true;
    m_pollAgain = false;
    m_api->updates(m_lastSeq, m_feedUserId, m_config.pollLimit, this,
        [this](const Result<UpdatesPage> &page) { onPollFinished(page); });
}

void RealTimeClient::onPollFinished(const Result<UpdatesPage> &page)
{
    m_pollInFlight = false;
    if (!page) {
        const Error &error = page.error();
        if (error.code == ErrorCode::Unauthorized || error.code == ErrorCode::Forbidden) {
            failAuth(error.message);
            return;
        }
        m_lastPollOk = false;
        setLastError(tr("polling failed: %1").arg(error.message));
        Q_EMIT pollFinished(false);
        if (!m_polling)
            return;
        // Storage trouble or an overloaded server (503): wait as long as it asked, else back off. Never a
        // reason to sign in again.
        const int delay = error.retryAfterMs >= 0
            ? error.retryAfterMs
            : std::max(m_config.pollIntervalMs, m_pollBackoff.next());
        m_finalCatchUp = false;
        m_pollTimer->start(delay);
        updateFallbackState();
        return;
    } else {
        m_lastPollOk = true;
        m_pollBackoff.reset();
        if (m_lastSeq < 0)
            adoptInitialCursor(page->lastSeq); // without since_seq the page is recent history, not news
        else if (page->resyncRequired)
            applyResync(QStringLiteral("cursor_out_of_range"), page->lastSeq);
        for (const BetEvent &event : page->updates) {
            if (!m_polling)
                break; // an event handler stopped us
            applyEvent(event);
        }
        if (!page->updates.isEmpty())
            m_lastMessage = json::encode(page->updates.constLast());
        Q_EMIT pollFinished(true);
        if (page->hasMore || m_pollAgain) {
            poll();
            return;
        }
    }
    if (!m_polling)
        return;
    if (m_finalCatchUp && page) {
        // Caught up after the WebSocket came back: from here on the socket alone delivers.
        m_finalCatchUp = false;
        m_polling = false;
        m_lastPollOk.reset();
        qCInfo(lcAppNet) << "realtime: WebSocket is back, polling stopped";
        return;
    }
    if (m_pollAgain) {
        poll();
        return;
    }
    m_pollTimer->start(m_config.pollIntervalMs);
    updateFallbackState();
}

// --- applying

void RealTimeClient::applyEvent(const BetEvent &event)
{
    // Both transports resume from the cursor, so overlaps are expected: the seq decides, once, in order.
    if (event.seq <= m_lastSeq) {
        qCDebug(lcAppNet) << "realtime: skipping seq" << event.seq << "(already at" << m_lastSeq << ")";
        return;
    }
    m_lastSeq = event.seq;
    saveCursorSoon();
    Q_EMIT eventReceived(event);
}

void RealTimeClient::applyResync(const QString &reason, qint64 serverLastSeq)
{
    qCWarning(lcAppNet).noquote() << "realtime: resync required:" << reason << "server last seq"
                                  << serverLastSeq;
    // The server's head becomes our cursor (also backwards, for a log that was reset): what came before it
    // is reloaded by the UI, what comes after arrives live.
    if (serverLastSeq >= 0) {
        m_lastSeq = serverLastSeq;
        saveCursorSoon();
    }
    Q_EMIT resyncRequired(reason);
}

void RealTimeClient::adoptInitialCursor(qint64 serverLastSeq)
{
    // A feed seen for the first time: replaying its whole history would flood the UI with stale toasts. Start
    // at the server's head instead and let the UI load the current bets, which already contain that history.
    qCInfo(lcAppNet) << "realtime: no cursor for this feed yet, starting at the server's seq"
                     << serverLastSeq;
    m_lastSeq = std::max<qint64>(serverLastSeq, 0);
    saveCursorSoon();
    Q_EMIT resyncRequired(QStringLiteral("initial"));
}

void RealTimeClient::saveCursorSoon()
{
    if (m_cursors && !m_saveTimer->isActive())
        m_saveTimer->start();
}

void RealTimeClient::saveCursorNow()
{
    if (m_cursors)
        m_cursors->save(cursorKey(), m_lastSeq);
}

} // namespace betthat::app
