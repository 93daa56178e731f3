#pragma once

// A fake at the network seam for widget and model tests: an ApiPort that answers from canned state (bets,
// their events, users, pages) on the next turn of the event loop, records every call with its idempotency
// key, and can fail or hold answers. The real-server suites (tests/app/net, e2e) keep testing ApiClient.

#include "app/net/apiport.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QVariantMap>
#include <functional>
#include <optional>

namespace betthat::test {

class FakeApi : public app::ApiPort
{
    Q_OBJECT
public:
    // One call as the dialog or model made it.
    struct Call
    {
        QString name; // the ApiPort method: "resolveBet", "bets", ...
        QString betId;
        QString idempotencyKey; // empty for reads
        QVariantMap args;       // the call's other arguments, enums as int
    };
    template <typename T> using Answer = std::function<Result<T>(const Call &)>;

    explicit FakeApi(QObject *parent = nullptr);

    // --- canned state the reads answer from
    void setMe(const app::UserAccount &me) { m_me = me; }
    void setUsers(const QList<app::UserAccount> &users) { m_users = users; }
    void putBet(const Bet &bet); // insert or replace (placement order kept)
    std::optional<Bet> storedBet(const QString &betId) const;
    void setEvents(const QString &betId, const QList<BetEvent> &events) { m_events.insert(betId, events); }
    void setUpdates(const UpdatesPage &page) { m_updates = page; }
    void setNotificationPreferences(const NotificationPreferences &p) { m_preferences = p; }
    void setWebhooks(const QList<Webhook> &webhooks) { m_webhooks = webhooks; }
    void setMarketSelections(const QList<app::MarketSelection> &selections) { m_selections = selections; }
    // What metrics() answers: the Prometheus text of a scrape (by default idleMetrics()).
    void setMetrics(const QByteArray &exposition) { m_metrics = exposition; }
    // A scrape like the server's own of an idle server: no connections, nothing delivered, no errors.
    static QByteArray idleMetrics();

    // --- answers of the mutations (default: Unavailable "no canned answer"); an answered Bet is stored.
    Answer<Bet> betMutation;                                 // place, cancel, resolve, dispute, decide, ...
    Answer<QList<app::BulkResolveItem>> bulkResolve;         // args["betIds"]
    Answer<app::MarketSettleReport> settleMarketAnswer;

    // The next call of this name fails with `error` (queued: several calls, several failures).
    void failNext(const QString &name, const Error &error) { m_failures[name].append(error); }
    // While holding, answers wait for release() (a request in flight, a dialog closed meanwhile).
    void setHolding(bool holding) { m_holding = holding; }
    int release(); // delivers the held answers in order; returns how many

    const QList<Call> &calls() const { return m_calls; }
    QList<Call> calls(const QString &name) const;
    int pendingCount() const { return m_pending.size(); }

    // --- ApiPort
    RequestId me(QObject *context, app::ApiCallback<app::UserAccount> done) override;
    RequestId users(QObject *context, app::ApiCallback<QList<app::UserAccount>> done) override;
    RequestId bets(const app::BetFilter &filter, QObject *context, app::ApiCallback<app::BetPage> done) override;
    RequestId bet(const QString &betId, QObject *context, app::ApiCallback<Bet> done) override;
    RequestId betEvents(
        const QString &betId, QObject *context, app::ApiCallback<QList<BetEvent>> done) override;
    RequestId updates(qint64 sinceSeq, const QString &userId, int limit, QObject *context,
        app::ApiCallback<UpdatesPage> done) override;
    RequestId marketSelections(const QString &eventName, const QString &market, QObject *context,
        app::ApiCallback<QList<app::MarketSelection>> done) override;
    RequestId notificationPreferences(
        QObject *context, app::ApiCallback<NotificationPreferences> done) override;
    RequestId updateNotificationPreferences(const QJsonObject &patch, QObject *context,
        app::ApiCallback<NotificationPreferences> done, const QString &idempotencyKey = {}) override;
    RequestId placeBet(const NewBet &request, QObject *context, app::ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;
    RequestId cancelBet(const QString &betId, QObject *context, app::ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;
    RequestId resolveBet(const QString &betId, BetResult result, const QString &notes, QObject *context,
        app::ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId resolveBets(const app::BulkResolveRequest &request, QObject *context,
        app::ApiCallback<QList<app::BulkResolveItem>> done, const QString &idempotencyKey = {}) override;
    RequestId disputeBet(const QString &betId, const QString &reason, QObject *context,
        app::ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId decideDispute(const QString &betId, DisputeState decision, BetResult newResult,
        const QString &notes, QObject *context, app::ApiCallback<Bet> done,
        const QString &idempotencyKey = {}) override;
    RequestId settleMarket(const app::MarketSettleRequest &request, QObject *context,
        app::ApiCallback<app::MarketSettleReport> done, const QString &idempotencyKey = {}) override;
    RequestId resettleBet(const QString &betId, const SettlementTerms &terms, const QString &notes,
        QObject *context, app::ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId rollbackBet(const QString &betId, const QString &notes, QObject *context,
        app::ApiCallback<Bet> done, const QString &idempotencyKey = {}) override;
    RequestId webhooks(QObject *context, app::ApiCallback<QList<Webhook>> done) override;
    RequestId createWebhook(const QString &url, const QStringList &eventTypes, const QStringList &userIds,
        QObject *context, app::ApiCallback<Webhook> done, const QString &idempotencyKey = {}) override;
    RequestId setWebhookEnabled(const QString &id, bool enabled, QObject *context,
        app::ApiCallback<Webhook> done, const QString &idempotencyKey = {}) override;
    RequestId deleteWebhook(const QString &id, QObject *context, app::ApiCallback<bool> done,
        const QString &idempotencyKey = {}) override;
    RequestId webhookDeliveries(
        const QString &id, QObject *context, app::ApiCallback<QList<WebhookDelivery>> done) override;
    RequestId replayWebhook(const QString &id, qint64 sinceSeq, QObject *context,
        app::ApiCallback<Webhook> done, const QString &idempotencyKey = {}) override;
    RequestId metrics(QObject *context, app::ApiCallback<QByteArray> done) override;
    void cancel(RequestId id) override;
    void cancelAll() override;

Q_SIGNALS:
    // A call was made (before its answer): tests wait on it instead of sleeping.
    void called(const QString &name);

private:
    // Records the call and schedules `answer` (computed now) for the next event-loop turn.
    template <typename T>
    RequestId respond(Call call, QObject *context, app::ApiCallback<T> done, Result<T> answer);
    template <typename T> Result<T> orFailure(const QString &name, Result<T> answer);
    Result<Bet> mutate(const Call &call);
    void deliver(RequestId id);

    struct Pending
    {
        QPointer<QObject> context;
        std::function<void()> run;
    };

    std::optional<app::UserAccount> m_me;
    QList<app::UserAccount> m_users;
    QList<Bet> m_bets;
    QHash<QString, QList<BetEvent>> m_events;
    UpdatesPage m_updates;
    NotificationPreferences m_preferences;
    QList<Webhook> m_webhooks;
    QList<app::MarketSelection> m_selections;
    QByteArray m_metrics = idleMetrics();
    QHash<QString, QList<Error>> m_failures;
    QList<Call> m_calls;
    QHash<RequestId, Pending> m_pending;
    QList<RequestId> m_held;
    bool m_holding = false;
    RequestId m_nextId = 1;
};

} // namespace betthat::test
