#include "betformatter.h"

#include "common/money.h"

#include <QStringList>
#include <algorithm>

namespace betthat::app {

QString BetFormatter::money(qint64 minor, const QString &currency, const QLocale &locale)
{
    // Minor units are exact; only the final display goes through a double, at two decimals.
    const double major = static_cast<double>(minor) / 100.0;
    const QString symbol = currency == QLatin1String("EUR") ? QStringLiteral("€")
        : currency == QLatin1String("USD")                  ? QStringLiteral("$")
        : currency == QLatin1String("GBP")                  ? QStringLiteral("£")
                                                            : currency;
    return locale.toCurrencyString(major, symbol, 2);
}

QString BetFormatter::moneyTotals(const QMap<QString, qint64> &totals, const QLocale &locale)
{
    if (totals.isEmpty())
        return money(0, QStringLiteral("EUR"), locale);
    QStringList parts;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        parts << money(it.value(), it.key(), locale);
    return parts.join(QStringLiteral(" + "));
}

QString BetFormatter::signedMoney(qint64 minor, const QString &currency, const QLocale &locale)
{
    if (minor == 0)
        return tr("±0");
    const QString amount = money(minor < 0 ? -minor : minor, currency, locale);
    return minor > 0 ? QStringLiteral("+") + amount : QStringLiteral("\u2212") + amount;
}

QString BetFormatter::odds(qint64 oddsScaled, const QLocale &locale)
{
    const QString plain = formatOdds(oddsScaled); // "2.50", canonical decimals
    if (locale.decimalPoint() == QLatin1String("."))
        return plain;
    return QString(plain).replace(QLatin1Char('.'), locale.decimalPoint());
}

QString BetFormatter::status(BetStatus status)
{
    switch (status) {
    case BetStatus::Pending:
        return tr("Pending");
    case BetStatus::Settled:
        return tr("Settled");
    case BetStatus::Voided:
        return tr("Voided");
    case BetStatus::Cancelled:
        return tr("Cancelled");
    case BetStatus::Disputed:
        return tr("Disputed");
    }
    return {};
}

QString BetFormatter::result(BetResult result)
{
    switch (result) {
    case BetResult::None:
        return {};
    case BetResult::Win:
        return tr("Won");
    case BetResult::Loss:
        return tr("Lost");
    case BetResult::Push:
        return tr("Push");
    case BetResult::Void:
        return tr("Void");
    }
    return {};
}

QString BetFormatter::verdict(BetResult result)
{
    switch (result) {
    case BetResult::None:
        return tr("—");
    case BetResult::Win:
        return tr("Win");
    case BetResult::Loss:
        return tr("Loss");
    case BetResult::Push:
        return tr("Push");
    case BetResult::Void:
        return tr("Void");
    }
    return {};
}

QString BetFormatter::disputeState(DisputeState state)
{
    switch (state) {
    case DisputeState::Open:
        return tr("Open");
    case DisputeState::Upheld:
        return tr("Upheld");
    case DisputeState::Rejected:
        return tr("Rejected");
    }
    return {};
}

QString BetFormatter::outcomeWord(BetResult result)
{
    switch (result) {
    case BetResult::None:
        return tr("pending");
    case BetResult::Win:
        return tr("won");
    case BetResult::Loss:
        return tr("lost");
    case BetResult::Push:
        return tr("push");
    case BetResult::Void:
        return tr("void");
    }
    return {};
}

QString BetFormatter::certainty(Certainty certainty)
{
    switch (certainty) {
    case Certainty::None:
        return {};
    case Certainty::Provisional:
        return tr("provisional");
    case Certainty::Confirmed:
        return tr("confirmed");
    }
    return {};
}

QString BetFormatter::share(qint64 factorScaled, const QLocale &locale)
{
    // The shares a dead heat or a void factor usually has read as fractions; the factor keeps four decimals,
    // so a third arrives as 0.3333.
    switch (factorScaled) {
    case 5000:
        return QStringLiteral("½");
    case 3333:
        return QStringLiteral("⅓");
    case 6667:
        return QStringLiteral("⅔");
    case 2500:
        return QStringLiteral("¼");
    case 7500:
        return QStringLiteral("¾");
    case 2000:
        return QStringLiteral("⅕");
    default:
        break;
    }
    const double percent = static_cast<double>(factorScaled) * 100.0 / static_cast<double>(kFactorScale);
    return tr("%1 %").arg(locale.toString(percent, 'g', 4));
}

QString BetFormatter::terms(const std::optional<qint64> &voidFactor, const std::optional<qint64> &deadHeatFactor,
    const std::optional<int> &deduction)
{
    QStringList parts;
    if (voidFactor)
        parts << tr("%1 of the stake void and refunded").arg(share(*voidFactor));
    if (deadHeatFactor && *deadHeatFactor < kFactorScale)
        parts << tr("dead heat, %1 of the stake at full odds").arg(share(*deadHeatFactor));
    if (deduction && *deduction > 0)
        parts << tr("Rule 4: %1 % deducted from the winnings").arg(*deduction);
    return parts.join(QStringLiteral("; "));
}

QString BetFormatter::relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const qint64 seconds = when.secsTo(now);
    if (seconds < 45)
        return tr("just now");
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return tr("%n min ago", nullptr, static_cast<int>(minutes));
    const qint64 hours = (minutes + 30) / 60;
    if (hours < 24)
        return tr("%n h ago", nullptr, static_cast<int>(hours));
    const qint64 days = (hours + 12) / 24;
    if (days < 7)
        return days == 1 ? tr("yesterday") : tr("%n days ago", nullptr, static_cast<int>(days));
    return QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat);
}

QString BetFormatter::age(const QDateTime &since, const QDateTime &now)
{
    if (!since.isValid() || !now.isValid())
        return {};
    const qint64 seconds = std::max<qint64>(0, since.secsTo(now));
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString BetFormatter::dateTime(const QDateTime &when, const QLocale &locale)
{
    if (!when.isValid())
        return {};
    // Seconds matter in an audit trail (two operators a moment apart); the tooltip has the exact UTC time.
    const QString format = locale.dateFormat(QLocale::ShortFormat) + QStringLiteral(" HH:mm:ss");
    return locale.toString(when.toLocalTime(), format);
}

QString BetFormatter::title(const Bet &bet)
{
    if (bet.eventName.isEmpty())
        return tr("Bet #%1").arg(bet.id);
    return tr("%1 · %2: %3").arg(bet.eventName, bet.market, bet.selection);
}

QString BetFormatter::errorCode(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
    case ErrorCode::MethodNotAllowed:
        return tr("Invalid request");
    case ErrorCode::Unauthorized:
        return tr("Not signed in");
    case ErrorCode::Forbidden:
        return tr("Not allowed");
    case ErrorCode::NotFound:
        return tr("Not found");
    case ErrorCode::Conflict:
        return tr("Conflict");
    case ErrorCode::InsufficientFunds:
        return tr("Insufficient funds");
    case ErrorCode::PayloadTooLarge:
        return tr("Request too large");
    case ErrorCode::RateLimited:
        return tr("Too many requests");
    case ErrorCode::Unavailable:
        return tr("Server unavailable");
    case ErrorCode::Internal:
        return tr("Server error");
    }
    return {};
}

QString BetFormatter::error(const Error &error)
{
    if (error.message.isEmpty())
        return errorCode(error.code);
    return tr("%1: %2").arg(errorCode(error.code), error.message);
}

} // namespace betthat::app
