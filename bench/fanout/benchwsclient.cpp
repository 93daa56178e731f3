#include "benchwsclient.h"

#include "deliveryrecorder.h"

#include <chrono>
#include <utility>

namespace betthat::bench {

namespace {

constexpr quint8 kOpContinuation = 0x0;
constexpr quint8 kOpText = 0x1;
constexpr quint8 kOpBinary = 0x2;
constexpr quint8 kOpClose = 0x8;
constexpr quint8 kOpPing = 0x9;

// Code for "the connection failed before the server said anything": not a WebSocket close code.
constexpr int kNoCloseFrame = 1006;

quint8 byteAt(const QByteArray &data, qsizetype i)
{
    return static_cast<quint8>(data.at(i));
}

} // namespace

BenchWsClient::BenchWsClient(int index, DeliveryRecorder &recorder, QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_recorder(recorder)
    , m_socket(this)
{
    connect(&m_socket, &QTcpSocket::connected, this, &BenchWsClient::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &BenchWsClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &BenchWsClient::onSocketError);
}

BenchWsClient::~BenchWsClient()
{
    // The socket is a member and dies after this body: no signal of its teardown may reach a half-destroyed
    // us.
    disconnect(&m_socket, nullptr, this, nullptr);
    m_socket.abort();
}

void BenchWsClient::open(const QHostAddress &source, quint16 port, const QString &token)
{
    // The key is fixed: the benchmark does not verify Sec-WebSocket-Accept, only the 101.
    m_request = "GET /ws/bet-updates HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
        + token.toLatin1() + "\r\n\r\n";
    m_state = State::Connecting;
    // Each source address gets its own bucket in the server's per-address connection rate limit, as real
    // clients on different machines would.
    if (!m_socket.bind(source, 0)) {
        finish(kNoCloseFrame,
            QStringLiteral("cannot bind to %1: %2").arg(source.toString(), m_socket.errorString()));
        return;
    }
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
}

void BenchWsClient::onConnected()
{
    m_state = State::Handshaking;
    m_socket.write(m_request);
}

void BenchWsClient::onSocketError()
{
    if (m_state == State::Closed)
        return;
    finish(kNoCloseFrame, m_socket.errorString());
}

void BenchWsClient::onReadyRead()
{
    // One receive time for everything this read delivered: what a client's event loop would see.
    const qint64 monoNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
                              .count();
    const qint64 wallUs = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch())
                              .count();
    m_buffer.append(m_socket.readAll());
    if (m_state == State::Handshaking && !readHandshake())
        return;
    if (m_state == State::AwaitingWelcome || m_state == State::Open)
        readFrames(monoNs, wallUs);
}

bool BenchWsClient::readHandshake()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    if (!head.startsWith("HTTP/1.1 101")) {
        finish(kNoCloseFrame, QString::fromLatin1(head.left(head.indexOf('\r'))));
        return false;
    }
    m_state = State::AwaitingWelcome;
    return true;
}

void BenchWsClient::readFrames(qint64 monoNs, qint64 wallUs)
{
    qsizetype pos = 0;
    while (m_state != State::Closed) {
        const qsizetype available = m_buffer.size() - pos;
        if (available < 2)
            break;
        const quint8 b0 = byteAt(m_buffer, pos);
        const quint8 b1 = byteAt(m_buffer, pos + 1);
        const bool fin = (b0 & 0x80) != 0;
        const quint8 opcode = b0 & 0x0F;
        const bool masked = (b1 & 0x80) != 0;
        qsizetype header = 2;
        quint64 length = b1 & 0x7F;
        if (length == 126) {
            if (available < 4)
                break;
            length = (quint64(byteAt(m_buffer, pos + 2)) << 8) | byteAt(m_buffer, pos + 3);
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | byteAt(m_buffer, pos + 2 + i);
            header = 10;
        }
        if (masked) // servers must not mask; tolerate it rather than misparse
            header += 4;
        if (length > quint64(64 * 1024 * 1024)) {
            finish(kNoCloseFrame, QStringLiteral("absurd frame length %1").arg(length));
            return;
        }
        if (quint64(available) < quint64(header) + length)
            break;
        QByteArray unmasked;
        QByteArrayView payload(m_buffer.constData() + pos + header, qsizetype(length));
        if (masked) {
            unmasked = payload.toByteArray();
            const char *key = m_buffer.constData() + pos + header - 4;
            for (qsizetype i = 0; i < unmasked.size(); ++i)
                unmasked[i] = char(unmasked.at(i) ^ key[i % 4]);
            payload = unmasked;
        }
        pos += header + qsizetype(length);

        switch (opcode) {
        case kOpText:
        case kOpBinary:
        case kOpContinuation:
            if (!fin || !m_fragments.isEmpty()) {
                m_fragments.append(payload.data(), payload.size());
                if (fin) {
                    const QByteArray whole = std::exchange(m_fragments, {});
                    handleMessage(whole, monoNs, wallUs);
                }
            } else {
                handleMessage(payload, monoNs, wallUs);
            }
            break;
        case kOpClose: {
            int code = 1005; // no status in the frame
            QString reason;
            if (payload.size() >= 2) {
                code = (quint8(payload.at(0)) << 8) | quint8(payload.at(1));
                reason = QString::fromUtf8(payload.sliced(2));
            }
            finish(code, reason);
            return;
        }
        case kOpPing:
            sendControl(0xA, payload); // pong with the same payload
            break;
        default: // pong and reserved opcodes: nothing to do
            break;
        }
    }
    if (m_state != State::Closed)
        m_buffer.remove(0, pos);
}

void BenchWsClient::handleMessage(QByteArrayView payload, qint64 monoNs, qint64 wallUs)
{
    if (m_state == State::AwaitingWelcome) {
        if (QByteArrayView(payload).indexOf(QByteArrayView("\"type\":\"connection_established\"")) < 0) {
            finish(kNoCloseFrame, QStringLiteral("first message was not connection_established"));
            return;
        }
        m_state = State::Open;
        m_wasEstablished = true;
        Q_EMIT established(this);
        return;
    }
    m_recorder.onMessage(m_index, payload, monoNs, wallUs);
}

void BenchWsClient::sendControl(quint8 opcode, QByteArrayView payload)
{
    // Client frames must be masked; an all-zero key is valid and leaves the payload as it is.
    QByteArray frame;
    frame.reserve(6 + payload.size());
    frame.append(char(0x80 | opcode));
    frame.append(char(0x80 | (payload.size() & 0x7F)));
    frame.append(4, '\0');
    frame.append(payload.data(), payload.size());
    m_socket.write(frame);
}

void BenchWsClient::finish(int code, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_closeCode = code;
    m_closeReason = reason;
    m_socket.abort();
    Q_EMIT ended(this);
}

} // namespace betthat::bench
