#include "betchange.h"

#include "jsoncodec.h"
#include "money.h"
#include "timeutil.h"

#include <cmath>

namespace betthat {

BetChange BetChange::between(const Bet &before, const Bet &after, const QString &actorId)
{
    BetChange c;
    c.betId = after.id;
    c.status = after.status;
    if (!before.id.isEmpty() || before.version != 0)
        c.previousStatus = before.status;
    c.result = after.result;
    c.previousResult = before.result;
    c.payout = after.payout;
    c.currency = after.currency;
    c.resolutionNotes = after.resolutionNotes;
    c.resolutionSource = after.resolutionSource;
    if (after.dispute) {
        c.disputeState = after.dispute->state;
        c.disputeReason = after.dispute->reason;
        c.decisionNotes = after.dispute->decisionNotes;
    }
    c.disputeDeadline = after.disputeDeadline;
    c.hasDisputeDeadline = true;
    c.voidFactor = after.voidFactor;
    c.deadHeatFactor = after.deadHeatFactor;
    c.deduction = after.deduction;
    c.certainty = after.certainty;
    c.actorId = actorId;
    c.updatedAt = after.updatedAt;
    c.market = after.market;
    c.eventName = after.eventName;
    c.selection = after.selection;
    return c;
}

bool BetChange::operator==(const BetChange &o) const
{
    return betId == o.betId && status == o.status && previousStatus == o.previousStatus && result == o.result
        && previousResult == o.previousResult && payout == o.payout && currency == o.currency
        && resolutionNotes == o.resolutionNotes && resolutionSource == o.resolutionSource
        && disputeState == o.disputeState && disputeReason == o.disputeReason && decisionNotes == o.decisionNotes
        && disputeDeadline == o.disputeDeadline && hasDisputeDeadline == o.hasDisputeDeadline
        && voidFactor == o.voidFactor && deadHeatFactor == o.deadHeatFactor && deduction == o.deduction
        && certainty == o.certainty && supersedesSeq == o.supersedesSeq && actorId == o.actorId
        && updatedAt == o.updatedAt && market == o.market && eventName == o.eventName && selection == o.selection;
}

namespace json {

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

// Absent and null read as empty; anything but a string is refused.
Result<QString> text(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString())
        return bad(QStringLiteral("%1 must be a string or null").arg(key));
    return v.toString();
}

Result<QDateTime> time(const QJsonObject &o, const QString &key)
{
    const auto s = text(o, key);
    if (!s)
        return s.error();
    if (s->isEmpty())
        return QDateTime();
    const QDateTime t = parseIsoUtc(*s);
    if (!t.isValid())
        return bad(QStringLiteral("%1 must be an ISO 8601 UTC timestamp").arg(key));
    return t;
}

Result<std::optional<qint64>> factor(const QJsonObject &o, const QString &key)
{
    const auto s = text(o, key);
    if (!s)
        return s.error();
    if (s->isEmpty())
        return std::optional<qint64>();
    const auto parsed = parseFactor(*s);
    if (!parsed)
        return bad(QStringLiteral("%1 must be null or a decimal string like \"0.5\"").arg(key));
    return std::optional<qint64>(*parsed);
}

// Absent or null: nullopt; else a non-negative integer.
Result<std::optional<qint64>> optionalCount(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::optional<qint64>();
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || std::floor(d) != d || d > 9007199254740992.0)
        return bad(QStringLiteral("%1 must be null or a non-negative integer").arg(key));
    return std::optional<qint64>(static_cast<qint64>(d));
}

} // namespace

QJsonObject encode(const BetChange &c)
{
    // Byte for byte what the event log has always stored; dispute_deadline and market/event_name/selection are
    // later additions, written only when known so an old event decodes and re-encodes to the same bytes.
    QJsonObject data;
    data.insert(QStringLiteral("bet_id"), c.betId);
    data.insert(QStringLiteral("status"), statusName(c.status));
    data.insert(QStringLiteral("previous_status"),
                c.previousStatus ? QJsonValue(statusName(*c.previousStatus)) : QJsonValue());
    data.insert(QStringLiteral("result"), nullable(resultName(c.result)));
    data.insert(QStringLiteral("previous_result"), nullable(resultName(c.previousResult)));
    data.insert(QStringLiteral("payout"), c.payout);
    data.insert(QStringLiteral("currency"), c.currency);
    data.insert(QStringLiteral("resolution_notes"), nullable(c.resolutionNotes));
    data.insert(QStringLiteral("resolution_source"), nullable(c.resolutionSource));
    data.insert(QStringLiteral("dispute_reason"), c.disputeState ? QJsonValue(c.disputeReason) : QJsonValue());
    data.insert(QStringLiteral("dispute_state"),
                c.disputeState ? QJsonValue(disputeStateName(*c.disputeState)) : QJsonValue());
    data.insert(QStringLiteral("decision_notes"), nullable(c.decisionNotes));
    if (c.hasDisputeDeadline)
        data.insert(QStringLiteral("dispute_deadline"),
                    c.disputeDeadline.isValid() ? QJsonValue(toIsoUtc(c.disputeDeadline)) : QJsonValue());
    // Settlement terms and corrections (schema 3): present in every event written since, null when not applied.
    insertSettlementKeys(data, {c.voidFactor, c.deadHeatFactor, c.deduction, c.certainty});
    data.insert(QStringLiteral("supersedes_seq"), c.supersedesSeq > 0 ? QJsonValue(c.supersedesSeq) : QJsonValue());
    data.insert(QStringLiteral("actor_id"), c.actorId);
    data.insert(QStringLiteral("updated_at"), toIsoUtc(c.updatedAt));
    if (!c.market.isEmpty())
        data.insert(QStringLiteral("market"), c.market);
    if (!c.eventName.isEmpty())
        data.insert(QStringLiteral("event_name"), c.eventName);
    if (!c.selection.isEmpty())
        data.insert(QStringLiteral("selection"), c.selection);
    return data;
}

Result<BetChange> decodeBetChange(const QJsonObject &d)
{
    BetChange c;
    const auto betId = text(d, QStringLiteral("bet_id"));
    if (!betId)
        return betId.error();
    c.betId = *betId;
    const auto status = statusFromName(d.value(QStringLiteral("status")).toString());
    if (!status)
        return bad(QStringLiteral("status must be one of pending, settled, voided, cancelled, disputed"));
    c.status = *status;
    const auto previous = text(d, QStringLiteral("previous_status"));
    if (!previous)
        return previous.error();
    if (!previous->isEmpty()) {
        c.previousStatus = statusFromName(*previous);
        if (!c.previousStatus)
            return bad(QStringLiteral("previous_status must be null or a bet status"));
    }
    for (auto [key, target] : {std::pair{QStringLiteral("result"), &c.result},
                               {QStringLiteral("previous_result"), &c.previousResult}}) {
        const auto name = text(d, key);
        if (!name)
            return name.error();
        if (name->isEmpty())
            continue;
        const auto result = resultFromName(*name);
        if (!result)
            return bad(QStringLiteral("%1 must be null or one of win, loss, push, void").arg(key));
        *target = *result;
    }
    const QJsonValue payout = d.value(QStringLiteral("payout"));
    if (!payout.isUndefined()) {
        const double p = payout.toDouble(0.5);
        // Range first: casting a double beyond qint64 (1e300 from a hostile frame) is undefined behaviour,
        // which the fuzzer found; past 2^53 integers stop being exact anyway, as in json::requireInteger.
        if (!payout.isDouble() || std::floor(p) != p || std::fabs(p) > 9007199254740992.0)
            return bad(QStringLiteral("payout must be an integer"));
        c.payout = static_cast<qint64>(p);
    }
    for (auto [key, target] : {std::pair{QStringLiteral("currency"), &c.currency},
                               {QStringLiteral("resolution_notes"), &c.resolutionNotes},
                               {QStringLiteral("resolution_source"), &c.resolutionSource},
                               {QStringLiteral("dispute_reason"), &c.disputeReason},
                               {QStringLiteral("decision_notes"), &c.decisionNotes},
                               {QStringLiteral("actor_id"), &c.actorId},
                               {QStringLiteral("market"), &c.market},
                               {QStringLiteral("event_name"), &c.eventName},
                               {QStringLiteral("selection"), &c.selection}}) {
        const auto value = text(d, key);
        if (!value)
            return value.error();
        *target = *value;
    }
    const auto state = text(d, QStringLiteral("dispute_state"));
    if (!state)
        return state.error();
    if (!state->isEmpty()) {
        c.disputeState = disputeStateFromName(*state);
        if (!c.disputeState)
            return bad(QStringLiteral("dispute_state must be null or one of open, upheld, rejected"));
    }
    c.hasDisputeDeadline = d.contains(QStringLiteral("dispute_deadline"));
    const auto deadline = time(d, QStringLiteral("dispute_deadline"));
    if (!deadline)
        return deadline.error();
    c.disputeDeadline = *deadline;
    for (auto [key, target] : {std::pair{QStringLiteral("void_factor"), &c.voidFactor},
                               {QStringLiteral("dead_heat_factor"), &c.deadHeatFactor}}) {
        const auto value = factor(d, key);
        if (!value)
            return value.error();
        *target = *value;
    }
    const auto deduction = optionalCount(d, QStringLiteral("deduction"));
    if (!deduction)
        return deduction.error();
    if (*deduction)
        c.deduction = static_cast<int>(**deduction);
    const auto certainty = text(d, QStringLiteral("certainty"));
    if (!certainty)
        return certainty.error();
    if (!certainty->isEmpty()) {
        const auto parsed = certaintyFromName(*certainty);
        if (!parsed)
            return bad(QStringLiteral("certainty must be null, provisional or confirmed"));
        c.certainty = *parsed;
    }
    const auto supersedes = optionalCount(d, QStringLiteral("supersedes_seq"));
    if (!supersedes)
        return supersedes.error();
    c.supersedesSeq = supersedes->value_or(0);
    const auto updated = time(d, QStringLiteral("updated_at"));
    if (!updated)
        return updated.error();
    c.updatedAt = *updated;
    return c;
}

} // namespace json

} // namespace betthat
