#pragma once

// The main window: account header, bet cards, recent resolutions, connection status and toasts, bound to the
// Session (app/session) that holds who is signed in, whose view, the feeds and the bets. Window code only.

#include "app/net/apitypes.h"
#include "app/net/realtimeclient.h"
#include "app/net/serverendpoint.h"
#include "app/session/session.h"
#include "app/settings/appsettings.h"
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
class BetList;
class BetListModel;
class BetSync;
class ConnectionStatusWidget;
class DesktopNotifier;
class RecentResolutionsDock;
class RecentResolutionsModel;
class ToastManager;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(SessionConfig session, AppSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Signs in (GET /me), loads the bets and starts the live feed.
    void start();
    bool isReady() const { return m_sessionCore->isReady(); }
    Session *session() const { return m_sessionCore; }

    // Opens (or raises) the details of a bet.
    BetDetailsDialog *openBet(const QString &betId);
    BetDetailsDialog *detailsDialog(const QString &betId) const;
    // Operators: whose bets and feed to show ("" = everyone's).
    void viewAs(const QString &userId) { m_sessionCore->viewAs(userId); }
    std::optional<UserAccount> signedInUser() const { return m_sessionCore->signedInUser(); }
    void setCredentialStore(CredentialStore *store) { m_credentials = store; }
    void setDesktopNotificationsEnabled(bool enabled) { m_desktopNotifications = enabled; }

    RealTimeClient *realTimeClient() const { return m_sessionCore->feed(); }
    BetListModel *betModel() const { return m_sessionCore->betModel(); }
    BetSync *betSync() const { return m_sessionCore->betSync(); }
    RecentResolutionsModel *recentModel() const { return m_sessionCore->recentModel(); }
    BetList *betList() const { return m_betList; }
    ToastManager *toastManager() const { return m_toasts; }
    ConnectionStatusWidget *connectionStatus() const { return m_status; }
    AccountHeader *accountHeader() const { return m_header; }
    DesktopNotifier *desktopNotifier() const { return m_notifier; }
    QAction *adminAction() const { return m_adminAction; }
    QMenu *viewAsMenu() const { return m_viewAsMenu; }

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
    void applySetting(AppSettings::Key key);
    void onSignedIn(const UserAccount &me);
    void onViewChanged();
    void onNotice(Session::NoticeKind kind, const QString &title, const QString &message);
    // The account's notification preferences, handed to the toasts and the desktop notifier.
    void applyNotificationPreferences(const NotificationPreferences &preferences);
    void rebuildViewAsMenu();
    void onBetsLoaded(bool ok, const QString &error, int count);
    void onEventApplied(const BetEvent &event, const Bet &bet);
    void onCardAction(BetCardDelegate::Action action, const QString &betId);
    void onToastAction(const QString &betId, const QString &actionId);
    void updateViewer();
    void updateTitle();
    void restoreWindowState();

    AppSettings *m_settings;
    QPointer<CredentialStore> m_credentials;
    Session *m_sessionCore;
    AccountHeader *m_header;
    BetList *m_betList;
    RecentResolutionsDock *m_recentDock;
    ConnectionStatusWidget *m_status;
    ToastManager *m_toasts;
    DesktopNotifier *m_notifier;

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

    bool m_desktopNotifications = true;
    QHash<QString, QPointer<BetDetailsDialog>> m_details;
    QPointer<QMainWindow> m_adminWindow;
};

} // namespace betthat::app
