#pragma once

// A person who bets or operates; tokens live in storage, hashed, never here.

#include <QString>
#include <optional>

namespace betthat {

enum class Role { Bettor, Operator };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

struct User
{
    QString id; // a slug chosen at creation ("alice"), a string on the wire
    QString displayName;
    QString email; // may be empty: no email then
    Role role = Role::Bettor;
    bool emailNotifications = true; // the per-user opt-out
    QString currency = QStringLiteral("EUR");

    bool isOperator() const { return role == Role::Operator; }
    bool operator==(const User &other) const;
};

bool isValidUserId(const QString &id);
bool isValidEmail(const QString &email);

} // namespace betthat
