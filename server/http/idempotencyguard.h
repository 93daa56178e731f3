#pragma once

// Idempotency-Key for mutating requests: a retry of the same request gets the first answer, nothing is
// redone.

#include "common/error.h"
#include "server/storage/repository.h"

#include <QHttpServerRequest>
#include <optional>

namespace betthat::server {

class IdempotencyGuard
{
public:
    static constexpr int kMaxKeyLength = 200;

    IdempotencyGuard(Repository &repository, const QString &userId, const QHttpServerRequest &request);

    bool active() const { return !m_key.isEmpty(); }

    // Before running the request. An error: a bad key (400) or a key already used for another request (409).
    // A stored response: the first answer to replay. nullopt: run the request, then call remember().
    Result<std::optional<StoredResponse>> check();
    // After running the request: keeps the answer for retries (no-op without a key or for 5xx answers).
    void remember(int status, const QByteArray &body);

    // SHA-256 (hex) of method, path with query, and body: what "the same request" means.
    static QString requestHash(const QHttpServerRequest &request);

private:
    Repository &m_repository;
    QString m_userId;
    QString m_key;
    QString m_hash;
};

} // namespace betthat::server
