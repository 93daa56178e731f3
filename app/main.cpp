// betthat: the desktop client. Parses the command line and hands over to the launcher (or, with --headless,
// to the server's own command line); everything else lives in the betthat_appui library.
#include "app/host/applauncher.h"
#include "app/host/startupoptions.h"
#include "app/host/translationloader.h"
#include "app/logcategories.h"
#include "app/settings/appsettings.h"
#include "app/singleinstance.h"
#include "common/logging.h"
#include "server/cli/servercommandline.h"
#include "server/cli/signalwatcher.h"

#include <QApplication>
#include <QEventLoop>
#include <QIcon>
#include <QMainWindow>
#include <QTextStream>

namespace {

void setIdentity()
{
    // The same names in both modes: --headless serves the database the window's local mode uses.
    QCoreApplication::setApplicationName(QStringLiteral("betthat"));
    QCoreApplication::setOrganizationName(QStringLiteral("BetThat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BETTHAT_VERSION));
}

const QString kNewInstance = QStringLiteral("--new-instance");

// The window a second launch brings forward: the main window, else any visible top-level one.
void raiseMainWindow()
{
    QWidget *target = nullptr;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (!widget->isVisible() && !widget->isMinimized())
            continue;
        if (qobject_cast<QMainWindow *>(widget) && !widget->parentWidget()) {
            target = widget;
            break;
        }
        if (!target)
            target = widget;
    }
    if (!target)
        return;
    target->setWindowState((target->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    target->show();
    target->raise();
    target->activateWindow();
}

} // namespace

int main(int argc, char *argv[])
{
    // The UNIX event dispatcher (see server/main.cpp): the bundled server fans out faster with it.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    // The server mode runs no window, so there is nothing to hand over: --new-instance is moot there.
    arguments.removeAll(kNewInstance);
    if (betthat::app::StartupOptions::isHeadless(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return betthat::server::runServerCommandLine(
            betthat::app::StartupOptions::serverArguments(arguments));
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Bet That"));
    QApplication::setDesktopFileName(QStringLiteral("betthat"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/betthat.svg")));

    betthat::app::AppSettings settings;
    const QString logLevelEnvironment = betthat::logLevelFromEnvironment();
    const auto peek = betthat::app::StartupOptions::parse(QCoreApplication::arguments(), logLevelEnvironment);
    // The handler every Bet That process uses (common/logging.h), as early as the level is known; a bad
    // --log-level or LOG_LEVEL is reported below with the other usage errors (until then: INFO).
    betthat::installLogging(peek.logLevel);
    // Translations first, so --help and errors already speak the user's language.
    betthat::app::TranslationLoader::install(app,
        peek.language.isEmpty() ? settings.value(betthat::app::AppSettings::Key::Language).toString()
                                : peek.language);
    // --new-instance belongs to main alone: it skips the single-instance hand-over below.
    QStringList appArguments = QCoreApplication::arguments();
    const bool newInstance = appArguments.removeAll(kNewInstance) > 0;
    const auto options = betthat::app::StartupOptions::parse(appArguments, logLevelEnvironment);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!options.ok()) {
        err << QCoreApplication::applicationName() << ": " << options.error << "\n";
        return 2;
    }
    if (options.showHelp) {
        out << options.helpText;
        return 0;
    }
    if (options.showVersion) {
        out << QCoreApplication::applicationName() << " " << QCoreApplication::applicationVersion() << "\n";
        return 0;
    }

    // One window per data directory: a second launch hands its command line to the running one, which comes
    // to the front, and exits. A failure to set this up never keeps the app from starting.
    betthat::app::SingleInstance instance(betthat::app::SingleInstance::nameFor(options.dataDir));
    if (!newInstance) {
        switch (instance.start()) {
        case betthat::app::SingleInstance::Start::Primary:
            QObject::connect(&instance, &betthat::app::SingleInstance::argumentsReceived, &app,
                [](const QStringList &received) {
                    // The count only: a command line may carry --token.
                    qCInfo(betthat::app::lcApp) << "another launch handed over" << received.size()
                                                << "arguments; raising the window";
                    raiseMainWindow();
                });
            break;
        case betthat::app::SingleInstance::Start::AlreadyRunning: {
            QEventLoop wait;
            int exitCode = 0;
            QObject::connect(&instance, &betthat::app::SingleInstance::delivered, &wait, [&] { wait.quit(); });
            QObject::connect(&instance, &betthat::app::SingleInstance::failed, &wait, [&](const QString &why) {
                qCWarning(betthat::app::lcApp).noquote()
                    << "betthat is already running for this data directory, but" << why
                    << "- start with --new-instance to open another window anyway";
                exitCode = 1;
                wait.quit();
            });
            instance.sendArguments(QCoreApplication::arguments());
            wait.exec();
            if (exitCode == 0)
                qCInfo(betthat::app::lcApp) << "betthat is already running; its window was brought forward";
            return exitCode;
        }
        case betthat::app::SingleInstance::Start::Failed:
            qCWarning(betthat::app::lcApp).noquote()
                << "single instance unavailable (" << instance.errorString() << "); starting anyway";
            break;
        }
    }

    qCInfo(betthat::app::lcApp).noquote()
        << "betthat" << QCoreApplication::applicationVersion() << "starting,"
        << "log level" << betthat::logLevelName(options.logLevel);

    // Ctrl+C in a terminal or SIGTERM: quit through the event loop, so the window saves its state and the
    // bundled server closes its WebSockets with 1001 instead of vanishing.
    betthat::server::SignalWatcher stopSignals({ SIGINT, SIGTERM });
    QObject::connect(
        &stopSignals, &betthat::server::SignalWatcher::received, &app, [] { QCoreApplication::quit(); });

    betthat::app::AppLauncher launcher(options, &settings);
    QObject::connect(
        &launcher, &betthat::app::AppLauncher::failed, &app,
        [](const QString &message) {
            QTextStream(stderr) << "betthat: " << message << "\n";
            QCoreApplication::exit(1);
        },
        Qt::QueuedConnection);
    launcher.launch();
    return app.exec();
}
