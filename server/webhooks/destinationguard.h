#pragma once

// Which webhook destinations the server may connect to: public unicast addresses only, unless the server
// runs with --webhooks-allow-private. Keeps webhooks from being a way into the server's own network (SSRF).

#include "common/error.h"

#include <QHostAddress>
#include <QString>
#include <QUrl>

namespace betthat::server {

class DestinationGuard
{
public:
    static constexpr int kMaxUrlLength = 2048;

    // False for loopback, private (RFC 1918, CGNAT, ULA), link-local, multicast, unspecified, documentation,
    // benchmarking and reserved ranges, and for IPv4-mapped/compatible forms of those.
    static bool isPublic(const QHostAddress &address);

    // At registration: http/https, a host, no user info, at most kMaxUrlLength; an IP literal or a localhost
    // name must be public unless allowPrivate. Names are checked again after DNS at every delivery.
    static Status checkUrl(const QString &url, bool allowPrivate);
};

} // namespace betthat::server
