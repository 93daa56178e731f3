#include "rawhttpclient.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace betthat::test {

RawHttpClient::RawHttpClient() = default;

RawHttpClient::~RawHttpClient()
{
    m_socket.abort();
}

bool RawHttpClient::connectTo(quint16 port, int receiveBufferBytes, int timeoutMs)
{
    if (receiveBufferBytes <= 0) {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(timeoutMs);
    }
    // Made by hand: SO_RCVBUF must be set before connect() to bound the TCP window.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
        || !m_socket.setSocketDescriptor(fd)) {
        ::close(fd);
        return false;
    }
    return true;
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawHttpClient::readUntilClosed(int timeoutMs)
{
    m_socket.setReadBufferSize(0);
    return QTest::qWaitFor(
        [this] {
            m_received += m_socket.readAll();
            return m_socket.state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs);
}

bool RawHttpClient::readAnswers(int count, int timeoutMs)
{
    m_socket.setReadBufferSize(0);
    return QTest::qWaitFor(
        [this, count] {
            m_received += m_socket.readAll();
            return answersReceived() >= count || m_socket.state() != QAbstractSocket::ConnectedState;
        },
        timeoutMs)
        && answersReceived() >= count;
}

int RawHttpClient::status() const
{
    if (!m_received.startsWith("HTTP/1.1 ") || m_received.size() < 12)
        return 0;
    return m_received.mid(9, 3).toInt();
}

int RawHttpClient::answersReceived() const
{
    return int(m_received.count("HTTP/1.1 "));
}

} // namespace betthat::test
