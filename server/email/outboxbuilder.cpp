#include "outboxbuilder.h"

#include "common/user.h"
#include "server/logcategories.h"
#include "server/storage/notificationpreferencestore.h"
#include "server/storage/userstore.h"

namespace betthat::server {

namespace {

bool wantsMail(const User &user)
{
    return user.emailNotifications && isValidEmail(user.email);
}

// What every template may show about the bet, as it is after the change.
QJsonObject betPayload(const Bet &bet)
{
    return QJsonObject {
        { QStringLiteral("bet_id"), bet.id },
        { QStringLiteral("event_name"), bet.eventName },
        { QStringLiteral("market"), bet.market },
        { QStringLiteral("selection"), bet.selection },
        { QStringLiteral("odds"), bet.odds },
        { QStringLiteral("stake"), bet.stake },
        { QStringLiteral("currency"), bet.currency },
        { QStringLiteral("result"), resultName(bet.result) },
        { QStringLiteral("payout"), bet.payout },
        { QStringLiteral("notes"), bet.resolutionNotes },
        { QStringLiteral("resolved_at"), bet.resolvedAt.isValid() ? toIsoUtc(bet.resolvedAt) : QString() },
    };
}

} // namespace

OutboxBuilder::OutboxBuilder(
    UserStore &users, NotificationPreferenceStore &preferences, Clock clock, bool notifyProvisional)
    : m_notifyProvisional(notifyProvisional)
    , m_users(users)
    , m_preferences(preferences)
    , m_clock(std::move(clock))
{ }

QString OutboxBuilder::kindFor(const Transition &t, bool notifyProvisional)
{
    const Bet &before = t.before;
    const Bet &after = t.after;
    if (after.status == BetStatus::Disputed && before.status != BetStatus::Disputed)
        return QStringLiteral("dispute_raised");
    if (before.status == BetStatus::Disputed && after.dispute && after.dispute->state != DisputeState::Open)
        return QStringLiteral("dispute_decided");
    if (before.id.isEmpty() || (after.status != BetStatus::Settled && after.status != BetStatus::Voided))
        return {};
    if (after.certainty == Certainty::Provisional) // a result that may still change: mail it only if asked to
        return notifyProvisional && t.recordsOutcome ? QStringLiteral("bet_resolved") : QString();
    // Confirmed: a new outcome (first settlement, correction) or the confirmation of a provisional one.
    if (t.recordsOutcome || before.certainty == Certainty::Provisional)
        return QStringLiteral("bet_resolved");
    return {};
}

Result<QList<OutboxMessage>> OutboxBuilder::build(const Transition &t) const
{
    const QString kind = kindFor(t, m_notifyProvisional);
    if (kind.isEmpty())
        return QList<OutboxMessage>();
    const Bet &bet = t.after;
    const auto bettorRead = m_users.userById(bet.userId);
    if (!bettorRead)
        return bettorRead.error();
    if (!bettorRead->has_value())
        return QList<OutboxMessage>();
    const User *bettor = &**bettorRead;

    const QDateTime now = m_clock();
    const EventType eventType = t.event.type;
    std::optional<Error> readFailure;
    // Whether the recipient wants this mail, and when it is due: now, or at the end of their quiet hours
    // (deferred, not dropped: a resolution is news the user asked for, only not at night).
    const auto dueFor = [&](const User &recipient) -> std::optional<QDateTime> {
        if (!wantsMail(recipient))
            return std::nullopt;
        const auto saved = m_preferences.notificationPreferences(recipient.id);
        if (!saved) {
            readFailure = saved.error();
            return std::nullopt;
        }
        const NotificationPreferences preferences = saved->value_or(NotificationPreferences {});
        if (!preferences.isEnabled(eventType, NotificationChannel::Email))
            return std::nullopt;
        if (preferences.quietHours && preferences.quietHours->contains(now))
            return preferences.quietHours->endOfWindow(now);
        return now;
    };
    const auto message = [&](const QString &messageKind, const User &recipient, QJsonObject payload,
                             const QDateTime &due) {
        OutboxMessage m;
        m.kind = messageKind;
        m.recipient = recipient.email;
        m.userId = recipient.id;
        m.betId = bet.id;
        payload.insert(QStringLiteral("user_name"), recipient.displayName);
        m.payload = payload;
        m.nextAttemptAt = due;
        m.state = QStringLiteral("pending");
        return m;
    };

    QJsonObject payload = betPayload(bet);
    QList<OutboxMessage> out;
    if (kind == QLatin1String("bet_resolved")) {
        if (const auto due = dueFor(*bettor))
            out.append(message(kind, *bettor, payload, *due));
    } else if (kind == QLatin1String("dispute_raised")) {
        payload.insert(QStringLiteral("reason"), bet.dispute ? bet.dispute->reason : QString());
        payload.insert(QStringLiteral("raised_at"),
            bet.dispute && bet.dispute->raisedAt.isValid() ? toIsoUtc(bet.dispute->raisedAt) : QString());
        payload.insert(QStringLiteral("bettor_id"), bettor->id);
        payload.insert(QStringLiteral("bettor_name"), bettor->displayName);
        if (const auto due = dueFor(*bettor))
            out.append(message(kind, *bettor, payload, *due));
        // Disputes are rare; reading every user here is cheaper than another index to maintain.
        const auto everyone = m_users.users();
        if (!everyone)
            return everyone.error();
        for (const User &user : *everyone)
            if (user.isOperator())
                if (const auto due = dueFor(user))
                    out.append(message(QStringLiteral("dispute_raised_operator"), user, payload, *due));
    } else if (kind == QLatin1String("dispute_decided")) {
        const Dispute &d = *bet.dispute;
        payload.insert(QStringLiteral("decision"), disputeStateName(d.state));
        payload.insert(QStringLiteral("reason"), d.reason);
        payload.insert(QStringLiteral("notes"), d.decisionNotes);
        payload.insert(
            QStringLiteral("decided_at"), d.decidedAt.isValid() ? toIsoUtc(d.decidedAt) : QString());
        payload.insert(QStringLiteral("previous_result"), resultName(t.before.result));
        payload.insert(QStringLiteral("previous_payout"), t.before.payout);
        if (const auto due = dueFor(*bettor))
            out.append(message(kind, *bettor, payload, *due));
    }
    if (readFailure)
        return *readFailure;
    qCDebug(lcEmail) << "bet" << bet.id << kind << "->" << out.size() << "message(s)";
    return out;
}

} // namespace betthat::server
