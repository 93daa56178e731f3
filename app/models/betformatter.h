#pragma once

// Locale-aware, translated text for bets, for the bettor's window and the operator's alike: money, odds,
// statuses, results, ages, times and errors.

#include "common/bet.h"
#include "common/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QMap>
#include <QString>

namespace betthat::app {

class BetFormatter
{
    Q_DECLARE_TR_FUNCTIONS(BetFormatter)
public:
    // 5250, "EUR" -> "52,50 €" in German, "€52.50" in English (QLocale decides).
    static QString money(qint64 minor, const QString &currency, const QLocale &locale = QLocale());
    // Amounts per currency: "€52.50 + £3.00"; an empty map reads as zero.
    static QString moneyTotals(const QMap<QString, qint64> &totals, const QLocale &locale = QLocale());
    // A correction: "+€25.00", "−€10.00", "±0".
    static QString signedMoney(qint64 minor, const QString &currency, const QLocale &locale = QLocale());
    static QString odds(qint64 oddsScaled, const QLocale &locale = QLocale());
    static QString status(BetStatus status);
    // How the bettor reads an outcome: Won, Lost, Push, Void (None -> empty).
    static QString result(BetResult result);
    // How the operator rules one, in choices and tables: Win, Loss, Push, Void (None -> "—").
    static QString verdict(BetResult result);
    static QString disputeState(DisputeState state);
    // An outcome in running text: "won", "lost", "push", "void" (None -> "pending").
    static QString outcomeWord(BetResult result);
    // "provisional", "confirmed" (None -> empty).
    static QString certainty(Certainty certainty);
    // A settlement factor (kFactorScale units) as a share: "½", "⅓", "¼", else a percentage ("40 %").
    static QString share(qint64 factorScaled, const QLocale &locale = QLocale());
    // The terms that changed a payout, for the bettor: "dead heat, ½ of the stake at full odds; Rule 4: 15 %
    // deducted from the winnings". Empty when the bet was settled without terms.
    static QString terms(const std::optional<qint64> &voidFactor, const std::optional<qint64> &deadHeatFactor,
        const std::optional<int> &deduction);
    static QString terms(const Bet &bet) { return terms(bet.voidFactor, bet.deadHeatFactor, bet.deduction); }
    // "just now", "5 min ago", "3 h ago", "2 days ago", then the date.
    static QString relativeTime(const QDateTime &when, const QDateTime &now);
    // How long something has waited, to the minute: "45 s", "12 min", "3 h 5 min", "2 d 4 h".
    static QString age(const QDateTime &since, const QDateTime &now);
    // Local date and time to the second (an audit trail orders actions a moment apart).
    static QString dateTime(const QDateTime &when, const QLocale &locale = QLocale());
    // "Arsenal v Chelsea · Match winner: Arsenal"
    static QString title(const Bet &bet);
    // "Conflict: cannot resolve bet 2: it is settled"
    static QString error(const Error &error);
    static QString errorCode(ErrorCode code);
};

} // namespace betthat::app
