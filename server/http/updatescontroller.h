#pragma once

// GET /api/v1/bets/updates: the polling twin of the WebSocket feed, reading the same event log by seq.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class EventLog;

class UpdatesController
{
public:
    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 1000;
    // With a filter, one poll reads at most this many events of the feed (matching or not) before it answers:
    // a rare filter over a long log answers in bounded time with has_more and a cursor past what it read.
    static constexpr int kMaxScannedPerPoll = 10 * kMaxLimit;

    explicit UpdatesController(EventLog &log)
        : m_log(log)
    { }

    QHttpServerResponse poll(const ApiRequest &request) const;

private:
    EventLog &m_log;
};

} // namespace betthat::server
