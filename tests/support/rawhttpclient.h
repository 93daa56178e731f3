#pragma once

// An HTTP client done by hand on a raw TCP socket, for clients that misbehave: huge or malformed heads,
// trickled bytes, pipelined requests never read, bodies streamed on and on.

#include <QByteArray>
#include <QTcpSocket>

namespace betthat::test {

class RawHttpClient
{
public:
    RawHttpClient();
    ~RawHttpClient();

    // Connects to 127.0.0.1:port; receiveBufferBytes > 0 sets SO_RCVBUF before connecting (a small TCP window).
    bool connectTo(quint16 port, int receiveBufferBytes = 0, int timeoutMs = 5000);
    // Queues bytes and hands them to the kernel as far as it takes them now.
    void send(const QByteArray &bytes);
    // Stops reading: Qt keeps one byte, so the kernel's window closes (answers pile up in the server).
    void stopReading() { m_socket.setReadBufferSize(1); }
    // Reads (again) until the server closes the connection or the timeout; true if it closed.
    bool readUntilClosed(int timeoutMs = 10000);
    // Reads until `count` answer heads have arrived, the connection closed, or the timeout.
    bool readAnswers(int count, int timeoutMs = 10000);

    QByteArray received() const { return m_received; }
    int status() const;                 // status of the first answer; 0: none yet
    int answersReceived() const;        // "HTTP/1.1 " status lines seen
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace betthat::test
