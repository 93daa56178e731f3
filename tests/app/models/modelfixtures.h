#pragma once

// Bets and events built in memory for the model tests (the models never see the network there).

#include "common/betrules.h"
#include "common/timeutil.h"

#include <QDateTime>
#include <QJsonObject>

namespace betthat::test {

inline QDateTime baseTime()
{
    return QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
}

inline Bet makeBet(const QString &id, const QString &eventName = QStringLiteral("Arsenal v Chelsea"),
    const QString &market = QStringLiteral("Match winner"),
    const QString &selection = QStringLiteral("Arsenal"), qint64 minutesAfterBase = 0)
{
    Bet bet;
    bet.id = id;
    bet.userId = QStringLiteral("alice");
    bet.eventName = eventName;
    bet.market = market;
    bet.selection = selection;
    bet.odds = 25000;
    bet.stake = 1000;
    bet.potentialReturn = 2500;
    bet.createdAt = baseTime().addSecs(60 * minutesAfterBase);
    bet.updatedAt = bet.createdAt;
    bet.version = 1;
    return bet;
}

// The event the server would send for a change from `before` to `after`.
inline BetEvent makeEvent(EventType type, qint64 seq, const Bet &before, const Bet &after,
    const QString &actor = QStringLiteral("operator"))
{
    BetEvent event;
    event.type = type;
    event.seq = seq;
    event.betId = after.id;
    event.userId = after.userId;
    event.data = eventDataFor(before, after, actor);
    event.timestamp = after.updatedAt;
    return event;
}

inline Bet resolved(Bet bet, BetResult result, qint64 payout, qint64 minutesLater = 5,
    const QString &notes = QStringLiteral("Final score 2-1"))
{
    bet.status = result == BetResult::Void ? BetStatus::Voided : BetStatus::Settled;
    bet.result = result;
    bet.payout = payout;
    bet.resolutionNotes = notes;
    bet.resolutionSource = QStringLiteral("operator");
    bet.resolvedBy = QStringLiteral("operator");
    bet.updatedAt = bet.updatedAt.addSecs(60 * minutesLater);
    bet.resolvedAt = bet.updatedAt;
    bet.disputeDeadline = bet.resolvedAt.addDays(7); // what a server with the default window answers
    bet.version += 1;
    return bet;
}

inline BetEvent resolutionEvent(
    qint64 seq, const Bet &before, BetResult result, qint64 payout, qint64 minutesLater = 5)
{
    return makeEvent(EventType::BetResolved, seq, before, resolved(before, result, payout, minutesLater));
}

} // namespace betthat::test
