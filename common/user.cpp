#include "user.h"

#include <QRegularExpression>

namespace betthat {

QString roleName(Role role)
{
    return role == Role::Operator ? QStringLiteral("operator") : QStringLiteral("bettor");
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == QLatin1String("operator"))
        return Role::Operator;
    if (name == QLatin1String("bettor"))
        return Role::Bettor;
    return std::nullopt;
}

bool User::operator==(const User &o) const
{
    return id == o.id && displayName == o.displayName && email == o.email && role == o.role
        && emailNotifications == o.emailNotifications && currency == o.currency;
}

bool isValidUserId(const QString &id)
{
    // anchoredPattern: with "^...$" a trailing newline would still match.
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9][a-z0-9_.-]{0,63}")));
    return re.match(id).hasMatch();
}

bool isValidEmail(const QString &email)
{
    // Deliberately simple: one @, a dot in the domain, no spaces, control characters or angle brackets
    // (header injection).
    // anchoredPattern, not "^...$": "$" also matches before a trailing newline, which is header injection.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral("[^@\\s\\p{Cc}<>\",;]{1,64}@[^@\\s\\p{Cc}<>\",;]+\\.[^@\\s\\p{Cc}<>\",;]{2,}")));
    return email.size() <= 254 && re.match(email).hasMatch();
}

} // namespace betthat
