#pragma once

// Turns the command line and settings into a running session: starts the bundled server (asking for another
// port when the usual one is taken) or reads the remote server's token, then opens the main window.

#include "app/widgets/mainwindow.h"
#include "localserverconfig.h"
#include "startupoptions.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace betthat::app {

class AppSettings;
class CredentialStore;
class LocalServerHost;

class AppLauncher : public QObject
{
    Q_OBJECT
public:
    // Returns the port to try instead of `taken` (0: give up). The default asks the user in a dialog.
    using PortConflictHandler
        = std::function<quint16(quint16 taken, quint16 suggestion, const QString &message)>;

    AppLauncher(StartupOptions options, AppSettings *settings, QObject *parent = nullptr);
    ~AppLauncher() override;

    void setPortConflictHandler(PortConflictHandler handler) { m_portConflict = std::move(handler); }
    void setCredentialStore(CredentialStore *store);
    // Before launch(): a hook to configure the window (tests shorten intervals) before it starts.
    void setWindowSetup(std::function<void(MainWindow *)> setup) { m_windowSetup = std::move(setup); }

    void launch();
    MainWindow *mainWindow() const { return m_window; }
    LocalServerHost *localServer() const { return m_host; }
    bool isLocalMode() const;

Q_SIGNALS:
    void windowReady(betthat::app::MainWindow *window);
    // Nothing to show (the user gave up, or the server could not start): the app exits with this message.
    void failed(const QString &message);

private:
    void launchLocal(quint16 port);
    void launchRemote();
    void openWindow(SessionConfig session);
    void relaunch();
    bool askForRemoteSettings();

    StartupOptions m_options;
    AppSettings *m_settings;
    QPointer<CredentialStore> m_credentials;
    LocalServerHost *m_host;
    QPointer<MainWindow> m_window;
    PortConflictHandler m_portConflict;
    std::function<void(MainWindow *)> m_windowSetup;
    bool m_forcedModeUsed = false; // --local/--server apply to the first session only
};

} // namespace betthat::app
