#pragma once

// Translated, locale-aware text for the admin window: money, odds, results, statuses, ages and errors.

#include "common/bet.h"
#include "common/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QMap>
#include <QString>

namespace betthat::app {

class AdminFormat
{
    Q_DECLARE_TR_FUNCTIONS(AdminFormat)
public:
    // 5250, "EUR" -> "€52.50" (QLocale decides the layout).
    static QString money(qint64 minor, const QString &currency, const QLocale &locale = QLocale());
    // Amounts per currency: "€52.50 + £3.00"; an empty map reads as zero.
    static QString moneyTotals(const QMap<QString, qint64> &totals, const QLocale &locale = QLocale());
    // A correction: "+€25.00", "−€10.00", "±0".
    static QString signedMoney(qint64 minor, const QString &currency, const QLocale &locale = QLocale());
    static QString odds(qint64 oddsScaled, const QLocale &locale = QLocale());
    // The operator's verbs: Win, Loss, Push, Void (None -> "—").
    static QString result(BetResult result);
    static QString status(BetStatus status);
    // How long ago: "45 s", "12 min", "3 h 5 min", "2 d 4 h".
    static QString age(const QDateTime &since, const QDateTime &now);
    static QString dateTime(const QDateTime &when, const QLocale &locale = QLocale());
    // "Conflict: cannot resolve bet 2: it is settled"
    static QString error(const Error &error);
    static QString errorCode(ErrorCode code);
};

} // namespace betthat::app
