#pragma once

// Decides which emails a committed bet change writes to the outbox (same transaction as its event).

#include "common/betrules.h"
#include "common/timeutil.h"
#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QList>

namespace betthat::server {

class UserStore;

class OutboxBuilder
{
public:
    // Reads recipients through `users` (the committing thread's connection); stamps rows with `clock`.
    // notifyProvisional: mail provisional settlements too (EmailConfig::notifyProvisional).
    OutboxBuilder(UserStore &users, Clock clock, bool notifyProvisional = false);

    // bet resolved -> the bettor; dispute raised -> the bettor (confirmation) and every operator;
    // dispute decided -> the bettor. Only recipients with a valid address and notifications on. An error
    // when the recipients cannot be read: the change must then wait, not go out without its email.
    Result<QList<OutboxMessage>> build(const Transition &transition) const;

    // The kind of email a transition is about, or empty when it mails nobody (placing, cancelling).
    // A settlement mails when it is confirmed: settled confirmed from pending, a provisional result confirmed
    // (same outcome or not), or a confirmed outcome corrected; provisional ones only with notifyProvisional.
    static QString kindFor(const Transition &transition, bool notifyProvisional = false);

private:
    bool m_notifyProvisional = false;
    UserStore &m_users;
    Clock m_clock;
};

} // namespace betthat::server
