#include "money.h"

#include <QRegularExpression>
#include <limits>

namespace betthat {

Result<qint64> parseOdds(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,6})(?:\\.(\\d{1,4}))?$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return makeError(ErrorCode::BadRequest,
                         QStringLiteral("odds must be a decimal number with at most 4 decimals, got \"%1\"")
                             .arg(text.left(32)));
    const qint64 whole = match.captured(1).toLongLong();
    QString frac = match.captured(2);
    frac = frac.leftJustified(4, QLatin1Char('0'));
    const qint64 scaled = whole * kOddsScale + frac.toLongLong();
    if (scaled <= kOddsScale)
        return makeError(ErrorCode::BadRequest, QStringLiteral("odds must be greater than 1.0"));
    return scaled;
}

QString formatOdds(qint64 oddsScaled)
{
    QString frac = QString::number(oddsScaled % kOddsScale).rightJustified(4, QLatin1Char('0'));
    while (frac.size() > 2 && frac.endsWith(QLatin1Char('0')))
        frac.chop(1);
    return QString::number(oddsScaled / kOddsScale) + QLatin1Char('.') + frac;
}

Result<qint64> parseFactor(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([01])(?:\\.(\\d{1,4}))?$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return makeError(ErrorCode::BadRequest,
                         QStringLiteral("a factor must be a decimal between 0 and 1 with at most 4 decimals, "
                                        "got \"%1\"")
                             .arg(text.left(32)));
    const qint64 scaled = match.captured(1).toLongLong() * kFactorScale
        + match.captured(2).leftJustified(4, QLatin1Char('0')).toLongLong();
    if (scaled > kFactorScale)
        return makeError(ErrorCode::BadRequest, QStringLiteral("a factor must not exceed 1"));
    return scaled;
}

QString formatFactor(qint64 factorScaled)
{
    QString frac = QString::number(factorScaled % kFactorScale).rightJustified(4, QLatin1Char('0'));
    while (frac.size() > 1 && frac.endsWith(QLatin1Char('0')))
        frac.chop(1);
    return QString::number(factorScaled / kFactorScale) + QLatin1Char('.') + frac;
}

Result<qint64> winningsFor(qint64 stakeMinor, qint64 oddsScaled)
{
    if (stakeMinor < 0 || oddsScaled < 0)
        return makeError(ErrorCode::BadRequest, QStringLiteral("stake and odds must not be negative"));
    if (stakeMinor != 0 && oddsScaled > std::numeric_limits<qint64>::max() / stakeMinor)
        return makeError(ErrorCode::BadRequest, QStringLiteral("stake x odds is too large"));
    const qint64 product = stakeMinor * oddsScaled;
    // Round half up without adding before dividing: product + kOddsScale / 2 could overflow near the limit.
    return product / kOddsScale + (product % kOddsScale >= kOddsScale / 2 ? 1 : 0);
}

QString formatMoney(qint64 minor, const QString &currency)
{
    // Unsigned so that the most negative value has a magnitude too (-INT64_MIN overflows).
    const quint64 absMinor =
        minor < 0 ? quint64(0) - static_cast<quint64>(minor) : static_cast<quint64>(minor);
    return QStringLiteral("%1%2.%3 %4")
        .arg(minor < 0 ? QStringLiteral("-") : QString())
        .arg(absMinor / 100)
        .arg(absMinor % 100, 2, 10, QLatin1Char('0'))
        .arg(currency);
}

bool isValidCurrency(const QString &code)
{
    // anchoredPattern: with "^...$" a trailing newline would still match.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("[A-Z]{3}")));
    return re.match(code).hasMatch();
}

} // namespace betthat
