#pragma once

// Storage port: users, their API tokens (stored as SHA-256 hashes only) and their balance.

#include "common/error.h"
#include "common/user.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace betthat::server {

class UserStore
{
public:
    virtual ~UserStore() = default;

    virtual Status addUser(const User &user, const QByteArray &tokenHash) = 0;
    virtual Status setTokenHash(const QString &userId, const QByteArray &tokenHash) = 0;
    virtual Status updateUser(const User &user) = 0;
    // nullopt: no such user. An error: the table could not be read (never "no such user").
    virtual Result<std::optional<User>> userById(const QString &id) = 0;
    virtual Result<std::optional<User>> userByTokenHash(const QByteArray &tokenHash) = 0;
    virtual Result<QList<User>> users() = 0;
    virtual Status deposit(const QString &userId, qint64 amount, const QString &currency) = 0;
    virtual Result<qint64> balance(const QString &userId) = 0;
};

} // namespace betthat::server
