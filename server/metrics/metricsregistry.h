#pragma once

// Prometheus metrics of one server: counters and histograms with labels, and collectors that read values
// kept elsewhere (connection counts, the event log's end) at scrape time, rendered in the text exposition
// format 0.0.4. Increments are atomic and lock-free; only creating a new label combination takes a lock.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace betthat::server::metrics {

// Label values of one series, in the order of its family's label names.
using Labels = QStringList;

class Counter
{
public:
    void inc(qint64 by = 1) { m_value.fetch_add(by, std::memory_order_relaxed); }
    qint64 value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_value { 0 };
};

class Histogram
{
public:
    // Upper bounds in seconds, ascending; +Inf is implied.
    explicit Histogram(std::vector<double> bounds);

    void observe(double seconds);
    void observeNs(qint64 nanoseconds) { observe(double(nanoseconds) / 1e9); }

    const std::vector<double> &bounds() const { return m_bounds; }
    // Per bucket (not cumulative), the last one being +Inf.
    std::vector<quint64> bucketCounts() const;
    quint64 count() const { return m_count.load(std::memory_order_relaxed); }
    double sum() const { return double(m_sumNs.load(std::memory_order_relaxed)) / 1e9; }

private:
    std::vector<double> m_bounds;
    std::unique_ptr<std::atomic<quint64>[]> m_buckets;
    std::atomic<quint64> m_count { 0 };
    std::atomic<qint64> m_sumNs { 0 }; // integer nanoseconds: atomic adds without a compare-exchange loop
};

// Latencies from a millisecond to ten seconds: what an operator tells "healthy" from "stuck" by.
std::vector<double> latencyBuckets();

// One metric name with its label names and one child per label combination.
template <typename T>
class Family
{
public:
    template <typename... Args>
    Family(QStringList labelNames, Args... args)
        : m_labelNames(std::move(labelNames))
        , m_make([args...] { return std::make_unique<T>(args...); })
    {
    }

    // The child for these label values (created on first use; references stay valid for the registry's
    // life, so a hot path may keep one).
    T &labels(const Labels &values = {})
    {
        QMutexLocker locker(&m_mutex);
        auto &child = m_children[values];
        if (!child)
            child = m_make();
        return *child;
    }

    const QStringList &labelNames() const { return m_labelNames; }
    // Visits every child in label order, under the lock.
    void forEach(const std::function<void(const Labels &, const T &)> &visit) const
    {
        QMutexLocker locker(&m_mutex);
        for (const auto &[labels, child] : m_children)
            visit(labels, *child);
    }

private:
    QStringList m_labelNames;
    std::function<std::unique_ptr<T>()> m_make;
    mutable QMutex m_mutex;
    std::map<Labels, std::unique_ptr<T>> m_children;
};

class Registry
{
public:
    enum class Type { Counter, Gauge };
    struct Sample
    {
        Labels labels;
        double value = 0;
    };

    Registry() = default;
    Registry(const Registry &) = delete;
    Registry &operator=(const Registry &) = delete;

    // name ends in _total for counters and in _seconds for durations (Prometheus' conventions).
    Family<Counter> &counter(const QString &name, const QString &help, const QStringList &labelNames = {});
    Family<Histogram> &histogram(const QString &name, const QString &help, const QStringList &labelNames,
        const std::vector<double> &bounds);
    // Values read at scrape time, in the thread that renders (the server's).
    void addCollector(const QString &name, const QString &help, Type type, const QStringList &labelNames,
        std::function<QList<Sample>()> read);

    // text/plain; version=0.0.4
    QByteArray render() const;
    static QByteArray contentType() { return QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"); }

private:
    struct Entry
    {
        QString name;
        QString help;
        std::unique_ptr<Family<Counter>> counters;
        std::unique_ptr<Family<Histogram>> histograms;
        Type collectorType = Type::Gauge;
        QStringList collectorLabels;
        std::function<QList<Sample>()> collector;
    };
    std::vector<std::unique_ptr<Entry>> m_entries;
};

} // namespace betthat::server::metrics
