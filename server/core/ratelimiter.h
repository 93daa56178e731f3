#pragma once

// Token buckets by key (a user, a token, an address) with bounded memory: what an abusive client may do per
// second, and how long it must wait when it has done too much.

#include "common/timeutil.h"

#include <QHash>
#include <QString>

namespace betthat::server {

struct RateLimit
{
    // Tokens added per second (fractions allowed: 1.0/6 is ten per minute) and the bucket's size. A limit
    // with perSecond <= 0 or burst <= 0 is off: everything is admitted.
    double perSecond = 0;
    int burst = 0;

    bool enabled() const { return perSecond > 0 && burst > 0; }
};

class RateLimiter
{
public:
    RateLimiter(RateLimit limit, Clock clock, int maxKeys = 100000);

    // Spends one token of key's bucket. Returns 0 when admitted, else the milliseconds until a token is
    // there (what Retry-After says); nothing is spent then.
    qint64 take(const QString &key);
    // What take() would answer, without spending.
    qint64 waitFor(const QString &key) const;
    // Empties key's bucket at once (an address that failed too often is blocked until it refills).
    void drain(const QString &key);

    bool enabled() const { return m_limit.enabled(); }
    const RateLimit &limit() const { return m_limit; }
    int trackedKeys() const { return int(m_buckets.size()); }
    // Attempts refused since start (for GET /metrics).
    quint64 refused() const { return m_refused; }

private:
    struct Bucket
    {
        qint64 microTokens = 0; // millionths of a token: integer refill without rounding drift
        qint64 updatedMs = 0;
    };
    qint64 capacity() const;
    qint64 refilled(const Bucket &bucket, qint64 nowMs) const;
    qint64 waitMs(qint64 microTokens) const;
    void sweep(qint64 nowMs);

    RateLimit m_limit;
    Clock m_clock;
    int m_maxKeys;
    quint64 m_refused = 0;
    QHash<QString, Bucket> m_buckets; // only keys that are not full: a full bucket carries no information
};

} // namespace betthat::server
