#pragma once

// Decides which emails a committed bet change writes to the outbox (same transaction as its event).

#include "common/betrules.h"
#include "common/timeutil.h"
#include "server/storage/repository.h"

#include <QList>

namespace betthat::server {

class OutboxBuilder
{
public:
    // Reads recipients through `repository` (the committing thread's connection); stamps rows with `clock`.
    OutboxBuilder(Repository &repository, Clock clock);

    // bet resolved -> the bettor; dispute raised -> the bettor (confirmation) and every operator;
    // dispute decided -> the bettor. Only recipients with a valid address and notifications on.
    QList<OutboxMessage> build(const Transition &transition) const;

    // The kind of email a transition is about, or empty when it mails nobody (placing, cancelling).
    static QString kindFor(const Transition &transition);

private:
    Repository &m_repository;
    Clock m_clock;
};

} // namespace betthat::server
