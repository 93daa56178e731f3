#pragma once

// Money in integer minor units and decimal odds in fixed point: no floating point touches a balance.

#include "error.h"

#include <QString>
#include <QtGlobal>

namespace betthat {

// Decimal odds are kept as ten-thousandths: 2.5 -> 25000. Four decimals cover every odds format in use.
constexpr qint64 kOddsScale = 10000;

// "2.5", "2.50", "2" -> 25000, 25000, 20000; at most 4 decimals, must be > 1.0.
Result<qint64> parseOdds(const QString &text);
// 25000 -> "2.50" (at least two decimals, trailing zeros beyond that trimmed).
QString formatOdds(qint64 oddsScaled);

// Fractions (void and dead-heat factors) are kept like odds, in ten-thousandths: 0.5 -> 5000.
constexpr qint64 kFactorScale = 10000;

// "0.5", "0.3333", "1" -> 5000, 3333, 10000: a decimal in [0, 1] with at most 4 decimals (the caller checks
// the range its factor allows).
Result<qint64> parseFactor(const QString &text);
// 5000 -> "0.5", 3333 -> "0.3333", 10000 -> "1.0": trailing zeros trimmed, at least one decimal.
QString formatFactor(qint64 factorScaled);

// stake x odds in minor units, rounded half up to the minor unit (documented in docs/API.md).
// Fails instead of overflowing.
Result<qint64> winningsFor(qint64 stakeMinor, qint64 oddsScaled);

// 1234 EUR -> "12.34 EUR"; for logs, emails and the CLI (the app formats with QLocale).
QString formatMoney(qint64 minor, const QString &currency);

bool isValidCurrency(const QString &code);

} // namespace betthat
