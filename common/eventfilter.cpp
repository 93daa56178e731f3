#include "eventfilter.h"

#include <QJsonArray>
#include <QJsonValue>

namespace betthat {

namespace {

const QString kTypes = QStringLiteral("types");
const QString kStatuses = QStringLiteral("statuses");
const QString kMarkets = QStringLiteral("markets");
const QString kEventNames = QStringLiteral("event_names");

const QString kType = QStringLiteral("type");
const QString kStatus = QStringLiteral("status");
const QString kMarket = QStringLiteral("market");
const QString kEventName = QStringLiteral("event_name");

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

// One value of one field, checked the same way for JSON and query strings; `where` names it in errors.
Status addValue(EventFilter &filter, const QString &key, const QString &value, const QString &where)
{
    if (key == kTypes) {
        const auto type = eventTypeFromName(value);
        if (!type)
            return bad(QStringLiteral("%1: unknown event type \"%2\" (one of bet_resolved, bet_disputed, "
                                      "bet_updated)")
                           .arg(where, value.left(40)));
        if (!filter.types.contains(*type))
            filter.types.append(*type);
        return Ok{};
    }
    if (key == kStatuses) {
        const auto status = statusFromName(value);
        if (!status)
            return bad(QStringLiteral("%1: unknown bet status \"%2\" (one of pending, settled, voided, "
                                      "cancelled, disputed)")
                           .arg(where, value.left(40)));
        if (!filter.statuses.contains(*status))
            filter.statuses.append(*status);
        return Ok{};
    }
    if (value.isEmpty())
        return bad(QStringLiteral("%1 must not be empty").arg(where));
    if (value.size() > EventFilter::kMaxTextLength)
        return bad(QStringLiteral("%1 must be at most %2 characters").arg(where).arg(EventFilter::kMaxTextLength));
    QStringList &list = key == kMarkets ? filter.markets : filter.eventNames;
    if (!list.contains(value))
        list.append(value);
    return Ok{};
}

int valueCount(const EventFilter &f, const QString &key)
{
    if (key == kTypes)
        return int(f.types.size());
    if (key == kStatuses)
        return int(f.statuses.size());
    return int(key == kMarkets ? f.markets.size() : f.eventNames.size());
}

// The query parameter (singular, as on GET /api/v1/bets) -> the JSON field (plural).
QString jsonKeyForQueryName(const QString &name)
{
    if (name == kType)
        return kTypes;
    if (name == kStatus)
        return kStatuses;
    if (name == kMarket)
        return kMarkets;
    if (name == kEventName)
        return kEventNames;
    return {};
}

} // namespace

bool EventFilter::isEmpty() const
{
    return types.isEmpty() && statuses.isEmpty() && markets.isEmpty() && eventNames.isEmpty();
}

bool EventFilter::matches(const BetEvent &event) const
{
    if (!types.isEmpty() && !types.contains(event.type))
        return false;
    if (!statuses.isEmpty()) {
        const auto status = statusFromName(event.data.value(kStatus).toString());
        if (!status || !statuses.contains(*status))
            return false;
    }
    // An event without the key (logged before it existed) reads as "" and matches no (non-empty) value.
    if (!markets.isEmpty() && !markets.contains(event.data.value(kMarket).toString()))
        return false;
    if (!eventNames.isEmpty() && !eventNames.contains(event.data.value(kEventName).toString()))
        return false;
    return true;
}

bool EventFilter::operator==(const EventFilter &o) const
{
    return types == o.types && statuses == o.statuses && markets == o.markets && eventNames == o.eventNames;
}

QStringList eventFilterQueryNames()
{
    return {kType, kStatus, kMarket, kEventName};
}

Result<EventFilter> eventFilterFromQuery(const QList<QPair<QString, QString>> &items)
{
    EventFilter filter;
    for (const auto &[name, value] : items) {
        const QString key = jsonKeyForQueryName(name);
        if (key.isEmpty())
            continue;
        if (valueCount(filter, key) >= EventFilter::kMaxValues)
            return bad(QStringLiteral("%1 may be given at most %2 times").arg(name).arg(EventFilter::kMaxValues));
        if (const auto added = addValue(filter, key, value, name); !added)
            return added.error();
    }
    return filter;
}

QList<QPair<QString, QString>> eventFilterQueryItems(const EventFilter &filter)
{
    QList<QPair<QString, QString>> items;
    for (EventType t : filter.types)
        items.append({kType, eventTypeName(t)});
    for (BetStatus s : filter.statuses)
        items.append({kStatus, statusName(s)});
    for (const QString &m : filter.markets)
        items.append({kMarket, m});
    for (const QString &e : filter.eventNames)
        items.append({kEventName, e});
    return items;
}

namespace json {

QJsonObject encode(const EventFilter &filter)
{
    QJsonObject o;
    const auto strings = [&o](const QString &key, const QStringList &values) {
        if (!values.isEmpty())
            o.insert(key, QJsonArray::fromStringList(values));
    };
    QStringList types;
    for (EventType t : filter.types)
        types.append(eventTypeName(t));
    QStringList statuses;
    for (BetStatus s : filter.statuses)
        statuses.append(statusName(s));
    strings(kTypes, types);
    strings(kStatuses, statuses);
    strings(kMarkets, filter.markets);
    strings(kEventNames, filter.eventNames);
    return o;
}

Result<EventFilter> decodeEventFilter(const QJsonValue &value, const QString &field)
{
    EventFilter filter;
    if (value.isUndefined() || value.isNull())
        return filter;
    if (!value.isObject())
        return bad(QStringLiteral("%1 must be an object or null").arg(field));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QString where = field + QLatin1Char('.') + key.left(40);
        if (key != kTypes && key != kStatuses && key != kMarkets && key != kEventNames)
            return bad(QStringLiteral("%1: unknown field (allowed: types, statuses, markets, event_names)")
                           .arg(where));
        if (it.value().isNull())
            continue;
        if (!it.value().isArray())
            return bad(QStringLiteral("%1 must be an array of strings").arg(where));
        const QJsonArray values = it.value().toArray();
        if (values.isEmpty())
            return bad(QStringLiteral("%1 must not be empty (leave it out to match everything)").arg(where));
        if (values.size() > EventFilter::kMaxValues)
            return bad(QStringLiteral("%1 may hold at most %2 values").arg(where).arg(EventFilter::kMaxValues));
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QString at = QStringLiteral("%1[%2]").arg(where).arg(i);
            if (!values.at(i).isString())
                return bad(QStringLiteral("%1 must be a string").arg(at));
            if (const auto added = addValue(filter, key, values.at(i).toString(), at); !added)
                return added.error();
        }
    }
    return filter;
}

} // namespace json

} // namespace betthat
