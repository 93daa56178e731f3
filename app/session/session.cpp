#include "session.h"

#include "app/logcategories.h"
#include "app/models/betlistmodel.h"
#include "app/models/betsync.h"
#include "app/models/recentresolutionsmodel.h"
#include "app/net/apiclient.h"
#include "app/net/cursorstore.h"

#include <QTimer>
#include <algorithm>

namespace betthat::app {

Session::Session(SessionConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_api(new ApiClient(m_config.endpoint, this))
    , m_actingApi(new ApiClient(m_config.endpoint, this))
    , m_cursors(new CursorStore(m_config.cursorFile, this))
    , m_model(new BetListModel(this))
    , m_sync(new BetSync(m_api, m_model, this))
    , m_recent(new RecentResolutionsModel(20, this))
    , m_balanceTimer(new QTimer(this))
    , m_signInRetry(new QTimer(this))
{
    m_balanceTimer->setSingleShot(true);
    m_balanceTimer->setInterval(250);
    connect(m_balanceTimer, &QTimer::timeout, this, &Session::refreshBalance);
    m_signInRetry->setSingleShot(true);
    connect(m_signInRetry, &QTimer::timeout, this, &Session::signIn);
    connect(m_sync, &BetSync::eventApplied, this, &Session::onEventApplied);
    connect(m_sync, &BetSync::reloaded, this, &Session::onReloaded);
    connect(m_api, &ApiClient::unauthorized, this,
        [this](const QString &message) { Q_EMIT statusChanged(RealTimeClient::State::AuthFailed, message); });
    // The feed of the signed-in user's own view exists from the start, so the status bar has one to show.
    bindViewFeed(feedFor(QString()));
}

Session::~Session()
{
    // Each feed saves its cursor on stop; later signals would reach half-destroyed members.
    for (RealTimeClient *feed : std::as_const(m_feeds)) {
        feed->disconnect(this);
        feed->stop();
    }
}

ApiPort *Session::api() const
{
    return m_api;
}

RealTimeClient *Session::feedFor(const QString &userId)
{
    if (RealTimeClient *known = m_feeds.value(userId))
        return known;
    auto *feed = new RealTimeClient(m_config.endpoint, userId, m_cursors, this);
    feed->setConfig(m_feedConfig);
    m_feeds.insert(userId, feed);
    return feed;
}

void Session::bindViewFeed(RealTimeClient *feed)
{
    if (m_viewFeed == feed)
        return;
    if (m_viewFeed) {
        // The view's wiring goes; the feed keeps running only for the admin window's global view.
        m_viewFeed->disconnect(this);
        m_viewFeed->disconnect(m_sync);
        if (!(m_globalHeld && m_viewFeed == m_feeds.value(QString())))
            m_viewFeed->stop();
    }
    m_viewFeed = feed;
    connect(feed, &RealTimeClient::eventReceived, m_sync, &BetSync::applyEvent);
    connect(feed, &RealTimeClient::stateChanged, this, &Session::onFeedState);
    connect(feed, &RealTimeClient::resyncRequired, this, [this] {
        // The server cannot replay what we missed: the list and the sidebar come fresh from the API.
        m_sync->reload();
        loadRecent(m_viewGeneration, false);
    });
    Q_EMIT feedChanged(feed);
}

RealTimeClient *Session::acquireGlobalFeed()
{
    RealTimeClient *feed = feedFor(QString());
    m_globalHeld = true;
    if (feed->state() == RealTimeClient::State::Stopped)
        feed->start();
    return feed;
}

void Session::releaseGlobalFeed()
{
    m_globalHeld = false;
    RealTimeClient *feed = m_feeds.value(QString());
    if (feed && feed != m_viewFeed)
        feed->stop();
}

void Session::setFeedConfig(const RealTimeClient::Config &config)
{
    m_feedConfig = config;
    for (RealTimeClient *feed : std::as_const(m_feeds))
        feed->setConfig(config);
}

void Session::setPollIntervalMs(int ms)
{
    RealTimeClient::Config config = m_feedConfig;
    config.pollIntervalMs = ms;
    setFeedConfig(config);
}

// --- signing in

void Session::start(const QString &operatorView)
{
    m_operatorView = operatorView;
    signIn();
}

void Session::signIn()
{
    Q_EMIT statusChanged(RealTimeClient::State::Connecting, QString());
    m_api->me(this, [this](const Result<UserAccount> &me) {
        if (me) {
            m_signInBackoff.reset();
            onSignedIn(*me);
            return;
        }
        const Error &error = me.error();
        // Only a refused token means "sign in again"; storage trouble (503) or an unreachable server is retried.
        if (error.code == ErrorCode::Unauthorized) {
            Q_EMIT statusChanged(RealTimeClient::State::AuthFailed, error.message);
            Q_EMIT notice(NoticeKind::Error, tr("Sign-in needed"),
                tr("The server refused the token: %1. Open the settings to sign in again.").arg(error.message));
            return;
        }
        // The server may still be starting, briefly unreachable or unable to read its storage: keep trying
        // quietly, as soon as it said it would be back (Retry-After), else with a growing delay.
        Q_EMIT statusChanged(RealTimeClient::State::Offline, error.message);
        const int delay = error.retryAfterMs >= 0 ? error.retryAfterMs : std::max(500, m_signInBackoff.next());
        m_signInRetry->start(delay);
    });
}

void Session::onSignedIn(const UserAccount &me)
{
    m_me = me;
    Q_EMIT signedIn(me);
    if (me.user.isOperator())
        loadUsers();
    viewAs(me.user.isOperator() ? m_operatorView : me.user.id);
    loadNotificationPreferences();
}

void Session::loadNotificationPreferences()
{
    m_api->notificationPreferences(this, [this](const Result<NotificationPreferences> &preferences) {
        // On failure the ones in use stay (the defaults before the first load): notifying too much beats
        // silently dropping what the user never switched off.
        if (!preferences) {
            qCWarning(lcAppNotify) << "notification preferences not loaded:" << preferences.error().message;
            return;
        }
        Q_EMIT notificationPreferencesLoaded(*preferences);
    });
}

void Session::loadUsers()
{
    m_api->users(this, [this](const Result<QList<UserAccount>> &users) {
        if (!users)
            return;
        m_users = *users;
        Q_EMIT usersChanged();
        refreshBalance();
    });
}

// --- the view

bool Session::operatorOverview() const
{
    return isOperator() && m_viewedUserId.isEmpty();
}

std::optional<User> Session::viewedUser() const
{
    if (!m_me || operatorOverview())
        return std::nullopt;
    if (m_viewedUserId == m_me->user.id)
        return m_me->user;
    for (const UserAccount &account : m_users) {
        if (account.user.id == m_viewedUserId)
            return account.user;
    }
    User placeholder;
    placeholder.id = m_viewedUserId;
    return placeholder;
}

ApiPort *Session::actingApi() const
{
    if (!m_me)
        return nullptr;
    if (!m_me->user.isOperator())
        return m_api;
    return m_canAct ? m_actingApi : nullptr;
}

void Session::viewAs(const QString &userId)
{
    if (!m_me)
        return;
    const quint64 generation = ++m_viewGeneration;
    m_viewedUserId = m_me->user.isOperator() ? userId : m_me->user.id;
    m_canAct = false;
    if (m_me->user.isOperator() && !m_viewedUserId.isEmpty() && m_config.userTokens.contains(m_viewedUserId)) {
        m_actingApi->setEndpoint(
            ServerEndpoint(m_config.endpoint.baseUrl(), m_config.userTokens.value(m_viewedUserId)));
        m_canAct = true;
    }

    // A different feed: stop the old one, show nothing stale, then load and resume the new one.
    bindViewFeed(feedFor(m_viewedUserId));
    m_sync->setUserFilter(m_viewedUserId);
    m_model->clear();
    m_recent->setResolutions({});
    m_balance.reset();
    refreshBalance();
    Q_EMIT viewChanged(m_viewedUserId);
    loadRecent(generation, true);
}

void Session::loadRecent(quint64 generation, bool primeCursor)
{
    const QString feed = m_viewedUserId;
    m_api->updates(-1, feed, 100, this, [this, generation, feed, primeCursor](const Result<UpdatesPage> &page) {
        if (generation != m_viewGeneration)
            return;
        if (page) {
            QList<Resolution> resolutions;
            for (const BetEvent &event : page->updates) {
                const Bet known = m_model->bet(event.betId).value_or(Bet {});
                if (auto r = RecentResolutionsModel::fromEvent(event, known.id.isEmpty() ? nullptr : &known))
                    resolutions.append(*r);
            }
            m_recent->setResolutions(resolutions);
            for (const Bet &bet : m_model->bets())
                m_recent->describeBet(bet);
            // First time on this feed: start from the server's head, read before the list is loaded, so the
            // history shows in the list rather than as a flood of toasts, and nothing after it is missed.
            // (Without this the client does the same itself, announced by resyncRequired("initial"), at the
            // cost of loading the list twice.) Switching views later is different: the list is reloaded
            // anyway, and replaying what happened on that feed since it was last shown would only raise stale
            // toasts, so it starts at the head too. A feed already running (the admin window's) keeps its own.
            const QString key = CursorStore::keyFor(m_config.endpoint.serverKey(), feed);
            const bool running = m_viewFeed->state() != RealTimeClient::State::Stopped;
            if (primeCursor && !running && (m_ready || m_cursors->load(key) < 0))
                m_cursors->save(key, std::max<qint64>(page->lastSeq, 0));
        }
        if (!primeCursor)
            return;
        m_startAfterReload = generation;
        m_sync->reload();
    });
}

void Session::reload()
{
    m_sync->reload();
}

void Session::onReloaded(bool ok, const QString &error)
{
    for (const Bet &bet : m_model->bets())
        m_recent->describeBet(bet);
    m_needsReload = !ok;
    Q_EMIT betsLoaded(ok, error, m_model->rowCount());
    if (m_startAfterReload != 0 && m_startAfterReload == m_viewGeneration) {
        m_startAfterReload = 0;
        if (m_viewFeed->state() == RealTimeClient::State::Stopped)
            m_viewFeed->start();
        if (!m_ready) {
            m_ready = true;
            Q_EMIT ready();
        }
    }
}

void Session::onEventApplied(const BetEvent &event, const Bet &bet)
{
    if (auto resolution = RecentResolutionsModel::fromEvent(event, &bet))
        m_recent->addResolution(*resolution);
    m_recent->describeBet(bet);
    Q_EMIT eventApplied(event, bet);
    scheduleBalanceRefresh();
}

void Session::showChangedBet(const Bet &bet)
{
    if (m_sync->userFilter().isEmpty() || m_sync->userFilter() == bet.userId)
        m_model->upsertBet(bet);
    scheduleBalanceRefresh();
}

void Session::onFeedState(RealTimeClient::State state)
{
    switch (state) {
    case RealTimeClient::State::Live:
        if (m_lostNotified) {
            Q_EMIT notice(NoticeKind::Success, tr("Connection restored"),
                tr("Live updates again. Changes made meanwhile have arrived."));
        }
        m_lostNotified = false;
        m_pollingNotified = false;
        m_wasLive = true;
        if (m_needsReload)
            m_sync->reload();
        break;
    case RealTimeClient::State::Reconnecting:
    case RealTimeClient::State::Offline:
        if (m_wasLive && !m_lostNotified) {
            Q_EMIT notice(NoticeKind::Warning, tr("Connection lost"),
                tr("Reconnecting… Nothing is missed: changes arrive when the connection is back."));
            m_lostNotified = true;
        }
        break;
    case RealTimeClient::State::Polling:
        if (!m_pollingNotified) {
            Q_EMIT notice(NoticeKind::Info, tr("Live updates unavailable"),
                tr("Checking for changes every %n s until the WebSocket connection is back.", nullptr,
                    std::max(1, m_viewFeed->config().pollIntervalMs / 1000)));
            m_pollingNotified = true;
            m_lostNotified = true;
        }
        if (m_needsReload)
            m_sync->reload();
        break;
    case RealTimeClient::State::AuthFailed:
        Q_EMIT notice(NoticeKind::Error, tr("Sign-in needed"),
            tr("The server refused the token: %1").arg(m_viewFeed->lastError()));
        break;
    case RealTimeClient::State::Stopped:
    case RealTimeClient::State::Connecting:
        break;
    }
}

// --- balance

void Session::scheduleBalanceRefresh()
{
    if (!m_balanceTimer->isActive())
        m_balanceTimer->start();
}

void Session::setBalance(std::optional<qint64> balance, const QString &currency)
{
    m_balance = balance;
    m_balanceCurrency = currency;
    Q_EMIT balanceChanged();
}

void Session::refreshBalance()
{
    if (!m_me)
        return;
    if (operatorOverview()) {
        setBalance(std::nullopt, QString());
        return;
    }
    const quint64 generation = m_viewGeneration;
    const auto show = [this, generation](const Result<UserAccount> &account) {
        if (generation == m_viewGeneration && account)
            setBalance(account->balance, account->user.currency);
    };
    if (ApiPort *acting = actingApi()) {
        acting->me(this, show);
        return;
    }
    m_api->users(this, [this, generation](const Result<QList<UserAccount>> &users) {
        if (generation != m_viewGeneration || !users)
            return;
        for (const UserAccount &account : *users) {
            if (account.user.id == m_viewedUserId)
                setBalance(account.balance, account.user.currency);
        }
    });
}

} // namespace betthat::app
