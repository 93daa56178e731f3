#pragma once

// A synchronous HTTP client for tests: one request, wait for the answer (with a timeout), hand back status
// and JSON.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

namespace betthat::test {

struct HttpReply
{
    int status = 0; // 0: no HTTP answer (timeout, connection refused)
    QByteArray body;
    QJsonObject json; // empty unless the body is a JSON object
    QHash<QByteArray, QByteArray> headers; // names lowercased
    QString networkError; // what went wrong below HTTP, if anything

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    // {"error":{"code":...}} -> code; empty when the body is not an error.
    QString errorCode() const;
};

class HttpClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit HttpClient(QString baseUrl, int timeoutMs = 10000);

    // token: sent as "Authorization: Bearer <token>" unless empty; extra headers are sent as given.
    HttpReply get(const QString &path, const QString &token = {}, const Headers &headers = {});
    HttpReply post(
        const QString &path, const QJsonObject &body, const QString &token = {}, const Headers &headers = {});
    HttpReply patch(
        const QString &path, const QJsonObject &body, const QString &token = {}, const Headers &headers = {});
    // Any method with raw bytes (malformed JSON, oversized bodies, odd verbs).
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body,
        const QString &token = {}, const Headers &headers = {});

private:
    QString m_baseUrl;
    int m_timeoutMs;
    QNetworkAccessManager m_manager;
};

} // namespace betthat::test
