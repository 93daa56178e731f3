#pragma once

// Reads URL query parameters strictly: unknown or repeated names and malformed values are errors.

#include "common/error.h"

#include <QDateTime>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace betthat::server {

class QueryReader
{
public:
    // '+' reads as a space, as in HTML forms and most HTTP clients; a literal plus is %2B.
    explicit QueryReader(const QUrl &url);

    // BadRequest naming the first parameter outside `allowed` and `repeatable`, or given twice (only names in
    // `repeatable`, list-valued parameters such as a filter's market=A&market=B, may appear more than once).
    Status checkNames(const QStringList &allowed, const QStringList &repeatable = {}) const;
    // Every parameter in order, fully decoded ('+' already a space).
    QList<QPair<QString, QString>> items() const { return m_query.queryItems(QUrl::FullyDecoded); }

    bool has(const QString &name) const { return m_query.hasQueryItem(name); }
    // Fully decoded value; empty when absent.
    QString value(const QString &name) const;

    // Absent -> defaultValue; not an integer or below 1 -> BadRequest; above maxValue -> maxValue.
    Result<int> limit(int defaultValue, int maxValue) const;
    // Absent -> -1; a non-negative integer otherwise.
    Result<qint64> nonNegative(const QString &name) const;
    // Absent -> invalid QDateTime; an ISO 8601 timestamp otherwise.
    Result<QDateTime> timestamp(const QString &name) const;

private:
    QUrlQuery m_query;
};

} // namespace betthat::server
