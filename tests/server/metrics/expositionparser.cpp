#include "expositionparser.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace betthat::test {

namespace {

const QRegularExpression &metricName()
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*$"));
    return re;
}

QString seriesKey(const QString &name, QList<QPair<QString, QString>> labels)
{
    std::sort(labels.begin(), labels.end());
    QStringList parts;
    for (const auto &[key, value] : labels)
        parts << QStringLiteral("%1=\"%2\"").arg(key, value);
    return parts.isEmpty() ? name : name + QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

std::optional<double> parseNumber(const QString &text)
{
    if (text == QLatin1String("+Inf"))
        return INFINITY;
    if (text == QLatin1String("-Inf"))
        return -INFINITY;
    if (text == QLatin1String("NaN"))
        return NAN;
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

// name{labels} value: labels parsed by hand, since values may hold escaped quotes, commas and braces.
bool parseSample(const QString &line, QString *name, QList<QPair<QString, QString>> *labels, double *value,
    QString *why)
{
    int i = 0;
    while (i < line.size() && line.at(i) != QLatin1Char('{') && line.at(i) != QLatin1Char(' '))
        ++i;
    *name = line.left(i);
    if (!metricName().match(*name).hasMatch())
        return *why = QStringLiteral("bad metric name"), false;
    if (i < line.size() && line.at(i) == QLatin1Char('{')) {
        ++i;
        static const QRegularExpression labelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
        while (true) {
            if (i < line.size() && line.at(i) == QLatin1Char('}')) {
                ++i;
                break;
            }
            const int eq = line.indexOf(QLatin1Char('='), i);
            if (eq < 0)
                return *why = QStringLiteral("label without ="), false;
            const QString key = line.mid(i, eq - i);
            if (!labelName.match(key).hasMatch())
                return *why = QStringLiteral("bad label name '%1'").arg(key), false;
            i = eq + 1;
            if (i >= line.size() || line.at(i) != QLatin1Char('"'))
                return *why = QStringLiteral("label value not quoted"), false;
            ++i;
            QString labelValue;
            bool closed = false;
            while (i < line.size()) {
                const QChar c = line.at(i++);
                if (c == QLatin1Char('\\')) {
                    if (i >= line.size())
                        return *why = QStringLiteral("dangling escape"), false;
                    const QChar e = line.at(i++);
                    if (e == QLatin1Char('n'))
                        labelValue += QLatin1Char('\n');
                    else if (e == QLatin1Char('\\') || e == QLatin1Char('"'))
                        labelValue += e;
                    else
                        return *why = QStringLiteral("bad escape \\%1").arg(e), false;
                } else if (c == QLatin1Char('"')) {
                    closed = true;
                    break;
                } else {
                    labelValue += c;
                }
            }
            if (!closed)
                return *why = QStringLiteral("unterminated label value"), false;
            for (const auto &existing : *labels)
                if (existing.first == key)
                    return *why = QStringLiteral("label %1 twice").arg(key), false;
            labels->append({ key, labelValue });
            if (i < line.size() && line.at(i) == QLatin1Char(','))
                ++i;
            else if (i >= line.size() || line.at(i) != QLatin1Char('}'))
                return *why = QStringLiteral("expected , or } after a label"), false;
        }
    }
    if (i >= line.size() || line.at(i) != QLatin1Char(' '))
        return *why = QStringLiteral("expected one space before the value"), false;
    const QStringList rest = line.mid(i + 1).split(QLatin1Char(' '));
    if (rest.isEmpty() || rest.size() > 2)
        return *why = QStringLiteral("expected a value and at most a timestamp"), false;
    const auto number = parseNumber(rest.first());
    if (!number)
        return *why = QStringLiteral("bad value '%1'").arg(rest.first()), false;
    *value = *number;
    return true;
}

} // namespace

std::optional<double> Exposition::value(const QString &name, const QHash<QString, QString> &labels) const
{
    QList<QPair<QString, QString>> list;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        list.append({ it.key(), it.value() });
    const auto it = samples.constFind(seriesKey(name, list));
    if (it == samples.cend())
        return std::nullopt;
    return *it;
}

double Exposition::sum(const QString &name, const QHash<QString, QString> &labels) const
{
    double total = 0;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        const QString &key = it.key();
        if (key != name && !key.startsWith(name + QLatin1Char('{')))
            continue;
        bool all = true;
        for (auto l = labels.cbegin(); l != labels.cend(); ++l)
            all = all && key.contains(QStringLiteral("%1=\"%2\"").arg(l.key(), l.value()));
        if (all)
            total += it.value();
    }
    return total;
}

std::optional<Exposition> parseExposition(const QByteArray &text, QString *error)
{
    Exposition out;
    QHash<QString, bool> helped;
    // Histogram bookkeeping: series without le -> last cumulative count, and whether +Inf was seen.
    QHash<QString, double> lastBucket;
    QHash<QString, double> infBucket;
    QHash<QString, double> counts;
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    if (!text.endsWith('\n')) {
        *error = QStringLiteral("the exposition must end with a newline");
        return std::nullopt;
    }
    for (int n = 0; n < lines.size() - 1; ++n) {
        const QString &line = lines.at(n);
        const auto fail = [&](const QString &why) {
            *error = QStringLiteral("line %1: %2: %3").arg(n + 1).arg(why, line.left(200));
            return std::nullopt;
        };
        if (line.isEmpty())
            return fail(QStringLiteral("empty line"));
        if (line.startsWith(QLatin1String("# HELP "))) {
            const QString name = line.mid(7).section(QLatin1Char(' '), 0, 0);
            if (!metricName().match(name).hasMatch() || helped.contains(name))
                return fail(QStringLiteral("bad or repeated HELP"));
            helped.insert(name, true);
            continue;
        }
        if (line.startsWith(QLatin1String("# TYPE "))) {
            const QStringList parts = line.mid(7).split(QLatin1Char(' '));
            if (parts.size() != 2 || !metricName().match(parts.at(0)).hasMatch() || out.types.contains(parts.at(0)))
                return fail(QStringLiteral("bad or repeated TYPE"));
            const QString &type = parts.at(1);
            if (type != QLatin1String("counter") && type != QLatin1String("gauge")
                && type != QLatin1String("histogram"))
                return fail(QStringLiteral("unknown type"));
            if (type == QLatin1String("counter") && !parts.at(0).endsWith(QLatin1String("_total")))
                return fail(QStringLiteral("counter name without _total"));
            if (type == QLatin1String("histogram") && !parts.at(0).endsWith(QLatin1String("_seconds")))
                return fail(QStringLiteral("duration histogram not in _seconds"));
            out.types.insert(parts.at(0), type);
            continue;
        }
        if (line.startsWith(QLatin1Char('#')))
            return fail(QStringLiteral("unexpected comment"));
        QString name;
        QList<QPair<QString, QString>> labels;
        double value = 0;
        QString why;
        if (!parseSample(line, &name, &labels, &value, &why))
            return fail(why);
        // The family: the name itself, or a histogram's name before _bucket/_sum/_count.
        QString family = name;
        QString suffix;
        for (const char *s : { "_bucket", "_sum", "_count" }) {
            const QString candidate = name.left(name.size() - int(qstrlen(s)));
            if (name.endsWith(QLatin1String(s)) && out.types.value(candidate) == QLatin1String("histogram")) {
                family = candidate;
                suffix = QLatin1String(s);
            }
        }
        if (!out.types.contains(family))
            return fail(QStringLiteral("sample before its TYPE"));
        const QString key = seriesKey(name, labels);
        if (out.samples.contains(key))
            return fail(QStringLiteral("duplicate series"));
        out.samples.insert(key, value);
        if (out.types.value(family) == QLatin1String("counter") && !(value >= 0))
            return fail(QStringLiteral("negative counter"));
        if (suffix.isEmpty())
            continue;
        QList<QPair<QString, QString>> withoutLe;
        QString le;
        for (const auto &label : labels) {
            if (label.first == QLatin1String("le"))
                le = label.second;
            else
                withoutLe.append(label);
        }
        const QString seriesId = seriesKey(family, withoutLe);
        if (suffix == QLatin1String("_bucket")) {
            if (le.isEmpty())
                return fail(QStringLiteral("bucket without le"));
            if (value < lastBucket.value(seriesId, 0))
                return fail(QStringLiteral("buckets not cumulative"));
            lastBucket.insert(seriesId, value);
            if (le == QLatin1String("+Inf"))
                infBucket.insert(seriesId, value);
        } else if (suffix == QLatin1String("_count")) {
            if (!infBucket.contains(seriesId))
                return fail(QStringLiteral("_count before the +Inf bucket"));
            if (infBucket.value(seriesId) != value)
                return fail(QStringLiteral("_count differs from the +Inf bucket"));
            counts.insert(seriesId, value);
        }
    }
    if (infBucket.size() != counts.size()) {
        *error = QStringLiteral("a histogram without _count");
        return std::nullopt;
    }
    return out;
}

} // namespace betthat::test
