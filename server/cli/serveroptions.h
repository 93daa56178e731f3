#pragma once

// The one table of betthat-server's settings: each option once, with its command-line name, environment
// variable, config-file key, help and how its text is applied to (and read back from) the configuration.
// The command line, the environment and the --config file all resolve through it:
// command line > environment > file > defaults.

#include "common/error.h"
#include "common/logging.h"
#include "server/serverconfig.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <functional>

class QCommandLineParser;

namespace betthat::server {

// What the options configure: the server and the process's logging.
struct ServerSettings
{
    ServerConfig config;
    LogLevel logLevel = LogLevel::Info;
    LogFormat logFormat = LogFormat::Text;
};

struct ServerOption
{
    QString name;      // command line: --name
    QString env;       // environment variable
    QString key;       // config file: "section/key"
    QString valueName; // empty: a flag on the command line (on|off in the environment and the file)
    QString help;
    bool secret = false; // masked by --print-config
    // Applies `value`; `source` names where it came from for the error ("--port", "BETTHAT_PORT", ...).
    std::function<Status(ServerSettings &, const QString &value, const QString &source)> apply;
    // The current value as text that apply() accepts ("" for an unset string).
    std::function<QString(const ServerSettings &)> current;
};

// Every option, in the order they are applied and printed.
const QList<ServerOption> &serverOptions();

// Where a setting's effective value came from.
enum class OptionSource { Default, File, Environment, CommandLine };
QString optionSourceName(OptionSource source);

struct EffectiveOption
{
    const ServerOption *option = nullptr;
    QString value; // as applied (the default's text when nothing set it)
    OptionSource source = OptionSource::Default;
    QString origin; // "--port", "BETTHAT_PORT", "/etc/betthat/server.conf" ("" for a default)
};

struct ResolvedSettings
{
    ServerSettings settings;
    QList<EffectiveOption> effective; // one per option, table order
    QString configFile;               // "" without one
};

// Adds every table option, --config and --print-config to `parser`.
void addServerOptions(QCommandLineParser &parser);

// Resolves the table from a parsed command line, an environment and the file named by --config (or
// BETTHAT_CONFIG). Errors name the option, variable or key and, for the file, the file; an unknown key in
// the file is an error. Log level and format are resolved but not installed.
Result<ResolvedSettings> resolveServerSettings(const QCommandLineParser &parser, const QProcessEnvironment &env);

// The effective configuration as an INI file with each value's source; secrets masked.
QString formatEffectiveConfig(const ResolvedSettings &resolved);

} // namespace betthat::server
