#include "authenticator.h"

#include "server/auth/tokens.h"
#include "server/storage/userstore.h"

namespace betthat::server {

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
