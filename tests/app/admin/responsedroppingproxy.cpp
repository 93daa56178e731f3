#include "responsedroppingproxy.h"

#include <QPointer>
#include <QTcpSocket>

namespace betthat::test {

ResponseDroppingProxy::ResponseDroppingProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ResponseDroppingProxy::onNewConnection);
}

bool ResponseDroppingProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString ResponseDroppingProxy::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void ResponseDroppingProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client); // dies with its client connection
        QPointer<QTcpSocket> clientGuard(client);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(upstream, &QTcpSocket::connected, upstream, [client, upstream] {
            // Whatever the client sent before the upstream connection was up.
            if (client->bytesAvailable() > 0)
                upstream->write(client->readAll());
        });
        connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(client->readAll());
        });
        connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream] {
            const QByteArray answer = upstream->readAll();
            if (m_dropping) {
                // The server has acted and answered; the client never hears of it.
                ++m_dropped;
                client->abort();
                return;
            }
            m_forwarded.append(answer);
            client->write(answer);
        });
        connect(upstream, &QTcpSocket::disconnected, client, [clientGuard] {
            if (clientGuard)
                clientGuard->disconnectFromHost();
        });
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

} // namespace betthat::test
