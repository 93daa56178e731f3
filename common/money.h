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

// stake x odds in minor units, rounded half up to the minor unit (documented in docs/API.md).
// Fails instead of overflowing.
Result<qint64> winningsFor(qint64 stakeMinor, qint64 oddsScaled);

// 1234 EUR -> "12.34 EUR"; for logs, emails and the CLI (the app formats with QLocale).
QString formatMoney(qint64 minor, const QString &currency);

bool isValidCurrency(const QString &code);

} // namespace betthat
