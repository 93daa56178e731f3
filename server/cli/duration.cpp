#include "duration.h"

#include <QRegularExpression>

namespace betthat::server {

namespace {
constexpr qint64 kMaxMs = 3650LL * 24 * 3600 * 1000;
}

Result<qint64> parseDurationMs(const QString &text)
{
    const auto invalid = [&text](const QString &why) {
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("invalid duration '%1': %2 (examples: 7d, 48h, 90m, 3600s)")
                .arg(text.left(64), why));
    };
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,12})(ms|[dhms])$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return invalid(QStringLiteral("use a whole number followed by d, h, m or s"));
    const qint64 amount = match.captured(1).toLongLong();
    qint64 unitMs = 1000;
    if (match.captured(2) == QLatin1String("ms"))
        unitMs = 1;
    else switch (match.captured(2).at(0).toLatin1()) {
    case 'd':
        unitMs = 24LL * 3600 * 1000;
        break;
    case 'h':
        unitMs = 3600LL * 1000;
        break;
    case 'm':
        unitMs = 60LL * 1000;
        break;
    default:
        break;
    }
    if (amount <= 0)
        return invalid(QStringLiteral("it must be greater than zero"));
    // Twelve digits times a day could overflow qint64; compare before multiplying.
    if (amount > kMaxMs / unitMs)
        return invalid(QStringLiteral("it must be at most 3650 days"));
    return amount * unitMs;
}

QString formatDurationMs(qint64 ms)
{
    // The largest unit that divides exactly, so a printed value reads back to the same milliseconds.
    struct Unit
    {
        qint64 ms;
        const char *suffix;
    };
    for (const Unit unit : { Unit { 24LL * 3600 * 1000, "d" }, Unit { 3600LL * 1000, "h" }, Unit { 60LL * 1000, "m" },
             Unit { 1000, "s" } })
        if (ms > 0 && ms % unit.ms == 0)
            return QString::number(ms / unit.ms) + QLatin1String(unit.suffix);
    return QString::number(ms) + QStringLiteral("ms");
}

} // namespace betthat::server
