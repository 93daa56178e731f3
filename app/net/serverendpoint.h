#pragma once

// Where the server is and who we are: the API base URL and token, and every URL derived from them.

#include <QString>
#include <QUrl>
#include <QUrlQuery>

class QNetworkRequest;

namespace betthat::app {

class ServerEndpoint
{
public:
    ServerEndpoint() = default;
    // baseUrl: "http://127.0.0.1:8000" or "https://bets.example.com/prefix" (a trailing slash is ignored).
    ServerEndpoint(const QUrl &baseUrl, const QString &token);

    // http(s) with a host; the token may be empty (then every request gets 401).
    bool isValid() const;
    QUrl baseUrl() const { return m_baseUrl; }
    QString token() const { return m_token; }

    // base + "/api/v1" + path (path starts with '/'), with an optional query.
    QUrl apiUrl(const QString &path, const QUrlQuery &query = {}) const;
    // base + path, outside the API (path starts with '/'): "/metrics".
    QUrl serverUrl(const QString &path) const;
    // http->ws, https->wss, same host, port and path prefix, + "/ws/bet-updates?[user_id=]&since_seq=".
    // userId empty: no user_id (an operator's global feed, or the caller's own feed for a bettor).
    // sinceSeq < 0: no since_seq. The token is NOT in the URL: see authorize().
    QUrl webSocketUrl(const QString &userId = {}, qint64 sinceSeq = -1) const;
    // Adds "Authorization: Bearer <token>" (kept out of URLs so it never lands in logs or proxies).
    void authorize(QNetworkRequest &request) const;

    // A stable key for this server ("http://127.0.0.1:8000/prefix"): scopes persisted cursors and settings.
    QString serverKey() const;
    // A URL safe to log: no user info, no token query item.
    static QString redacted(const QUrl &url);

private:
    QUrl m_baseUrl;
    QString m_token;
};

} // namespace betthat::app
