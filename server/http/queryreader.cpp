#include "queryreader.h"

#include "common/timeutil.h"

#include <QRegularExpression>
#include <QSet>

namespace betthat::server {

namespace {
Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}
} // namespace

QueryReader::QueryReader(const QUrl &url)
{
    QString encoded = url.query(QUrl::FullyEncoded);
    encoded.replace(QLatin1Char('+'), QLatin1String("%20"));
    m_query.setQuery(encoded);
}

Status QueryReader::checkNames(const QStringList &allowed, const QStringList &repeatable) const
{
    QSet<QString> seen;
    const auto items = m_query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        const QString name = item.first.left(64);
        if (repeatable.contains(item.first))
            continue;
        if (!allowed.contains(item.first))
            return bad(QStringLiteral("unknown query parameter \"%1\" (expected %2)")
                           .arg(name, (allowed + repeatable).join(QStringLiteral(", "))));
        if (seen.contains(item.first))
            return bad(QStringLiteral("query parameter \"%1\" given more than once").arg(name));
        seen.insert(item.first);
    }
    return Ok {};
}

QString QueryReader::value(const QString &name) const
{
    return m_query.queryItemValue(name, QUrl::FullyDecoded);
}

Result<int> QueryReader::limit(int defaultValue, int maxValue) const
{
    if (!has(QStringLiteral("limit")))
        return defaultValue;
    bool ok = false;
    const qint64 n = value(QStringLiteral("limit")).toLongLong(&ok);
    if (!ok || n < 1)
        return bad(QStringLiteral("limit must be a positive integer (at most %1)").arg(maxValue));
    // Asking for more than the maximum is not an error: the answer is simply capped.
    return static_cast<int>(qMin<qint64>(n, maxValue));
}

Result<qint64> QueryReader::nonNegative(const QString &name) const
{
    if (!has(name))
        return qint64(-1);
    bool ok = false;
    const qint64 n = value(name).toLongLong(&ok);
    if (!ok || n < 0)
        return bad(QStringLiteral("%1 must be a non-negative integer").arg(name));
    return n;
}

Result<QDateTime> QueryReader::timestamp(const QString &name) const
{
    if (!has(name))
        return QDateTime();
    const QString text = value(name);
    const QDateTime t = parseIsoUtc(text);
    // An unencoded '+' in an offset arrives as a space (form encoding): say how to send it instead of
    // calling a correct timestamp malformed.
    static const QRegularExpression spacedOffset(QStringLiteral("T[0-9:.]+ [0-9]{2}(:?[0-9]{2})?$"));
    if (!t.isValid() && spacedOffset.match(text).hasMatch())
        return bad(name
            + QStringLiteral(" has a space where its UTC offset's '+' should be: in a URL '+' means a space, "
                             "so send it as %2B (e.g. ...T10:00:00.000%2B01:00) or use Z"));
    if (!t.isValid())
        return bad(
            QStringLiteral("%1 must be an ISO 8601 timestamp, e.g. 2024-01-15T10:30:00.000Z").arg(name));
    return t;
}

} // namespace betthat::server
