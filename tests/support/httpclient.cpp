#include "httpclient.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

namespace betthat::test {

QString HttpReply::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

HttpClient::HttpClient(QString baseUrl, int timeoutMs)
    : m_baseUrl(std::move(baseUrl))
    , m_timeoutMs(timeoutMs)
{ }

HttpReply HttpClient::get(const QString &path, const QString &token, const Headers &headers)
{
    return send(QByteArrayLiteral("GET"), path, QByteArray(), token, headers);
}

HttpReply HttpClient::post(
    const QString &path, const QJsonObject &body, const QString &token, const Headers &headers)
{
    return send(
        QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), token, headers);
}

HttpReply HttpClient::patch(
    const QString &path, const QJsonObject &body, const QString &token, const Headers &headers)
{
    return send(
        QByteArrayLiteral("PATCH"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), token, headers);
}

HttpReply HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QString &token, const Headers &headers)
{
    // The path goes in as written (already percent-encoded by the test) so tests control the exact bytes.
    QNetworkRequest request(QUrl(m_baseUrl + path, QUrl::StrictMode));
    request.setTransferTimeout(m_timeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);

    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpReply result;
    if (!reply->isFinished() && !finished.wait(m_timeoutMs)) {
        reply->abort();
        result.networkError = QStringLiteral("timed out after %1 ms").arg(m_timeoutMs);
        reply->deleteLater();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (doc.isObject())
        result.json = doc.object();
    // HTTP error statuses are answers, not failures; only record errors below HTTP.
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

} // namespace betthat::test
