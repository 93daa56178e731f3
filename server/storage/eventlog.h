#pragma once

// Storage port: the durable event log that delivery (WebSocket and polling) reads by seq.

#include "common/betevent.h"
#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QList>

namespace betthat::server {

class EventLog
{
public:
    virtual ~EventLog() = default;

    // Reads report failure (Unavailable) instead of answering "nothing": an empty list means "caught up",
    // and a reader that took a failed read for that would skip events (a gap) once the log is readable again.
    virtual Result<QList<BetEvent>> events(const EventQuery &query) = 0;
    virtual Result<QList<BetEvent>> eventsForBet(const QString &betId) = 0;
    // The last seq handed out (0 before the first event), even if pruning has emptied the log since.
    virtual Result<qint64> lastSeq() = 0;
    // Oldest seq still retained (0 when the log is empty); a resume from before it needs a resync.
    virtual Result<qint64> firstRetainedSeq() = 0;
    // Retention: drops events with seq <= upToSeq; returns how many went. Bets and ledger are never pruned.
    virtual Result<int> pruneEvents(qint64 upToSeq) = 0;

    // Whether a client may continue exactly after `sinceSeq`. The one rule polling and the WebSocket share;
    // a backend may override it with a single query.
    virtual Result<CursorState> cursorState(qint64 sinceSeq);
};

} // namespace betthat::server
