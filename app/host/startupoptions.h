#pragma once

// The desktop app's command line: --server, --token, --local, --headless, --lang, --port, --log-level.

#include "common/logging.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace betthat::app {

class StartupOptions
{
    Q_DECLARE_TR_FUNCTIONS(StartupOptions)
public:
    enum class Mode { FromSettings, Local, Remote };

    Mode mode = Mode::FromSettings;
    QUrl serverUrl; // --server (implies remote mode)
    QString token; // --token
    QString language; // --lang ("de", "es", "en")
    std::optional<quint16> port; // --port: the bundled server's port
    QString dataDir; // --data-dir: the bundled server's directory (tests, portable use)
    LogLevel logLevel = LogLevel::Info; // --log-level, else LOG_LEVEL, else INFO
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    QString error; // not empty: the command line was refused

    bool ok() const { return error.isEmpty(); }

    // arguments as QCoreApplication::arguments(); logLevelEnvironment is LOG_LEVEL's value, the fallback for
    // --log-level (logLevelFromEnvironment() in main). Never exits the process (main decides).
    static StartupOptions parse(const QStringList &arguments, const QString &logLevelEnvironment = {});

    // --headless runs the server's own command line without a window: true if it is among the arguments.
    static bool isHeadless(const QStringList &arguments);
    // The arguments for the server command line: --headless (and the app-only --local) removed.
    static QStringList serverArguments(const QStringList &arguments);
};

} // namespace betthat::app
