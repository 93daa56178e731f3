#pragma once

// GET /api/v1/users: every account with its balance, for the operators' admin window.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class Repository;

class UsersController
{
public:
    explicit UsersController(Repository &repository)
        : m_repository(repository)
    { }

    QHttpServerResponse list(const ApiRequest &request) const;

private:
    Repository &m_repository;
};

} // namespace betthat::server
