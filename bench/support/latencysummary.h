#pragma once

// Percentiles of a set of samples (nanoseconds or any unit), nearest-rank.

#include <QString>
#include <QtGlobal>
#include <vector>

namespace betthat::bench {

struct LatencySummary
{
    qsizetype count = 0;
    double mean = 0;
    qint64 p50 = 0;
    qint64 p95 = 0;
    qint64 p99 = 0;
    qint64 max = 0;

    // Sorts `samples` in place.
    static LatencySummary of(std::vector<qint64> &samples);
    // "p50 1.23 p95 ... max ... (n=...)", values divided by `divisor` (1e6 turns ns into ms).
    QString format(double divisor, int decimals = 2) const;
};

} // namespace betthat::bench
