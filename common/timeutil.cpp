#include "timeutil.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace betthat {

QString toIsoUtc(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

QDateTime parseIsoUtc(const QString &text)
{
    // Qt's ISO parser also takes a bare date ("2024-01-15" -> midnight) or a time without seconds; a
    // timestamp on the wire must carry a full time, so anything shorter is refused, not silently completed.
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}"));
    if (!shape.match(text).hasMatch())
        return {};
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    // A string without zone designator is ambiguous; we define it as UTC rather than local time. Rebuild it
    // before the validity check: Qt parses it as local time, which is invalid inside the local DST gap.
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed = QDateTime(parsed.date(), parsed.time(), QTimeZone::utc());
    if (!parsed.isValid())
        return {};
    return parsed.toUTC();
}

Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace betthat
