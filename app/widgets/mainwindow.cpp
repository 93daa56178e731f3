#include "mainwindow.h"

#include "accountheader.h"
#include "app/admin/adminwindow.h"
#include "app/admin/disputereviewdialog.h"
#include "app/admin/resolvedialog.h"
#include "app/logcategories.h"
#include "app/models/betformatter.h"
#include "app/models/betlistmodel.h"
#include "app/models/betsync.h"
#include "app/models/recentresolutionsmodel.h"
#include "app/net/apiclient.h"
#include "app/net/cursorstore.h"
#include "app/settings/appsettings.h"
#include "app/settings/credentialstore.h"
#include "betdetailsdialog.h"
#include "betlist.h"
#include "connectionstatuswidget.h"
#include "desktopnotifier.h"
#include "placebetdialog.h"
#include "raisedisputedialog.h"
#include "recentresolutionsdock.h"
#include "settingsdialog.h"
#include "toastmanager.h"

#include <algorithm>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace betthat::app {

MainWindow::MainWindow(SessionConfig session, AppSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(std::move(session))
    , m_settings(settings)
    , m_api(new ApiClient(m_session.endpoint, this))
    , m_actingApi(new ApiClient(m_session.endpoint, this))
    , m_cursors(new CursorStore(m_session.cursorFile, this))
    , m_realtime(new RealTimeClient(m_session.endpoint, QString(), m_cursors, this))
    , m_model(new BetListModel(this))
    , m_sync(new BetSync(m_api, m_model, this))
    , m_recent(new RecentResolutionsModel(20, this))
    , m_header(new AccountHeader(this))
    , m_betList(new BetList(m_model, this))
    , m_recentDock(new RecentResolutionsDock(m_recent, this))
    , m_status(new ConnectionStatusWidget(this))
    , m_toasts(nullptr)
    , m_notifier(new DesktopNotifier(this))
    , m_balanceTimer(new QTimer(this))
    , m_signInRetry(new QTimer(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/betthat.svg")));
    resize(1100, 760);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addWidget(m_betList, 1);
    setCentralWidget(central);
    addDockWidget(Qt::RightDockWidgetArea, m_recentDock);
    statusBar()->addPermanentWidget(m_status);
    m_status->setClient(m_realtime);
    // Toasts float over the central area, above the status bar.
    m_toasts = new ToastManager(central);

    RealTimeClient::Config config = m_realtime->config();
    config.pollIntervalMs = m_settings->pollIntervalMs();
    m_realtime->setConfig(config);
    m_toasts->setDuration(m_settings->toastDurationMs());
    m_desktopNotifications = m_settings->value(AppSettings::Key::DesktopNotifications).toBool();
    m_betList->setSync(m_sync);
    m_betList->setShowFilters(m_settings->value(AppSettings::Key::ShowFilters).toBool());
    m_header->setPlaceBetEnabled(false);

    m_balanceTimer->setSingleShot(true);
    m_balanceTimer->setInterval(250);
    connect(m_balanceTimer, &QTimer::timeout, this, &MainWindow::refreshBalance);
    m_signInRetry->setSingleShot(true);
    connect(m_signInRetry, &QTimer::timeout, this, &MainWindow::signIn);

    connect(m_realtime, &RealTimeClient::eventReceived, m_sync, &BetSync::applyEvent);
    connect(m_realtime, &RealTimeClient::stateChanged, this, &MainWindow::onRealtimeState);
    connect(m_realtime, &RealTimeClient::resyncRequired, this, [this] {
        // The server cannot replay what we missed: the list and the sidebar come fresh from the API.
        m_sync->reload();
        loadRecent(m_viewGeneration, false);
    });
    connect(m_sync, &BetSync::eventApplied, this, &MainWindow::onEventApplied);
    connect(m_sync, &BetSync::reloaded, this, &MainWindow::onReloaded);
    connect(m_betList, &BetList::actionTriggered, this, &MainWindow::onCardAction);
    connect(m_recentDock, &RecentResolutionsDock::betActivated, this, [this](const QString &betId) {
        m_betList->select(betId);
        openBet(betId);
    });
    connect(m_toasts, &ToastManager::betActionRequested, this, &MainWindow::onToastAction);
    connect(m_toasts, &ToastManager::toastShown, this,
        [this](Toast::Kind kind, const QString &title, const QString &message, const QString &betId,
            bool replaces, const QString &eventType) {
            if (m_desktopNotifications && !isActiveWindow())
                m_notifier->notify(kind, title, message,
                    betId.isEmpty() ? QString() : QStringLiteral("bet:") + betId, replaces,
                    eventTypeFromName(eventType));
        });
    connect(m_notifier, &DesktopNotifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_status, &ConnectionStatusWidget::signInRequested, this, &MainWindow::openSettings);
    connect(m_header, &AccountHeader::placeBetClicked, this, &MainWindow::placeBet);
    connect(m_api, &ApiClient::unauthorized, this,
        [this](const QString &message) { m_status->setStatus(RealTimeClient::State::AuthFailed, message); });

    createActions();
    createMenus();
    retranslate();
    restoreWindowState();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The feed's cursor is saved on stop; later signals would reach half-destroyed members.
    m_realtime->disconnect(this);
    m_realtime->stop();
}

void MainWindow::createActions()
{
    m_placeBetAction = new QAction(QIcon(QStringLiteral(":/icons/place-bet.svg")), QString(), this);
    m_placeBetAction->setShortcut(QKeySequence::New);
    m_placeBetAction->setEnabled(false);
    connect(m_placeBetAction, &QAction::triggered, this, &MainWindow::placeBet);

    m_settingsAction = new QAction(QIcon(QStringLiteral(":/icons/settings.svg")), QString(), this);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);

    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_showFiltersAction = new QAction(QIcon(QStringLiteral(":/icons/filter.svg")), QString(), this);
    m_showFiltersAction->setCheckable(true);
    m_showFiltersAction->setChecked(m_betList->showFilters());
    m_showFiltersAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_showFiltersAction, &QAction::toggled, m_betList, &BetList::setShowFilters);
    connect(m_betList, &BetList::showFiltersChanged, m_showFiltersAction, &QAction::setChecked);

    m_findAction = new QAction(this);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_betList->setShowFilters(true);
        m_betList->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_betList->searchField()->selectAll();
    });

    m_recentAction = m_recentDock->toggleViewAction();
    m_recentAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));

    m_adminAction = new QAction(QIcon(QStringLiteral(":/icons/admin.svg")), QString(), this);
    m_adminAction->setObjectName(QStringLiteral("adminWindowAction"));
    m_adminAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_adminAction->setShortcutContext(Qt::ApplicationShortcut);
    m_adminAction->setEnabled(false);
    connect(m_adminAction, &QAction::triggered, this, &MainWindow::openAdminWindow);

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Bet That"),
            tr("<h3>Bet That %1</h3><p>Watch your bets resolve in real time.</p>"
               "<p>Server: %2</p>")
                .arg(QApplication::applicationVersion(),
                    ServerEndpoint::redacted(m_session.endpoint.baseUrl()).toHtmlEscaped()));
    });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_placeBetAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_settingsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_betList->refreshAction());
    m_viewMenu->addAction(m_findAction);
    m_viewMenu->addAction(m_showFiltersAction);
    m_viewMenu->addAction(m_recentAction);
    m_viewMenu->addSeparator();
    m_viewAsMenu = m_viewMenu->addMenu(QIcon(QStringLiteral(":/icons/view-as.svg")), QString());
    m_viewAsMenu->setObjectName(QStringLiteral("viewAsMenu"));
    m_viewAsMenu->setEnabled(false);
    m_viewAsGroup = new QActionGroup(this);

    m_adminMenu = menuBar()->addMenu(QString());
    m_adminMenu->addAction(m_adminAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_adminMenu->setTitle(tr("&Admin"));
    m_helpMenu->setTitle(tr("&Help"));
    m_viewAsMenu->setTitle(tr("View &as…"));
    m_placeBetAction->setText(tr("&Place bet…"));
    m_settingsAction->setText(tr("&Settings…"));
    m_quitAction->setText(tr("&Quit"));
    m_showFiltersAction->setText(tr("Show &filters"));
    m_findAction->setText(tr("&Find…"));
    m_recentAction->setText(tr("&Recent resolutions"));
    m_adminAction->setText(tr("Admin &window…"));
    m_adminAction->setToolTip(tr("Resolve bets and decide disputes (operators)"));
    m_aboutAction->setText(tr("&About Bet That"));
    m_betList->setEmptyText(tr("No bets yet."));
    rebuildViewAsMenu();
    updateTitle();
}

void MainWindow::updateTitle()
{
    QString title = tr("Bet That");
    if (m_session.localServer)
        title += QStringLiteral(" — ") + tr("local server %1").arg(m_session.endpoint.baseUrl().authority());
    else
        title += QStringLiteral(" — ") + m_session.endpoint.baseUrl().host();
    setWindowTitle(title);
}

void MainWindow::restoreWindowState()
{
    const QByteArray geometry = m_settings->value(AppSettings::Key::WindowGeometry).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = m_settings->value(AppSettings::Key::WindowState).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(AppSettings::Key::WindowGeometry, saveGeometry());
    m_settings->setValue(AppSettings::Key::WindowState, saveState());
    m_settings->setValue(AppSettings::Key::ShowFilters, m_betList->showFilters());
    if (m_session.localServer)
        m_settings->setValue(AppSettings::Key::ViewAsUser, m_viewedUserId);
    m_settings->sync();
    m_realtime->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

// --- session

void MainWindow::start()
{
    signIn();
}

void MainWindow::signIn()
{
    m_status->setStatus(RealTimeClient::State::Connecting);
    m_api->me(this, [this](const Result<UserAccount> &me) {
        if (me) {
            m_signInBackoff.reset();
            onSignedIn(*me);
            return;
        }
        const Error &error = me.error();
        // Only a refused token means "sign in again"; storage trouble (503) or an unreachable server is retried.
        if (error.code == ErrorCode::Unauthorized) {
            m_status->setStatus(RealTimeClient::State::AuthFailed, error.message);
            m_toasts->showToast(Toast::Kind::Error, tr("Sign-in needed"),
                tr("The server refused the token: %1. Open the settings to sign in again.")
                    .arg(error.message));
            return;
        }
        // The server may still be starting, briefly unreachable or unable to read its storage: keep trying
        // quietly, as soon as it said it would be back (Retry-After), else with a growing delay.
        m_status->setStatus(RealTimeClient::State::Offline, error.message);
        const int delay = error.retryAfterMs >= 0 ? error.retryAfterMs : std::max(500, m_signInBackoff.next());
        m_signInRetry->start(delay);
    });
}

void MainWindow::onSignedIn(const UserAccount &me)
{
    m_me = me;
    const bool op = me.user.isOperator();
    m_adminAction->setEnabled(op);
    m_adminMenu->menuAction()->setVisible(op);
    m_viewAsMenu->setEnabled(op);
    QString initial;
    if (op) {
        if (m_session.localServer)
            initial = m_settings->value(AppSettings::Key::ViewAsUser).toString();
        loadUsers();
    } else {
        initial = me.user.id;
    }
    viewAs(initial);
    loadNotificationPreferences();
}

void MainWindow::loadNotificationPreferences()
{
    m_api->notificationPreferences(this, [this](const Result<NotificationPreferences> &preferences) {
        // On failure the ones in use stay (the defaults before the first load): notifying too much beats
        // silently dropping what the user never switched off.
        if (!preferences) {
            qCWarning(lcAppNotify) << "notification preferences not loaded:" << preferences.error().message;
            return;
        }
        applyNotificationPreferences(*preferences);
    });
}

void MainWindow::applyNotificationPreferences(const NotificationPreferences &preferences)
{
    m_toasts->setPreferences(preferences);
    m_notifier->setPreferences(preferences);
}

void MainWindow::loadUsers()
{
    m_api->users(this, [this](const Result<QList<UserAccount>> &users) {
        if (!users)
            return;
        m_users = *users;
        rebuildViewAsMenu();
        updateViewer();
        refreshBalance();
    });
}

void MainWindow::rebuildViewAsMenu()
{
    if (!m_viewAsMenu)
        return;
    m_viewAsMenu->clear();
    for (QAction *action : m_viewAsGroup->actions())
        m_viewAsGroup->removeAction(action);
    const auto add = [this](const QString &text, const QString &userId) {
        QAction *action = m_viewAsMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(userId == m_viewedUserId);
        action->setData(userId);
        m_viewAsGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, userId] { viewAs(userId); });
    };
    add(tr("Everyone (all bets)"), QString());
    m_viewAsMenu->addSeparator();
    for (const UserAccount &account : std::as_const(m_users)) {
        if (account.user.isOperator())
            continue;
        QString text = tr("%1 (%2)").arg(account.user.displayName, account.user.id);
        if (m_session.userTokens.contains(account.user.id))
            text += QStringLiteral(" — ") + tr("can act");
        add(text, account.user.id);
    }
}

bool MainWindow::operatorOverview() const
{
    return m_me && m_me->user.isOperator() && m_viewedUserId.isEmpty();
}

std::optional<User> MainWindow::viewedUser() const
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

ApiClient *MainWindow::actingApi() const
{
    if (!m_me)
        return nullptr;
    if (!m_me->user.isOperator())
        return m_api;
    return m_canAct ? m_actingApi : nullptr;
}

void MainWindow::viewAs(const QString &userId)
{
    if (!m_me)
        return;
    const quint64 generation = ++m_viewGeneration;
    m_viewedUserId = m_me->user.isOperator() ? userId : m_me->user.id;
    m_canAct = false;
    if (m_me->user.isOperator() && !m_viewedUserId.isEmpty()
        && m_session.userTokens.contains(m_viewedUserId)) {
        m_actingApi->setEndpoint(
            ServerEndpoint(m_session.endpoint.baseUrl(), m_session.userTokens.value(m_viewedUserId)));
        m_canAct = true;
    }
    updateViewer();
    for (QAction *action : m_viewAsGroup->actions())
        action->setChecked(action->data().toString() == m_viewedUserId);

    // A different feed: stop the old one, show nothing stale, then load and resume the new one.
    m_realtime->stop();
    m_toasts->dismissAll();
    m_sync->setUserFilter(m_viewedUserId);
    m_model->clear();
    m_recent->setResolutions({});
    refreshBalance();
    Q_EMIT viewChanged(m_viewedUserId);
    loadRecent(generation, true);
}

void MainWindow::updateViewer()
{
    if (!m_me)
        return;
    const bool op = m_me->user.isOperator();
    BetCardDelegate::Viewer viewer;
    viewer.userId = m_me->user.id;
    viewer.isOperator = op;
    if (m_canAct)
        viewer.actingFor.insert(m_viewedUserId);
    m_betList->delegate()->setViewer(viewer);
    m_betList->view()->viewport()->update();
    // "You won" is said to the bettor whose bets these are, also when an operator looks through their eyes.
    m_toasts->setViewer(operatorOverview() ? m_me->user.id : m_viewedUserId, op);
    m_header->setIdentity(m_me->user, viewedUser(), m_session.localServer);
    const bool canPlace = actingApi() != nullptr && !operatorOverview();
    m_header->setPlaceBetEnabled(canPlace);
    m_placeBetAction->setEnabled(canPlace);
}

void MainWindow::loadRecent(quint64 generation, bool primeCursor)
{
    const QString feed = m_viewedUserId;
    m_api->updates(
        -1, feed, 100, this, [this, generation, feed, primeCursor](const Result<UpdatesPage> &page) {
            if (generation != m_viewGeneration)
                return;
            if (page) {
                QList<Resolution> resolutions;
                for (const BetEvent &event : page->updates) {
                    const Bet known = m_model->bet(event.betId).value_or(Bet {});
                    if (auto r
                        = RecentResolutionsModel::fromEvent(event, known.id.isEmpty() ? nullptr : &known))
                        resolutions.append(*r);
                }
                m_recent->setResolutions(resolutions);
                for (const Bet &bet : m_model->bets())
                    m_recent->describeBet(bet);
                // First time on this feed: start from the server's head, read before the list is loaded, so
                // the history shows in the list rather than as a flood of toasts, and nothing after it is
                // missed. (Without this the client does the same itself, announced by
                // resyncRequired("initial"), at the cost of loading the list twice.) Switching views later is
                // different: the list is reloaded anyway, and replaying what happened on that feed since it
                // was last shown would only raise stale toasts, so it starts at the head too.
                const QString key = CursorStore::keyFor(m_session.endpoint.serverKey(), feed);
                if (primeCursor && (m_ready || m_cursors->load(key) < 0))
                    m_cursors->save(key, std::max<qint64>(page->lastSeq, 0));
            }
            if (!primeCursor)
                return;
            m_startAfterReload = generation;
            m_sync->reload();
        });
}

void MainWindow::onReloaded(bool ok, const QString &error)
{
    for (const Bet &bet : m_model->bets())
        m_recent->describeBet(bet);
    if (ok) {
        m_needsReload = false;
        statusBar()->showMessage(tr("Bets loaded: %1").arg(m_model->rowCount()), 4000);
    } else {
        m_needsReload = true;
        statusBar()->showMessage(tr("Could not load the bets: %1").arg(error), 8000);
    }
    if (m_startAfterReload != 0 && m_startAfterReload == m_viewGeneration) {
        m_startAfterReload = 0;
        m_realtime->setFeedUserId(m_viewedUserId);
        m_realtime->start();
        if (!m_ready) {
            m_ready = true;
            Q_EMIT ready();
        }
    }
}

void MainWindow::onEventApplied(const BetEvent &event, const Bet &bet)
{
    if (auto resolution = RecentResolutionsModel::fromEvent(event, &bet))
        m_recent->addResolution(*resolution);
    m_recent->describeBet(bet);
    m_toasts->notifyBetEvent(event, bet);
    // Toasts off for this type but desktop notifications on: the desktop does not hear of it through a toast.
    if (!m_toasts->showsToastFor(event.type) && m_desktopNotifications && !isActiveWindow()) {
        const ToastManager::Content content = m_toasts->contentFor(event, bet);
        m_notifier->notify(content.kind, content.title, content.message, QStringLiteral("bet:") + event.betId,
            content.supersedesSeq > 0, event.type);
    }
    if (BetDetailsDialog *dialog = detailsDialog(event.betId))
        dialog->reload();
    scheduleBalanceRefresh();
}

void MainWindow::onRealtimeState(RealTimeClient::State state)
{
    switch (state) {
    case RealTimeClient::State::Live:
        if (m_lostNotified) {
            m_toasts->showToast(Toast::Kind::Success, tr("Connection restored"),
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
            m_toasts->showToast(Toast::Kind::Warning, tr("Connection lost"),
                tr("Reconnecting… Nothing is missed: changes arrive when the connection is back."));
            m_lostNotified = true;
        }
        break;
    case RealTimeClient::State::Polling:
        if (!m_pollingNotified) {
            m_toasts->showToast(Toast::Kind::Info, tr("Live updates unavailable"),
                tr("Checking for changes every %n s until the WebSocket connection is back.", nullptr,
                    std::max(1, m_realtime->config().pollIntervalMs / 1000)));
            m_pollingNotified = true;
            m_lostNotified = true;
        }
        if (m_needsReload)
            m_sync->reload();
        break;
    case RealTimeClient::State::AuthFailed:
        m_toasts->showToast(Toast::Kind::Error, tr("Sign-in needed"),
            tr("The server refused the token: %1").arg(m_realtime->lastError()));
        break;
    case RealTimeClient::State::Stopped:
    case RealTimeClient::State::Connecting:
        break;
    }
}

void MainWindow::scheduleBalanceRefresh()
{
    if (!m_balanceTimer->isActive())
        m_balanceTimer->start();
}

void MainWindow::refreshBalance()
{
    if (!m_me)
        return;
    if (operatorOverview()) {
        m_header->setBalance(std::nullopt);
        return;
    }
    const quint64 generation = m_viewGeneration;
    const auto show = [this, generation](const Result<UserAccount> &account) {
        if (generation == m_viewGeneration && account)
            m_header->setBalance(account->balance, account->user.currency);
    };
    if (ApiClient *acting = actingApi()) {
        acting->me(this, show);
        return;
    }
    m_api->users(this, [this, generation](const Result<QList<UserAccount>> &users) {
        if (generation != m_viewGeneration || !users)
            return;
        for (const UserAccount &account : *users) {
            if (account.user.id == m_viewedUserId)
                m_header->setBalance(account.balance, account.user.currency);
        }
    });
}

// --- actions

void MainWindow::refresh()
{
    m_betList->refreshAction()->trigger();
}

BetDetailsDialog *MainWindow::detailsDialog(const QString &betId) const
{
    return m_details.value(betId).data();
}

BetDetailsDialog *MainWindow::openBet(const QString &betId)
{
    if (BetDetailsDialog *open = detailsDialog(betId)) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *dialog = new BetDetailsDialog(m_api, betId, this);
    dialog->setActionSource(m_betList->delegate());
    connect(dialog, &BetDetailsDialog::actionRequested, this, &MainWindow::onCardAction);
    // QPointers go null when a dialog closes (WA_DeleteOnClose); closed ones are pruned here rather than from
    // a destroyed() handler, which could run while this window is itself being destroyed.
    for (auto it = m_details.begin(); it != m_details.end();)
        it = it.value().isNull() ? m_details.erase(it) : std::next(it);
    m_details.insert(betId, dialog);
    dialog->show();
    return dialog;
}

void MainWindow::onToastAction(const QString &betId, const QString &actionId)
{
    if (actionId == QLatin1String("review") && m_me && m_me->user.isOperator()) {
        onCardAction(BetCardDelegate::Action::ReviewDispute, betId);
        return;
    }
    m_betList->select(betId);
    openBet(betId);
}

void MainWindow::onCardAction(BetCardDelegate::Action action, const QString &betId)
{
    if (action == BetCardDelegate::Action::Details) {
        openBet(betId);
        return;
    }
    const std::optional<Bet> bet = m_model->bet(betId);
    if (!bet) {
        openBet(betId);
        return;
    }
    // The answer shows at once; the live event that follows finds the card already up to date.
    const auto showChanged = [this](const Bet &changed) {
        if (m_sync->userFilter().isEmpty() || m_sync->userFilter() == changed.userId)
            m_model->upsertBet(changed);
        scheduleBalanceRefresh();
    };
    QDialog *dialog = nullptr;
    switch (action) {
    case BetCardDelegate::Action::Details:
        return;
    case BetCardDelegate::Action::Dispute:
        if (ApiClient *acting = actingApi()) {
            auto *raise = new RaiseDisputeDialog(acting, *bet, this);
            connect(raise, &BetActionDialog::succeeded, this, showChanged);
            dialog = raise;
        }
        break;
    // The operator's actions open the admin window's dialogs: payout preview, conflicts explained, and a
    // retry that reuses its Idempotency-Key.
    case BetCardDelegate::Action::Resolve: {
        auto *resolve = new ResolveDialog(m_api, { *bet }, ResolveDialog::Mode::Single, this);
        connect(resolve, &ResolveDialog::betsResolved, this, [showChanged](const QList<Bet> &resolved) {
            for (const Bet &changed : resolved)
                showChanged(changed);
        });
        dialog = resolve;
        break;
    }
    case BetCardDelegate::Action::ReviewDispute: {
        auto *review = new DisputeReviewDialog(m_api, *bet, this);
        connect(review, &DisputeReviewDialog::decided, this, showChanged);
        dialog = review;
        break;
    }
    }
    if (!dialog) {
        openBet(betId);
        return;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::placeBet()
{
    ApiClient *acting = actingApi();
    if (!acting || operatorOverview())
        return;
    const std::optional<User> viewed = viewedUser();
    const QString currency = viewed ? viewed->currency : QStringLiteral("EUR");
    qint64 balance = -1;
    if (!m_header->balanceText().isEmpty()) {
        for (const UserAccount &account : std::as_const(m_users)) {
            if (account.user.id == m_viewedUserId)
                balance = account.balance;
        }
        if (m_me && m_me->user.id == m_viewedUserId)
            balance = m_me->balance;
    }
    auto *dialog = new PlaceBetDialog(acting, currency, balance, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BetActionDialog::succeeded, this, [this](const Bet &bet) {
        m_model->upsertBet(bet);
        m_betList->select(bet.id);
        scheduleBalanceRefresh();
    });
    dialog->open();
}

void MainWindow::openSettings()
{
    if (!m_credentials)
        m_credentials = new CredentialStore(
            CredentialStore::defaultFallbackFile(), CredentialStore::Backend::Automatic, this);
    SettingsDialog dialog(m_settings, m_credentials, m_me ? m_api : nullptr, this);
    connect(&dialog, &SettingsDialog::notificationPreferencesSaved, this,
        &MainWindow::applyNotificationPreferences);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_toasts->setDuration(m_settings->toastDurationMs());
    m_desktopNotifications = m_settings->value(AppSettings::Key::DesktopNotifications).toBool();
    RealTimeClient::Config config = m_realtime->config();
    config.pollIntervalMs = m_settings->pollIntervalMs();
    m_realtime->setConfig(config);
    if (dialog.connectionChanged())
        Q_EMIT reconnectRequested();
}

void MainWindow::openAdminWindow()
{
    if (!m_me || !m_me->user.isOperator())
        return;
    if (m_adminWindow) {
        m_adminWindow->showNormal();
        m_adminWindow->raise();
        m_adminWindow->activateWindow();
        return;
    }
    // No realtime client handed over: ours follows whichever bettor the operator views, while the admin
    // window always needs the global feed, so it runs its own.
    auto *admin = new AdminWindow(m_api, nullptr, this);
    admin->setAttribute(Qt::WA_DeleteOnClose);
    m_adminWindow = admin;
    admin->show();
}

} // namespace betthat::app
