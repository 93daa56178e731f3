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
    , m_settings(settings)
    , m_sessionCore(new Session(std::move(session), this))
    , m_header(new AccountHeader(this))
    , m_betList(new BetList(m_sessionCore->betModel(), this))
    , m_recentDock(new RecentResolutionsDock(m_sessionCore->recentModel(), this))
    , m_status(new ConnectionStatusWidget(this))
    , m_toasts(nullptr)
    , m_notifier(new DesktopNotifier(this))
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
    m_status->setClient(m_sessionCore->feed());
    // Toasts float over the central area, above the status bar.
    m_toasts = new ToastManager(central);

    m_betList->setSync(m_sessionCore->betSync());
    for (const AppSettings::Key key : { AppSettings::Key::PollIntervalMs, AppSettings::Key::ToastDurationMs,
             AppSettings::Key::DesktopNotifications, AppSettings::Key::ShowFilters })
        applySetting(key);
    // A change made anywhere (the settings dialog, another window) shows at once, without a restart.
    connect(m_settings, &AppSettings::changed, this, &MainWindow::applySetting);
    m_header->setPlaceBetEnabled(false);

    connect(m_sessionCore, &Session::feedChanged, m_status, &ConnectionStatusWidget::setClient);
    connect(m_sessionCore, &Session::statusChanged, m_status,
        [this](RealTimeClient::State state, const QString &message) { m_status->setStatus(state, message); });
    connect(m_sessionCore, &Session::notice, this, &MainWindow::onNotice);
    connect(m_sessionCore, &Session::signedIn, this, &MainWindow::onSignedIn);
    connect(m_sessionCore, &Session::usersChanged, this, [this] {
        rebuildViewAsMenu();
        updateViewer();
    });
    connect(m_sessionCore, &Session::viewChanged, this, &MainWindow::onViewChanged);
    connect(m_sessionCore, &Session::viewChanged, this, &MainWindow::viewChanged);
    connect(m_sessionCore, &Session::balanceChanged, this, [this] {
        m_header->setBalance(m_sessionCore->viewedBalance(), m_sessionCore->viewedCurrency());
    });
    connect(m_sessionCore, &Session::betsLoaded, this, &MainWindow::onBetsLoaded);
    connect(m_sessionCore, &Session::ready, this, &MainWindow::ready);
    connect(m_sessionCore, &Session::eventApplied, this, &MainWindow::onEventApplied);
    connect(m_sessionCore, &Session::notificationPreferencesLoaded, this,
        &MainWindow::applyNotificationPreferences);
    connect(m_betList, &BetList::actionTriggered, this, &MainWindow::onCardAction);
    connect(m_recentDock, &RecentResolutionsDock::betActivated, this, [this](const QString &betId) {
        m_betList->select(betId);
        openBet(betId);
    });
    connect(m_toasts, &ToastManager::betActionRequested, this, &MainWindow::onToastAction);
    connect(m_toasts, &ToastManager::toastShown, this,
        [this](Toast::Kind kind, const QString &title, const QString &message, const QString &betId,
            bool replaces, const QString &eventType, bool urgent) {
            if (m_desktopNotifications && !isActiveWindow())
                m_notifier->notify(kind, title, message,
                    betId.isEmpty() ? QString() : QStringLiteral("bet:") + betId, replaces,
                    eventTypeFromName(eventType), urgent);
        });
    connect(m_notifier, &DesktopNotifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_status, &ConnectionStatusWidget::signInRequested, this, &MainWindow::openSettings);
    connect(m_header, &AccountHeader::placeBetClicked, this, &MainWindow::placeBet);

    createActions();
    createMenus();
    retranslate();
    restoreWindowState();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The admin window borrows the session's feed: it goes first. The session's signals would reach
    // half-destroyed widgets while it is torn down after them.
    delete m_adminWindow;
    m_sessionCore->disconnect(this);
    m_status->setClient(nullptr);
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
                    ServerEndpoint::redacted(m_sessionCore->config().endpoint.baseUrl()).toHtmlEscaped()));
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
    const SessionConfig &session = m_sessionCore->config();
    QString title = tr("Bet That");
    if (session.localServer)
        title += QStringLiteral(" — ") + tr("local server %1").arg(session.endpoint.baseUrl().authority());
    else
        title += QStringLiteral(" — ") + session.endpoint.baseUrl().host();
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
    if (m_sessionCore->config().localServer)
        m_settings->setValue(AppSettings::Key::ViewAsUser, m_sessionCore->viewedUserId());
    m_settings->sync();
    m_sessionCore->feed()->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    // Back in the window: the toasts show the news, so the desktop's copies are read and withdrawn.
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_notifier->closeAll();
    QMainWindow::changeEvent(event);
}

// --- binding to the settings and the session

void MainWindow::applySetting(AppSettings::Key key)
{
    switch (key) {
    case AppSettings::Key::PollIntervalMs:
        m_sessionCore->setPollIntervalMs(m_settings->pollIntervalMs());
        break;
    case AppSettings::Key::ToastDurationMs:
        m_toasts->setDuration(m_settings->toastDurationMs());
        break;
    case AppSettings::Key::DesktopNotifications:
        m_desktopNotifications = m_settings->desktopNotifications();
        break;
    case AppSettings::Key::ShowFilters:
        m_betList->setShowFilters(m_settings->showFilters());
        break;
    default:
        break;
    }
}

void MainWindow::start()
{
    // An operator of the bundled server comes back to whoever they viewed last.
    const QString view = m_sessionCore->config().localServer
        ? m_settings->value(AppSettings::Key::ViewAsUser).toString()
        : QString();
    m_sessionCore->start(view);
}

void MainWindow::onSignedIn(const UserAccount &me)
{
    const bool op = me.user.isOperator();
    m_adminAction->setEnabled(op);
    m_adminMenu->menuAction()->setVisible(op);
    m_viewAsMenu->setEnabled(op);
}

void MainWindow::onNotice(Session::NoticeKind kind, const QString &title, const QString &message)
{
    Toast::Kind toast = Toast::Kind::Info;
    switch (kind) {
    case Session::NoticeKind::Success:
        toast = Toast::Kind::Success;
        break;
    case Session::NoticeKind::Info:
        toast = Toast::Kind::Info;
        break;
    case Session::NoticeKind::Warning:
        toast = Toast::Kind::Warning;
        break;
    case Session::NoticeKind::Error:
        toast = Toast::Kind::Error;
        break;
    }
    m_toasts->showToast(toast, title, message);
}

void MainWindow::applyNotificationPreferences(const NotificationPreferences &preferences)
{
    m_toasts->setPreferences(preferences);
    m_notifier->setPreferences(preferences);
}

void MainWindow::rebuildViewAsMenu()
{
    if (!m_viewAsMenu)
        return;
    m_viewAsMenu->clear();
    for (QAction *action : m_viewAsGroup->actions())
        m_viewAsGroup->removeAction(action);
    const QString viewed = m_sessionCore->viewedUserId();
    const auto add = [this, &viewed](const QString &text, const QString &userId) {
        QAction *action = m_viewAsMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(userId == viewed);
        action->setData(userId);
        m_viewAsGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, userId] { m_sessionCore->viewAs(userId); });
    };
    add(tr("Everyone (all bets)"), QString());
    m_viewAsMenu->addSeparator();
    for (const UserAccount &account : m_sessionCore->knownUsers()) {
        if (account.user.isOperator())
            continue;
        QString text = tr("%1 (%2)").arg(account.user.displayName, account.user.id);
        if (m_sessionCore->config().userTokens.contains(account.user.id))
            text += QStringLiteral(" — ") + tr("can act");
        add(text, account.user.id);
    }
}

void MainWindow::onViewChanged()
{
    updateViewer();
    for (QAction *action : m_viewAsGroup->actions())
        action->setChecked(action->data().toString() == m_sessionCore->viewedUserId());
    // What the toasts said belonged to the previous view.
    m_toasts->dismissAll();
    m_header->setBalance(std::nullopt);
}

void MainWindow::updateViewer()
{
    const std::optional<UserAccount> me = m_sessionCore->signedInUser();
    if (!me)
        return;
    const bool op = me->user.isOperator();
    BetCardDelegate::Viewer viewer;
    viewer.userId = me->user.id;
    viewer.isOperator = op;
    if (m_sessionCore->canAct())
        viewer.actingFor.insert(m_sessionCore->viewedUserId());
    m_betList->delegate()->setViewer(viewer);
    m_betList->view()->viewport()->update();
    // "You won" is said to the bettor whose bets these are, also when an operator looks through their eyes.
    m_toasts->setViewer(m_sessionCore->operatorOverview() ? me->user.id : m_sessionCore->viewedUserId(), op);
    m_header->setIdentity(me->user, m_sessionCore->viewedUser(), m_sessionCore->config().localServer);
    const bool canPlace = m_sessionCore->canPlaceBet();
    m_header->setPlaceBetEnabled(canPlace);
    m_placeBetAction->setEnabled(canPlace);
}

void MainWindow::onBetsLoaded(bool ok, const QString &error, int count)
{
    if (ok)
        statusBar()->showMessage(tr("Bets loaded: %1").arg(count), 4000);
    else
        statusBar()->showMessage(tr("Could not load the bets: %1").arg(error), 8000);
}

void MainWindow::onEventApplied(const BetEvent &event, const Bet &bet)
{
    m_toasts->notifyBetEvent(event, bet);
    // Toasts off for this type but desktop notifications on: the desktop does not hear of it through a toast.
    if (!m_toasts->showsToastFor(event.type) && m_desktopNotifications && !isActiveWindow()) {
        const ToastManager::Content content = m_toasts->contentFor(event, bet);
        m_notifier->notify(content.kind, content.title, content.message, QStringLiteral("bet:") + event.betId,
            content.supersedesSeq > 0 || content.decidesDispute, event.type, content.decidesDispute);
    }
    if (BetDetailsDialog *dialog = detailsDialog(event.betId))
        dialog->reload();
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
    auto *dialog = new BetDetailsDialog(m_sessionCore->api(), betId, this);
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
    if (actionId == QLatin1String("review") && m_sessionCore->isOperator()) {
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
    const std::optional<Bet> bet = m_sessionCore->betModel()->bet(betId);
    if (!bet) {
        openBet(betId);
        return;
    }
    // The answer shows at once; the live event that follows finds the card already up to date.
    const auto showChanged = [this](const Bet &changed) { m_sessionCore->showChangedBet(changed); };
    QDialog *dialog = nullptr;
    switch (action) {
    case BetCardDelegate::Action::Details:
        return;
    case BetCardDelegate::Action::Dispute:
        if (ApiPort *acting = m_sessionCore->actingApi()) {
            auto *raise = new RaiseDisputeDialog(acting, *bet, this);
            connect(raise, &BetActionDialog::succeeded, this, showChanged);
            dialog = raise;
        }
        break;
    // The operator's actions open the admin window's dialogs: payout preview, conflicts explained, and a
    // retry that reuses its Idempotency-Key.
    case BetCardDelegate::Action::Resolve: {
        auto *resolve = new ResolveDialog(m_sessionCore->api(), { *bet }, ResolveDialog::Mode::Single, this);
        connect(resolve, &ResolveDialog::betsResolved, this, [showChanged](const QList<Bet> &resolved) {
            for (const Bet &changed : resolved)
                showChanged(changed);
        });
        dialog = resolve;
        break;
    }
    case BetCardDelegate::Action::ReviewDispute: {
        auto *review = new DisputeReviewDialog(m_sessionCore->api(), *bet, this);
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
    if (!m_sessionCore->canPlaceBet())
        return;
    const std::optional<User> viewed = m_sessionCore->viewedUser();
    const QString currency = viewed ? viewed->currency : QStringLiteral("EUR");
    const qint64 balance = m_sessionCore->viewedBalance().value_or(-1);
    auto *dialog = new PlaceBetDialog(m_sessionCore->actingApi(), currency, balance, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BetActionDialog::succeeded, this, [this](const Bet &bet) {
        m_sessionCore->showChangedBet(bet);
        m_betList->select(bet.id);
    });
    dialog->open();
}

void MainWindow::openSettings()
{
    if (!m_credentials)
        m_credentials = new CredentialStore(
            CredentialStore::defaultFallbackFile(), CredentialStore::Backend::Automatic, this);
    SettingsDialog dialog(
        m_settings, m_credentials, m_sessionCore->signedInUser() ? m_sessionCore->api() : nullptr, this);
    connect(&dialog, &SettingsDialog::notificationPreferencesSaved, this,
        &MainWindow::applyNotificationPreferences);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.connectionChanged())
        Q_EMIT reconnectRequested();
}

void MainWindow::openAdminWindow()
{
    if (!m_sessionCore->isOperator())
        return;
    if (m_adminWindow) {
        m_adminWindow->showNormal();
        m_adminWindow->raise();
        m_adminWindow->activateWindow();
        return;
    }
    // The admin window always needs every bettor's feed: the session's one, shared with this window while it
    // shows everyone, held while the admin window is open.
    auto *admin = new AdminWindow(m_sessionCore->api(), m_sessionCore->acquireGlobalFeed(), this);
    connect(admin, &QObject::destroyed, m_sessionCore, &Session::releaseGlobalFeed);
    admin->setAttribute(Qt::WA_DeleteOnClose);
    m_adminWindow = admin;
    admin->show();
}

} // namespace betthat::app
