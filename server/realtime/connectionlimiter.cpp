#include "connectionlimiter.h"

#include <algorithm>

namespace betthat::server {

ConnectionLimiter::ConnectionLimiter(int maxTotal, int maxPerUser, RateLimit newPerUser, Clock clock)
    : m_maxTotal(maxTotal)
    , m_maxPerUser(maxPerUser)
    , m_newPerUser(newPerUser, std::move(clock))
{ }

Status ConnectionLimiter::checkTotal() const
{
    if (m_maxTotal > 0 && m_total >= m_maxTotal)
        return makeError(ErrorCode::Unavailable, QStringLiteral("server connection limit reached"));
    return Ok {};
}

Status ConnectionLimiter::acquire(const QString &userId)
{
    if (const auto total = checkTotal(); !total)
        return total;
    if (m_maxPerUser > 0 && m_perUser.value(userId) >= m_maxPerUser)
        return makeError(ErrorCode::Unavailable, QStringLiteral("too many connections for this user"));
    if (const qint64 waitMs = m_newPerUser.take(userId); waitMs > 0) {
        Error limited = makeError(ErrorCode::RateLimited, QStringLiteral("too many new connections for this user"));
        limited.retryAfterMs = int(qMin<qint64>(waitMs, 24 * 3600 * 1000));
        return limited;
    }
    ++m_total;
    ++m_perUser[userId];
    return Ok {};
}

void ConnectionLimiter::release(const QString &userId)
{
    auto it = m_perUser.find(userId);
    if (it == m_perUser.end())
        return;
    --m_total;
    if (--it.value() <= 0)
        m_perUser.erase(it);
}

QStringList ConnectionLimiter::users() const
{
    QStringList ids = m_perUser.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace betthat::server
