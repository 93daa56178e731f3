#include "applauncher.h"

#include "app/settings/appsettings.h"
#include "app/settings/credentialstore.h"
#include "app/widgets/settingsdialog.h"
#include "localserverhost.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>

namespace betthat::app {

namespace {

quint16 askForOtherPort(quint16 taken, quint16 suggestion, const QString &message)
{
    QMessageBox box;
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(AppLauncher::tr("Port %1 is in use").arg(taken));
    box.setText(AppLauncher::tr("The bundled server cannot start on port %1.").arg(taken));
    box.setInformativeText(message + QStringLiteral("\n\n")
        + (suggestion != 0 ? AppLauncher::tr("Port %1 is free. Use it (and remember it)?").arg(suggestion)
                           : AppLauncher::tr("No free port was found nearby.")));
    QPushButton *use = suggestion != 0
        ? box.addButton(AppLauncher::tr("Use port %1").arg(suggestion), QMessageBox::AcceptRole)
        : nullptr;
    box.addButton(AppLauncher::tr("Quit"), QMessageBox::RejectRole);
    box.exec();
    return use && box.clickedButton() == use ? suggestion : quint16(0);
}

} // namespace

AppLauncher::AppLauncher(StartupOptions options, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(settings)
    , m_host(new LocalServerHost(this))
    , m_portConflict(askForOtherPort)
{
    connect(m_host, &LocalServerHost::started, this, [this](const LocalServerInfo &info) {
        SessionConfig session;
        session.endpoint = ServerEndpoint(QUrl(info.baseUrl), info.operatorToken);
        session.localServer = true;
        session.userTokens = info.userTokens;
        openWindow(session);
    });
    connect(m_host, &LocalServerHost::failed, this, [this](const QString &message, bool portTaken) {
        const quint16 port = m_options.port.value_or(m_settings->localPort());
        if (portTaken) {
            const quint16 other = m_portConflict(port, LocalServerHost::suggestFreePort(port), message);
            if (other != 0) {
                m_options.port.reset();
                m_settings->setValue(AppSettings::Key::LocalPort, other);
                m_settings->sync();
                launchLocal(other);
                return;
            }
            Q_EMIT failed(tr("The bundled server could not start: %1").arg(message));
            return;
        }
        QMessageBox::critical(
            nullptr, tr("Bet That"), tr("The bundled server could not start:\n%1").arg(message));
        Q_EMIT failed(message);
    });
}

AppLauncher::~AppLauncher()
{
    // The window goes before the server it talks to.
    delete m_window;
}

void AppLauncher::setCredentialStore(CredentialStore *store)
{
    m_credentials = store;
}

bool AppLauncher::isLocalMode() const
{
    if (!m_forcedModeUsed && m_options.mode == StartupOptions::Mode::Local)
        return true;
    if (!m_forcedModeUsed && m_options.mode == StartupOptions::Mode::Remote)
        return false;
    return m_settings->isLocalMode();
}

void AppLauncher::launch()
{
    if (!m_credentials)
        m_credentials = new CredentialStore(
            CredentialStore::defaultFallbackFile(), CredentialStore::Backend::Automatic, this);
    if (isLocalMode())
        launchLocal(m_options.port.value_or(m_settings->localPort()));
    else
        launchRemote();
}

void AppLauncher::launchLocal(quint16 port)
{
    LocalServerConfig config;
    config.port = port;
    config.dataDir = m_options.dataDir;
    config.demo = true; // seeds only an empty database: the first start gets demo bettors and bets
    m_host->start(config);
}

void AppLauncher::launchRemote()
{
    m_host->stop();
    QUrl url = m_options.serverUrl;
    if (m_forcedModeUsed || url.isEmpty())
        url = QUrl(m_settings->value(AppSettings::Key::ServerUrl).toString());
    QString token = m_forcedModeUsed ? QString() : m_options.token;
    if (token.isEmpty() && url.isValid() && !url.isEmpty())
        token = m_credentials->readToken(ServerEndpoint(url, {}).serverKey());
    const ServerEndpoint endpoint(url, token);
    if (!endpoint.isValid() || token.isEmpty()) {
        // Nothing to connect to yet: the settings ask for it.
        if (!askForRemoteSettings()) {
            Q_EMIT failed(tr("No server configured."));
            return;
        }
        m_forcedModeUsed = true;
        launch();
        return;
    }
    SessionConfig session;
    session.endpoint = endpoint;
    openWindow(session);
}

bool AppLauncher::askForRemoteSettings()
{
    SettingsDialog dialog(m_settings, m_credentials);
    dialog.remoteOption()->setChecked(true);
    return dialog.exec() == QDialog::Accepted;
}

void AppLauncher::openWindow(SessionConfig session)
{
    // --local/--server/--port shape the first session only; after a change in the settings, those decide.
    m_forcedModeUsed = true;
    m_options.port.reset();
    // The live feeds' cursors go to the app's state file, next to the window layout.
    if (session.cursorFile.isEmpty())
        session.cursorFile = m_settings->stateFileName();
    auto *window = new MainWindow(std::move(session), m_settings);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setCredentialStore(m_credentials);
    m_window = window;
    connect(window, &MainWindow::reconnectRequested, this, &AppLauncher::relaunch, Qt::QueuedConnection);
    if (m_windowSetup)
        m_windowSetup(window);
    window->show();
    window->start();
    Q_EMIT windowReady(window);
}

void AppLauncher::relaunch()
{
    // The old window (and its connections) goes first; a local server restarts only if the mode or port
    // changed. Closing the only window would otherwise end the application.
    const bool quitOnClose = QApplication::quitOnLastWindowClosed();
    QApplication::setQuitOnLastWindowClosed(false);
    if (m_window) {
        m_window->setAttribute(Qt::WA_DeleteOnClose, false);
        m_window->close();
        delete m_window;
    }
    m_host->stop();
    launch();
    QApplication::setQuitOnLastWindowClosed(quitOnClose);
}

} // namespace betthat::app
