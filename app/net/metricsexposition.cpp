#include "metricsexposition.h"

#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

namespace betthat::app {

namespace {

Error lineError(int lineNumber, const QString &why)
{
    return makeError(ErrorCode::Internal, QStringLiteral("metrics line %1: %2").arg(lineNumber).arg(why));
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isNameChar(char c, bool first, bool colonAllowed)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
        return true;
    if (c == ':')
        return colonAllowed;
    return !first && c >= '0' && c <= '9';
}

bool isValidName(const QByteArray &name, bool colonAllowed)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (!isNameChar(name.at(i), i == 0, colonAllowed))
            return false;
    }
    return true;
}

// A sample value as the format allows it: a decimal or exponent float, or NaN / +Inf / -Inf in any case.
// QByteArray::toDouble alone would take things the format does not (hex, surrounding blanks).
std::optional<double> parseValue(const QByteArray &token)
{
    const QByteArray lower = token.toLower();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (lower == "+inf" || lower == "inf")
        return std::numeric_limits<double>::infinity();
    if (lower == "-inf")
        return -std::numeric_limits<double>::infinity();
    if (token.isEmpty())
        return std::nullopt;
    bool digit = false;
    for (const char c : token) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-')
            return std::nullopt;
    }
    bool ok = false;
    const double value = token.toDouble(&ok);
    if (!ok || !digit)
        return std::nullopt;
    return value;
}

bool isTimestamp(const QByteArray &token)
{
    bool ok = false;
    token.toLongLong(&ok);
    return ok && (token.at(0) == '-' || (token.at(0) >= '0' && token.at(0) <= '9'));
}

std::optional<MetricsExposition::Type> typeNamed(const QByteArray &name)
{
    using Type = MetricsExposition::Type;
    if (name == "counter")
        return Type::Counter;
    if (name == "gauge")
        return Type::Gauge;
    if (name == "histogram")
        return Type::Histogram;
    if (name == "summary")
        return Type::Summary;
    if (name == "untyped")
        return Type::Untyped;
    return std::nullopt;
}

QString seriesKey(const QString &name, const MetricsExposition::Labels &labels)
{
    QString key = name;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        key += QLatin1Char('\x1f') + it.key() + QLatin1Char('=') + it.value();
    return key;
}

// Reads one line's sample: name, optional {labels}, value, optional timestamp. Blanks may separate the
// tokens (and the label pairs); nothing may follow the timestamp.
class SampleReader
{
public:
    SampleReader(const QByteArray &line, int maxLabels)
        : m_line(line)
        , m_maxLabels(maxLabels)
    {
    }

    std::optional<QString> read(MetricsExposition::Series &out)
    {
        const qsizetype nameStart = m_pos;
        while (m_pos < m_line.size() && isNameChar(m_line.at(m_pos), m_pos == nameStart, true))
            ++m_pos;
        if (m_pos == nameStart)
            return QStringLiteral("a sample must start with a metric name");
        out.name = QString::fromLatin1(m_line.mid(nameStart, m_pos - nameStart));
        skipBlanks();
        if (peek() == '{') {
            ++m_pos;
            if (auto problem = readLabels(out.labels))
                return problem;
            skipBlanks();
        }
        const QByteArray valueToken = token();
        if (valueToken.isEmpty())
            return QStringLiteral("%1 has no value").arg(out.name);
        const auto value = parseValue(valueToken);
        if (!value)
            return QStringLiteral("%1 has a value that is not a number: %2")
                .arg(out.name, QString::fromUtf8(valueToken.left(40)));
        out.value = *value;
        skipBlanks();
        const QByteArray timestamp = token();
        if (!timestamp.isEmpty() && !isTimestamp(timestamp))
            return QStringLiteral("%1 has a timestamp that is not an integer").arg(out.name);
        skipBlanks();
        if (m_pos != m_line.size())
            return QStringLiteral("%1 has text after its value").arg(out.name);
        return std::nullopt;
    }

private:
    char peek() const { return m_pos < m_line.size() ? m_line.at(m_pos) : '\0'; }
    void skipBlanks()
    {
        while (m_pos < m_line.size() && isBlank(m_line.at(m_pos)))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_line.size() && !isBlank(m_line.at(m_pos)))
            ++m_pos;
        return m_line.mid(start, m_pos - start);
    }

    // After '{': name="value" pairs separated by ',' (a trailing ',' allowed), up to '}'.
    std::optional<QString> readLabels(MetricsExposition::Labels &labels)
    {
        for (;;) {
            skipBlanks();
            if (peek() == '}') {
                ++m_pos;
                return std::nullopt;
            }
            const qsizetype nameStart = m_pos;
            while (m_pos < m_line.size() && isNameChar(m_line.at(m_pos), m_pos == nameStart, false))
                ++m_pos;
            if (m_pos == nameStart)
                return QStringLiteral("a label must start with a name");
            const QString name = QString::fromLatin1(m_line.mid(nameStart, m_pos - nameStart));
            skipBlanks();
            if (peek() != '=')
                return QStringLiteral("label %1 has no '='").arg(name);
            ++m_pos;
            skipBlanks();
            if (peek() != '"')
                return QStringLiteral("label %1 has no quoted value").arg(name);
            ++m_pos;
            QByteArray value;
            for (;;) {
                if (m_pos >= m_line.size())
                    return QStringLiteral("label %1 has an unterminated value").arg(name);
                const char c = m_line.at(m_pos++);
                if (c == '"')
                    break;
                if (c != '\\') {
                    value += c;
                    continue;
                }
                const char escaped = peek();
                ++m_pos;
                if (escaped == '\\' || escaped == '"')
                    value += escaped;
                else if (escaped == 'n')
                    value += '\n';
                else
                    return QStringLiteral("label %1 has an unknown escape").arg(name);
            }
            if (labels.contains(name))
                return QStringLiteral("label %1 appears twice").arg(name);
            if (labels.size() >= m_maxLabels)
                return QStringLiteral("more than %1 labels").arg(m_maxLabels);
            labels.insert(name, QString::fromUtf8(value));
            skipBlanks();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() != '}')
                return QStringLiteral("labels must be separated by ',' and closed by '}'");
        }
    }

    const QByteArray &m_line;
    const int m_maxLabels;
    qsizetype m_pos = 0;
};

} // namespace

Result<MetricsExposition> MetricsExposition::parse(const QByteArray &text, const Limits &limits)
{
    if (text.size() > limits.maxBytes)
        return makeError(ErrorCode::Internal,
            QStringLiteral("the metrics are larger than %1 bytes").arg(limits.maxBytes));
    MetricsExposition result;
    QSet<QString> seen;
    // Families that already have samples: a # TYPE after them would change what they meant.
    QSet<QString> sampled;
    // The family a sample name belongs to: itself, or a histogram's / summary's base for its suffixed series.
    const auto familyOf = [&result](const QString &name) {
        if (result.m_types.contains(name))
            return name;
        for (const QLatin1String suffix :
            { QLatin1String("_bucket"), QLatin1String("_count"), QLatin1String("_sum") }) {
            if (!name.endsWith(suffix))
                continue;
            const QString base = name.chopped(suffix.size());
            const Type type = result.type(base);
            if (type == Type::Histogram || (type == Type::Summary && suffix != QLatin1String("_bucket")))
                return base;
        }
        return name;
    };

    int lineNumber = 0;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.size() > limits.maxLineLength)
            return lineError(lineNumber, QStringLiteral("longer than %1 bytes").arg(limits.maxLineLength));
        for (const char c : line) {
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
                return lineError(lineNumber, QStringLiteral("a control character"));
        }
        if (line.trimmed().isEmpty())
            continue;

        if (line.startsWith('#')) {
            const QList<QByteArray> words = line.simplified().split(' ');
            if (words.size() < 2 || (words.at(1) != "TYPE" && words.at(1) != "HELP"))
                continue; // a plain comment
            if (words.size() < 3 || !isValidName(words.at(2), true))
                return lineError(lineNumber, QStringLiteral("# %1 without a valid metric name")
                                                 .arg(QString::fromLatin1(words.at(1))));
            if (words.at(1) == "HELP")
                continue;
            const QString family = QString::fromLatin1(words.at(2));
            const auto type = words.size() == 4 ? typeNamed(words.at(3)) : std::nullopt;
            if (!type)
                return lineError(lineNumber, QStringLiteral("# TYPE %1 needs one of counter, gauge, histogram, "
                                                            "summary, untyped")
                                                 .arg(family));
            if (result.m_types.contains(family))
                return lineError(lineNumber, QStringLiteral("a second # TYPE for %1").arg(family));
            if (sampled.contains(family))
                return lineError(lineNumber, QStringLiteral("# TYPE for %1 after its samples").arg(family));
            result.m_types.insert(family, *type);
            continue;
        }

        Series series;
        if (const auto problem = SampleReader(line, limits.maxLabels).read(series))
            return lineError(lineNumber, *problem);
        const QString family = familyOf(series.name);
        const Type type = result.type(family);
        if (type == Type::Counter && !(series.value >= 0))
            return lineError(lineNumber, QStringLiteral("counter %1 is negative or NaN").arg(series.name));
        if (type == Type::Histogram) {
            if (series.name != family && !(series.value >= 0) && !series.name.endsWith(QLatin1String("_sum")))
                return lineError(lineNumber, QStringLiteral("%1 is negative or NaN").arg(series.name));
            if (series.name.endsWith(QLatin1String("_bucket"))
                && !parseValue(series.labels.value(QStringLiteral("le")).toLatin1()))
                return lineError(lineNumber, QStringLiteral("%1 without a numeric le label").arg(series.name));
        }
        const QString key = seriesKey(series.name, series.labels);
        if (seen.contains(key))
            return lineError(lineNumber, QStringLiteral("%1 with these labels appears twice").arg(series.name));
        seen.insert(key);
        if (result.m_series.size() >= limits.maxSeries)
            return lineError(lineNumber, QStringLiteral("more than %1 series").arg(limits.maxSeries));
        sampled.insert(family);
        result.m_series.append(std::move(series));
    }
    return result;
}

std::optional<double> MetricsExposition::value(const QString &name, const Labels &labels) const
{
    for (const Series &series : m_series) {
        if (series.name == name && series.labels == labels)
            return series.value;
    }
    return std::nullopt;
}

std::optional<double> MetricsExposition::sum(
    const QString &name, const std::function<bool(const Labels &)> &accept) const
{
    std::optional<double> total;
    for (const Series &series : m_series) {
        if (series.name == name && (!accept || accept(series.labels)))
            total = total.value_or(0) + series.value;
    }
    return total;
}

Result<MetricsExposition::Histogram> MetricsExposition::histogram(const QString &name, const Labels &labels) const
{
    const auto problem = [&name](const QString &why) {
        return makeError(ErrorCode::Internal, QStringLiteral("histogram %1: %2").arg(name, why));
    };
    const QString bucketName = name + QLatin1String("_bucket");
    const QString le = QStringLiteral("le");
    std::vector<std::pair<double, double>> buckets;
    for (const Series &series : m_series) {
        if (series.name != bucketName || !series.labels.contains(le))
            continue;
        Labels others = series.labels;
        const auto bound = parseValue(others.take(le).toLatin1());
        if (others != labels)
            continue;
        if (!bound || std::isnan(*bound))
            return problem(QStringLiteral("a bucket without a numeric bound"));
        buckets.emplace_back(*bound, series.value);
    }
    if (buckets.empty())
        return problem(QStringLiteral("no buckets"));
    std::sort(buckets.begin(), buckets.end());
    Histogram histogram;
    for (const auto &[bound, count] : buckets) {
        if (!histogram.bounds.empty() && bound == histogram.bounds.back())
            return problem(QStringLiteral("a bucket bound appears twice"));
        if (!histogram.cumulative.empty() && count < histogram.cumulative.back())
            return problem(QStringLiteral("bucket counts fall"));
        histogram.bounds.push_back(bound);
        histogram.cumulative.push_back(count);
    }
    if (!std::isinf(histogram.bounds.back()))
        return problem(QStringLiteral("no +Inf bucket"));
    const auto count = value(name + QLatin1String("_count"), labels);
    const auto sum = value(name + QLatin1String("_sum"), labels);
    if (!count || !sum)
        return problem(QStringLiteral("no _count or _sum"));
    if (*count != histogram.cumulative.back())
        return problem(QStringLiteral("_count differs from the +Inf bucket"));
    histogram.count = *count;
    histogram.sum = *sum;
    return histogram;
}

} // namespace betthat::app
