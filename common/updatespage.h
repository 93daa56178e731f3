#pragma once

// The page of GET /api/v1/bets/updates: events after a seq cursor, and the cursor to poll with next.

#include "betevent.h"
#include "error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace betthat {

struct UpdatesPage
{
    QList<BetEvent> updates;     // ascending by seq
    qint64 lastSeq = 0;          // the cursor to poll with next
    QDateTime lastUpdate;        // the timestamp of the last event; invalid when the page is empty
    bool hasMore = false;        // more than `limit` were waiting: poll again at once
    bool resyncRequired = false; // the cursor could not be served (older than retention / ahead of the log)

    bool operator==(const UpdatesPage &other) const;
};

namespace json {

// {"updates":[...],"last_update","last_seq","count","has_more","resync_required"}
QJsonObject encode(const UpdatesPage &page);
Result<UpdatesPage> decodeUpdatesPage(const QJsonObject &object);

} // namespace json

} // namespace betthat
