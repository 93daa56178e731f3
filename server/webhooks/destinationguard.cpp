#include "destinationguard.h"

#include <QList>
#include <QPair>

namespace betthat::server {

namespace {

const QList<QPair<QHostAddress, int>> &blockedNetworks()
{
    // Everything an outside receiver can never be. isInSubnet() does the masking.
    static const QList<QPair<QHostAddress, int>> networks = [] {
        QList<QPair<QHostAddress, int>> list;
        for (const char *cidr : { "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                 "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
                 "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128",
                 "64:ff9b:1::/48", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8" })
            list.append(QHostAddress::parseSubnet(QString::fromLatin1(cidr)));
        return list;
    }();
    return networks;
}

} // namespace

bool DestinationGuard::isPublic(const QHostAddress &address)
{
    if (address.isNull())
        return false;
    QHostAddress candidate = address;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        // ::ffff:10.0.0.1 and ::10.0.0.1 reach the IPv4 address: judge that one.
        bool isV4 = false;
        const quint32 v4 = address.toIPv4Address(&isV4);
        if (isV4)
            candidate = QHostAddress(v4);
        else {
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            bool compatible = true;
            for (int i = 0; i < 12; ++i)
                compatible = compatible && bytes[i] == 0;
            if (compatible)
                candidate = QHostAddress(quint32(bytes[12]) << 24 | quint32(bytes[13]) << 16
                    | quint32(bytes[14]) << 8 | quint32(bytes[15]));
        }
    }
    candidate.setScopeId(QString());
    for (const auto &network : blockedNetworks())
        if (candidate.protocol() == network.first.protocol() && candidate.isInSubnet(network))
            return false;
    return true;
}

Status DestinationGuard::checkUrl(const QString &text, bool allowPrivate)
{
    const auto bad = [](const QString &why) { return makeError(ErrorCode::BadRequest, why); };
    if (text.isEmpty())
        return bad(QStringLiteral("url is required"));
    if (text.size() > kMaxUrlLength)
        return bad(QStringLiteral("url is %1 characters; the limit is %2").arg(text.size()).arg(kMaxUrlLength));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return bad(QStringLiteral("url is not a valid absolute URL"));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return bad(QStringLiteral("url must be http:// or https://, not %1:").arg(scheme.left(16)));
    if (url.host().isEmpty())
        return bad(QStringLiteral("url has no host"));
    if (!url.userInfo().isEmpty())
        return bad(QStringLiteral("url must not contain user info; authenticate the request by its signature"));
    if (!url.fragment().isEmpty())
        return bad(QStringLiteral("url must not contain a fragment"));
    if (allowPrivate)
        return Ok {};
    const QString host = url.host().toLower();
    QHostAddress literal;
    if (literal.setAddress(host) && !isPublic(literal))
        return bad(QStringLiteral("url points to a private, loopback or link-local address (%1); the server "
                                  "refuses such destinations unless it runs with --webhooks-allow-private")
                       .arg(host));
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return bad(QStringLiteral("url points to localhost; the server refuses such destinations unless it runs "
                                  "with --webhooks-allow-private"));
    return Ok {};
}

} // namespace betthat::server
