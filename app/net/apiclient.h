#pragma once

// The app's HTTP client for /api/v1: one method per endpoint, typed results, server errors as betthat::Error.

#include "apitypes.h"
#include "common/betrules.h"
#include "common/notificationpreferences.h"
#include "common/webhook.h"
#include "serverendpoint.h"

#include <QHash>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace betthat::app {

// Every call finishes exactly once with a value or an Error (server code + message; Unavailable for network
// errors and timeouts), unless the context object died first or the call was cancelled: then never.
template <typename T> using ApiCallback = std::function<void(const Result<T> &)>;

class ApiClient : public QObject
{
    Q_OBJECT
public:
    using RequestId = quint64;

    explicit ApiClient(ServerEndpoint endpoint, QObject *parent = nullptr);
    ~ApiClient() override;

    const ServerEndpoint &endpoint() const { return m_endpoint; }
    void setEndpoint(const ServerEndpoint &endpoint); // running calls keep the old one
    // Per-request transfer timeout; 0 disables. Default 15 s.
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    // A fresh key for a mutating request. Keep and pass it again when the SAME user action is retried,
    // so the server answers the retry with the first result instead of acting twice.
    static QString newIdempotencyKey();

    // --- reads
    RequestId me(QObject *context, ApiCallback<UserAccount> done);
    RequestId users(QObject *context, ApiCallback<QList<UserAccount>> done); // operators only
    RequestId bets(const BetFilter &filter, QObject *context, ApiCallback<BetPage> done);
    RequestId bet(const QString &betId, QObject *context, ApiCallback<Bet> done);
    RequestId betEvents(
        const QString &betId, QObject *context, ApiCallback<QList<BetEvent>> done); // audit trail
    // sinceSeq < 0: not sent (the newest `limit`); userId empty: not sent; limit 0: server default.
    RequestId updates(
        qint64 sinceSeq, const QString &userId, int limit, QObject *context, ApiCallback<UpdatesPage> done);

    // The market's selections with their pending bets (operators).
    RequestId marketSelections(const QString &eventName, const QString &market, QObject *context,
        ApiCallback<QList<MarketSelection>> done);

    // The caller's notification preferences (defaults for a user who never saved any).
    RequestId notificationPreferences(QObject *context, ApiCallback<NotificationPreferences> done);
    // Changes only what `patch` names (docs/API.md, PATCH /me/notifications); answers the whole result.
    RequestId updateNotificationPreferences(const QJsonObject &patch, QObject *context,
        ApiCallback<NotificationPreferences> done, const QString &idempotencyKey = {});

    // --- mutations (each carries an Idempotency-Key: the given one, or a new one when empty)
    RequestId placeBet(
        const NewBet &request, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {});
    RequestId cancelBet(
        const QString &betId, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {});
    RequestId resolveBet(const QString &betId, BetResult result, const QString &notes, QObject *context,
        ApiCallback<Bet> done, const QString &idempotencyKey = {});
    RequestId resolveBets(const BulkResolveRequest &request, QObject *context,
        ApiCallback<QList<BulkResolveItem>> done, const QString &idempotencyKey = {});
    RequestId disputeBet(const QString &betId, const QString &reason, QObject *context, ApiCallback<Bet> done,
        const QString &idempotencyKey = {});
    // decision Upheld: re-settle with newResult; Rejected: newResult is ignored (the original stands).
    RequestId decideDispute(const QString &betId, DisputeState decision, BetResult newResult,
        const QString &notes, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {});

    // --- webhooks (operators only; docs/INTEGRATIONS.md)
    RequestId webhooks(QObject *context, ApiCallback<QList<Webhook>> done);
    // userIds empty: every user's events. The answer carries the generated secret (shown once).
    RequestId createWebhook(const QString &url, const QStringList &eventTypes, const QStringList &userIds,
        QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey = {});
    RequestId setWebhookEnabled(const QString &id, bool enabled, QObject *context, ApiCallback<Webhook> done,
        const QString &idempotencyKey = {});
    RequestId deleteWebhook(
        const QString &id, QObject *context, ApiCallback<bool> done, const QString &idempotencyKey = {});
    // The endpoint's recent delivery attempts, newest first.
    RequestId webhookDeliveries(const QString &id, QObject *context, ApiCallback<QList<WebhookDelivery>> done);
    RequestId replayWebhook(const QString &id, qint64 sinceSeq, QObject *context, ApiCallback<Webhook> done,
        const QString &idempotencyKey = {});

    // One request settles the whole market; the report lists every bet it touched.
    RequestId settleMarket(const MarketSettleRequest &request, QObject *context,
        ApiCallback<MarketSettleReport> done, const QString &idempotencyKey = {});
    // A settled, voided or disputed bet gets a different outcome (notes required); terms.deduction is sent.
    RequestId resettleBet(const QString &betId, const SettlementTerms &terms, const QString &notes,
        QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {});
    // A settled, voided or disputed bet back to pending (notes required).
    RequestId rollbackBet(const QString &betId, const QString &notes, QObject *context, ApiCallback<Bet> done,
        const QString &idempotencyKey = {});

    // Drops a running call: its callback is not invoked.
    void cancel(RequestId id);
    void cancelAll();
    int pendingCount() const { return m_pending.size(); }

Q_SIGNALS:
    // After every finished call (also failed ones); for status displays, logs and tests.
    void requestFinished(const betthat::app::ApiCallInfo &info);
    // A call was answered 401: the token is missing, wrong or revoked (the UI asks to sign in again).
    void unauthorized(const QString &message);

private:
    using RawCallback = std::function<void(const Result<QJsonDocument> &)>;
    RequestId send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
        const QJsonDocument &body, const QString &idempotencyKey, QObject *context, RawCallback done);
    void finish(QNetworkReply *reply);

    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QPointer<QObject> context;
        bool hadContext = false;
        RawCallback done;
        ApiCallInfo info;
    };

    ServerEndpoint m_endpoint;
    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 15000;
    RequestId m_nextId = 1;
    QHash<RequestId, Pending> m_pending;
};

} // namespace betthat::app
