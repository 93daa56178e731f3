#pragma once

// The query of a /ws/bet-updates upgrade URL, read strictly: a typo must not connect silently with no replay.

#include "common/error.h"
#include "common/eventfilter.h"

#include <QString>
#include <QUrl>
#include <optional>

namespace betthat::server {

struct UpgradeRequest
{
    QString token;  // from ?token= (the Authorization header, when present, wins over it)
    QString userId; // empty: the caller's own feed (bettor) or the global feed (operator)
    std::optional<qint64> sinceSeq;
    EventFilter filter; // type, status, market, event_name (repeatable), as on polling

    // Only token, user_id and since_seq, each at most once, and the filter parameters, each well-formed. The
    // error (BadRequest) names the parameter: it becomes the reason of a 1008 close.
    static Result<UpgradeRequest> parse(const QUrl &url);
};

} // namespace betthat::server
