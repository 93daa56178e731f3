#pragma once

// A WebSocket client done by hand on a raw TCP socket, for peers that misbehave: never read, never pong.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTcpSocket>

namespace betthat::test {

class RawWsClient
{
public:
    struct Frame
    {
        int opcode = 0; // 1 text, 2 binary, 8 close, 9 ping, 10 pong
        QByteArray payload;
    };

    RawWsClient();
    ~RawWsClient();

    // Connects to 127.0.0.1:port with a kernel receive buffer of receiveBufferBytes (0: OS default), sends
    // the upgrade for `target` ("/ws/bet-updates?token=..."), and reads the response head. After that the
    // client reads at most `keepReadingBytes` more into its buffer and then stops reading altogether
    // (0: stop right away), so the server's data piles up in the kernel and then in the server.
    bool handshake(quint16 port, const QByteArray &target, int receiveBufferBytes = 0, int timeoutMs = 5000);
    // Connect from another loopback address (e.g. 127.0.0.2), to stand for another client machine.
    void setSourceAddress(const QByteArray &ipv4) { m_sourceAddress = ipv4; }
    // Sent with the upgrade, each line ending in CRLF ("Origin: https://evil.test\r\n").
    void setExtraHeaders(const QByteArray &lines) { m_extraHeaders = lines; }
    int status() const { return m_status; }         // HTTP status of the handshake answer (101 on success)
    QByteArray responseHead() const { return m_head; }

    // Starts reading again and collects frames until a close frame arrives, the peer goes, or the timeout.
    bool readUntilClosed(int timeoutMs = 10000);
    QList<Frame> frames() const { return m_frames; }
    QList<QByteArray> textMessages() const;
    int closeCode() const { return m_closeCode; } // -1: no close frame seen
    QString closeReason() const { return m_closeReason; }
    int pingsSeen() const;

    // Sends a masked text frame, as a client must.
    void sendText(const QByteArray &payload);
    // Any frame (opcode 9: ping), masked or - misbehaving - not; queued without waiting for the kernel.
    void sendFrame(int opcode, const QByteArray &payload, bool masked = true);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

private:
    void parseFrames();

    QTcpSocket m_socket;
    QByteArray m_sourceAddress;
    QByteArray m_extraHeaders;
    QByteArray m_buffer;
    QByteArray m_head;
    int m_status = 0;
    QList<Frame> m_frames;
    int m_closeCode = -1;
    QString m_closeReason;
};

} // namespace betthat::test
