#pragma once

// Settlement as sportsbooks do it: settle a market, list its selections, correct one bet (re-settle, roll
// back), cancel an event's bets by time window and undo that.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class BetService;

class SettlementController
{
public:
    explicit SettlementController(BetService &service)
        : m_service(service)
    { }

    // POST /api/v1/markets/settle
    QHttpServerResponse settleMarket(const ApiRequest &request) const;
    // GET /api/v1/markets/selections?event_name=&market=
    QHttpServerResponse selections(const ApiRequest &request) const;
    // POST /api/v1/bets/{id}/resettle and /rollback
    QHttpServerResponse resettle(const ApiRequest &request) const;
    QHttpServerResponse rollback(const ApiRequest &request) const;
    // POST /api/v1/events/cancel and /api/v1/events/cancel/rollback
    QHttpServerResponse cancelEvent(const ApiRequest &request) const;
    QHttpServerResponse rollbackCancelEvent(const ApiRequest &request) const;

private:
    QHttpServerResponse cancelWindow(const ApiRequest &request, bool rollback) const;

    BetService &m_service;
};

} // namespace betthat::server
