#include "connectionlimiter.h"

#include <algorithm>

namespace betthat::server {

namespace {
// Beyond this many tracked addresses, full (idle) buckets are dropped: they carry no information.
constexpr int kSweepThreshold = 4096;
} // namespace

ConnectionLimiter::ConnectionLimiter(int maxTotal, int maxPerUser, int newPerSecondPerAddress, Clock clock)
    : m_maxTotal(maxTotal)
    , m_maxPerUser(maxPerUser)
    , m_ratePerSecond(newPerSecondPerAddress)
    , m_clock(std::move(clock))
{ }

void ConnectionLimiter::refill(Bucket &bucket, qint64 nowMs) const
{
    // rate tokens per 1000 ms = rate milli-tokens per ms.
    const qint64 elapsed = qBound(qint64(0), nowMs - bucket.updatedMs, qint64(1000));
    bucket.milliTokens
        = qMin<qint64>(qint64(m_ratePerSecond) * 1000, bucket.milliTokens + elapsed * m_ratePerSecond);
    bucket.updatedMs = nowMs;
}

void ConnectionLimiter::sweep(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(it.value(), nowMs);
        if (it->milliTokens >= qint64(m_ratePerSecond) * 1000)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

Status ConnectionLimiter::admitAttempt(const QHostAddress &address)
{
    if (m_ratePerSecond <= 0)
        return Ok {};
    const qint64 nowMs = m_clock().toMSecsSinceEpoch();
    if (m_buckets.size() > kSweepThreshold)
        sweep(nowMs);
    const QString key = address.toString();
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket { qint64(m_ratePerSecond) * 1000, nowMs });
    else
        refill(it.value(), nowMs);
    if (it->milliTokens < 1000)
        return makeError(
            ErrorCode::Unavailable, QStringLiteral("too many new connections from your address"));
    it->milliTokens -= 1000;
    return Ok {};
}

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
