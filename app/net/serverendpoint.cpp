#include "serverendpoint.h"

#include "common/protocol.h"

#include <QNetworkRequest>

namespace betthat::app {

namespace {

QString trimmedPath(const QUrl &url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

} // namespace

ServerEndpoint::ServerEndpoint(const QUrl &baseUrl, const QString &token)
    : m_baseUrl(baseUrl)
    , m_token(token)
{
    // Normalise once so every derived URL and the cursor key agree however the user typed the address.
    m_baseUrl.setPath(trimmedPath(m_baseUrl));
    m_baseUrl.setQuery(QString());
    m_baseUrl.setFragment(QString());
    m_baseUrl.setScheme(m_baseUrl.scheme().toLower());
}

bool ServerEndpoint::isValid() const
{
    const QString scheme = m_baseUrl.scheme();
    return m_baseUrl.isValid() && !m_baseUrl.host().isEmpty()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

QUrl ServerEndpoint::apiUrl(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    url.setPath(trimmedPath(m_baseUrl) + QStringLiteral("/api/v1") + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QUrl ServerEndpoint::serverUrl(const QString &path) const
{
    QUrl url = m_baseUrl;
    url.setPath(trimmedPath(m_baseUrl) + path);
    return url;
}

QUrl ServerEndpoint::webSocketUrl(const QString &userId, qint64 sinceSeq) const
{
    QUrl url = m_baseUrl;
    // The original mapped every scheme to ws://, which sent https users' tokens in clear text.
    url.setScheme(
        m_baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(trimmedPath(m_baseUrl) + QLatin1String(protocol::kBetUpdatesPath));
    QUrlQuery query;
    if (!userId.isEmpty())
        query.addQueryItem(QStringLiteral("user_id"), userId);
    if (sinceSeq >= 0)
        query.addQueryItem(QStringLiteral("since_seq"), QString::number(sinceSeq));
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void ServerEndpoint::authorize(QNetworkRequest &request) const
{
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
}

QString ServerEndpoint::serverKey() const
{
    QUrl url = m_baseUrl;
    url.setUserInfo(QString());
    if (url.port() < 0)
        url.setPort(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.toString(QUrl::FullyEncoded);
}

QString ServerEndpoint::redacted(const QUrl &url)
{
    QUrl copy = url;
    copy.setUserInfo(QString());
    QUrlQuery query(copy);
    if (query.hasQueryItem(QStringLiteral("token"))) {
        query.removeAllQueryItems(QStringLiteral("token"));
        query.addQueryItem(QStringLiteral("token"), QStringLiteral("REDACTED"));
        copy.setQuery(query);
    }
    return copy.toString(QUrl::FullyEncoded);
}

} // namespace betthat::app
