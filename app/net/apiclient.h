#pragma once

// The app's HTTP client for /api/v1 (the ApiPort over the network): one method per endpoint, typed results,
// server errors as betthat::Error.

#include "apiport.h"
#include "serverendpoint.h"

#include <QHash>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace betthat::app {

class ApiClient : public ApiPort
{
    Q_OBJECT
public:
    explicit ApiClient(ServerEndpoint endpoint, QObject *parent = nullptr);
    ~ApiClient() override;

    const ServerEndpoint &endpoint() const { return m_endpoint; }
    void setEndpoint(const ServerEndpoint &endpoint); // running calls keep the old one
    // Per-request transfer timeout; 0 disables. Default 15 s.
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    RequestId me(QObject *context, ApiCallback<UserAccount> done) override;
    RequestId users(QObject *context, ApiCallback<QList<UserAccount>> done) override;
    RequestId bets(const BetFilter &filter, QObject *context, ApiCallback<BetPage> done) override;
    RequestId bet(const QString &betId, QObject *context, ApiCallback<Bet> done) override;
    RequestId betEvents(const QString &betId, QObject *context, ApiCallback<QList<BetEvent>> done) override;
    RequestId updates(qint64 sinceSeq, const QString &userId, int limit, QObject *context,
        ApiCallback<UpdatesPage> done) override;
    RequestId marketSelections(const QString &eventName, const QString &market, QObject *context,
        ApiCallback<QList<MarketSelection>> done) override;
    RequestId notificationPreferences(QObject *context, ApiCallback<NotificationPreferences> done) override;
    RequestId updateNotificationPreferences(const QJsonObject &patch, QObject *context,
        ApiCallback<NotificationPreferences> done, const QString &idempotencyKey = {}) override;

    RequestId placeBet(const NewBet &request, QObject *context, ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;
    RequestId cancelBet(const QString &betId, QObject *context, ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;
    RequestId resolveBet(const QString &betId, BetResult result, const QString &notes, QObject *context,
        ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId resolveBets(const BulkResolveRequest &request, QObject *context,
        ApiCallback<QList<BulkResolveItem>> done, const QString &idempotencyKey = {}) override;
    RequestId disputeBet(const QString &betId, const QString &reason, QObject *context, ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;
    RequestId decideDispute(const QString &betId, DisputeState decision, BetResult newResult,
        const QString &notes, QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId settleMarket(const MarketSettleRequest &request, QObject *context,
        ApiCallback<MarketSettleReport> done, const QString &idempotencyKey = {}) override;
    RequestId resettleBet(const QString &betId, const SettlementTerms &terms, const QString &notes,
        QObject *context, ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId rollbackBet(const QString &betId, const QString &notes, QObject *context, ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;

    RequestId webhooks(QObject *context, ApiCallback<QList<Webhook>> done) override;
    RequestId createWebhook(const QString &url, const QStringList &eventTypes, const QStringList &userIds,
        QObject *context, ApiCallback<Webhook> done, const QString &idempotencyKey = {}) override;
    RequestId setWebhookEnabled(const QString &id, bool enabled, QObject *context, ApiCallback<Webhook> done,
        const QString &idempotencyKey = {}) override;
    RequestId deleteWebhook(const QString &id, QObject *context, ApiCallback<bool> done,
        const QString &idempotencyKey = {}) override;
    RequestId webhookDeliveries(
        const QString &id, QObject *context, ApiCallback<QList<WebhookDelivery>> done) override;
    RequestId replayWebhook(const QString &id, qint64 sinceSeq, QObject *context, ApiCallback<Webhook> done,
        const QString &idempotencyKey = {}) override;

    RequestId metrics(QObject *context, ApiCallback<QByteArray> done) override;

    void cancel(RequestId id) override;
    void cancelAll() override;
    int pendingCount() const { return m_pending.size(); }

private:
    using RawCallback = std::function<void(const Result<QJsonDocument> &)>;
    using TextCallback = std::function<void(const Result<QByteArray> &)>;
    struct Pending
    {
        QPointer<QNetworkReply> reply;
        QPointer<QObject> context;
        bool hadContext = false;
        RawCallback done;     // a JSON answer (the API)
        TextCallback textDone; // or a text answer, taken as sent (GET /metrics)
        ApiCallInfo info;
    };

    RequestId send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
        const QJsonDocument &body, const QString &idempotencyKey, QObject *context, RawCallback done);
    // GET of a text/plain resource outside /api/v1, cut off past maxBytes.
    RequestId getText(const QUrl &url, qint64 maxBytes, QObject *context, TextCallback done);
    RequestId track(QNetworkReply *reply, Pending pending, QObject *context);
    void finish(QNetworkReply *reply);

    ServerEndpoint m_endpoint;
    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 15000;
    RequestId m_nextId = 1;
    QHash<RequestId, Pending> m_pending;
};

} // namespace betthat::app
