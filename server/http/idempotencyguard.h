#pragma once

// Idempotency-Key for mutating requests: a retry of the same request gets the first answer, nothing is
// redone.

#include "common/error.h"
#include "server/storage/repository.h"

#include <QHttpServerRequest>
#include <functional>
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
    // For a request whose change goes through Repository::commit: the record that writes the answer in the
    // change's own transaction (nullopt without a key), so a crash cannot leave the change without its
    // answer.
    std::optional<IdempotencyRecord> record(std::function<StoredResponse(const Transition &)> respond);
    // Whether a commit asked the record for its answer: from then on the transaction owns the answer, and
    // remember() must not store one separately.
    bool answeredInTransaction() const { return m_answeredInTransaction; }
    // After running the request: keeps the answer for retries (no-op without a key or for 5xx answers).
    // For answers no commit wrote (refusals, requests that change nothing or many things).
    void remember(int status, const QByteArray &body);

    // SHA-256 (hex) of method, path with query, and body: what "the same request" means.
    static QString requestHash(const QHttpServerRequest &request);

private:
    Repository &m_repository;
    QString m_userId;
    QString m_key;
    QString m_hash;
    bool m_answeredInTransaction = false;
};

} // namespace betthat::server
