#include "latencysummary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace betthat::bench {

namespace {

qint64 rank(const std::vector<qint64> &sorted, double fraction)
{
    // Nearest rank: the smallest sample with at least `fraction` of all samples at or below it.
    const auto n = sorted.size();
    auto index = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(n)));
    index = std::clamp<std::size_t>(index, 1, n);
    return sorted[index - 1];
}

} // namespace

LatencySummary LatencySummary::of(std::vector<qint64> &samples)
{
    LatencySummary summary;
    if (samples.empty())
        return summary;
    std::sort(samples.begin(), samples.end());
    summary.count = static_cast<qsizetype>(samples.size());
    summary.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
    summary.p50 = rank(samples, 0.50);
    summary.p95 = rank(samples, 0.95);
    summary.p99 = rank(samples, 0.99);
    summary.max = samples.back();
    return summary;
}

QString LatencySummary::format(double divisor, int decimals) const
{
    const auto value = [&](double v) { return QString::number(v / divisor, 'f', decimals); };
    return QStringLiteral("p50 %1  p95 %2  p99 %3  max %4  mean %5  (n=%6)")
        .arg(value(double(p50)), value(double(p95)), value(double(p99)), value(double(max)), value(mean))
        .arg(count);
}

} // namespace betthat::bench
