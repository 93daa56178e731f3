#include "updatescontroller.h"

#include "common/jsoncodec.h"
#include "common/timeutil.h"
#include "common/accesspolicy.h"
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
            QStringLiteral("user_id"), QStringLiteral("limit") });
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

    // Read the log's end before the events: when nothing comes back, this is a cursor that cannot skip an
    // event committed in between (it is at most the seq before it).
    // A read that fails answers 503: an empty page would move the client's cursor past events it never got.
    const auto readLastSeq = m_log.lastSeq();
    if (!readLastSeq)
        return ApiResponse::error(readLastSeq.error());
    const qint64 logLastSeq = *readLastSeq;

    EventQuery filter;
    filter.userId = request.user.isOperator() ? userId : request.user.id;
    const bool newest = *sinceSeq < 0 && !since->isValid();
    if (*sinceSeq >= 0) {
        // The seq is the exact cursor: timestamps can repeat (same millisecond, fixed clock), seqs cannot.
        filter.afterSeq = *sinceSeq;
    } else if (since->isValid()) {
        filter.afterTime = *since;
    }
    filter.newest = newest;
    // Ascending reads fetch one extra row to learn whether more are waiting.
    filter.limit = newest ? *limit : *limit + 1;
    auto read = m_log.events(filter);
    if (!read)
        return ApiResponse::error(read.error());
    QList<BetEvent> events = std::move(read.value());
    const bool hasMore = !newest && events.size() > *limit;
    if (hasMore)
        events.resize(*limit);

    UpdatesPage page;
    page.lastSeq = logLastSeq;
    if (!events.isEmpty()) {
        page.lastSeq = events.last().seq;
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
        if (resync && events.isEmpty())
            page.lastSeq = qMax(logLastSeq, cursor->lastSeq);
    }
    page.updates = std::move(events);
    page.hasMore = hasMore;
    page.resyncRequired = resync;
    return ApiResponse::json(json::encode(page));
}

} // namespace betthat::server
