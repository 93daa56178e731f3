#include "ratelimiter.h"

#include <cmath>

namespace betthat::server {

namespace {
constexpr qint64 kMicro = 1000000;
} // namespace

RateLimiter::RateLimiter(RateLimit limit, Clock clock, int maxKeys)
    : m_limit(limit)
    , m_clock(std::move(clock))
    , m_maxKeys(qMax(16, maxKeys))
{ }

qint64 RateLimiter::capacity() const
{
    return qint64(m_limit.burst) * kMicro;
}

qint64 RateLimiter::refilled(const Bucket &bucket, qint64 nowMs) const
{
    const qint64 elapsedMs = qMax(qint64(0), nowMs - bucket.updatedMs);
    // perSecond tokens per 1000 ms = perSecond * 1000 micro-tokens per ms.
    const double added = double(elapsedMs) * m_limit.perSecond * 1000.0;
    if (added >= double(capacity()))
        return capacity();
    return qMin(capacity(), bucket.microTokens + qint64(std::llround(added)));
}

qint64 RateLimiter::waitMs(qint64 microTokens) const
{
    const qint64 missing = kMicro - microTokens;
    if (missing <= 0)
        return 0;
    return qMax(qint64(1), qint64(std::ceil(double(missing) / (m_limit.perSecond * 1000.0))));
}

void RateLimiter::sweep(qint64 nowMs)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (refilled(it.value(), nowMs) >= capacity())
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

qint64 RateLimiter::take(const QString &key)
{
    if (!enabled())
        return 0;
    const qint64 nowMs = m_clock().toMSecsSinceEpoch();
    auto it = m_buckets.find(key);
    qint64 tokens = it == m_buckets.end() ? capacity() : refilled(it.value(), nowMs);
    if (tokens < kMicro) {
        if (it != m_buckets.end())
            *it = Bucket { tokens, nowMs };
        ++m_refused;
        return waitMs(tokens);
    }
    tokens -= kMicro;
    if (it == m_buckets.end()) {
        // Many keys at once (an address sweep, a token-guessing botnet): drop the full buckets first; if
        // every bucket is still draining, forget the lot rather than grow without bound — the limit then
        // errs towards admitting, never towards refusing honest users.
        if (m_buckets.size() >= m_maxKeys) {
            sweep(nowMs);
            if (m_buckets.size() >= m_maxKeys)
                m_buckets.clear();
        }
        m_buckets.insert(key, Bucket { tokens, nowMs });
    } else {
        *it = Bucket { tokens, nowMs };
    }
    return 0;
}

qint64 RateLimiter::waitFor(const QString &key) const
{
    if (!enabled())
        return 0;
    const auto it = m_buckets.constFind(key);
    if (it == m_buckets.constEnd())
        return 0;
    return waitMs(refilled(it.value(), m_clock().toMSecsSinceEpoch()));
}

void RateLimiter::drain(const QString &key)
{
    if (!enabled())
        return;
    m_buckets.insert(key, Bucket { 0, m_clock().toMSecsSinceEpoch() });
}

} // namespace betthat::server
