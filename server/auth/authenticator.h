#pragma once

// Turns a bearer token into a user, and answers "may this user see that user's data".

#include "common/error.h"
#include "common/user.h"

#include <QString>

namespace betthat::server {

class UserStore;

class Authenticator
{
public:
    explicit Authenticator(UserStore &users) : m_users(users) {}

    // token without the "Bearer " prefix; Unauthorized when missing or unknown, Unavailable when the users
    // cannot be read (a storage hiccup must never sign anybody out).
    Result<User> authenticate(const QString &token) const;
    // "Bearer abc" -> "abc"; empty when the header is absent or of another scheme.
    static QString bearerToken(const QByteArray &authorizationHeader);

    // A bettor may only name themselves; operators may name anyone (empty = everyone).
    static Status mayView(const User &viewer, const QString &userId);

private:
    UserStore &m_users;
};

} // namespace betthat::server
