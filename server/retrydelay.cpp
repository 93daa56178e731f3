#include "retrydelay.h"

#include <QRandomGenerator>

namespace betthat::server {

qint64 retryDelayMs(int baseMs, int capMs, int failures)
{
    const qint64 base = qMax(1, baseMs);
    const qint64 cap = qMax(base, qint64(capMs));
    // base < 2^31 and at most 30 doublings: the shift cannot overflow 64 bits.
    const int doublings = qBound(0, failures - 1, 30);
    const qint64 full = qMin(cap, base << doublings);
    const qint64 half = full / 2;
    return half + qint64(QRandomGenerator::global()->bounded(quint64(full - half + 1)));
}

} // namespace betthat::server
