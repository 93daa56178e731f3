#pragma once

// /api/v1/me: the caller's profile and balance, and the email settings they may change themselves.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class UserStore;

class MeController
{
public:
    explicit MeController(UserStore &users)
        : m_users(users)
    { }

    QHttpServerResponse get(const ApiRequest &request) const;
    // {email?, email_notifications?}; email "" or null removes the address.
    QHttpServerResponse patch(const ApiRequest &request) const;

private:
    UserStore &m_users;
};

} // namespace betthat::server
