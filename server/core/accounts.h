#pragma once

// The one place accounts and their API tokens are made: the CLI, the demo seed and the app's local host all
// come here. A token is random, shown once and stored only as its SHA-256 hash.

#include "common/error.h"
#include "common/user.h"

#include <QString>

namespace betthat::server {

class UserStore;

struct IssuedToken
{
    User user;
    QString token; // in clear: show it once, never log it
};

class Accounts
{
public:
    explicit Accounts(UserStore &users) : m_users(users) {}

    // Adds the user with a new random token (or `token`, for the public demo tokens) and, for bettors, an
    // opening deposit in minor units. Conflict if the id is taken. The user exists even if the deposit fails
    // (the error says so).
    Result<IssuedToken> addUser(const User &user, qint64 deposit = 0, const QString &token = QString());
    // A new random token for an existing user; the previous one stops working at once.
    Result<IssuedToken> issueToken(const QString &userId);
    // The operator account the desktop app signs in with in local mode: keeps `currentToken` if it still
    // names an operator, otherwise issues a new token (creating the operator `id` if needed). Conflict if
    // `id` exists but is not an operator.
    Result<IssuedToken> ensureOperator(const QString &id, const QString &displayName, const QString &currentToken);
    // The user a token names; nullopt for an unknown token.
    Result<std::optional<User>> userForToken(const QString &token);

private:
    UserStore &m_users;
};

} // namespace betthat::server
