#pragma once

// The calls the dialogs, models and the session make to the HTTP API (docs/API.md), as an interface: the real
// ApiClient implements it over the network, a fake in tests/support serves canned answers to widget tests.

#include "apitypes.h"
#include "common/betrules.h"
#include "common/notificationpreferences.h"
#include "common/webhook.h"

#include <QJsonObject>
#include <QObject>
#include <functional>

namespace betthat::app {

// Every call finishes exactly once with a value or an Error (server code + message; Unavailable for network
// errors and timeouts), unless the context object died first or the call was cancelled: then never.
template <typename T> using ApiCallback = std::function<void(const Result<T> &)>;

class ApiPort : public QObject
{
    Q_OBJECT
public:
    using RequestId = quint64;

    explicit ApiPort(QObject *parent = nullptr) : QObject(parent) {}

    // A fresh key for a mutating request. Keep and pass it again when the SAME user action is retried,
    // so the server answers the retry with the first result instead of acting twice.
    static QString newIdempotencyKey();

    // --- reads
    virtual RequestId me(QObject *context, ApiCallback<UserAccount> done) = 0;
    virtual RequestId users(QObject *context, ApiCallback<QList<UserAccount>> done) = 0; // operators only
    virtual RequestId bets(const BetFilter &filter, QObject *context, ApiCallback<BetPage> done) = 0;
    virtual RequestId bet(const QString &betId, QObject *context, ApiCallback<Bet> done) = 0;
    virtual RequestId betEvents(const QString &betId, QObject *context, ApiCallback<QList<BetEvent>> done) = 0;
    // sinceSeq < 0: not sent (the newest `limit`); userId empty: not sent; limit 0: server default.
    virtual RequestId updates(qint64 sinceSeq, const QString &userId, int limit, QObject *context,
        ApiCallback<UpdatesPage> done) = 0;
    // The market's selections with their pending bets (operators).
    virtual RequestId marketSelections(const QString &eventName, const QString &market, QObject *context,
        ApiCallback<QList<MarketSelection>> done) = 0;
    // The caller's notification preferences (defaults for a user who never saved any).
    virtual RequestId notificationPreferences(QObject *context, ApiCallback<NotificationPreferences> done) = 0;
    // Changes only what `patch` names (docs/API.md, PATCH /me/notifications); answers the whole result.
    virtual RequestId updateNotificationPreferences(const QJsonObject &patch, QObject *context,
        ApiCallback<NotificationPreferences> done, const QString &idempotencyKey = {}) = 0;

    // --- mutations (each carries an Idempotency-Key: the given one, or a new one when empty)
    virtual RequestId placeBet(
        const NewBet &request, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;
    virtual RequestId cancelBet(
        const QString &betId, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;
    virtual RequestId resolveBet(const QString &betId, BetResult result, const QString &notes, QObject *context,
        ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;
    virtual RequestId resolveBets(const BulkResolveRequest &request, QObject *context,
        ApiCallback<QList<BulkResolveItem>> done, const QString &idempotencyKey = {}) = 0;
    virtual RequestId disputeBet(const QString &betId, const QString &reason, QObject *context,
        ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;
    // decision Upheld: re-settle with newResult; Rejected: newResult is ignored (the original stands).
    virtual RequestId decideDispute(const QString &betId, DisputeState decision, BetResult newResult,
        const QString &notes, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;
    // One request settles the whole market; the report lists every bet it touched.
    virtual RequestId settleMarket(const MarketSettleRequest &request, QObject *context,
        ApiCallback<MarketSettleReport> done, const QString &idempotencyKey = {}) = 0;
    // A settled, voided or disputed bet gets a different outcome (notes required); terms.deduction is sent.
    virtual RequestId resettleBet(const QString &betId, const SettlementTerms &terms, const QString &notes,
        QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;
    // A settled, voided or disputed bet back to pending (notes required).
    virtual RequestId rollbackBet(const QString &betId, const QString &notes, QObject *context,
        ApiCallback<Bet> done, const QString &idempotencyKey = {}) = 0;

    // --- webhooks (operators only; docs/INTEGRATIONS.md)
    virtual RequestId webhooks(QObject *context, ApiCallback<QList<Webhook>> done) = 0;
    // userIds empty: every user's events. The answer carries the generated secret (shown once).
    virtual RequestId createWebhook(const QString &url, const QStringList &eventTypes, const QStringList &userIds,
        QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey = {}) = 0;
    virtual RequestId setWebhookEnabled(const QString &id, bool enabled, QObject *context,
        ApiCallback<Webhook> done, const QString &idempotencyKey = {}) = 0;
    virtual RequestId deleteWebhook(
        const QString &id, QObject *context, ApiCallback<bool> done, const QString &idempotencyKey = {}) = 0;
    // The endpoint's recent delivery attempts, newest first.
    virtual RequestId webhookDeliveries(
        const QString &id, QObject *context, ApiCallback<QList<WebhookDelivery>> done) = 0;
    virtual RequestId replayWebhook(const QString &id, qint64 sinceSeq, QObject *context,
        ApiCallback<Webhook> done, const QString &idempotencyKey = {}) = 0;

    // --- operations (operators only; docs/OPERATIONS.md)
    // GET /metrics: the server's Prometheus text exposition as sent (ServerMetricsSampler parses it).
    virtual RequestId metrics(QObject *context, ApiCallback<QByteArray> done) = 0;

    // Drops a running call: its callback is not invoked.
    virtual void cancel(RequestId id) = 0;
    virtual void cancelAll() = 0;

Q_SIGNALS:
    // After every finished call (also failed ones); for status displays, logs and tests.
    void requestFinished(const betthat::app::ApiCallInfo &info);
    // A call was answered 401: the token is missing, wrong or revoked (the UI asks to sign in again).
    void unauthorized(const QString &message);
};

} // namespace betthat::app
