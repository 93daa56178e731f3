#include "metricsregistry.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace betthat::server::metrics {

namespace {

QString escapeLabelValue(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('"'), QLatin1String("\\\""));
    value.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return value;
}

QString escapeHelp(QString help)
{
    help.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    help.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return help;
}

QString formatValue(double value)
{
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// {a="1",b="2"} (with an extra label, e.g. le, appended); "" without labels.
QString labelText(const QStringList &names, const Labels &values, const QString &extraName = QString(),
    const QString &extraValue = QString())
{
    QStringList pairs;
    for (int i = 0; i < names.size() && i < values.size(); ++i)
        pairs << QStringLiteral("%1=\"%2\"").arg(names.at(i), escapeLabelValue(values.at(i)));
    if (!extraName.isEmpty())
        pairs << QStringLiteral("%1=\"%2\"").arg(extraName, extraValue);
    return pairs.isEmpty() ? QString() : QLatin1Char('{') + pairs.join(QLatin1Char(',')) + QLatin1Char('}');
}

} // namespace

Histogram::Histogram(std::vector<double> bounds)
    : m_bounds(std::move(bounds))
    , m_buckets(new std::atomic<quint64>[m_bounds.size() + 1])
{
    std::sort(m_bounds.begin(), m_bounds.end());
    for (size_t i = 0; i <= m_bounds.size(); ++i)
        m_buckets[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double seconds)
{
    if (!(seconds >= 0)) // negative (a clock step) or NaN: count it as zero rather than lose it
        seconds = 0;
    const auto bucket = size_t(std::lower_bound(m_bounds.begin(), m_bounds.end(), seconds) - m_bounds.begin());
    m_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    m_sumNs.fetch_add(qint64(std::llround(seconds * 1e9)), std::memory_order_relaxed);
    m_count.fetch_add(1, std::memory_order_relaxed);
}

std::vector<quint64> Histogram::bucketCounts() const
{
    std::vector<quint64> counts(m_bounds.size() + 1);
    for (size_t i = 0; i < counts.size(); ++i)
        counts[i] = m_buckets[i].load(std::memory_order_relaxed);
    return counts;
}

std::vector<double> latencyBuckets()
{
    return { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
}

Family<Counter> &Registry::counter(const QString &name, const QString &help, const QStringList &labelNames)
{
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->help = help;
    entry->counters = std::make_unique<Family<Counter>>(labelNames);
    Family<Counter> &family = *entry->counters;
    m_entries.push_back(std::move(entry));
    return family;
}

Family<Histogram> &Registry::histogram(
    const QString &name, const QString &help, const QStringList &labelNames, const std::vector<double> &bounds)
{
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->help = help;
    entry->histograms = std::make_unique<Family<Histogram>>(labelNames, bounds);
    Family<Histogram> &family = *entry->histograms;
    m_entries.push_back(std::move(entry));
    return family;
}

void Registry::addCollector(const QString &name, const QString &help, Type type, const QStringList &labelNames,
    std::function<QList<Sample>()> read)
{
    auto entry = std::make_unique<Entry>();
    entry->name = name;
    entry->help = help;
    entry->collectorType = type;
    entry->collectorLabels = labelNames;
    entry->collector = std::move(read);
    m_entries.push_back(std::move(entry));
}

QByteArray Registry::render() const
{
    QString out;
    out.reserve(8192);
    for (const auto &entry : m_entries) {
        const QString &name = entry->name;
        out += QStringLiteral("# HELP %1 %2\n").arg(name, escapeHelp(entry->help));
        if (entry->counters) {
            out += QStringLiteral("# TYPE %1 counter\n").arg(name);
            const QStringList &names = entry->counters->labelNames();
            entry->counters->forEach([&](const Labels &labels, const Counter &counter) {
                out += name + labelText(names, labels) + QLatin1Char(' ') + QString::number(counter.value())
                    + QLatin1Char('\n');
            });
        } else if (entry->histograms) {
            out += QStringLiteral("# TYPE %1 histogram\n").arg(name);
            const QStringList &names = entry->histograms->labelNames();
            entry->histograms->forEach([&](const Labels &labels, const Histogram &histogram) {
                // Read the buckets once and derive the count from them, so _count equals the +Inf bucket
                // even while observations arrive.
                const std::vector<quint64> counts = histogram.bucketCounts();
                quint64 cumulative = 0;
                for (size_t i = 0; i < counts.size(); ++i) {
                    cumulative += counts[i];
                    const QString le = i < histogram.bounds().size() ? formatValue(histogram.bounds()[i])
                                                                      : QStringLiteral("+Inf");
                    out += name + QStringLiteral("_bucket") + labelText(names, labels, QStringLiteral("le"), le)
                        + QLatin1Char(' ') + QString::number(cumulative) + QLatin1Char('\n');
                }
                out += name + QStringLiteral("_sum") + labelText(names, labels) + QLatin1Char(' ')
                    + formatValue(histogram.sum()) + QLatin1Char('\n');
                out += name + QStringLiteral("_count") + labelText(names, labels) + QLatin1Char(' ')
                    + QString::number(cumulative) + QLatin1Char('\n');
            });
        } else {
            out += QStringLiteral("# TYPE %1 %2\n")
                       .arg(name,
                           entry->collectorType == Type::Counter ? QStringLiteral("counter") : QStringLiteral("gauge"));
            QList<Sample> samples = entry->collector();
            std::sort(samples.begin(), samples.end(),
                [](const Sample &a, const Sample &b) { return a.labels < b.labels; });
            for (const Sample &sample : samples)
                out += name + labelText(entry->collectorLabels, sample.labels) + QLatin1Char(' ')
                    + formatValue(sample.value) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

} // namespace betthat::server::metrics
