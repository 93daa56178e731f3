#pragma once

// A QWebSocket test client that records every message it receives and how the connection ended.

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>
#include <functional>
#include <optional>

namespace betthat::test {

class WsRecorder : public QObject
{
    Q_OBJECT
public:
    explicit WsRecorder(QObject *parent = nullptr);
    ~WsRecorder() override;

    // ws://127.0.0.1:port/ws/bet-updates with the given query items (empty ones are left out).
    static QUrl betUpdatesUrl(quint16 port, const QString &token, const QString &userId = {},
                              std::optional<qint64> sinceSeq = std::nullopt);

    // Opens url; bearerToken (if any) goes in "Authorization: Bearer".
    void open(const QUrl &url, const QString &bearerToken = {});
    bool waitConnected(int timeoutMs = 5000);
    bool waitDisconnected(int timeoutMs = 5000);
    // True once at least `count` messages have arrived.
    bool waitForCount(int count, int timeoutMs = 5000);
    bool waitForType(const QString &type, int timeoutMs = 5000);
    // True once an event (a message with "seq") with this seq or a higher one has arrived.
    bool waitForEventSeq(qint64 seq, int timeoutMs = 5000);

    // An ordering barrier: sends {"type":"ping"} and waits for its pong. The server answers on the same
    // socket, in order, so every frame it sent before it read the ping has arrived once this returns true:
    // assert "nothing more" (no duplicate, nothing filtered out) after it instead of after a sleep.
    bool pingBarrier(int timeoutMs = 5000);

    void sendJson(const QJsonObject &message);
    void sendText(const QString &text);
    void close();

    // Called for each message as it arrives, after it is recorded (e.g. to commit during a replay).
    void setOnMessage(std::function<void(const QJsonObject &)> onMessage) { m_onMessage = std::move(onMessage); }

    QList<QJsonObject> messages() const { return m_messages; }
    QList<QJsonObject> ofType(const QString &type) const;
    QList<QJsonObject> events() const; // bet_resolved / bet_disputed / bet_updated
    QList<qint64> eventSeqs() const;
    QStringList rawTexts() const { return m_texts; }
    // Milliseconds since open() at which each message arrived (parallel to messages()).
    QList<qint64> arrivalMs() const { return m_arrivalMs; }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool wasConnected() const { return m_wasConnected; }
    bool wasDisconnected() const { return m_wasDisconnected; }
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    QString errorString() const { return m_errorString; }
    QWebSocket &socket() { return m_socket; }

Q_SIGNALS:
    void messageReceived(const QJsonObject &message);

private:
    void onText(const QString &text);

    QWebSocket m_socket;
    QElapsedTimer m_clock;
    QList<QJsonObject> m_messages;
    QStringList m_texts;
    QList<qint64> m_arrivalMs;
    std::function<void(const QJsonObject &)> m_onMessage;
    bool m_wasConnected = false;
    bool m_wasDisconnected = false;
    int m_closeCode = -1;
    QString m_closeReason;
    QString m_errorString;
};

} // namespace betthat::test
