#include "betservice.h"

#include "common/accesspolicy.h"
#include "server/logcategories.h"

namespace betthat::server {

BetService::BetService(BetStore &bets, EventLog &log, BetRules rules, Clock clock, QObject *parent)
    : QObject(parent), m_bets(bets), m_log(log), m_rules(rules), m_clock(std::move(clock))
{
}

Result<Bet> BetService::loadFor(const User &actor, const QString &betId)
{
    const auto bet = m_bets.betById(betId);
    if (!bet)
        return bet.error();
    // A bettor asking for someone else's bet learns nothing about its existence.
    if (!bet->has_value() || !AccessPolicy::mayViewBet(actor, **bet))
        return makeError(ErrorCode::NotFound, QStringLiteral("bet %1 not found").arg(betId.left(64)));
    return **bet;
}

Result<Bet> BetService::bet(const User &viewer, const QString &betId)
{
    return loadFor(viewer, betId);
}

Result<QList<Bet>> BetService::bets(const User &viewer, BetQuery query)
{
    if (const auto allowed = AccessPolicy::mayViewFeed(viewer, query.userId); !allowed)
        return allowed.error();
    if (!viewer.isOperator())
        query.userId = viewer.id;
    return m_bets.bets(query);
}

Result<QList<BetEvent>> BetService::trail(const User &viewer, const QString &betId)
{
    if (const auto visible = loadFor(viewer, betId); !visible)
        return visible.error();
    return m_log.eventsForBet(betId);
}

Result<QList<Bet>> BetService::pendingInMarket(const User &actor, const QString &market,
                                               const QString &eventName, int limit)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators resolve bets"));
    BetQuery query;
    query.status = BetStatus::Pending;
    query.market = market;
    query.eventName = eventName;
    query.limit = limit;
    return m_bets.bets(query);
}

Result<Bet> BetService::commit(const Result<Transition> &transition,
                               const std::optional<IdempotencyKey> &idempotency)
{
    if (!transition)
        return transition.error();
    QList<OutboxMessage> outbox;
    if (m_outboxBuilder) {
        auto built = m_outboxBuilder(*transition);
        if (!built)
            return built.error();
        outbox = std::move(*built);
    }
    const auto committed = m_bets.commit(*transition, outbox, idempotency);
    if (!committed)
        return committed.error();
    qCDebug(lcService) << "committed" << eventTypeName(committed->event.type) << "seq" << committed->event.seq
                       << "bet" << committed->after.id;
    Q_EMIT eventCommitted(committed->event.seq);
    return committed->after;
}

Result<Bet> BetService::place(const User &actor, const NewBet &request,
                              const std::optional<IdempotencyKey> &idempotency)
{
    return commit(m_rules.place(actor, request, m_clock()), idempotency);
}

Result<Bet> BetService::cancel(const User &actor, const QString &betId,
                               const std::optional<IdempotencyKey> &idempotency)
{
    const auto bet = loadFor(actor, betId);
    if (!bet)
        return bet.error();
    return commit(m_rules.cancel(*bet, actor, m_clock()), idempotency);
}

Result<Bet> BetService::resolve(const User &actor, const QString &betId, BetResult result,
                                const QString &notes, const std::optional<IdempotencyKey> &idempotency)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators resolve bets"));
    const auto bet = loadFor(actor, betId);
    if (!bet)
        return bet.error();
    return commit(m_rules.resolve(*bet, actor, result, notes, m_clock()), idempotency);
}

Result<Bet> BetService::dispute(const User &actor, const QString &betId, const QString &reason,
                                const std::optional<IdempotencyKey> &idempotency)
{
    const auto bet = loadFor(actor, betId);
    if (!bet)
        return bet.error();
    return commit(m_rules.dispute(*bet, actor, reason, m_clock()), idempotency);
}

Result<Bet> BetService::decideDispute(const User &actor, const QString &betId, DisputeState decision,
                                      BetResult newResult, const QString &notes,
                                      const std::optional<IdempotencyKey> &idempotency)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators decide disputes"));
    const auto bet = loadFor(actor, betId);
    if (!bet)
        return bet.error();
    return commit(m_rules.decideDispute(*bet, actor, decision, newResult, notes, m_clock()), idempotency);
}

QList<BulkOutcome> BetService::resolveMany(const User &actor, const QStringList &betIds, BetResult result,
                                           const QString &notes)
{
    QList<BulkOutcome> outcomes;
    outcomes.reserve(betIds.size());
    for (const QString &id : betIds)
        outcomes.append(BulkOutcome{id, resolve(actor, id, result, notes)});
    return outcomes;
}

} // namespace betthat::server
