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

    explicit UpdatesController(EventLog &log)
        : m_log(log)
    { }

    QHttpServerResponse poll(const ApiRequest &request) const;

private:
    EventLog &m_log;
};

} // namespace betthat::server
