#pragma once

// Storage port: Idempotency-Key answers of requests that no single-bet commit answered (refusals, bulk).

#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QString>
#include <optional>

namespace betthat::server {

class IdempotencyStore
{
public:
    virtual ~IdempotencyStore() = default;

    // nullopt: the key is unused. An error: it could not be read — never "unused", or a retried resolve
    // could run twice.
    virtual Result<std::optional<IdempotentAnswer>> idempotentAnswer(const QString &userId, const QString &key) = 0;
    // Keeps the first answer: storing under a key already taken for the same request is Ok and changes
    // nothing; for a different request it is Conflict.
    virtual Status storeIdempotentAnswer(const QString &userId, const QString &key, const IdempotentAnswer &answer) = 0;
};

} // namespace betthat::server
