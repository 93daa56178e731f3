#include "betscontroller.h"

#include "common/jsoncodec.h"
#include "common/money.h"
#include "server/core/betservice.h"
#include "server/http/apiresponse.h"
#include "server/http/betanswers.h"
#include "server/http/betcursor.h"
#include "server/http/idempotencyguard.h"
#include "server/http/jsonbody.h"
#include "server/http/queryreader.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace betthat::server {

namespace {

// The Idempotency-Key of a single-bet change: storage writes its answer (the committed bet, as betResponse()
// encodes it) in the change's own transaction.
std::optional<IdempotencyKey> answerInTransaction(const ApiRequest &request, int status = 200)
{
    if (!request.idempotency)
        return std::nullopt;
    return request.idempotency->keyForCommit(status);
}

const QString kResultNames = QStringLiteral("win, loss, push, void");

Result<BetResult> readResult(const QJsonObject &body, const QString &key, bool required)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return badRequest(QStringLiteral("%1 is required (one of %2)").arg(key, kResultNames));
        return BetResult::None;
    }
    const auto result = resultFromName(value.toString());
    if (!value.isString() || !result)
        return badRequest(QStringLiteral("%1 must be one of %2").arg(key, kResultNames));
    return *result;
}

// Odds arrive as a decimal string ("2.50", exact) or as a JSON number (2.5), which must still be exact to 4
// places.
Result<qint64> readOdds(const QJsonValue &value)
{
    if (value.isString())
        return parseOdds(value.toString());
    if (value.isDouble()) {
        const double scaled = value.toDouble() * kOddsScale;
        if (!std::isfinite(scaled) || scaled >= 1e10 || scaled < 0)
            return badRequest(QStringLiteral("odds must be a decimal number below 1000000"));
        const double rounded = std::round(scaled);
        if (std::fabs(scaled - rounded) > 1e-6)
            return badRequest(QStringLiteral("odds must have at most 4 decimals"));
        if (static_cast<qint64>(rounded) <= kOddsScale)
            return badRequest(QStringLiteral("odds must be greater than 1.0"));
        return static_cast<qint64>(rounded);
    }
    if (value.isUndefined() || value.isNull())
        return badRequest(QStringLiteral("odds is required, e.g. \"2.50\""));
    return badRequest(QStringLiteral("odds must be a decimal string like \"2.50\" or a number"));
}

} // namespace

QHttpServerResponse BetsController::list(const ApiRequest &request) const
{
    const QueryReader query(request.http.url());
    if (const auto names = query.checkNames({ QStringLiteral("status"), QStringLiteral("result"),
            QStringLiteral("user_id"), QStringLiteral("market"), QStringLiteral("event_name"),
            QStringLiteral("limit"), QStringLiteral("cursor") });
        !names)
        return ApiResponse::error(names.error());

    BetQuery filter;
    const QString userId = query.value(QStringLiteral("user_id"));
    if (!userId.isEmpty() && !isValidUserId(userId))
        return ApiResponse::error(badRequest(QStringLiteral("user_id is not a valid user id")));
    filter.userId = userId;

    if (query.has(QStringLiteral("status"))) {
        const auto status = statusFromName(query.value(QStringLiteral("status")));
        if (!status)
            return ApiResponse::error(
                badRequest(QStringLiteral("status must be one of pending, settled, voided, cancelled, disputed")));
        filter.status = *status;
    }
    if (query.has(QStringLiteral("result"))) {
        const auto result = resultFromName(query.value(QStringLiteral("result")));
        if (!result)
            return ApiResponse::error(badRequest(QStringLiteral("result must be one of %1").arg(kResultNames)));
        filter.result = *result;
    }
    filter.market = query.value(QStringLiteral("market"));
    filter.eventName = query.value(QStringLiteral("event_name"));

    const auto limit = query.limit(kDefaultPageSize, kMaxPageSize);
    if (!limit)
        return ApiResponse::error(limit.error());
    if (query.has(QStringLiteral("cursor"))) {
        const auto cursor = BetCursor::decode(query.value(QStringLiteral("cursor")));
        if (!cursor)
            return ApiResponse::error(cursor.error());
        filter.beforeUpdatedAt = cursor->updatedAt;
        filter.beforeId = cursor->id;
    }
    // One row more than the page tells whether another page exists without a COUNT query.
    filter.limit = *limit + 1;
    auto read = m_service.bets(request.user, filter);
    if (!read)
        return ApiResponse::error(read.error());
    QList<Bet> &rows = read.value();

    QJsonValue nextCursor;
    if (rows.size() > *limit) {
        rows.resize(*limit);
        nextCursor = BetCursor { rows.last().updatedAt, rows.last().id }.encode();
    }
    QJsonArray bets;
    for (const Bet &bet : std::as_const(rows))
        bets.append(json::encode(bet));
    return ApiResponse::json(
        QJsonObject { { QStringLiteral("bets"), bets }, { QStringLiteral("next_cursor"), nextCursor } });
}

QHttpServerResponse BetsController::get(const ApiRequest &request) const
{
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    return betResponse(m_service.bet(request.user, request.pathId));
}

QHttpServerResponse BetsController::events(const ApiRequest &request) const
{
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    // A failed read answers 503, never a shortened trail: an audit trail with holes is worse than none.
    const auto trail = m_service.trail(request.user, request.pathId);
    if (!trail)
        return ApiResponse::error(trail.error());
    QJsonArray events;
    for (const BetEvent &event : *trail)
        events.append(json::encode(event));
    return ApiResponse::json(QJsonObject { { QStringLiteral("events"), events } });
}

QHttpServerResponse BetsController::place(const ApiRequest &request) const
{
    const auto body = JsonBody::parse(request.http.body(),
        { QStringLiteral("event_name"), QStringLiteral("market"), QStringLiteral("selection"),
            QStringLiteral("odds"), QStringLiteral("stake"), QStringLiteral("currency") });
    if (!body)
        return ApiResponse::error(body.error());
    NewBet bet;
    for (auto [key, target] : { std::pair { QStringLiteral("event_name"), &bet.eventName },
             { QStringLiteral("market"), &bet.market }, { QStringLiteral("selection"), &bet.selection } }) {
        const auto value = json::requireString(*body, key);
        if (!value)
            return ApiResponse::error(value.error());
        *target = *value;
    }
    const auto odds = readOdds(body->value(QStringLiteral("odds")));
    if (!odds)
        return ApiResponse::error(odds.error());
    bet.odds = *odds;
    const auto stake = json::requireInteger(*body, QStringLiteral("stake"));
    if (!stake)
        return ApiResponse::error(stake.error());
    bet.stake = *stake;
    const auto currency = JsonBody::optionalString(*body, QStringLiteral("currency"));
    if (!currency)
        return ApiResponse::error(currency.error());
    bet.currency = currency->isEmpty() ? request.user.currency : *currency;
    return betResponse(m_service.place(request.user, bet, answerInTransaction(request, 201)), 201);
}

QHttpServerResponse BetsController::cancel(const ApiRequest &request) const
{
    if (const auto body = JsonBody::parse(request.http.body(), {}, true); !body)
        return ApiResponse::error(body.error());
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    return betResponse(m_service.cancel(request.user, request.pathId, answerInTransaction(request)));
}

QHttpServerResponse BetsController::resolve(const ApiRequest &request) const
{
    const auto body
        = JsonBody::parse(request.http.body(), { QStringLiteral("result"), QStringLiteral("notes") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto result = readResult(*body, QStringLiteral("result"), true);
    if (!result)
        return ApiResponse::error(result.error());
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    return betResponse(
        m_service.resolve(request.user, request.pathId, *result, *notes, answerInTransaction(request)));
}

QHttpServerResponse BetsController::dispute(const ApiRequest &request) const
{
    const auto body = JsonBody::parse(request.http.body(), { QStringLiteral("reason") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto reason = JsonBody::optionalString(*body, QStringLiteral("reason"));
    if (!reason)
        return ApiResponse::error(reason.error());
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    return betResponse(
        m_service.dispute(request.user, request.pathId, *reason, answerInTransaction(request)));
}

QHttpServerResponse BetsController::decideDispute(const ApiRequest &request) const
{
    const auto body = JsonBody::parse(request.http.body(),
        { QStringLiteral("decision"), QStringLiteral("result"), QStringLiteral("notes") });
    if (!body)
        return ApiResponse::error(body.error());
    const QJsonValue decisionValue = body->value(QStringLiteral("decision"));
    const auto decision = disputeStateFromName(decisionValue.toString());
    if (!decisionValue.isString() || !decision || *decision == DisputeState::Open)
        return ApiResponse::error(badRequest(QStringLiteral("decision must be upheld or rejected")));
    const auto result = readResult(*body, QStringLiteral("result"), false);
    if (!result)
        return ApiResponse::error(result.error());
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    if (!isBetId(request.pathId))
        return ApiResponse::error(betNotFound(request.pathId));
    return betResponse(m_service.decideDispute(
        request.user, request.pathId, *decision, *result, *notes, answerInTransaction(request)));
}

QHttpServerResponse BetsController::resolveMany(const ApiRequest &request) const
{
    if (!request.user.isOperator())
        return ApiResponse::error(ErrorCode::Forbidden, QStringLiteral("only operators resolve bets"));
    const QString idsKey = QStringLiteral("bet_ids");
    const QString marketKey = QStringLiteral("market");
    const QString eventKey = QStringLiteral("event_name");
    const auto body = JsonBody::parse(request.http.body(),
        { idsKey, marketKey, eventKey, QStringLiteral("result"), QStringLiteral("notes") });
    if (!body)
        return ApiResponse::error(body.error());
    const auto result = readResult(*body, QStringLiteral("result"), true);
    if (!result)
        return ApiResponse::error(result.error());
    const auto notes = JsonBody::optionalString(*body, QStringLiteral("notes"));
    if (!notes)
        return ApiResponse::error(notes.error());
    // Check result and notes once against a stand-in pending bet, so a request that would fail for every bet
    // is refused as a whole instead of answering a thousand identical errors.
    Bet probe;
    probe.id = QStringLiteral("0");
    probe.stake = 1;
    probe.odds = 2 * kOddsScale;
    if (const auto check = m_service.rules().resolve(probe, request.user, *result, *notes, m_service.now());
        !check && check.error().code == ErrorCode::BadRequest)
        return ApiResponse::error(check.error());

    QStringList ids;
    const bool byIds = body->contains(idsKey);
    const bool byMarket = body->contains(marketKey);
    if (byIds == byMarket)
        return ApiResponse::error(
            badRequest(QStringLiteral("give either bet_ids or market (with optional event_name)")));
    if (byIds) {
        if (body->contains(eventKey))
            return ApiResponse::error(
                badRequest(QStringLiteral("event_name only narrows market; not with bet_ids")));
        const QJsonValue value = body->value(idsKey);
        if (!value.isArray() || value.toArray().isEmpty())
            return ApiResponse::error(
                badRequest(QStringLiteral("bet_ids must be a non-empty array of bet id strings")));
        const QJsonArray array = value.toArray();
        if (array.size() > kMaxBulkResolve)
            return ApiResponse::error(badRequest(QStringLiteral("at most %1 bets per request (got %2)")
                                              .arg(kMaxBulkResolve)
                                              .arg(array.size())));
        QSet<QString> seen;
        for (const QJsonValue &item : array) {
            if (!item.isString())
                return ApiResponse::error(badRequest(QStringLiteral("bet_ids must be an array of bet id strings")));
            const QString id = item.toString();
            if (seen.contains(id))
                return ApiResponse::error(
                    badRequest(QStringLiteral("bet %1 is listed twice in bet_ids").arg(id.left(64))));
            seen.insert(id);
            ids.append(id);
        }
    } else {
        const auto market = json::requireString(*body, marketKey);
        if (!market)
            return ApiResponse::error(market.error());
        const auto eventName = JsonBody::optionalString(*body, eventKey);
        if (!eventName)
            return ApiResponse::error(eventName.error());
        const auto read = m_service.pendingInMarket(request.user, *market, *eventName, kMaxBulkResolve + 1);
        if (!read)
            return ApiResponse::error(read.error());
        const QList<Bet> &pending = *read;
        if (pending.size() > kMaxBulkResolve)
            return ApiResponse::error(
                badRequest(QStringLiteral("more than %1 pending bets match; narrow with event_name "
                                   "or pass bet_ids")
                        .arg(kMaxBulkResolve)));
        for (const Bet &bet : pending)
            ids.append(bet.id);
    }

    QStringList valid;
    for (const QString &id : std::as_const(ids))
        if (isBetId(id))
            valid.append(id);
    const QList<BulkOutcome> resolved = m_service.resolveMany(request.user, valid, *result, *notes);
    // Report in the order asked for, malformed ids included as not found.
    auto next = resolved.cbegin();
    QJsonArray results;
    int succeeded = 0;
    for (const QString &id : std::as_const(ids)) {
        const BulkOutcome outcome = isBetId(id) ? *next++ : BulkOutcome { id, betNotFound(id) };
        succeeded += outcome.outcome.ok() ? 1 : 0;
        results.append(betOutcomeJson(outcome.betId, outcome.outcome));
    }
    return ApiResponse::json(
        QJsonObject { { QStringLiteral("results"), results }, { QStringLiteral("succeeded"), succeeded },
            { QStringLiteral("failed"), static_cast<int>(ids.size()) - succeeded } });
}

} // namespace betthat::server
