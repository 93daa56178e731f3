#pragma once

// API tokens: random, shown once, stored only as a SHA-256 hash.

#include <QByteArray>
#include <QString>

namespace betthat::server {

// "bt_" + 43 url-safe base64 characters of 32 random bytes.
QString generateToken();
QByteArray hashToken(const QString &token);

} // namespace betthat::server
