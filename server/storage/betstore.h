#pragma once

// Storage port: bets, and the one way a bet changes (commit).

#include "common/betrules.h"
#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QList>
#include <optional>

namespace betthat::server {

class BetStore
{
public:
    virtual ~BetStore() = default;

    // nullopt: no such bet. An error: it could not be read.
    virtual Result<std::optional<Bet>> betById(const QString &id) = 0;
    virtual Result<QList<Bet>> bets(const BetQuery &query) = 0;

    // The only way a bet changes. In ONE transaction: insert or update the bet (update only if its stored
    // version is still transition.before.version, else Conflict), append the ledger entries, check
    // requiredBalance, append the event (assigning seq) and the outbox messages, and, if given, the
    // Idempotency-Key with its answer built from the committed bet (Conflict if the key is already taken).
    // Returns the committed transition with ids and seq filled in. Nothing is written when it fails.
    virtual Result<Transition> commit(const Transition &transition, const QList<OutboxMessage> &outbox = {},
        const std::optional<IdempotencyKey> &idempotency = std::nullopt) = 0;
};

} // namespace betthat::server
