#pragma once

// Decides which emails a committed bet change writes to the outbox (same transaction as its event).

#include "common/betrules.h"
#include "common/timeutil.h"
#include "common/error.h"
#include "server/storage/storagetypes.h"

#include <QList>

namespace betthat::server {

class NotificationPreferenceStore;
class UserStore;

class OutboxBuilder
{
public:
    // Reads recipients and their preferences through the committing thread's connection; stamps rows with
    // `clock`. notifyProvisional: mail provisional settlements too (EmailConfig::notifyProvisional).
    OutboxBuilder(UserStore &users, NotificationPreferenceStore &preferences, Clock clock,
        bool notifyProvisional = false);

    // bet resolved -> the bettor; dispute raised -> the bettor (confirmation) and every operator;
    // dispute decided -> the bettor. Only recipients with a valid address, notifications on and the email
    // channel on for the event's type (their notification preferences); inside their quiet hours the row is
    // due at the end of the window instead of now. An error when recipients or preferences cannot be read:
    // the change must then wait, not go out without its email (or with one the user switched off).
    Result<QList<OutboxMessage>> build(const Transition &transition) const;

    // The kind of email a transition is about, or empty when it mails nobody (placing, cancelling).
    // A settlement mails when it is confirmed: settled confirmed from pending, a provisional result confirmed
    // (same outcome or not), or a confirmed outcome corrected; provisional ones only with notifyProvisional.
    static QString kindFor(const Transition &transition, bool notifyProvisional = false);

private:
    bool m_notifyProvisional = false;
    UserStore &m_users;
    NotificationPreferenceStore &m_preferences;
    Clock m_clock;
};

} // namespace betthat::server
