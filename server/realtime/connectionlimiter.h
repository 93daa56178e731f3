#pragma once

// Admission control for WebSocket connections: a total cap, a per-user cap and a per-user rate of new
// connections. Failed handshakes are limited per address by the Authenticator, so many honest users can
// share one NAT or proxy address while one of them misbehaves.

#include "common/error.h"
#include "common/timeutil.h"
#include "server/core/ratelimiter.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace betthat::server {

class ConnectionLimiter
{
public:
    // A cap <= 0 means "no cap"; a rate that is off (RateLimit::enabled) admits every new connection.
    ConnectionLimiter(int maxTotal, int maxPerUser, RateLimit newPerUser, Clock clock);

    // Room for one more connection at all (checked before authentication, enforced again by acquire()).
    Status checkTotal() const;
    // Counts a connection of userId until release(); fails when the total or the user's cap is reached, or
    // the user opens connections faster than the rate (retryAfterMs says when one is allowed again).
    Status acquire(const QString &userId);
    void release(const QString &userId);

    int total() const { return m_total; }
    int connectionsOf(const QString &userId) const { return m_perUser.value(userId); }
    int userCount() const { return int(m_perUser.size()); }
    QStringList users() const; // sorted
    quint64 rateLimited() const { return m_newPerUser.refused(); }

private:
    int m_maxTotal;
    int m_maxPerUser;
    RateLimiter m_newPerUser;
    int m_total = 0;
    QHash<QString, int> m_perUser;
};

} // namespace betthat::server
