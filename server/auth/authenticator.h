#pragma once

// Turns a bearer token into a user (who may see what is common/accesspolicy.h's to say).

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

private:
    UserStore &m_users;
};

} // namespace betthat::server
