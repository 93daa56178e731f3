#pragma once

// Turns a bearer token into a user (who may see what is common/accesspolicy.h's to say).

#include "common/error.h"
#include "common/user.h"
#include "server/core/ratelimiter.h"

#include <QHostAddress>
#include <QString>

namespace betthat::server {

class UserStore;

class Authenticator
{
public:
    // failedAuth: failed authentications allowed per address (off by default: the CLI and tests that look
    // up tokens directly have no address).
    explicit Authenticator(UserStore &users, RateLimit failedAuth = {}, Clock clock = systemClock());

    // token without the "Bearer " prefix; Unauthorized when missing or unknown, Unavailable when the users
    // cannot be read (a storage hiccup must never sign anybody out).
    Result<User> authenticate(const QString &token) const;
    // The same for a request from `peer`: while the address is blocked for failing too often, RateLimited
    // (with retryAfterMs) without a lookup; an Unauthorized answer counts against the address, and the one
    // that exhausts its allowance blocks it and is logged once.
    Result<User> authenticateFrom(const QString &token, const QHostAddress &peer);
    // "Bearer abc" -> "abc"; empty when the header is absent or of another scheme.
    static QString bearerToken(const QByteArray &authorizationHeader);

    // Requests refused because their address was blocked (for GET /metrics).
    quint64 blockedAttempts() const { return m_blocked; }

private:
    UserStore &m_users;
    quint64 m_blocked = 0;
    RateLimiter m_failures; // by address
};

} // namespace betthat::server
