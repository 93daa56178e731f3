#include "authenticator.h"

#include "server/auth/tokens.h"
#include "server/logcategories.h"
#include "server/storage/userstore.h"

namespace betthat::server {

Authenticator::Authenticator(UserStore &users, RateLimit failedAuth, Clock clock)
    : m_users(users)
    , m_failures(failedAuth, std::move(clock))
{ }

Result<User> Authenticator::authenticateFrom(const QString &token, const QHostAddress &peer)
{
    // An IPv4 client may arrive as ::ffff:a.b.c.d on a dual-stack socket: one address, one bucket.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    const QString key = isV4 ? QHostAddress(v4).toString() : peer.toString();
    if (const qint64 waitMs = m_failures.waitFor(key); waitMs > 0) {
        ++m_blocked;
        Error blocked = makeError(ErrorCode::RateLimited,
            QStringLiteral("too many failed authentications from your address; try again later"));
        blocked.retryAfterMs = int(qMin<qint64>(waitMs, 24 * 3600 * 1000));
        return blocked;
    }
    auto user = authenticate(token);
    // Only a token that was looked up counts: a request without one costs nothing and guesses nothing.
    if (!user && user.error().code == ErrorCode::Unauthorized && !token.isEmpty() && m_failures.take(key) == 0
        && m_failures.waitFor(key) > 0) {
        // That failure spent the last of the allowance: the address is blocked from now on. One line per
        // block, not per attempt, so a guessing client cannot flood the log either.
        qCWarning(lcAuth).noquote() << "blocking" << key << "for" << m_failures.waitFor(key)
                                    << "ms after" << m_failures.limit().burst << "failed authentications";
    }
    return user;
}

Result<User> Authenticator::authenticate(const QString &token) const
{
    if (token.isEmpty())
        return makeError(ErrorCode::Unauthorized, QStringLiteral("missing token: send Authorization: Bearer <token>"));
    const auto user = m_users.userByTokenHash(hashToken(token));
    if (!user)
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("cannot check the token right now; try again (%1)").arg(user.error().message));
    if (!user->has_value())
        return makeError(ErrorCode::Unauthorized, QStringLiteral("invalid token"));
    return **user;
}

QString Authenticator::bearerToken(const QByteArray &header)
{
    const QByteArray trimmed = header.trimmed();
    if (trimmed.size() < 7 || qstrnicmp(trimmed.constData(), "bearer ", 7) != 0)
        return QString();
    return QString::fromUtf8(trimmed.mid(7).trimmed());
}

} // namespace betthat::server
