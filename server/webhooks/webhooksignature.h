#pragma once

// The Standard Webhooks signing scheme: secrets "whsec_<base64>", "v1,<base64 HMAC-SHA256>" signatures.

#include "common/error.h"

#include <QByteArray>
#include <QString>

namespace betthat::server {

class WebhookSignature
{
public:
    static constexpr int kMinSecretBytes = 24;
    static constexpr int kMaxSecretBytes = 64;

    // "whsec_" + base64 of 32 random bytes from the system's CSPRNG.
    static QString generateSecret();
    // The key bytes of "whsec_<base64>"; BadRequest unless it has the prefix, is base64 and holds
    // kMinSecretBytes..kMaxSecretBytes bytes.
    static Result<QByteArray> secretBytes(const QString &secret);
    // "v1,<base64(HMAC-SHA256(key, id + '.' + timestamp + '.' + body))>"
    static QByteArray sign(const QByteArray &key, const QByteArray &id, qint64 timestamp, const QByteArray &body);
};

} // namespace betthat::server
