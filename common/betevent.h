#pragma once

// One entry of the durable event log: what the WebSocket pushes and the polling endpoint returns.

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace betthat {

enum class EventType { BetResolved, BetDisputed, BetUpdated };

QString eventTypeName(EventType type); // "bet_resolved", ...
std::optional<EventType> eventTypeFromName(const QString &name);

struct BetEvent
{
    EventType type = EventType::BetUpdated;
    qint64 seq = 0; // assigned by the event log on commit; strictly increasing
    QString betId;
    QString userId; // the bettor the event concerns (delivery filter)
    // {bet_id, status, previous_status, result, previous_result, payout, currency, resolution_notes,
    //  resolution_source, dispute_reason, dispute_state, decision_notes, dispute_deadline, actor_id, updated_at}
    QJsonObject data;
    QDateTime timestamp;

    bool operator==(const BetEvent &other) const;
};

} // namespace betthat
