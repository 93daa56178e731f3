#include "betservice.h"

#include "common/accesspolicy.h"
#include "common/money.h"
#include "server/logcategories.h"

#include <QHash>
#include <algorithm>

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

QString settleActionName(SettledBet::Action action)
{
    switch (action) {
    case SettledBet::Settled: return QStringLiteral("settled");
    case SettledBet::Confirmed: return QStringLiteral("confirmed");
    case SettledBet::Resettled: return QStringLiteral("resettled");
    case SettledBet::Unchanged: return QStringLiteral("unchanged");
    }
    return QString();
}

namespace {

bool isProvisional(const Bet &bet)
{
    return (bet.status == BetStatus::Settled || bet.status == BetStatus::Voided)
        && bet.certainty == Certainty::Provisional;
}

Error tooMany(const QString &what)
{
    return makeError(ErrorCode::BadRequest, QStringLiteral("more than %1 bets match %2; narrow the request")
                                                .arg(BetService::kMaxBetsPerRequest)
                                                .arg(what));
}

// The bets of one event (and market), oldest first so a report reads in placement order.
Result<QList<Bet>> readAll(BetStore &store, BetQuery query)
{
    // One row more than the largest request tells "too many" from "exactly the maximum".
    query.limit = 10 * BetService::kMaxBetsPerRequest + 1;
    auto read = store.bets(query);
    if (!read)
        return read.error();
    if (read->size() > 10 * BetService::kMaxBetsPerRequest)
        return tooMany(QStringLiteral("in total"));
    QList<Bet> &rows = read.value();
    std::sort(rows.begin(), rows.end(),
              [](const Bet &a, const Bet &b) { return a.id.toLongLong() < b.id.toLongLong(); });
    return read;
}

} // namespace

Result<QList<SettledBet>> BetService::settleMarket(const User &actor, const MarketSettlement &request)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators settle markets"));
    if (request.outcomes.isEmpty() && !request.othersLose)
        return makeError(ErrorCode::BadRequest, QStringLiteral("outcomes must list at least one selection"));
    const QDateTime now = m_clock();
    QHash<QString, SettlementTerms> bySelection;
    // Each outcome is checked against a stand-in pending bet first: a request that would fail for every bet
    // of a selection is refused as a whole instead of settling the others.
    Bet probe;
    probe.id = QStringLiteral("0");
    probe.stake = 1;
    probe.odds = 2 * kOddsScale;
    for (const SelectionOutcome &outcome : request.outcomes) {
        if (bySelection.contains(outcome.selection))
            return makeError(ErrorCode::BadRequest,
                             QStringLiteral("selection \"%1\" is listed twice").arg(outcome.selection.left(200)));
        if (const auto check = m_rules.settle(probe, actor, outcome.terms, request.certainty, request.notes, now);
            !check)
            return makeError(check.error().code, QStringLiteral("selection \"%1\": %2")
                                                     .arg(outcome.selection.left(200), check.error().message));
        bySelection.insert(outcome.selection, outcome.terms);
    }
    const SettlementTerms loss{BetResult::Loss, {}, {}, {}};
    if (request.othersLose)
        if (const auto check = m_rules.settle(probe, actor, loss, request.certainty, request.notes, now); !check)
            return check.error();

    BetQuery query;
    query.eventName = request.eventName;
    query.market = request.market;
    const auto read = readAll(m_bets, query);
    if (!read)
        return read.error();
    QList<Bet> targets;
    QStringList unlisted;
    for (const Bet &bet : *read) {
        if (bet.status != BetStatus::Pending && !isProvisional(bet))
            continue;
        targets.append(bet);
        if (!bySelection.contains(bet.selection) && !unlisted.contains(bet.selection))
            unlisted.append(bet.selection);
    }
    if (!unlisted.isEmpty() && !request.othersLose) {
        unlisted.sort();
        return makeError(ErrorCode::BadRequest,
                         QStringLiteral("no outcome for selection(s) with bets to settle: %1; list them or send "
                                        "\"others\": \"loss\"")
                             .arg(unlisted.join(QStringLiteral(", ")).left(1000)));
    }
    if (targets.size() > kMaxBetsPerRequest)
        return tooMany(QStringLiteral("this market"));

    QList<SettledBet> report;
    report.reserve(targets.size());
    for (const Bet &bet : std::as_const(targets)) {
        const SettlementTerms terms = bySelection.value(bet.selection, loss);
        SettledBet item{bet.id, bet.selection, SettledBet::Settled, Bet{}};
        if (bet.status == BetStatus::Pending) {
            item.outcome = commit(m_rules.settle(bet, actor, terms, request.certainty, request.notes, m_clock()),
                                  std::nullopt);
        } else if (SettlementTerms::of(bet) != terms) {
            // A provisional result replaced by a different one: a re-settlement with the requested certainty.
            item.action = SettledBet::Resettled;
            const QString notes = request.notes.trimmed().isEmpty()
                ? QStringLiteral("re-settled by market settlement")
                : request.notes;
            item.outcome = commit(m_rules.resettle(bet, actor, terms, notes, m_clock(), request.certainty),
                                  std::nullopt);
        } else if (request.certainty == Certainty::Confirmed) {
            item.action = SettledBet::Confirmed;
            item.outcome = commit(m_rules.confirm(bet, actor, request.notes, m_clock()), std::nullopt);
        } else {
            item.action = SettledBet::Unchanged; // provisional again with the same outcome: nothing to write
            item.outcome = bet;
        }
        report.append(item);
    }
    return report;
}

Result<QList<SelectionSummary>> BetService::marketSelections(const User &actor, const QString &eventName,
                                                             const QString &market)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators settle markets"));
    BetQuery query;
    query.eventName = eventName;
    query.market = market;
    const auto read = readAll(m_bets, query);
    if (!read)
        return read.error();
    QMap<QString, SelectionSummary> bySelection; // sorted by selection
    for (const Bet &bet : *read) {
        SelectionSummary &summary = bySelection[bet.selection];
        summary.selection = bet.selection;
        if (bet.status == BetStatus::Pending) {
            ++summary.pendingBets;
            summary.pendingStake[bet.currency] += bet.stake;
        } else if (isProvisional(bet)) {
            ++summary.provisionalBets;
        }
    }
    return bySelection.values();
}

Result<Bet> BetService::resettle(const User &actor, const QString &betId, const SettlementTerms &terms,
                                 const QString &notes, const std::optional<IdempotencyKey> &idempotency)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators re-settle bets"));
    const auto bet = loadFor(actor, betId);
    if (!bet)
        return bet.error();
    return commit(m_rules.resettle(*bet, actor, terms, notes, m_clock()), idempotency);
}

Result<Bet> BetService::rollback(const User &actor, const QString &betId, const QString &notes,
                                 const std::optional<IdempotencyKey> &idempotency)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators roll back settlements"));
    const auto bet = loadFor(actor, betId);
    if (!bet)
        return bet.error();
    return commit(m_rules.rollback(*bet, actor, notes, m_clock()), idempotency);
}

Result<QList<Bet>> BetService::betsInWindow(const User &actor, const QString &eventName, const QDateTime &from,
                                            const QDateTime &to, const QString &notes)
{
    if (!actor.isOperator())
        return makeError(ErrorCode::Forbidden, QStringLiteral("only operators cancel events"));
    if (eventName.trimmed().isEmpty())
        return makeError(ErrorCode::BadRequest, QStringLiteral("event_name is required"));
    if (!from.isValid() || !to.isValid() || !(from < to))
        return makeError(ErrorCode::BadRequest, QStringLiteral("from must be before to"));
    if (notes.trimmed().isEmpty())
        return makeError(ErrorCode::BadRequest, QStringLiteral("notes are required"));
    BetQuery query;
    query.eventName = eventName;
    query.createdFrom = from;
    query.createdBefore = to;
    return readAll(m_bets, query);
}

Result<QList<BulkOutcome>> BetService::cancelEvent(const User &actor, const QString &eventName,
                                                   const QDateTime &from, const QDateTime &to, const QString &notes)
{
    const auto read = betsInWindow(actor, eventName, from, to, notes);
    if (!read)
        return read.error();
    // Voided and cancelled bets have nothing left to void; a disputed one is reported (decide it first).
    QList<Bet> targets;
    for (const Bet &bet : *read)
        if (bet.status == BetStatus::Pending || bet.status == BetStatus::Settled
            || bet.status == BetStatus::Disputed)
            targets.append(bet);
    if (targets.size() > kMaxBetsPerRequest)
        return tooMany(QStringLiteral("this window"));
    QList<BulkOutcome> outcomes;
    for (const Bet &bet : std::as_const(targets))
        outcomes.append(BulkOutcome{bet.id, commit(m_rules.cancelForEvent(bet, actor, notes, m_clock()),
                                                   std::nullopt)});
    return outcomes;
}

Result<QList<BulkOutcome>> BetService::rollbackCancelEvent(const User &actor, const QString &eventName,
                                                           const QDateTime &from, const QDateTime &to,
                                                           const QString &notes)
{
    const auto read = betsInWindow(actor, eventName, from, to, notes);
    if (!read)
        return read.error();
    // Only bets still voided by an event cancellation: one corrected since keeps its newer outcome.
    QList<Bet> targets;
    for (const Bet &bet : *read)
        if (bet.status == BetStatus::Voided && bet.cancelledFrom)
            targets.append(bet);
    if (targets.size() > kMaxBetsPerRequest)
        return tooMany(QStringLiteral("this window"));
    QList<BulkOutcome> outcomes;
    for (const Bet &bet : std::as_const(targets))
        outcomes.append(BulkOutcome{bet.id, commit(m_rules.rollbackCancel(bet, actor, notes, m_clock()),
                                                   std::nullopt)});
    return outcomes;
}

} // namespace betthat::server
