#include "updatescontroller.h"

#include "common/jsoncodec.h"
#include "common/timeutil.h"
#include "common/accesspolicy.h"
#include "common/eventfilter.h"
#include "common/updatespage.h"
#include "server/http/apiresponse.h"
#include "server/http/queryreader.h"
#include "server/storage/eventlog.h"

#include <QJsonArray>

namespace betthat::server {

QHttpServerResponse UpdatesController::poll(const ApiRequest &request) const
{
    const QueryReader query(request.http.url());
    if (const auto names = query.checkNames({ QStringLiteral("since"), QStringLiteral("since_seq"),
            QStringLiteral("user_id"), QStringLiteral("limit") }, eventFilterQueryNames());
        !names)
        return ApiResponse::error(names.error());
    const auto limit = query.limit(kDefaultLimit, kMaxLimit);
    if (!limit)
        return ApiResponse::error(limit.error());
    const auto sinceSeq = query.nonNegative(QStringLiteral("since_seq"));
    if (!sinceSeq)
        return ApiResponse::error(sinceSeq.error());
    const auto since = query.timestamp(QStringLiteral("since"));
    if (!since)
        return ApiResponse::error(since.error());
    const QString userId = query.value(QStringLiteral("user_id"));
    if (!userId.isEmpty() && !isValidUserId(userId))
        return ApiResponse::error(ErrorCode::BadRequest, QStringLiteral("user_id is not a valid user id"));
    if (const auto allowed = AccessPolicy::mayViewFeed(request.user, userId); !allowed)
        return ApiResponse::error(allowed.error());

    const auto filter = eventFilterFromQuery(query.items());
    if (!filter)
        return ApiResponse::error(filter.error());

    // Read the log's end before the events: when nothing comes back, this is a cursor that cannot skip an
    // event committed in between (it is at most the seq before it).
    // A read that fails answers 503: an empty page would move the client's cursor past events it never got.
    const auto readLastSeq = m_log.lastSeq();
    if (!readLastSeq)
        return ApiResponse::error(readLastSeq.error());
    const qint64 logLastSeq = *readLastSeq;

    EventQuery read;
    // The filter only narrows this feed, which the access policy chose above: it can never widen it.
    read.userId = request.user.isOperator() ? userId : request.user.id;
    const bool newest = *sinceSeq < 0 && !since->isValid();
    QList<BetEvent> events;
    bool hasMore = false;
    qint64 lastRead = -1; // seq of the last event this poll has dealt with, returned or filtered out
    if (newest) {
        // Without a cursor the filter applies to the newest `limit` events of the feed: fewer may come back.
        read.newest = true;
        read.limit = *limit;
        const auto batch = m_log.events(read);
        if (!batch)
            return ApiResponse::error(batch.error());
        for (const BetEvent &event : *batch) {
            lastRead = event.seq;
            if (filter->matches(event))
                events.append(event);
        }
    } else {
        // The seq is the exact cursor: timestamps can repeat (same millisecond, fixed clock), seqs cannot.
        if (*sinceSeq >= 0)
            read.afterSeq = *sinceSeq;
        else
            read.afterTime = *since;
        // Unfiltered, one read of limit + 1 rows tells whether more are waiting. Filtered, read in large batches
        // until `limit` events matched, one more matching event proved has_more, the log ended or the scan
        // budget is spent. The cursor rule: last_seq is the last event read, so the next poll never re-reads a
        // non-matching event, and never an unread matching one (reading stops right before the extra match).
        read.limit = filter->isEmpty() ? *limit + 1 : kMaxLimit;
        int scanned = 0;
        bool stop = false;
        while (!stop) {
            const auto batch = m_log.events(read);
            if (!batch)
                return ApiResponse::error(batch.error());
            for (const BetEvent &event : *batch) {
                if (filter->matches(event)) {
                    if (events.size() == *limit) {
                        hasMore = true;
                        stop = true;
                        break;
                    }
                    events.append(event);
                }
                lastRead = event.seq;
            }
            scanned += int(batch->size());
            if (stop || batch->size() < read.limit)
                break;
            if (scanned >= kMaxScannedPerPoll) {
                hasMore = true;
                break;
            }
            read.afterTime = QDateTime();
            read.afterSeq = lastRead;
        }
    }

    UpdatesPage page;
    page.lastSeq = logLastSeq;
    if (lastRead >= 0) {
        page.lastSeq = lastRead;
        if (!events.isEmpty())
            page.lastUpdate = events.last().timestamp;
    } else if (*sinceSeq >= 0) {
        page.lastSeq = *sinceSeq;
    }

    // A cursor from before the retained log (events were pruned) or beyond its end (another database) cannot
    // be continued exactly: the client must reload its bets, then poll from last_seq.
    bool resync = false;
    if (*sinceSeq >= 0) {
        const auto cursor = m_log.cursorState(*sinceSeq);
        if (!cursor)
            return ApiResponse::error(cursor.error());
        resync = cursor->kind != CursorState::Ok;
        if (resync && lastRead < 0)
            page.lastSeq = qMax(logLastSeq, cursor->lastSeq);
    }
    page.updates = std::move(events);
    page.hasMore = hasMore;
    page.resyncRequired = resync;
    return ApiResponse::json(json::encode(page));
}

} // namespace betthat::server
