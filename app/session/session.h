#pragma once

// The client's one session core, without widgets: the signed-in user, "view as", the API clients, one
// RealTimeClient per feed, the cursor store, the bets of the current view and the connection state the windows
// show. Windows bind to it and keep no copy of its state (docs/ARCHITECTURE.md, "The client").

#include "app/net/apitypes.h"
#include "app/net/backoff.h"
#include "app/net/realtimeclient.h"
#include "app/net/serverendpoint.h"
#include "common/notificationpreferences.h"

#include <QHash>
#include <QObject>
#include <optional>

class QTimer;

namespace betthat::app {

class ApiClient;
class ApiPort;
class BetListModel;
class BetSync;
class CursorStore;
class RecentResolutionsModel;

// What the launcher hands the session: where the server is and who we are there.
struct SessionConfig
{
    ServerEndpoint endpoint;
    bool localServer = false;
    // Users the app holds tokens for (local mode: the demo users): "View as" can act for them.
    QHash<QString, QString> userTokens;
    QString cursorFile; // where the live feeds' resume cursors go; empty: the app's state file
};

class Session : public QObject
{
    Q_OBJECT
public:
    // How a notice should be shown (the windows map it onto a toast kind).
    enum class NoticeKind { Success, Info, Warning, Error };
    Q_ENUM(NoticeKind)

    explicit Session(SessionConfig config, QObject *parent = nullptr);
    ~Session() override;

    const SessionConfig &config() const { return m_config; }

    // Signs in (GET /me; refused token: "sign in again"; anything else retried with backoff), then shows the
    // signed-in user's view (or, for an operator, the remembered one given here).
    void start(const QString &operatorView = {});
    bool isReady() const { return m_ready; }

    // --- who
    std::optional<UserAccount> signedInUser() const { return m_me; }
    bool isOperator() const { return m_me && m_me->user.isOperator(); }
    const QList<UserAccount> &knownUsers() const { return m_users; }
    // Operators: whose bets and feed to show ("" = everyone's). Bettors always see their own.
    void viewAs(const QString &userId);
    QString viewedUserId() const { return m_viewedUserId; }
    std::optional<User> viewedUser() const;
    bool operatorOverview() const;
    // Whether the app may act for the viewed bettor (their own token), and through which client.
    bool canAct() const { return m_canAct; }
    ApiPort *actingApi() const; // nullptr: nobody to act for
    bool canPlaceBet() const { return actingApi() != nullptr && !operatorOverview(); }
    // The viewed bettor's balance (minor units) when known.
    std::optional<qint64> viewedBalance() const { return m_balance; }
    QString viewedCurrency() const { return m_balanceCurrency; }

    // --- parts
    ApiPort *api() const;
    CursorStore *cursors() const { return m_cursors; }
    // The feed of the current view; another object after viewAs() (feedChanged).
    RealTimeClient *feed() const { return m_viewFeed; }
    // The operator's feed of every bettor's events, started; shared with the view while it shows everyone.
    // Held until releaseGlobalFeed().
    RealTimeClient *acquireGlobalFeed();
    void releaseGlobalFeed();
    BetListModel *betModel() const { return m_model; }
    BetSync *betSync() const { return m_sync; }
    RecentResolutionsModel *recentModel() const { return m_recent; }

    // The settings of every feed, those running and those made later (tests shorten the intervals).
    void setFeedConfig(const RealTimeClient::Config &config);
    RealTimeClient::Config feedConfig() const { return m_feedConfig; }
    // Every feed polls this often while its WebSocket is down.
    void setPollIntervalMs(int ms);

public Q_SLOTS:
    // Loads the bets of the current view again.
    void reload();
    // A bet the server answered with (after an action): shown at once if it belongs to the view; the live
    // event that follows finds the card already up to date.
    void showChangedBet(const betthat::Bet &bet);
    // The balance again, soon (coalesces bursts of events).
    void scheduleBalanceRefresh();
    void refreshBalance();

Q_SIGNALS:
    // The first load is done and the live feed started.
    void ready();
    void signedIn(const betthat::app::UserAccount &me);
    void usersChanged();
    // viewAs(): a different feed and list; everything shown for the previous view is stale.
    void viewChanged(const QString &userId);
    void feedChanged(betthat::app::RealTimeClient *feed);
    void balanceChanged();
    // Before the feed runs (signing in) the status comes from here; then from feed().
    void statusChanged(betthat::app::RealTimeClient::State state, const QString &message);
    // Connection changes worth telling the user once (lost, restored, polling, sign-in needed).
    void notice(betthat::app::Session::NoticeKind kind, const QString &title, const QString &message);
    void betsLoaded(bool ok, const QString &error, int count);
    // A live event changed a bet of the view (after the list has it).
    void eventApplied(const betthat::BetEvent &event, const betthat::Bet &bet);
    void notificationPreferencesLoaded(const betthat::NotificationPreferences &preferences);

private:
    void signIn();
    void onSignedIn(const UserAccount &me);
    void loadUsers();
    void loadNotificationPreferences();
    void loadRecent(quint64 generation, bool primeCursor);
    void onReloaded(bool ok, const QString &error);
    void onEventApplied(const BetEvent &event, const Bet &bet);
    void onFeedState(RealTimeClient::State state);
    void setBalance(std::optional<qint64> balance, const QString &currency);
    RealTimeClient *feedFor(const QString &userId);
    void bindViewFeed(RealTimeClient *feed);

    SessionConfig m_config;
    ApiClient *m_api;
    ApiClient *m_actingApi; // token of the viewed user (local demo users); endpoint swapped on viewAs()
    CursorStore *m_cursors;
    QHash<QString, RealTimeClient *> m_feeds; // by feed user ("" = every bettor's)
    RealTimeClient *m_viewFeed = nullptr;
    bool m_globalHeld = false;
    BetListModel *m_model;
    BetSync *m_sync;
    RecentResolutionsModel *m_recent;
    QTimer *m_balanceTimer;
    QTimer *m_signInRetry;
    Backoff m_signInBackoff { 1000, 30000 };
    RealTimeClient::Config m_feedConfig;

    std::optional<UserAccount> m_me;
    QList<UserAccount> m_users;
    QString m_operatorView;
    QString m_viewedUserId;
    bool m_canAct = false;
    std::optional<qint64> m_balance;
    QString m_balanceCurrency;
    quint64 m_viewGeneration = 0;
    quint64 m_startAfterReload = 0; // the view whose live feed starts once its bets are loaded
    bool m_ready = false;
    bool m_needsReload = false;
    bool m_wasLive = false;
    bool m_lostNotified = false;
    bool m_pollingNotified = false;
};

} // namespace betthat::app
