#pragma once

// A TCP proxy for retry tests: forwards requests to the server, and while "dropping" it throws the server's
// answer away and cuts the client off, as a network that failed after the server had already acted.

#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace betthat::test {

class ResponseDroppingProxy : public QObject
{
    Q_OBJECT
public:
    explicit ResponseDroppingProxy(quint16 upstreamPort, QObject *parent = nullptr);

    bool listen(); // 127.0.0.1, a free port
    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const;

    void setDropping(bool dropping) { m_dropping = dropping; }
    bool isDropping() const { return m_dropping; }
    // How many answers the server sent that never reached the client, and the raw answers passed through.
    int droppedResponses() const { return m_dropped; }
    QList<QByteArray> forwardedResponses() const { return m_forwarded; }

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_upstreamPort;
    bool m_dropping = false;
    int m_dropped = 0;
    QList<QByteArray> m_forwarded;
};

} // namespace betthat::test
