#include "betevent.h"

namespace betthat {

QString eventTypeName(EventType type)
{
    switch (type) {
    case EventType::BetResolved: return QStringLiteral("bet_resolved");
    case EventType::BetDisputed: return QStringLiteral("bet_disputed");
    case EventType::BetUpdated: return QStringLiteral("bet_updated");
    }
    return QString();
}

std::optional<EventType> eventTypeFromName(const QString &name)
{
    for (auto t : {EventType::BetResolved, EventType::BetDisputed, EventType::BetUpdated})
        if (eventTypeName(t) == name)
            return t;
    return std::nullopt;
}

bool BetEvent::operator==(const BetEvent &o) const
{
    return type == o.type && seq == o.seq && betId == o.betId && userId == o.userId && data == o.data
        && timestamp == o.timestamp;
}

} // namespace betthat
