#pragma once

// A lean WebSocket client for the fan-out benchmark: a QTcpSocket bound to a chosen loopback source address
// (QWebSocket cannot bind one), speaking just enough RFC 6455 to read server frames and answer pings.

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QObject>
#include <QTcpSocket>

namespace betthat::bench {

class DeliveryRecorder;

class BenchWsClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Handshaking, AwaitingWelcome, Open, Closed };

    BenchWsClient(int index, DeliveryRecorder &recorder, QObject *parent = nullptr);
    ~BenchWsClient() override;

    // Connects from `source` to 127.0.0.1:port and upgrades to /ws/bet-updates with the bearer token and no
    // user_id: a bettor gets their own feed, an operator the global feed.
    void open(const QHostAddress &source, quint16 port, const QString &token);

    int index() const { return m_index; }
    State state() const { return m_state; }
    bool wasEstablished() const { return m_wasEstablished; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }

Q_SIGNALS:
    // connection_established arrived: the feed is live.
    void established(betthat::bench::BenchWsClient *client);
    // Refused, closed by the server or failed before/after being established.
    void ended(betthat::bench::BenchWsClient *client);

private:
    void onConnected();
    void onReadyRead();
    void onSocketError();
    bool readHandshake();
    void readFrames(qint64 monoNs, qint64 wallUs);
    void handleMessage(QByteArrayView payload, qint64 monoNs, qint64 wallUs);
    void sendControl(quint8 opcode, QByteArrayView payload);
    void finish(int code, const QString &reason);

    const int m_index;
    DeliveryRecorder &m_recorder;
    QTcpSocket m_socket;
    QByteArray m_request;
    QByteArray m_buffer;
    QByteArray m_fragments; // a text message split over several frames (the server does not, but may)
    State m_state = State::Idle;
    bool m_wasEstablished = false;
    int m_closeCode = 0;
    QString m_closeReason;
};

} // namespace betthat::bench
