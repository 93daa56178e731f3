#pragma once

// A real HTTP receiver for the webhook tests: webhook_receiver.py in a child process on 127.0.0.1.

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace betthat::test {

struct ReceivedRequest
{
    QString path;
    QJsonObject headers; // names lowercased
    QByteArray body;
    int answered = 0; // the status it got; 0: the connection was dropped

    QByteArray header(const char *name) const { return headers.value(QLatin1String(name)).toString().toUtf8(); }
};

class WebhookReceiver
{
public:
    WebhookReceiver();
    ~WebhookReceiver();
    WebhookReceiver(const WebhookReceiver &) = delete;
    WebhookReceiver &operator=(const WebhookReceiver &) = delete;

    // Starts (or restarts, on the same port) and waits for READY. False with error() when it cannot: fail.
    bool start();
    void stop(); // "down": connections are refused until start()
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    QString url(const QString &path = QStringLiteral("/hook")) const;

    // What the next requests get; see webhook_receiver.py. {} answers 204.
    void setMode(const QJsonObject &mode);

    // Every request so far, in arrival order (kept across restarts).
    QList<ReceivedRequest> requests() const;
    QList<ReceivedRequest> requests(const QString &path) const;
    // Requests to `path` that got a 2xx.
    QList<ReceivedRequest> accepted(const QString &path = QStringLiteral("/hook")) const;
    bool waitForAccepted(int count, const QString &path = QStringLiteral("/hook"), int timeoutMs = 30000) const;
    bool waitForRequests(int count, const QString &path = QStringLiteral("/hook"), int timeoutMs = 30000) const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace betthat::test
