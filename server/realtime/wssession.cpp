#include "wssession.h"

#include "common/jsoncodec.h"
#include "server/logcategories.h"
#include "server/realtime/closecode.h"
#include "server/realtime/realtimestats.h"
#include "server/realtime/wshub.h"
#include "server/storage/eventlog.h"

#include <QWebSocket>

namespace betthat::server {

namespace {
QString eventText(const BetEvent &event)
{
    return QString::fromUtf8(json::toBytes(json::encode(event)));
}

// RFC 6455 allows 123 bytes of reason in a close frame.
QString clippedReason(const QString &reason)
{
    QByteArray utf8 = reason.toUtf8();
    if (utf8.size() <= 123)
        return reason;
    utf8.truncate(120);
    return QString::fromUtf8(utf8) + QStringLiteral("...");
}
} // namespace

WsSession::WsSession(
    std::unique_ptr<QWebSocket> socket, const User &user, const QString &subject, WsHub &hub, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_user(user)
    , m_subject(subject)
    , m_hub(hub)
{
    const RealtimeConfig &config = m_hub.config();
    m_peer = m_socket->peerAddress().toString() + QLatin1Char(':') + QString::number(m_socket->peerPort());
    // A replay step must not trip the queued-message bound on its own.
    m_replayStepSize = qBound(1, qMin(config.replayBatch, qMax(1, config.maxQueuedMessages / 2)), 1000);

    m_socket->setMaxAllowedIncomingMessageSize(protocol::kMaxClientMessageBytes);
    m_socket->setMaxAllowedIncomingFrameSize(protocol::kMaxClientMessageBytes);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &WsSession::onTextMessage);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &WsSession::onBinaryMessage);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_unansweredPings = 0; });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &WsSession::onBytesWritten);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &WsSession::onDisconnected);

    m_keepalive.setInterval(qMax(10, config.pingIntervalMs));
    connect(&m_keepalive, &QTimer::timeout, this, &WsSession::onKeepaliveTick);
    m_abortAfterClose.setSingleShot(true);
    m_abortAfterClose.setInterval(qMax(10, config.closeGraceMs));
    connect(&m_abortAfterClose, &QTimer::timeout, this, [this] {
        qCDebug(lcWs).noquote() << "peer" << m_peer << "did not finish the close handshake, aborting";
        m_socket->abort();
    });
}

WsSession::~WsSession()
{
    // The socket's own teardown must not call back into this half-destroyed session.
    disconnect(m_socket.get(), nullptr, this, nullptr);
    if (m_socket->state() == QAbstractSocket::ConnectedState && !m_closing)
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
}

void WsSession::start(std::optional<qint64> sinceSeq)
{
    m_cursor = m_hub.deliveredSeq();
    sendJson(protocol::connectionEstablished(m_subject, m_cursor, m_hub.now(), m_hub.config().reconnectJitterMs));
    m_keepalive.start();
    if (sinceSeq && !m_closing)
        startReplay(*sinceSeq);
}

bool WsSession::offerLive(const BetEvent &event, const QString &type, const QString &text)
{
    if (m_closing || event.seq <= m_cursor)
        return false;
    if (m_replaying) {
        // The replay reads this event from the log in its turn, in order.
        m_hub.stats().countDeferredToReplay();
        return false;
    }
    // The cursor counts what this connection has dealt with, sent or filtered out: a later resume or
    // subscribe never reconsiders an event the filter already passed over.
    m_cursor = event.seq;
    if (!m_filter.matches(event))
        return false;
    sendText(text, type);
    // Commit -> socket write, on the server's clock (the one that stamped the event). Live sends only: a
    // replayed event's age is the client's absence, not the server's delay.
    if (!m_closing)
        m_hub.stats().observeDelivery(event.timestamp, m_hub.now());
    return true;
}

void WsSession::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_replaying = false;
    ++m_replayGeneration;
    m_keepalive.stop();
    m_hub.stats().countClose(code);
    qCDebug(lcWs).noquote() << "closing" << m_peer << "user" << m_user.id << "code" << code << reason;
    m_abortAfterClose.start();
    m_socket->close(toQtCloseCode(code), clippedReason(reason));
}

void WsSession::flush()
{
    m_socket->flush();
}

// --- client messages

void WsSession::onTextMessage(const QString &text)
{
    if (m_closing)
        return;
    const auto parsed = protocol::parseClientMessage(text.toUtf8());
    if (!parsed) {
        rejectMessage(errorCodeName(parsed.error().code), parsed.error().message);
        return;
    }
    handle(*parsed);
}

void WsSession::onBinaryMessage(const QByteArray &)
{
    if (m_closing)
        return;
    rejectMessage(errorCodeName(ErrorCode::BadRequest),
        QStringLiteral("binary messages are not supported: send JSON text"));
}

void WsSession::handle(const protocol::ClientMessage &message)
{
    switch (message.type) {
    case protocol::ClientMessageType::Ping:
        sendJson(protocol::pong(m_hub.now()));
        return;
    case protocol::ClientMessageType::Resume:
        startReplay(message.sinceSeq);
        return;
    case protocol::ClientMessageType::Subscribe:
        subscribe(message.userId, message.filter);
        return;
    }
}

void WsSession::subscribe(const QString &userId, const EventFilter &filter)
{
    QString subject = userId;
    if (!m_user.isOperator()) {
        if (!subject.isEmpty() && subject != m_user.id) {
            rejectMessage(errorCodeName(ErrorCode::Forbidden),
                QStringLiteral("bettors may only subscribe to their own feed"));
            return;
        }
        subject = m_user.id; // null means "mine" for a bettor, as on connect
    } else if (!subject.isEmpty() && !isValidUserId(subject)) {
        rejectMessage(errorCodeName(ErrorCode::BadRequest), QStringLiteral("user_id is not a valid user id"));
        return;
    }
    // A replay of the old feed is meaningless now; the new feed starts live from here (resume for history).
    ++m_replayGeneration;
    m_replaying = false;
    m_waitingForDrain = false;
    m_cursor = qMax(m_cursor, m_hub.deliveredSeq());
    const QString old = m_subject;
    m_subject = subject;
    m_filter = filter; // a subscribe states the whole subscription: no filter given = every event of the feed
    m_hub.resubscribe(this, old);
    qCDebug(lcWs).noquote() << m_peer << "user" << m_user.id << "now watches"
                            << (m_subject.isEmpty() ? QStringLiteral("every user") : m_subject);
    sendJson(protocol::subscribed(m_subject, m_cursor, m_filter));
}

void WsSession::rejectMessage(const QString &code, const QString &message)
{
    m_hub.stats().countInvalidMessage();
    ++m_invalidMessages;
    sendJson(protocol::errorMessage(code, message));
    const int limit = m_hub.config().maxInvalidMessages;
    if (limit > 0 && m_invalidMessages >= limit)
        close(protocol::PolicyViolation, QStringLiteral("too many invalid messages"));
}

// --- resume and replay

void WsSession::startReplay(qint64 sinceSeq)
{
    ++m_replayGeneration;
    m_waitingForDrain = false;
    // Replaying from here on, even before the log has been read: a live event sent now would move the cursor
    // past events the client has not had yet.
    m_replaying = true;
    m_replaySince = sinceSeq;
    m_replayPositioned = false;
    m_replayFailures = 0;
    replayStep(m_replayGeneration);
}

// Checks the resume cursor against the log; false if the replay ends here (resync, or a read failed).
bool WsSession::positionReplay()
{
    const qint64 sinceSeq = m_replaySince;
    const auto cursor = m_hub.log().cursorState(sinceSeq);
    if (!cursor) {
        replayReadFailed(cursor.error());
        return false;
    }
    if (cursor->kind == CursorState::Ahead) {
        resync(QStringLiteral("since_seq %1 is ahead of the event log (last seq %2)")
                   .arg(sinceSeq)
                   .arg(cursor->lastSeq));
        return false;
    }
    if (cursor->kind == CursorState::Pruned) {
        resync(QStringLiteral("since_seq %1 is older than the retained event log (oldest retained seq %2)")
                   .arg(sinceSeq)
                   .arg(cursor->firstRetainedSeq > 0 ? cursor->firstRetainedSeq : cursor->lastSeq + 1));
        return false;
    }
    m_cursor = sinceSeq;
    m_replayPositioned = true;
    m_hub.stats().countResume();
    qCDebug(lcWs).noquote() << m_peer << "user" << m_user.id << "resumes after seq" << sinceSeq;
    return true;
}

void WsSession::scheduleReplayStep()
{
    const quint64 generation = m_replayGeneration;
    QTimer::singleShot(0, this, [this, generation] { replayStep(generation); });
}

void WsSession::replayStep(quint64 generation)
{
    if (generation != m_replayGeneration || m_closing || !m_replaying)
        return;
    if (!m_replayPositioned && !positionReplay())
        return;
    EventQuery query;
    query.afterSeq = m_cursor;
    query.userId = m_subject;
    query.limit = m_replayStepSize;
    const auto read = m_hub.log().events(query);
    if (!read) {
        replayReadFailed(read.error());
        return;
    }
    m_replayFailures = 0;
    const QList<BetEvent> &events = *read;
    for (const BetEvent &event : events) {
        if (event.seq <= m_cursor)
            continue;
        // Filtered-out events move the cursor too: the read position, not only what was sent.
        m_cursor = event.seq;
        if (!m_filter.matches(event))
            continue;
        sendText(eventText(event), eventTypeName(event.type));
        if (m_closing)
            return;
    }
    if (events.size() < m_replayStepSize) {
        // A short read reached the end of the log as of now, and the hub never delivers past the log's
        // end: from here on the live path has everything above the cursor.
        m_replaying = false;
        qCDebug(lcWs).noquote() << m_peer << "replay done at seq" << m_cursor << "- live";
        return;
    }
    // Pace the replay by the socket: the next batch once this one has mostly left the process.
    if (m_socket->bytesToWrite() > m_hub.config().maxPendingBytes / 4)
        m_waitingForDrain = true;
    else
        scheduleReplayStep();
}

void WsSession::replayReadFailed(const Error &error)
{
    // Still replaying: live events stay deferred and the cursor stays where the client has it.
    ++m_replayFailures;
    const RealtimeConfig &config = m_hub.config();
    if (m_replayFailures >= qMax(1, config.replayMaxFailures)) {
        qCWarning(lcWs).noquote() << "replay for" << m_peer << "user" << m_user.id << "failed"
                                  << m_replayFailures << "times at seq" << m_cursor
                                  << "- closing with 1011:" << error.message;
        close(protocol::InternalError, QStringLiteral("internal error: the event log cannot be read"));
        return;
    }
    qCDebug(lcWs).noquote() << "replay read for" << m_peer << "failed (" << m_replayFailures
                            << "), retrying:" << error.message;
    const quint64 generation = m_replayGeneration;
    QTimer::singleShot(
        qMax(1, config.replayRetryDelayMs), this, [this, generation] { replayStep(generation); });
}

void WsSession::resync(const QString &reason)
{
    m_replaying = false;
    // Live from the current position; never back below what this connection already got (ordering).
    m_cursor = qMax(m_cursor, m_hub.deliveredSeq());
    m_hub.stats().countResync();
    qCDebug(lcWs).noquote() << m_peer << "user" << m_user.id << "resync required:" << reason;
    sendJson(protocol::resyncRequired(reason, m_cursor));
}

// --- sending and flow control

void WsSession::sendJson(const QJsonObject &message)
{
    sendText(QString::fromUtf8(json::toBytes(message)), protocol::messageType(message));
}

void WsSession::sendText(const QString &text, const QString &type)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(text);
    ++m_unflushedMessages;
    m_hub.stats().countSent(type);
    checkBackpressure();
}

void WsSession::checkBackpressure()
{
    const RealtimeConfig &config = m_hub.config();
    const qint64 pending = m_socket->bytesToWrite();
    const bool tooManyBytes = config.maxPendingBytes > 0 && pending > config.maxPendingBytes;
    const bool tooManyMessages
        = config.maxQueuedMessages > 0 && m_unflushedMessages > config.maxQueuedMessages;
    if (!tooManyBytes && !tooManyMessages)
        return;
    qCInfo(lcWs).noquote() << "slow consumer" << m_peer << "user" << m_user.id << "pending bytes" << pending
                           << "queued messages" << m_unflushedMessages << "cursor" << m_cursor;
    m_hub.stats().countSlowConsumerClose();
    close(protocol::SlowConsumer, QStringLiteral("slow consumer"));
}

void WsSession::onBytesWritten()
{
    const qint64 pending = m_socket->bytesToWrite();
    if (pending == 0)
        m_unflushedMessages = 0;
    if (m_waitingForDrain && pending <= m_hub.config().maxPendingBytes / 4) {
        m_waitingForDrain = false;
        scheduleReplayStep();
    }
}

// --- keepalive and teardown

void WsSession::onKeepaliveTick()
{
    if (m_closing)
        return;
    if (m_unansweredPings >= 2) {
        // Two intervals without a pong: half-open or frozen. No close frame, it would not be read.
        qCInfo(lcWs).noquote() << "keepalive: no pong from" << m_peer << "user" << m_user.id << "- dropping";
        m_hub.stats().countKeepaliveDrop();
        m_closing = true;
        m_keepalive.stop();
        m_socket->abort();
        return;
    }
    ++m_unansweredPings;
    m_socket->ping();
}

void WsSession::onDisconnected()
{
    m_keepalive.stop();
    m_abortAfterClose.stop();
    if (!m_closing && m_socket->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData)
        m_hub.stats().countClose(protocol::MessageTooBig); // Qt closed it for us on an oversized message
    m_closing = true;
    qCDebug(lcWs).noquote() << "disconnected" << m_peer << "user" << m_user.id << "cursor" << m_cursor;
    Q_EMIT finished(this);
}

} // namespace betthat::server
