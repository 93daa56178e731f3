#pragma once

// Locale-aware, translated text for bets: money, odds, status, result and "5 minutes ago".

#include "common/bet.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

namespace betthat::app {

class BetFormatter
{
    Q_DECLARE_TR_FUNCTIONS(BetFormatter)
public:
    // 5250, "EUR" -> "52,50 €" in German, "€52.50" in English (QLocale decides).
    static QString money(qint64 minor, const QString &currency, const QLocale &locale = QLocale());
    static QString odds(qint64 oddsScaled, const QLocale &locale = QLocale());
    static QString status(BetStatus status);
    static QString result(BetResult result); // None -> empty
    static QString disputeState(DisputeState state);
    // "just now", "5 min ago", "3 h ago", "2 days ago", then the date.
    static QString relativeTime(const QDateTime &when, const QDateTime &now);
    // "Arsenal v Chelsea · Match winner: Arsenal"
    static QString title(const Bet &bet);
};

} // namespace betthat::app
