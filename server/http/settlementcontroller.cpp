#include "settlementcontroller.h"

#include "common/jsoncodec.h"
#include "common/money.h"
#include "common/timeutil.h"
#include "server/core/betservice.h"
#include "server/http/apiresponse.h"
#include "server/http/betanswers.h"
#include "server/http/idempotencyguard.h"
#include "server/http/jsonbody.h"
#include "server/http/queryreader.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace betthat::server {

namespace {

// A factor arrives like odds: a decimal string ("0.5", exact) or a JSON number (0.5) exact to 4 places.
Result<std::optional<qint64>> readFactor(const QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>();
    if (value.isString()) {
        const auto parsed = parseFactor(value.toString());
        if (!parsed)
            return badRequest(QStringLiteral("%1: %2").arg(key, parsed.error().message));
        return std::optional<qint64>(*parsed);
    }
    if (value.isDouble()) {
        const double scaled = value.toDouble() * kFactorScale;
        const double rounded = std::round(scaled);
        if (!std::isfinite(scaled) || std::fabs(scaled - rounded) > 1e-6 || rounded < 0 || rounded > kFactorScale)
            return badRequest(QStringLiteral("%1 must be a decimal between 0 and 1 with at most 4 decimals").arg(key));
        return std::optional<qint64>(static_cast<qint64>(rounded));
    }
    return badRequest(QStringLiteral("%1 must be a decimal string like \"0.5\", a number or null").arg(key));
}

Result<std::optional<int>> readDeduction(const QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<int>();
    const double d = value.toDouble(-1);
    if (!value.isDouble() || std::floor(d) != d || d < 0 || d > 90)
        return badRequest(QStringLiteral("%1 must be an integer from 0 to 90 (pence in the pound) or null").arg(key));
    return std::optional<int>(static_cast<int>(d));
}

// {result, void_factor?, dead_heat_factor?} (+ deduction? where allowed) as terms; the rules check the rest.
Result<SettlementTerms> readTerms(const QJsonObject &body, bool withDeduction)
{
    SettlementTerms terms;
    const QJsonValue result = body.value(QStringLiteral("result"));
    const auto parsed = resultFromName(result.toString());
    if (!result.isString() || !parsed)
        return badRequest(QStringLiteral("result is required (one of win, loss, push, void)"));
    terms.result = *parsed;
    const auto voidFactor = readFactor(body, QStringLiteral("void_factor"));
    if (!voidFactor)
        return voidFactor.error();
    terms.voidFactor = *voidFactor;
    const auto deadHeat = readFactor(body, QStringLiteral("dead_heat_factor"));
    if (!deadHeat)
        return deadHeat.error();
    terms.deadHeatFactor = *deadHeat;
    if (withDeduction) {
        const auto deduction = readDeduction(body, QStringLiteral("deduction"));
        if (!deduction)
            return deduction.error();
        terms.deduction = *deduction;
    }
    return terms;
}

Result<QDateTime> readTime(const QJsonObject &body, const QString &key)
{
    const auto text = json::requireString(body, key);
    if (!text)
        return text.error();
    const QDateTime t = parseIsoUtc(*text);
    if (!t.isValid())
        return badRequest(QStringLiteral("%1 must be an ISO 8601 timestamp").arg(key));
    return t;
}

} // namespace

QHttpServerResponse SettlementController::settleMarket(const ApiRequest &request) const
{
    if (!request.user.isOperator())
        return ApiResponse::error(ErrorCode::Forbidden, QStringLiteral("only operators settle markets"));
    const auto body = JsonBody::parse(request.http.body(),
        { QStringLiteral("event_name"), QStringLiteral("market"), QStringLiteral("outcomes"),
            QStringLiteral("notes"), QStringLiteral("certainty"), QStringLiteral("others"),
            QStringLiteral("deduction") });
    if (!body)
        return ApiResponse::error(body.error());
    MarketSettlement settlement;
    for (auto [key, target] : { std::pair { QStringLiteral("event_name"), &settlement.eventName },
             { QStringLiteral("market"), &settlement.market } }) {
        const auto value = json::requireString(*body, key);
        if (!value)
            return ApiResponse::error(value.error());
        *target = *value;
    }
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    settlement.notes = *notes;
    const auto certaintyText = JsonBody::optionalString(*body, QStringLiteral("certainty"));
    if (!certaintyText)
        return ApiResponse::error(certaintyText.error());
    if (!certaintyText->isEmpty()) {
        const auto certainty = certaintyFromName(*certaintyText);
        if (!certainty)
            return ApiResponse::error(badRequest(QStringLiteral("certainty must be provisional or confirmed")));
        settlement.certainty = *certainty;
    }
    const auto others = JsonBody::optionalString(*body, QStringLiteral("others"));
    if (!others)
        return ApiResponse::error(others.error());
    if (!others->isEmpty() && *others != QLatin1String("loss"))
        return ApiResponse::error(badRequest(QStringLiteral("others must be \"loss\" or absent")));
    settlement.othersLose = !others->isEmpty();
    // Rule 4 concerns the race, not one selection: one deduction for every winning selection.
    const auto deduction = readDeduction(*body, QStringLiteral("deduction"));
    if (!deduction)
        return ApiResponse::error(deduction.error());

    const QJsonValue outcomes = body->value(QStringLiteral("outcomes"));
    if (!outcomes.isArray())
        return ApiResponse::error(badRequest(QStringLiteral("outcomes must be an array of {selection, result}")));
    const QStringList outcomeKeys { QStringLiteral("selection"), QStringLiteral("result"),
        QStringLiteral("void_factor"), QStringLiteral("dead_heat_factor") };
    for (const QJsonValue &item : outcomes.toArray()) {
        if (!item.isObject())
            return ApiResponse::error(badRequest(QStringLiteral("outcomes must be an array of objects")));
        const QJsonObject o = item.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!outcomeKeys.contains(it.key()))
                return ApiResponse::error(
                    badRequest(QStringLiteral("unknown field \"%1\" in outcomes").arg(it.key().left(64))));
        const auto selection = json::requireString(o, QStringLiteral("selection"));
        if (!selection)
            return ApiResponse::error(selection.error());
        const auto read = readTerms(o, false);
        if (!read)
            return ApiResponse::error(makeError(ErrorCode::BadRequest,
                QStringLiteral("selection \"%1\": %2").arg(selection->left(200), read.error().message)));
        SettlementTerms terms = *read;
        if (terms.result == BetResult::Win)
            terms.deduction = *deduction;
        settlement.outcomes.append(SelectionOutcome { selection->trimmed(), terms });
    }

    const auto settled = m_service.settleMarket(request.user, settlement);
    if (!settled)
        return ApiResponse::error(settled.error());
    QJsonArray results;
    QMap<QString, int> counts;
    int failed = 0;
    for (const SettledBet &item : *settled) {
        QJsonObject o = betOutcomeJson(item.betId, item.outcome);
        o.insert(QStringLiteral("selection"), item.selection);
        o.insert(QStringLiteral("action"), settleActionName(item.action));
        results.append(o);
        if (item.outcome)
            ++counts[settleActionName(item.action)];
        else
            ++failed;
    }
    QJsonObject answer { { QStringLiteral("event_name"), settlement.eventName },
        { QStringLiteral("market"), settlement.market }, { QStringLiteral("results"), results },
        { QStringLiteral("failed"), failed } };
    for (SettledBet::Action action :
        { SettledBet::Settled, SettledBet::Confirmed, SettledBet::Resettled, SettledBet::Unchanged })
        answer.insert(settleActionName(action), counts.value(settleActionName(action)));
    return ApiResponse::json(answer);
}

QHttpServerResponse SettlementController::selections(const ApiRequest &request) const
{
    const QueryReader query(request.http.url());
    if (const auto names = query.checkNames({ QStringLiteral("event_name"), QStringLiteral("market") }); !names)
        return ApiResponse::error(names.error());
    const QString eventName = query.value(QStringLiteral("event_name"));
    const QString market = query.value(QStringLiteral("market"));
    if (eventName.trimmed().isEmpty() || market.trimmed().isEmpty())
        return ApiResponse::error(badRequest(QStringLiteral("event_name and market are required")));
    const auto read = m_service.marketSelections(request.user, eventName, market);
    if (!read)
        return ApiResponse::error(read.error());
    QJsonArray selections;
    for (const SelectionSummary &s : *read) {
        QJsonObject stake;
        for (auto it = s.pendingStake.cbegin(); it != s.pendingStake.cend(); ++it)
            stake.insert(it.key(), it.value());
        selections.append(QJsonObject { { QStringLiteral("selection"), s.selection },
            { QStringLiteral("pending_bets"), s.pendingBets }, { QStringLiteral("pending_stake"), stake },
            { QStringLiteral("provisional_bets"), s.provisionalBets } });
    }
    return ApiResponse::json(QJsonObject { { QStringLiteral("event_name"), eventName },
        { QStringLiteral("market"), market }, { QStringLiteral("selections"), selections } });
}

QHttpServerResponse SettlementController::resettle(const ApiRequest &request) const
{
    const auto body = JsonBody::parse(request.http.body(),
        { QStringLiteral("result"), QStringLiteral("notes"), QStringLiteral("void_factor"),
            QStringLiteral("dead_heat_factor"), QStringLiteral("deduction") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto terms = readTerms(*body, true);
    if (!terms)
        return ApiResponse::error(terms.error());
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    const auto key = request.idempotency ? request.idempotency->keyForCommit(200) : std::nullopt;
    return betResponse(m_service.resettle(request.user, request.pathId, *terms, *notes, key));
}

QHttpServerResponse SettlementController::rollback(const ApiRequest &request) const
{
    const auto body = JsonBody::parse(request.http.body(), { QStringLiteral("notes") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    const auto key = request.idempotency ? request.idempotency->keyForCommit(200) : std::nullopt;
    return betResponse(m_service.rollback(request.user, request.pathId, *notes, key));
}

QHttpServerResponse SettlementController::cancelEvent(const ApiRequest &request) const
{
    return cancelWindow(request, false);
}

QHttpServerResponse SettlementController::rollbackCancelEvent(const ApiRequest &request) const
{
    return cancelWindow(request, true);
}

QHttpServerResponse SettlementController::cancelWindow(const ApiRequest &request, bool rollback) const
{
    if (!request.user.isOperator())
        return ApiResponse::error(ErrorCode::Forbidden, QStringLiteral("only operators cancel events"));
    const auto body = JsonBody::parse(request.http.body(),
        { QStringLiteral("event_name"), QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("notes") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto eventName = json::requireString(*body, QStringLiteral("event_name"));
    if (!eventName)
        return ApiResponse::error(eventName.error());
    const auto from = readTime(*body, QStringLiteral("from"));
    if (!from)
        return ApiResponse::error(from.error());
    const auto to = readTime(*body, QStringLiteral("to"));
    if (!to)
        return ApiResponse::error(to.error());
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    const auto outcomes = rollback
        ? m_service.rollbackCancelEvent(request.user, *eventName, *from, *to, *notes)
        : m_service.cancelEvent(request.user, *eventName, *from, *to, *notes);
    if (!outcomes)
        return ApiResponse::error(outcomes.error());
    QJsonArray results;
    int succeeded = 0;
    for (const BulkOutcome &outcome : *outcomes) {
        succeeded += outcome.outcome.ok() ? 1 : 0;
        results.append(betOutcomeJson(outcome.betId, outcome.outcome));
    }
    return ApiResponse::json(QJsonObject { { QStringLiteral("results"), results },
        { QStringLiteral("succeeded"), succeeded },
        { QStringLiteral("failed"), static_cast<int>(outcomes->size()) - succeeded } });
}

} // namespace betthat::server
