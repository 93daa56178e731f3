#pragma once

// Admission control for WebSocket connections: a total cap, a per-user cap and a per-address token bucket.

#include "common/error.h"
#include "common/timeutil.h"

#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace betthat::server {

class ConnectionLimiter
{
public:
    // A limit <= 0 means "no limit". The rate is also the burst: a quiet address may open that many at once.
    ConnectionLimiter(int maxTotal, int maxPerUser, int newPerSecondPerAddress, Clock clock);

    // Spends one token of the address's bucket. Called for every upgrade, before authentication, so a
    // client hammering with bad tokens is throttled without a database lookup per attempt.
    Status admitAttempt(const QHostAddress &address);
    // Room for one more connection at all (checked before authentication, enforced again by acquire()).
    Status checkTotal() const;
    // Counts a connection of userId until release(); fails when the total or the user's cap is reached.
    Status acquire(const QString &userId);
    void release(const QString &userId);

    int total() const { return m_total; }
    int connectionsOf(const QString &userId) const { return m_perUser.value(userId); }
    int userCount() const { return int(m_perUser.size()); }
    QStringList users() const; // sorted
    int trackedAddresses() const { return int(m_buckets.size()); }

private:
    struct Bucket
    {
        qint64 milliTokens = 0; // thousandths of a token: integer refill, no rounding drift
        qint64 updatedMs = 0;
    };
    void refill(Bucket &bucket, qint64 nowMs) const;
    void sweep(qint64 nowMs);

    int m_maxTotal;
    int m_maxPerUser;
    int m_ratePerSecond;
    Clock m_clock;
    int m_total = 0;
    QHash<QString, int> m_perUser;
    QHash<QString, Bucket> m_buckets; // by address text
};

} // namespace betthat::server
