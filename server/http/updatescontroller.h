#pragma once

// GET /api/v1/bets/updates: the polling twin of the WebSocket feed, reading the same event log by seq.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class Repository;

class UpdatesController
{
public:
    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 1000;

    explicit UpdatesController(Repository &repository)
        : m_repository(repository)
    { }

    QHttpServerResponse poll(const ApiRequest &request) const;

private:
    Repository &m_repository;
};

} // namespace betthat::server
