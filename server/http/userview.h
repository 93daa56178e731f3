#pragma once

// The {user, balance, currency} object of /me and /users.

#include "common/user.h"

#include <QJsonObject>

namespace betthat::server {

class UserView
{
public:
    static QJsonObject withBalance(const User &user, qint64 balance);
};

} // namespace betthat::server
