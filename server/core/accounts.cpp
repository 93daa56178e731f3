#include "accounts.h"

#include "common/textrules.h"

#include "server/auth/tokens.h"
#include "server/storage/userstore.h"

namespace betthat::server {

Result<IssuedToken> Accounts::addUser(const User &user, qint64 deposit, const QString &token)
{
    const QString issued = token.isEmpty() ? generateToken() : token;
    // The command line reaches here without the API's body checks: a name goes into mail headers and labels.
    if (const auto name = text::check(QStringLiteral("name"), user.displayName, text::Kind::SingleLine); !name)
        return name.error();
    const auto existing = m_users.userById(user.id);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return makeError(ErrorCode::Conflict, QStringLiteral("user '%1' already exists").arg(user.id));
    if (const auto added = m_users.addUser(user, hashToken(issued)); !added)
        return added.error();
    if (deposit > 0) {
        if (const auto deposited = m_users.deposit(user.id, deposit, user.currency); !deposited)
            return makeError(deposited.error().code,
                QStringLiteral("user '%1' was created but the deposit failed: %2")
                    .arg(user.id, deposited.error().message));
    }
    return IssuedToken { user, issued };
}

Result<IssuedToken> Accounts::issueToken(const QString &userId)
{
    const auto user = m_users.userById(userId);
    if (!user)
        return user.error();
    if (!user->has_value())
        return makeError(ErrorCode::NotFound, QStringLiteral("no user '%1'").arg(userId.left(64)));
    const QString token = generateToken();
    if (const auto stored = m_users.setTokenHash(userId, hashToken(token)); !stored)
        return stored.error();
    return IssuedToken { **user, token };
}

Result<IssuedToken> Accounts::ensureOperator(
    const QString &id, const QString &displayName, const QString &currentToken)
{
    if (!currentToken.isEmpty()) {
        const auto owner = userForToken(currentToken);
        if (!owner)
            return owner.error(); // unreadable is not "unknown": never replace a token on a hiccup
        if (owner->has_value() && (*owner)->isOperator())
            return IssuedToken { **owner, currentToken };
    }
    const auto existing = m_users.userById(id);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        if (!(*existing)->isOperator())
            return makeError(
                ErrorCode::Conflict, QStringLiteral("the user '%1' exists but is not an operator").arg(id));
        return issueToken(id);
    }
    User op;
    op.id = id;
    op.displayName = displayName;
    op.role = Role::Operator;
    op.emailNotifications = false;
    return addUser(op);
}

Result<std::optional<User>> Accounts::userForToken(const QString &token)
{
    if (token.isEmpty())
        return std::optional<User>();
    return m_users.userByTokenHash(hashToken(token));
}

} // namespace betthat::server
