#pragma once

// What the storage suites share: a fixed instant, users, bet requests, and committing a place or a resolve.

#include "common/betrules.h"
#include "common/user.h"
#include "server/storage/betstore.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace betthat::test {

// A fixed instant with milliseconds, so a time that storage truncated or shifted shows in a comparison.
QDateTime storageT0();

// A valid user "<id>": display name ID, email <id>@example.com.
User storageUser(const QString &id, Role role = Role::Bettor);
QByteArray tokenHash(const QString &token);
// A request to bet `stake` at 2.50 on Ajax.
NewBet newBet(qint64 stake, const QString &market = QStringLiteral("Match winner"),
    const QString &eventName = QStringLiteral("Ajax v PSV"));

// The committed place of `stake` by `bettor` at `at`. A refusal fails the current test and yields {}.
Transition commitPlace(server::BetStore &store, const BetRules &rules, const User &bettor, qint64 stake,
    const QDateTime &at, const QString &market = QStringLiteral("Match winner"));
// The committed resolve of bet `betId` by `resolver` at `at`. A refusal fails the current test, yields {}.
Transition commitResolve(server::BetStore &store, const BetRules &rules, const User &resolver,
    const QString &betId, BetResult result, const QDateTime &at);

// The Idempotency-Key of alice's request `key`, answered 201 when its change commits.
server::IdempotencyKey idempotencyKey(const QString &key);
// The bet an idempotent answer reports (default when the body is not one): proof that storage built the answer
// from the committed transition.
Bet answeredBet(const server::StoredResponse &answer);

} // namespace betthat::test
