#pragma once

// Idempotency-Key for mutating requests: a retry of the same request gets the first answer, nothing is
// redone.

#include "common/error.h"
#include "server/storage/idempotencystore.h"

#include <QHttpServerRequest>
#include <optional>

namespace betthat::server {

class IdempotencyGuard
{
public:
    static constexpr int kMaxKeyLength = 200;

    IdempotencyGuard(IdempotencyStore &store, const QString &userId, const QHttpServerRequest &request);

    bool active() const { return !m_key.isEmpty(); }

    // Before running the request. An error: a bad key (400), a key already used for another request (409),
    // or the keys cannot be read (503: never run a request whose key might be taken). A stored response: the
    // first answer to replay. nullopt: run the request, then call finish().
    Result<std::optional<StoredResponse>> check();
    // For a request whose change goes through BetStore::commit: the key, as a plain value, whose answer
    // storage writes in the change's own transaction (nullopt without a key), so a crash cannot leave the
    // change without its answer. `successStatus` is what the request answers when the change commits.
    std::optional<IdempotencyKey> keyForCommit(int successStatus);
    // After running the request with `answer`: keeps it for retries (not a 5xx, which says nothing about the
    // request), unless its commit already wrote it. Returns the earlier answer to send instead when a
    // concurrent request with the same key won the key: its answer is ours too.
    std::optional<StoredResponse> finish(const StoredResponse &answer);

    // SHA-256 (hex) of method, path with query, and body: what "the same request" means.
    static QString requestHash(const QHttpServerRequest &request);

private:
    IdempotencyStore &m_store;
    QString m_userId;
    QString m_key;
    QString m_hash;
    std::optional<int> m_commitStatus;
};

} // namespace betthat::server
