#pragma once

// The main window: account header, bet cards, recent resolutions, connection status and toasts, wired to the
// API and the live feed of whoever is signed in (or, for an operator, whoever they view as).

#include "app/net/apitypes.h"
#include "app/net/backoff.h"
#include "app/net/realtimeclient.h"
#include "app/net/serverendpoint.h"
#include "app/settings/credentialstore.h"
#include "betcarddelegate.h"
#include "betdetailsdialog.h"
#include "toast.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <optional>

class QAction;
class QActionGroup;
class QMenu;

namespace betthat::app {

class AccountHeader;
class AdminWindow;
class ApiClient;
class AppSettings;
class BetList;
class BetListModel;
class BetSync;
class ConnectionStatusWidget;
class CursorStore;
class DesktopNotifier;
class RecentResolutionsDock;
class RecentResolutionsModel;
class ToastManager;

// What the launcher hands the window: where the server is and who we are there.
struct SessionConfig
{
    ServerEndpoint endpoint;
    bool localServer = false;
    // Users the app holds tokens for (local mode: the demo users): "View as" can act for them.
    QHash<QString, QString> userTokens;
    QString cursorFile; // where the live feed's resume cursors go; empty: the app's settings
};

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(SessionConfig session, AppSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Signs in (GET /me), loads the bets and starts the live feed. Configure realTimeClient() before.
    void start();
    bool isReady() const { return m_ready; }

    // Opens (or raises) the details of a bet.
    BetDetailsDialog *openBet(const QString &betId);
    BetDetailsDialog *detailsDialog(const QString &betId) const;
    // Operators: whose bets and feed to show ("" = everyone's).
    void viewAs(const QString &userId);
    QString viewedUserId() const { return m_viewedUserId; }
    std::optional<UserAccount> signedInUser() const { return m_me; }
    const QList<UserAccount> &knownUsers() const { return m_users; }
    void setCredentialStore(CredentialStore *store) { m_credentials = store; }
    void setDesktopNotificationsEnabled(bool enabled) { m_desktopNotifications = enabled; }

    ApiClient *api() const { return m_api; }
    RealTimeClient *realTimeClient() const { return m_realtime; }
    BetListModel *betModel() const { return m_model; }
    BetSync *betSync() const { return m_sync; }
    RecentResolutionsModel *recentModel() const { return m_recent; }
    BetList *betList() const { return m_betList; }
    ToastManager *toastManager() const { return m_toasts; }
    ConnectionStatusWidget *connectionStatus() const { return m_status; }
    RecentResolutionsDock *recentDock() const { return m_recentDock; }
    AccountHeader *accountHeader() const { return m_header; }
    DesktopNotifier *desktopNotifier() const { return m_notifier; }
    QAction *adminAction() const { return m_adminAction; }
    QMenu *viewAsMenu() const { return m_viewAsMenu; }
    QMainWindow *adminWindow() const { return m_adminWindow; }

public Q_SLOTS:
    // Operators only (Ctrl+Shift+A): opens (or raises) the admin window of app/admin.
    void openAdminWindow();
    void openSettings();
    void placeBet();
    void refresh();

Q_SIGNALS:
    // The first load is done and the live feed started.
    void ready();
    void viewChanged(const QString &userId);
    // The settings now point at another server (or port): the launcher starts a new session.
    void reconnectRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslate();
    void signIn();
    void onSignedIn(const UserAccount &me);
    void loadUsers();
    // The account's notification preferences, handed to the toasts and the desktop notifier.
    void loadNotificationPreferences();
    void applyNotificationPreferences(const NotificationPreferences &preferences);
    void rebuildViewAsMenu();
    void onReloaded(bool ok, const QString &error);
    void onEventApplied(const BetEvent &event, const Bet &bet);
    void onRealtimeState(RealTimeClient::State state);
    void onCardAction(BetCardDelegate::Action action, const QString &betId);
    void onToastAction(const QString &betId, const QString &actionId);
    void refreshBalance();
    void scheduleBalanceRefresh();
    void loadRecent(quint64 generation, bool primeCursor);
    void updateViewer();
    void updateTitle();
    ApiClient *actingApi() const; // the viewed bettor's own client (their token), or nullptr
    std::optional<User> viewedUser() const;
    bool operatorOverview() const;
    void restoreWindowState();

    SessionConfig m_session;
    AppSettings *m_settings;
    QPointer<CredentialStore> m_credentials;
    ApiClient *m_api;
    ApiClient *m_actingApi; // token of the viewed user (local demo users); endpoint swapped on viewAs()
    CursorStore *m_cursors;
    RealTimeClient *m_realtime;
    BetListModel *m_model;
    BetSync *m_sync;
    RecentResolutionsModel *m_recent;
    AccountHeader *m_header;
    BetList *m_betList;
    RecentResolutionsDock *m_recentDock;
    ConnectionStatusWidget *m_status;
    ToastManager *m_toasts;
    DesktopNotifier *m_notifier;
    QTimer *m_balanceTimer;
    QTimer *m_signInRetry;
    Backoff m_signInBackoff { 1000, 30000 };

    QAction *m_placeBetAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_showFiltersAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_recentAction = nullptr;
    QAction *m_adminAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_viewAsMenu = nullptr;
    QMenu *m_adminMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QActionGroup *m_viewAsGroup = nullptr;

    std::optional<UserAccount> m_me;
    QList<UserAccount> m_users;
    QString m_viewedUserId;
    bool m_canAct = false;
    quint64 m_viewGeneration = 0;
    quint64 m_startAfterReload = 0; // the view whose live feed starts once its bets are loaded
    bool m_ready = false;
    bool m_needsReload = false;
    bool m_wasLive = false;
    bool m_lostNotified = false;
    bool m_pollingNotified = false;
    bool m_desktopNotifications = true;
    QHash<QString, QPointer<BetDetailsDialog>> m_details;
    QPointer<QMainWindow> m_adminWindow;
};

} // namespace betthat::app
