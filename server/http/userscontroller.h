#pragma once

// GET /api/v1/users: every account with its balance, for the operators' admin window.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class UserStore;

class UsersController
{
public:
    explicit UsersController(UserStore &users)
        : m_users(users)
    { }

    QHttpServerResponse list(const ApiRequest &request) const;

private:
    UserStore &m_users;
};

} // namespace betthat::server
