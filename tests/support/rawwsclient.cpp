#include "rawwsclient.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace betthat::test {

RawWsClient::RawWsClient() = default;

RawWsClient::~RawWsClient()
{
    m_socket.abort();
}

bool RawWsClient::handshake(quint16 port, const QByteArray &target, int receiveBufferBytes, int timeoutMs)
{
    // The socket is made by hand: SO_RCVBUF must be set before connect() to bound the TCP window.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    if (receiveBufferBytes > 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    if (!m_sourceAddress.isEmpty()) {
        sockaddr_in source {};
        source.sin_family = AF_INET;
        if (::inet_pton(AF_INET, m_sourceAddress.constData(), &source.sin_addr) != 1
            || ::bind(fd, reinterpret_cast<const sockaddr *>(&source), sizeof source) != 0) {
            ::close(fd);
            return false;
        }
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return false;
    }
    if (!m_socket.setSocketDescriptor(fd)) {
        ::close(fd);
        return false;
    }

    QByteArray key(16, Qt::Uninitialized);
    for (char &c : key)
        c = char(QRandomGenerator::global()->bounded(256));
    const QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key.toBase64()
        + "\r\nSec-WebSocket-Version: 13\r\n" + m_extraHeaders + "\r\n";
    m_socket.write(request);
    const bool gotHead = QTest::qWaitFor(
        [this] {
            m_buffer += m_socket.readAll();
            return m_buffer.contains("\r\n\r\n") || m_socket.state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs);
    const int end = int(m_buffer.indexOf("\r\n\r\n"));
    if (!gotHead || end < 0)
        return false;
    m_head = m_buffer.left(end + 4);
    m_buffer.remove(0, end + 4);
    const QList<QByteArray> statusLine = m_head.left(m_head.indexOf("\r\n")).split(' ');
    m_status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
    // From here on: stop reading. Qt's own buffer stays tiny, so the kernel's window closes.
    m_socket.setReadBufferSize(1);
    return m_status == 101;
}

bool RawWsClient::readUntilClosed(int timeoutMs)
{
    m_socket.setReadBufferSize(0);
    return QTest::qWaitFor(
        [this] {
            m_buffer += m_socket.readAll();
            parseFrames();
            return m_closeCode >= 0 || m_socket.state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs);
}

void RawWsClient::parseFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto *bytes = reinterpret_cast<const uchar *>(m_buffer.constData());
        const int opcode = bytes[0] & 0x0F;
        qint64 length = bytes[1] & 0x7F;
        int offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = qFromBigEndian<quint16>(bytes + 2);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = qint64(qFromBigEndian<quint64>(bytes + 2));
            offset = 10;
        }
        if (m_buffer.size() < offset + length)
            return;
        Frame frame{opcode, m_buffer.mid(offset, length)};
        m_buffer.remove(0, offset + length);
        if (opcode == 8 && frame.payload.size() >= 2) {
            m_closeCode = qFromBigEndian<quint16>(reinterpret_cast<const uchar *>(frame.payload.constData()));
            m_closeReason = QString::fromUtf8(frame.payload.mid(2));
        } else if (opcode == 8) {
            m_closeCode = 1005;
        }
        m_frames << frame;
    }
}

QList<QByteArray> RawWsClient::textMessages() const
{
    QList<QByteArray> texts;
    for (const Frame &frame : m_frames)
        if (frame.opcode == 1)
            texts << frame.payload;
    return texts;
}

int RawWsClient::pingsSeen() const
{
    int pings = 0;
    for (const Frame &frame : m_frames)
        pings += frame.opcode == 9 ? 1 : 0;
    return pings;
}

void RawWsClient::sendFrame(int opcode, const QByteArray &payload, bool masked)
{
    QByteArray frame;
    frame.append(char(0x80 | (opcode & 0x0F)));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | char(payload.size())));
    } else {
        frame.append(char(maskBit | 126));
        const quint16 length = qToBigEndian<quint16>(quint16(payload.size()));
        frame.append(reinterpret_cast<const char *>(&length), 2);
    }
    if (!masked) {
        m_socket.write(frame + payload);
        return;
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    const char *maskBytes = reinterpret_cast<const char *>(&mask);
    frame.append(maskBytes, 4);
    for (int i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ maskBytes[i % 4]));
    m_socket.write(frame);
}

void RawWsClient::sendText(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else {
        frame.append(char(0x80 | 126));
        const quint16 length = qToBigEndian<quint16>(quint16(payload.size()));
        frame.append(reinterpret_cast<const char *>(&length), 2);
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    const char *maskBytes = reinterpret_cast<const char *>(&mask);
    frame.append(maskBytes, 4);
    for (int i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ maskBytes[i % 4]));
    m_socket.write(frame);
    m_socket.flush();
}

} // namespace betthat::test
