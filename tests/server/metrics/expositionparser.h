#pragma once

// A strict reader of the Prometheus text exposition format 0.0.4 for the metrics tests: every line must be a
// HELP, a TYPE or a sample of a declared family; names, labels and values must be well formed; counters end
// in _total, histograms have cumulative buckets ending in +Inf that equal _count. Anything else is an error
// naming the line.

#include <QHash>
#include <QString>
#include <optional>

namespace betthat::test {

struct Exposition
{
    QHash<QString, QString> types;  // family name -> counter | gauge | histogram
    QHash<QString, double> samples; // series ("name{a=\"1\",b=\"2\"}", labels sorted) -> value

    // The value of one series (labels in any order); nullopt when absent.
    std::optional<double> value(const QString &name, const QHash<QString, QString> &labels = {}) const;
    // The sum over every series of `name` whose labels include `labels`.
    double sum(const QString &name, const QHash<QString, QString> &labels = {}) const;
};

// Parses `text`; on failure returns nullopt and sets `error`.
std::optional<Exposition> parseExposition(const QByteArray &text, QString *error);

} // namespace betthat::test
