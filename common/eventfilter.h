#pragma once

// A subscription filter: which events of a feed a client wants (by type, bet status, market, event name).
// One parser and one matches() for the WebSocket, polling and the app (docs/INTEGRATIONS.md).

#include "bet.h"
#include "betevent.h"
#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>

namespace betthat {

// Narrows a feed, never widens it: it is applied after the access policy has chosen the feed, so no filter
// can reach another user's events. Values within one field are alternatives (OR), fields combine with AND,
// an empty field matches everything. market and event_name compare exactly, as the bet list's filters do.
struct EventFilter
{
    static constexpr int kMaxValues = 20;      // per field
    static constexpr int kMaxTextLength = 200; // a bet's market and event name are at most 200 characters

    QList<EventType> types;
    QList<BetStatus> statuses; // the bet's status after the change (data.status)
    QStringList markets;       // data.market; events logged before it was added never match
    QStringList eventNames;    // data.event_name; likewise

    bool isEmpty() const;
    bool matches(const BetEvent &event) const;
    bool operator==(const EventFilter &other) const;
};

// The query form (polling, the WebSocket URL): type, status, market, event_name, each repeatable.
QStringList eventFilterQueryNames();
// Reads the filter's parameters out of `items` and ignores every other name (the caller checks those).
// Errors (BadRequest) name the parameter.
Result<EventFilter> eventFilterFromQuery(const QList<QPair<QString, QString>> &items);
QList<QPair<QString, QString>> eventFilterQueryItems(const EventFilter &filter);

namespace json {

// {"types":[...],"statuses":[...],"markets":[...],"event_names":[...]}, only the non-empty fields.
QJsonObject encode(const EventFilter &filter);
// null or absent (Undefined) = no filter. Unknown keys, wrong types, empty lists, unknown type or status
// names, empty or over-long strings and more than kMaxValues values are refused; the message names the
// field as `<field>.markets[2]`.
Result<EventFilter> decodeEventFilter(const QJsonValue &value, const QString &field = QStringLiteral("filter"));

} // namespace json

} // namespace betthat
