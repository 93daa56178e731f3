#include "fakeapi.h"

#include <QTimer>

namespace betthat::test {

using namespace app;

namespace {

Error noAnswer(const QString &name)
{
    return Error { ErrorCode::Unavailable, QStringLiteral("FakeApi: no canned answer for %1").arg(name), -1 };
}

FakeApi::Call makeCall(const QString &name, const QString &betId = {}, const QString &key = {}, QVariantMap args = {})
{
    return FakeApi::Call { name, betId, key, std::move(args) };
}

bool mutating(const QString &name)
{
    static const QStringList reads { QStringLiteral("me"), QStringLiteral("users"), QStringLiteral("bets"),
        QStringLiteral("bet"), QStringLiteral("betEvents"), QStringLiteral("updates"),
        QStringLiteral("marketSelections"), QStringLiteral("notificationPreferences"),
        QStringLiteral("webhooks"), QStringLiteral("webhookDeliveries"), QStringLiteral("metrics") };
    return !reads.contains(name);
}

} // namespace

FakeApi::FakeApi(QObject *parent) : ApiPort(parent)
{
}

void FakeApi::putBet(const Bet &bet)
{
    for (Bet &known : m_bets) {
        if (known.id == bet.id) {
            known = bet;
            return;
        }
    }
    m_bets.append(bet);
}

std::optional<Bet> FakeApi::storedBet(const QString &betId) const
{
    for (const Bet &bet : m_bets) {
        if (bet.id == betId)
            return bet;
    }
    return std::nullopt;
}

QList<FakeApi::Call> FakeApi::calls(const QString &name) const
{
    QList<Call> found;
    for (const Call &call : m_calls) {
        if (call.name == name)
            found.append(call);
    }
    return found;
}

template <typename T> Result<T> FakeApi::orFailure(const QString &name, Result<T> answer)
{
    QList<Error> &queued = m_failures[name];
    if (queued.isEmpty())
        return answer;
    return queued.takeFirst();
}

template <typename T>
FakeApi::RequestId FakeApi::respond(Call call, QObject *context, ApiCallback<T> done, Result<T> answer)
{
    // A mutation sends a key like the real client: the given one, or a fresh one.
    if (mutating(call.name) && call.idempotencyKey.isEmpty())
        call.idempotencyKey = newIdempotencyKey();
    m_calls.append(call);
    const RequestId id = m_nextId++;
    ApiCallInfo info;
    info.method = mutating(call.name) ? QStringLiteral("POST") : QStringLiteral("GET");
    info.path = call.name;
    info.idempotencyKey = mutating(call.name) ? call.idempotencyKey : QString();
    info.ok = answer.ok();
    info.httpStatus = answer.ok() ? 200 : httpStatusFor(answer.error().code);
    Pending pending;
    pending.context = context;
    pending.run = [this, done = std::move(done), answer = std::move(answer), info] {
        done(answer);
        Q_EMIT requestFinished(info);
        if (!answer.ok() && answer.error().code == ErrorCode::Unauthorized)
            Q_EMIT unauthorized(answer.error().message);
    };
    m_pending.insert(id, std::move(pending));
    if (m_holding)
        m_held.append(id);
    else
        QTimer::singleShot(0, this, [this, id] { deliver(id); });
    Q_EMIT called(call.name);
    return id;
}

void FakeApi::deliver(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // cancelled
    Pending pending = it.value();
    m_pending.erase(it);
    // Like ApiClient: a call whose context died is never answered.
    if (pending.context.isNull())
        return;
    pending.run();
}

int FakeApi::release()
{
    const QList<RequestId> held = std::exchange(m_held, {});
    for (RequestId id : held)
        deliver(id);
    return held.size();
}

void FakeApi::cancel(RequestId id)
{
    m_pending.remove(id);
}

void FakeApi::cancelAll()
{
    m_pending.clear();
    m_held.clear();
}

Result<Bet> FakeApi::mutate(const Call &call)
{
    Result<Bet> answer = betMutation ? betMutation(call) : Result<Bet>(noAnswer(call.name));
    answer = orFailure(call.name, std::move(answer));
    if (answer)
        putBet(*answer);
    return answer;
}

// --- reads

FakeApi::RequestId FakeApi::me(QObject *context, ApiCallback<UserAccount> done)
{
    Result<UserAccount> answer = m_me ? Result<UserAccount>(*m_me)
                                      : Result<UserAccount>(Error { ErrorCode::Unauthorized, {}, -1 });
    return respond(makeCall(QStringLiteral("me")), context, std::move(done),
        orFailure(QStringLiteral("me"), std::move(answer)));
}

FakeApi::RequestId FakeApi::users(QObject *context, ApiCallback<QList<UserAccount>> done)
{
    return respond(makeCall(QStringLiteral("users")), context, std::move(done),
        orFailure(QStringLiteral("users"), Result<QList<UserAccount>>(m_users)));
}

FakeApi::RequestId FakeApi::bets(const BetFilter &filter, QObject *context, ApiCallback<BetPage> done)
{
    QList<Bet> matching;
    for (const Bet &bet : std::as_const(m_bets)) {
        if ((filter.status && bet.status != *filter.status) || (filter.result && bet.result != *filter.result)
            || (!filter.userId.isEmpty() && bet.userId != filter.userId)
            || (!filter.market.isEmpty() && bet.market != filter.market)
            || (!filter.eventName.isEmpty() && bet.eventName != filter.eventName))
            continue;
        matching.append(bet);
    }
    // Pages by position: the cursor is the index of the next bet.
    const int from = filter.cursor.isEmpty() ? 0 : filter.cursor.toInt();
    const int limit = filter.limit > 0 ? filter.limit : 100;
    BetPage page;
    page.bets = matching.mid(from, limit);
    if (from + limit < matching.size())
        page.nextCursor = QString::number(from + limit);
    QVariantMap args { { QStringLiteral("userId"), filter.userId }, { QStringLiteral("cursor"), filter.cursor } };
    if (filter.status)
        args.insert(QStringLiteral("status"), int(*filter.status));
    return respond(makeCall(QStringLiteral("bets"), {}, {}, args), context, std::move(done),
        orFailure(QStringLiteral("bets"), Result<BetPage>(page)));
}

FakeApi::RequestId FakeApi::bet(const QString &betId, QObject *context, ApiCallback<Bet> done)
{
    const std::optional<Bet> known = storedBet(betId);
    Result<Bet> answer = known ? Result<Bet>(*known)
                               : Result<Bet>(Error { ErrorCode::NotFound, QStringLiteral("bet not found"), -1 });
    return respond(makeCall(QStringLiteral("bet"), betId), context, std::move(done),
        orFailure(QStringLiteral("bet"), std::move(answer)));
}

FakeApi::RequestId FakeApi::betEvents(const QString &betId, QObject *context, ApiCallback<QList<BetEvent>> done)
{
    Result<QList<BetEvent>> answer = storedBet(betId) || m_events.contains(betId)
        ? Result<QList<BetEvent>>(m_events.value(betId))
        : Result<QList<BetEvent>>(Error { ErrorCode::NotFound, QStringLiteral("bet not found"), -1 });
    return respond(makeCall(QStringLiteral("betEvents"), betId), context, std::move(done),
        orFailure(QStringLiteral("betEvents"), std::move(answer)));
}

FakeApi::RequestId FakeApi::updates(
    qint64 sinceSeq, const QString &userId, int limit, QObject *context, ApiCallback<UpdatesPage> done)
{
    const QVariantMap args { { QStringLiteral("sinceSeq"), sinceSeq }, { QStringLiteral("userId"), userId },
        { QStringLiteral("limit"), limit } };
    return respond(makeCall(QStringLiteral("updates"), {}, {}, args), context, std::move(done),
        orFailure(QStringLiteral("updates"), Result<UpdatesPage>(m_updates)));
}

FakeApi::RequestId FakeApi::marketSelections(const QString &eventName, const QString &market, QObject *context,
    ApiCallback<QList<MarketSelection>> done)
{
    const QVariantMap args { { QStringLiteral("eventName"), eventName }, { QStringLiteral("market"), market } };
    return respond(makeCall(QStringLiteral("marketSelections"), {}, {}, args), context, std::move(done),
        orFailure(QStringLiteral("marketSelections"), Result<QList<MarketSelection>>(m_selections)));
}

FakeApi::RequestId FakeApi::notificationPreferences(QObject *context, ApiCallback<NotificationPreferences> done)
{
    return respond(makeCall(QStringLiteral("notificationPreferences")), context, std::move(done),
        orFailure(QStringLiteral("notificationPreferences"), Result<NotificationPreferences>(m_preferences)));
}

FakeApi::RequestId FakeApi::updateNotificationPreferences(const QJsonObject &patch, QObject *context,
    ApiCallback<NotificationPreferences> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("patch"), patch.toVariantMap() } };
    return respond(makeCall(QStringLiteral("updateNotificationPreferences"), {}, idempotencyKey, args), context,
        std::move(done),
        orFailure(QStringLiteral("updateNotificationPreferences"), Result<NotificationPreferences>(m_preferences)));
}

// --- mutations

FakeApi::RequestId FakeApi::placeBet(
    const NewBet &request, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("eventName"), request.eventName },
        { QStringLiteral("market"), request.market }, { QStringLiteral("selection"), request.selection },
        { QStringLiteral("odds"), request.odds }, { QStringLiteral("stake"), request.stake } };
    const Call call = makeCall(QStringLiteral("placeBet"), {}, idempotencyKey, args);
    return respond(call, context, std::move(done), mutate(call));
}

FakeApi::RequestId FakeApi::cancelBet(
    const QString &betId, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const Call call = makeCall(QStringLiteral("cancelBet"), betId, idempotencyKey);
    return respond(call, context, std::move(done), mutate(call));
}

FakeApi::RequestId FakeApi::resolveBet(const QString &betId, BetResult result, const QString &notes,
    QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("result"), int(result) }, { QStringLiteral("notes"), notes } };
    const Call call = makeCall(QStringLiteral("resolveBet"), betId, idempotencyKey, args);
    return respond(call, context, std::move(done), mutate(call));
}

FakeApi::RequestId FakeApi::resolveBets(const BulkResolveRequest &request, QObject *context,
    ApiCallback<QList<BulkResolveItem>> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("betIds"), request.betIds },
        { QStringLiteral("market"), request.market }, { QStringLiteral("eventName"), request.eventName },
        { QStringLiteral("result"), int(request.result) }, { QStringLiteral("notes"), request.notes } };
    const Call call = makeCall(QStringLiteral("resolveBets"), {}, idempotencyKey, args);
    Result<QList<BulkResolveItem>> answer = bulkResolve
        ? bulkResolve(call)
        : Result<QList<BulkResolveItem>>(noAnswer(call.name));
    answer = orFailure(call.name, std::move(answer));
    if (answer) {
        for (const BulkResolveItem &item : *answer) {
            if (item.outcome)
                putBet(*item.outcome);
        }
    }
    return respond(call, context, std::move(done), std::move(answer));
}

FakeApi::RequestId FakeApi::disputeBet(const QString &betId, const QString &reason, QObject *context,
    ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const Call call
        = makeCall(QStringLiteral("disputeBet"), betId, idempotencyKey, { { QStringLiteral("reason"), reason } });
    return respond(call, context, std::move(done), mutate(call));
}

FakeApi::RequestId FakeApi::decideDispute(const QString &betId, DisputeState decision, BetResult newResult,
    const QString &notes, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("decision"), int(decision) },
        { QStringLiteral("result"), int(newResult) }, { QStringLiteral("notes"), notes } };
    const Call call = makeCall(QStringLiteral("decideDispute"), betId, idempotencyKey, args);
    return respond(call, context, std::move(done), mutate(call));
}

FakeApi::RequestId FakeApi::settleMarket(const MarketSettleRequest &request, QObject *context,
    ApiCallback<MarketSettleReport> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("eventName"), request.eventName },
        { QStringLiteral("market"), request.market }, { QStringLiteral("notes"), request.notes } };
    const Call call = makeCall(QStringLiteral("settleMarket"), {}, idempotencyKey, args);
    Result<MarketSettleReport> answer = settleMarketAnswer ? settleMarketAnswer(call)
                                                           : Result<MarketSettleReport>(noAnswer(call.name));
    return respond(call, context, std::move(done), orFailure(call.name, std::move(answer)));
}

FakeApi::RequestId FakeApi::resettleBet(const QString &betId, const SettlementTerms &terms, const QString &notes,
    QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("result"), int(terms.result) }, { QStringLiteral("notes"), notes } };
    const Call call = makeCall(QStringLiteral("resettleBet"), betId, idempotencyKey, args);
    return respond(call, context, std::move(done), mutate(call));
}

FakeApi::RequestId FakeApi::rollbackBet(const QString &betId, const QString &notes, QObject *context,
    ApiCallback<Bet> done, const QString &idempotencyKey)
{
    const Call call
        = makeCall(QStringLiteral("rollbackBet"), betId, idempotencyKey, { { QStringLiteral("notes"), notes } });
    return respond(call, context, std::move(done), mutate(call));
}

// --- webhooks: the list is canned; changes answer Unavailable unless a test fails them otherwise

FakeApi::RequestId FakeApi::webhooks(QObject *context, ApiCallback<QList<Webhook>> done)
{
    return respond(makeCall(QStringLiteral("webhooks")), context, std::move(done),
        orFailure(QStringLiteral("webhooks"), Result<QList<Webhook>>(m_webhooks)));
}

FakeApi::RequestId FakeApi::createWebhook(const QString &url, const QStringList &eventTypes,
    const QStringList &userIds, QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey)
{
    const QVariantMap args { { QStringLiteral("url"), url }, { QStringLiteral("eventTypes"), eventTypes },
        { QStringLiteral("userIds"), userIds } };
    const Call call = makeCall(QStringLiteral("createWebhook"), {}, idempotencyKey, args);
    return respond(call, context, std::move(done), orFailure(call.name, Result<Webhook>(noAnswer(call.name))));
}

FakeApi::RequestId FakeApi::setWebhookEnabled(
    const QString &id, bool enabled, QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey)
{
    const Call call = makeCall(
        QStringLiteral("setWebhookEnabled"), {}, idempotencyKey, { { QStringLiteral("id"), id }, { QStringLiteral("enabled"), enabled } });
    return respond(call, context, std::move(done), orFailure(call.name, Result<Webhook>(noAnswer(call.name))));
}

FakeApi::RequestId FakeApi::deleteWebhook(
    const QString &id, QObject *context, ApiCallback<bool> done, const QString &idempotencyKey)
{
    const Call call = makeCall(QStringLiteral("deleteWebhook"), {}, idempotencyKey, { { QStringLiteral("id"), id } });
    return respond(call, context, std::move(done), orFailure(call.name, Result<bool>(noAnswer(call.name))));
}

FakeApi::RequestId FakeApi::webhookDeliveries(
    const QString &id, QObject *context, ApiCallback<QList<WebhookDelivery>> done)
{
    const Call call = makeCall(QStringLiteral("webhookDeliveries"), {}, {}, { { QStringLiteral("id"), id } });
    return respond(call, context, std::move(done),
        orFailure(call.name, Result<QList<WebhookDelivery>>(QList<WebhookDelivery> {})));
}

FakeApi::RequestId FakeApi::replayWebhook(
    const QString &id, qint64 sinceSeq, QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey)
{
    const Call call = makeCall(QStringLiteral("replayWebhook"), {}, idempotencyKey,
        { { QStringLiteral("id"), id }, { QStringLiteral("sinceSeq"), sinceSeq } });
    return respond(call, context, std::move(done), orFailure(call.name, Result<Webhook>(noAnswer(call.name))));
}

// --- operations

QByteArray FakeApi::idleMetrics()
{
    // The families ServerMetricsSampler reads, written the way server/metrics renders them.
    QByteArray text = "# HELP betthat_connections Open realtime connections, by transport.\n"
                      "# TYPE betthat_connections gauge\n"
                      "betthat_connections{transport=\"websocket\"} 0\n"
                      "# HELP betthat_events_delivered_total Committed events written live to a WebSocket.\n"
                      "# TYPE betthat_events_delivered_total counter\n"
                      "betthat_events_delivered_total 0\n"
                      "# TYPE betthat_delivery_latency_seconds histogram\n";
    for (const char *le : { "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5",
             "5", "10", "+Inf" })
        text += QByteArray("betthat_delivery_latency_seconds_bucket{le=\"") + le + "\"} 0\n";
    text += "betthat_delivery_latency_seconds_sum 0\n"
            "betthat_delivery_latency_seconds_count 0\n"
            "# TYPE betthat_emails_total counter\n"
            "betthat_emails_total{result=\"failed\"} 0\n"
            "betthat_emails_total{result=\"retried\"} 0\n"
            "betthat_emails_total{result=\"sent\"} 0\n"
            "# TYPE betthat_email_queue_length gauge\n"
            "betthat_email_queue_length 0\n";
    return text;
}

FakeApi::RequestId FakeApi::metrics(QObject *context, ApiCallback<QByteArray> done)
{
    return respond(makeCall(QStringLiteral("metrics")), context, std::move(done),
        orFailure(QStringLiteral("metrics"), Result<QByteArray>(m_metrics)));
}

} // namespace betthat::test
