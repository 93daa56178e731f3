#pragma once

// A user with their balance: the object of GET /api/v1/me and of each entry of GET /api/v1/users.

#include "error.h"
#include "user.h"

#include <QJsonObject>

namespace betthat {

struct Account
{
    User user;
    qint64 balance = 0; // minor units of user.currency (always 0 for operators)

    bool operator==(const Account &other) const { return user == other.user && balance == other.balance; }
};

namespace json {

// {"user":{...},"balance":n,"currency":"EUR"}; currency repeats the user's so a client can format at once.
QJsonObject encode(const Account &account);
Result<Account> decodeAccount(const QJsonObject &object);

} // namespace json

} // namespace betthat
