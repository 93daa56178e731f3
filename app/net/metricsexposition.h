#pragma once

// One scrape of the server's GET /metrics, parsed from the Prometheus text format (version 0.0.4): strict and
// bounded, with the few lookups the admin window's server panel needs (a series, a sum over series, a
// histogram's buckets).

#include "common/error.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace betthat::app {

class MetricsExposition
{
public:
    // What one scrape may hold before it is refused: the panel reads a few dozen series, the server writes a
    // few hundred; a hostile or broken answer must not make the app allocate without bound.
    struct Limits
    {
        qsizetype maxBytes = 4 * 1024 * 1024;
        int maxLineLength = 16 * 1024;
        int maxSeries = 20000;
        int maxLabels = 32;
    };

    enum class Type { Untyped, Counter, Gauge, Histogram, Summary };
    // Sorted by name, so two series with the same labels in another order are the same series.
    using Labels = QMap<QString, QString>;
    struct Series
    {
        QString name;
        Labels labels;
        double value = 0;
    };
    // A histogram's buckets in ascending order of their upper bound, the last one +Inf; counts are cumulative.
    struct Histogram
    {
        std::vector<double> bounds;
        std::vector<double> cumulative;
        double count = 0;
        double sum = 0;
    };

    MetricsExposition() = default;

    // The whole scrape or an Error naming the first offending line ("line 12: ..."); nothing half-parsed.
    static Result<MetricsExposition> parse(const QByteArray &text, const Limits &limits);
    static Result<MetricsExposition> parse(const QByteArray &text) { return parse(text, Limits()); }

    const QList<Series> &series() const { return m_series; }
    // The declared type of a family (# TYPE); Untyped when none was declared.
    Type type(const QString &family) const { return m_types.value(family, Type::Untyped); }
    // The series with exactly these labels; nullopt when the scrape has none.
    std::optional<double> value(const QString &name, const Labels &labels = {}) const;
    // The sum over every series of `name` that `accept` takes (all when empty); nullopt when none matched.
    std::optional<double> sum(
        const QString &name, const std::function<bool(const Labels &)> &accept = {}) const;
    // The histogram family `name` (its _bucket, _count and _sum series) with these labels besides `le`;
    // an Error when it is missing or inconsistent (bounds repeated, counts falling, no +Inf bucket, a
    // _count unlike the +Inf bucket).
    Result<Histogram> histogram(const QString &name, const Labels &labels = {}) const;

private:
    QList<Series> m_series;
    QHash<QString, Type> m_types;
};

} // namespace betthat::app
