#include "edgesocket.h"

#include "common/errorenvelope.h"
#include "server/edge/edgelistener.h"
#include "server/logcategories.h"

#include <QJsonDocument>
#include <QMetaMethod>
#include <QtEndian>

#include <sys/socket.h>

namespace betthat::server {

namespace {

const QMetaMethod &readyReadSignal()
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&QIODevice::readyRead);
    return signal;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

ErrorCode errorCodeForStatus(int status)
{
    switch (status) {
    case 413: return ErrorCode::PayloadTooLarge;
    case 503: return ErrorCode::Unavailable;
    default: return ErrorCode::BadRequest;
    }
}

} // namespace

EdgeSocket::EdgeSocket(EdgeListener &listener, QObject *parent)
    : QTcpSocket(parent)
    , m_listener(&listener)
    , m_validator(StreamValidator::Limits { listener.settings().edge.maxRequestLineBytes,
          listener.settings().edge.maxHeaderBytes, listener.settings().edge.maxHeaderFields,
          listener.settings().maxBodyBytes, listener.settings().wsMaxFrameBytes })
{
}

EdgeSocket::~EdgeSocket()
{
    m_rearranging = true; // QObject's teardown of our connections is not Qt's upgrade code
    if (m_listener)
        m_listener->forget(this);
}

void EdgeSocket::admit()
{
    attachSlots();
    setWait(Wait::Head, m_listener->settings().edge.headerTimeoutMs);
}

void EdgeSocket::refuse(const QString &message)
{
    attachSlots();
    connect(this, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    closeWithAnswer(httpAnswer(503, message, true));
}

void EdgeSocket::markWebSocketEstablished()
{
    m_established = true;
    m_known = bytesAvailable();
    if (m_listener)
        m_listener->leaveHttp(this);
    if (m_wait == Wait::Handshake)
        setWait(Wait::None, 0);
}

// Our slots: the head first on readyRead, the tail last, and bytesWritten. Qt's upgrade path calls
// disconnect() on the socket (every connection goes), and QHttpServer and QWebSocket connect their readers
// after us; both notifications land here, so the order head -> readers -> tail holds for the socket's life.
void EdgeSocket::attachSlots()
{
    m_rearranging = true;
    if (!m_head)
        m_head = connect(this, &QIODevice::readyRead, this, &EdgeSocket::onArrival);
    if (!m_closing) {
        disconnect(m_tail);
        m_tail = connect(this, &QIODevice::readyRead, this, &EdgeSocket::afterReaders);
    }
    static const QMetaMethod written = QMetaMethod::fromSignal(&QIODevice::bytesWritten);
    if (!isSignalConnected(written))
        connect(this, &QIODevice::bytesWritten, this, &EdgeSocket::onBytesWritten);
    m_rearranging = false;
}

void EdgeSocket::connectNotify(const QMetaMethod &signal)
{
    QTcpSocket::connectNotify(signal);
    if (m_rearranging || signal != readyReadSignal())
        return;
    attachSlots(); // a new reader: the tail moves behind it
    // Qt's WebSocket server reads the handshake in a queued call, outside any readyRead, and then connects
    // the QWebSocket: what is left now is what the guard has seen (bytes enter only with a readyRead).
    if (m_validator.isWebSocket())
        m_known = bytesAvailable();
}

void EdgeSocket::disconnectNotify(const QMetaMethod &signal)
{
    QTcpSocket::disconnectNotify(signal);
    if (m_rearranging || (!signal.isValid() ? false : signal != readyReadSignal()))
        return;
    if (!m_head || (!m_closing && !m_tail))
        attachSlots();
}

void EdgeSocket::onArrival()
{
    if (m_closing) {
        // Closing: nobody reads any more; drain so the client gets our answer instead of a reset.
        m_drained += skip(bytesAvailable());
        if (m_listener && m_drained > m_listener->settings().edge.lingerMaxBytes) {
            ++m_listener->mutableStats().lingerAborts;
            abort();
        }
        return;
    }
    if (!m_listener)
        return;
    const qint64 available = bytesAvailable();
    const qint64 fresh = available - m_known;
    m_known = available;
    if (fresh <= 0)
        return;
    // peek() sees the buffer from where the current reader stands; the new bytes are its tail.
    const QByteArray buffered = peek(available);
    const qint64 offset = buffered.size() - fresh;
    if (offset < 0)
        return;
    StreamValidator::Events events;
    if (const auto violation = m_validator.feed(buffered.constData() + offset, fresh, events)) {
        violate(*violation);
        return;
    }
    const EdgeConfig &config = m_listener->settings().edge;
    if (events.upgraded) {
        if (!m_established)
            setWait(Wait::Handshake, config.handshakeTimeoutMs);
    } else if (!m_validator.isWebSocket()) {
        if (m_validator.inHead()) {
            if (events.requestsStarted > 0 && (m_wait != Wait::Head || events.requestsCompleted > 0))
                setWait(Wait::Head, config.headerTimeoutMs);
        } else if (m_validator.inRequest()) {
            if (events.headsCompleted > 0)
                setWait(Wait::Body, config.bodyTimeoutMs);
        } else if (events.requestsCompleted > 0) {
            setWait(Wait::Idle, config.idleTimeoutMs);
        }
    }
    if (m_paused) {
        // Checked, and held back inside our transaction until the answers drain.
        skip(bytesAvailable());
        m_known = 0;
    }
}

void EdgeSocket::afterReaders()
{
    if (m_closing || !m_listener)
        return;
    m_known = bytesAvailable();
    const EdgeSettings &settings = m_listener->settings();
    if (m_validator.isWebSocket()) {
        // Qt answers pings by itself: those pongs count toward the slow-consumer bound like any frame.
        if (settings.wsMaxPendingBytes > 0 && bytesToWrite() > settings.wsMaxPendingBytes) {
            ++m_listener->mutableStats().wsSlowConsumerCloses;
            qCInfo(lcEdge).noquote() << "slow consumer" << m_peer.toString() << "unsent bytes" << bytesToWrite()
                                     << "- closing with 4008";
            violate({ 0, 4008, QStringLiteral("slow consumer") });
        }
        return;
    }
    if (!m_paused && settings.edge.maxPendingAnswerBytes > 0
        && bytesToWrite() > settings.edge.maxPendingAnswerBytes && !isTransactionStarted())
        pauseReading();
}

void EdgeSocket::onBytesWritten()
{
    if (!m_listener)
        return;
    if (m_closing) {
        finishClose();
        return;
    }
    const EdgeConfig &config = m_listener->settings().edge;
    if (m_paused && bytesToWrite() <= config.maxPendingAnswerBytes / 2)
        resumeReading();
    else if (m_wait == Wait::Idle && config.idleTimeoutMs > 0)
        m_deadline = m_listener->now() + config.idleTimeoutMs; // the sweep re-checks before it closes
}

// Pipelining: the next requests stay in Qt's buffer inside a transaction of ours, where QHttpServer cannot
// see them; once the buffer is full Qt stops reading the socket and the kernel's window closes.
void EdgeSocket::pauseReading()
{
    m_paused = true;
    ++m_listener->mutableStats().pipelinePauses;
    startTransaction();
    skip(bytesAvailable());
    m_known = 0;
    setWait(Wait::Stalled, m_listener->settings().edge.pipelineStallTimeoutMs);
    qCDebug(lcEdge).noquote() << "pausing" << m_peer.toString() << "until" << bytesToWrite()
                              << "unsent answer bytes drain";
}

void EdgeSocket::resumeReading()
{
    m_paused = false;
    rollbackTransaction();
    m_known = bytesAvailable();
    const EdgeConfig &config = m_listener->settings().edge;
    if (m_validator.inHead())
        setWait(Wait::Head, config.headerTimeoutMs);
    else if (m_validator.inRequest())
        setWait(Wait::Body, config.bodyTimeoutMs);
    else
        setWait(Wait::Idle, config.idleTimeoutMs);
    // A full buffer switched Qt's read notifier off, and handing bytes back does not switch it on again;
    // changing the buffer size does.
    const qint64 size = readBufferSize();
    setReadBufferSize(size + 1);
    setReadBufferSize(size);
    if (bytesAvailable() > 0)
        QMetaObject::invokeMethod(
            this, [this] { if (!m_closing && !m_paused) Q_EMIT readyRead(); }, Qt::QueuedConnection);
}

void EdgeSocket::setWait(Wait wait, qint64 timeoutMs)
{
    if (!m_listener)
        return;
    if (timeoutMs <= 0)
        wait = Wait::None;
    m_wait = wait;
    m_deadline = wait == Wait::None ? 0 : m_listener->now() + timeoutMs;
    m_listener->setTimed(this, wait != Wait::None);
}

void EdgeSocket::onDeadline(qint64 now)
{
    if (m_wait == Wait::None || m_deadline > now || !m_listener)
        return;
    EdgeStats &stats = m_listener->mutableStats();
    const Wait wait = m_wait;
    setWait(Wait::None, 0);
    switch (wait) {
    case Wait::Head:
        ++stats.headerTimeouts;
        qCDebug(lcEdge).noquote() << "header timeout" << m_peer.toString();
        // A client that started a request hears why; one that never sent a byte is just closed.
        closeWithAnswer(m_validator.inRequest()
                ? httpAnswer(408, QStringLiteral("the request head did not arrive in time"))
                : QByteArray());
        return;
    case Wait::Body:
        ++stats.bodyTimeouts;
        qCDebug(lcEdge).noquote() << "body timeout" << m_peer.toString();
        closeWithAnswer(httpAnswer(408, QStringLiteral("the request body did not arrive in time")));
        return;
    case Wait::Idle:
        ++stats.idleCloses;
        qCDebug(lcEdge).noquote() << "idle keep-alive connection closed" << m_peer.toString();
        closeWithAnswer(QByteArray());
        return;
    case Wait::Handshake:
        ++stats.handshakeTimeouts;
        qCDebug(lcEdge).noquote() << "WebSocket handshake timeout" << m_peer.toString();
        abort();
        return;
    case Wait::Stalled:
        ++stats.pipelineStallCloses;
        qCInfo(lcEdge).noquote() << "closing" << m_peer.toString() << "- its" << bytesToWrite()
                                 << "unsent answer bytes did not drain";
        abort(); // it does not read: a goodbye would not arrive either
        return;
    case Wait::Linger:
        ++stats.lingerAborts;
        abort();
        return;
    case Wait::None:
        return;
    }
}

void EdgeSocket::violate(const StreamValidator::Violation &violation)
{
    if (!m_listener)
        return;
    EdgeStats &stats = m_listener->mutableStats();
    if (violation.httpStatus != 0) {
        ++stats.httpRefusals[violation.httpStatus];
        qCDebug(lcEdge).noquote() << "refusing" << m_peer.toString() << "with" << violation.httpStatus
                                  << violation.message;
        closeWithAnswer(httpAnswer(violation.httpStatus, violation.message));
    } else {
        ++stats.wsCloses[violation.closeCode];
        qCDebug(lcEdge).noquote() << "closing WebSocket" << m_peer.toString() << "with" << violation.closeCode
                                  << violation.message;
        closeWithAnswer(closeFrame(violation.closeCode, violation.message));
    }
}

// Takes the socket away from QHttpServer / QWebSocket (their readyRead slots go), drops what they had not
// read, writes `answer` and closes the way that lets the client read it: write side shut once flushed, input
// drained until the client goes, lingerMs or lingerMaxBytes.
void EdgeSocket::closeWithAnswer(const QByteArray &answer)
{
    if (m_closing)
        return;
    m_closing = true;
    m_paused = false;
    m_rearranging = true;
    QObject::disconnect(this, &QIODevice::readyRead, nullptr, nullptr);
    m_head = connect(this, &QIODevice::readyRead, this, &EdgeSocket::onArrival);
    m_tail = {};
    m_rearranging = false;
    if (isTransactionStarted())
        rollbackTransaction();
    skip(bytesAvailable());
    m_known = 0;
    if (!answer.isEmpty())
        write(answer);
    const EdgeConfig &config = m_listener->settings().edge;
    setWait(Wait::Linger, qMax(1, config.lingerMs));
    finishClose();
}

void EdgeSocket::finishClose()
{
    if (m_shutDownWrite || bytesToWrite() > 0 || state() != QAbstractSocket::ConnectedState)
        return;
    m_shutDownWrite = true;
    ::shutdown(int(socketDescriptor()), SHUT_WR);
}

QByteArray EdgeSocket::httpAnswer(int status, const QString &message, bool retryLater) const
{
    const QByteArray body = QJsonDocument(json::encodeErrorEnvelope(makeError(errorCodeForStatus(status), message)))
                                .toJson(QJsonDocument::Compact);
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n";
    if (retryLater)
        answer += "Retry-After: 1\r\n";
    return answer + "\r\n" + body;
}

QByteArray EdgeSocket::closeFrame(int code, const QString &reason) const
{
    // A server frame is unmasked; a close payload is the code and at most 123 bytes of reason.
    const QByteArray text = reason.toUtf8().left(123);
    QByteArray frame;
    frame.append(char(0x88));
    frame.append(char(2 + text.size()));
    const quint16 bigEndian = qToBigEndian<quint16>(quint16(code));
    frame.append(reinterpret_cast<const char *>(&bigEndian), 2);
    return frame + text;
}

} // namespace betthat::server
