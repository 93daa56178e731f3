#include "wsrecorder.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTest>
#include <QUrlQuery>

namespace betthat::test {

WsRecorder::WsRecorder(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] { m_wasConnected = true; });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_wasDisconnected = true;
        m_closeCode = int(m_socket.closeCode());
        m_closeReason = m_socket.closeReason();
    });
    // QWebSocket::error is a signal in 6.4 (errorOccurred came in 6.5).
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) { m_errorString = m_socket.errorString(); });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &WsRecorder::onText);
}

WsRecorder::~WsRecorder()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

QUrl WsRecorder::betUpdatesUrl(quint16 port, const QString &token, const QString &userId,
                               std::optional<qint64> sinceSeq)
{
    QUrl url(QStringLiteral("ws://127.0.0.1:%1/ws/bet-updates").arg(port));
    QUrlQuery query;
    if (!userId.isEmpty())
        query.addQueryItem(QStringLiteral("user_id"), userId);
    if (!token.isEmpty())
        query.addQueryItem(QStringLiteral("token"), token);
    if (sinceSeq)
        query.addQueryItem(QStringLiteral("since_seq"), QString::number(*sinceSeq));
    url.setQuery(query);
    return url;
}

void WsRecorder::open(const QUrl &url, const QString &bearerToken)
{
    QNetworkRequest request(url);
    if (!bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerToken.toUtf8());
    m_clock.start();
    m_socket.open(request);
}

bool WsRecorder::waitConnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_wasConnected || m_wasDisconnected; }, timeoutMs) && m_wasConnected;
}

bool WsRecorder::waitDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_wasDisconnected; }, timeoutMs);
}

bool WsRecorder::waitForCount(int count, int timeoutMs)
{
    return QTest::qWaitFor([this, count] { return m_messages.size() >= count; }, timeoutMs);
}

bool WsRecorder::waitForType(const QString &type, int timeoutMs)
{
    return QTest::qWaitFor([this, type] { return !ofType(type).isEmpty(); }, timeoutMs);
}

bool WsRecorder::waitForEventSeq(qint64 seq, int timeoutMs)
{
    return QTest::qWaitFor(
        [this, seq] {
            const auto seqs = eventSeqs();
            return !seqs.isEmpty() && seqs.last() >= seq;
        },
        timeoutMs);
}

bool WsRecorder::pingBarrier(int timeoutMs)
{
    const qsizetype pongsBefore = ofType(QStringLiteral("pong")).size();
    sendJson({ { QStringLiteral("type"), QStringLiteral("ping") } });
    return QTest::qWaitFor(
        [this, pongsBefore] { return ofType(QStringLiteral("pong")).size() > pongsBefore; }, timeoutMs);
}

void WsRecorder::sendJson(const QJsonObject &message)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void WsRecorder::sendText(const QString &text)
{
    m_socket.sendTextMessage(text);
}

void WsRecorder::close()
{
    m_socket.close();
}

QList<QJsonObject> WsRecorder::ofType(const QString &type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject &message : m_messages)
        if (message.value(QStringLiteral("type")).toString() == type)
            result << message;
    return result;
}

QList<QJsonObject> WsRecorder::events() const
{
    QList<QJsonObject> result;
    for (const QJsonObject &message : m_messages)
        if (message.contains(QStringLiteral("seq")) && message.contains(QStringLiteral("bet_id")))
            result << message;
    return result;
}

QList<qint64> WsRecorder::eventSeqs() const
{
    QList<qint64> seqs;
    for (const QJsonObject &event : events())
        seqs << event.value(QStringLiteral("seq")).toInteger();
    return seqs;
}

void WsRecorder::onText(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    m_texts << text;
    m_messages << message;
    m_arrivalMs << m_clock.elapsed();
    if (m_onMessage)
        m_onMessage(message);
    Q_EMIT messageReceived(message);
}

} // namespace betthat::test
