#pragma once

// /api/v1/bets: list, read, place, cancel, resolve (one or many), dispute and the audit trail of a bet.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class BetService;

class BetsController
{
public:
    static constexpr int kDefaultPageSize = 50;
    static constexpr int kMaxPageSize = 500;
    static constexpr int kMaxBulkResolve = 1000;

    explicit BetsController(BetService &service)
        : m_service(service)
    { }

    QHttpServerResponse list(const ApiRequest &request) const;
    QHttpServerResponse get(const ApiRequest &request) const;
    QHttpServerResponse events(const ApiRequest &request) const;
    QHttpServerResponse place(const ApiRequest &request) const;
    QHttpServerResponse cancel(const ApiRequest &request) const;
    QHttpServerResponse resolve(const ApiRequest &request) const;
    QHttpServerResponse dispute(const ApiRequest &request) const;
    QHttpServerResponse decideDispute(const ApiRequest &request) const;
    // POST /api/v1/bets/resolve: {bet_ids:[...]} or {market, event_name?}, plus {result, notes}.
    QHttpServerResponse resolveMany(const ApiRequest &request) const;

private:
    BetService &m_service;
};

} // namespace betthat::server
