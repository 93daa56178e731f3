#pragma once

// The betthat-server command line (serve, --demo banner, signals, `user add|list|token`, `backup`), shared with the
// desktop app's --headless so both behave identically.

#include "server/serverconfig.h"

#include <QStringList>
#include <QTextStream>

class QCommandLineParser;

namespace betthat::server {

class BetThatServer;
struct DatabaseLocation;

class ServerCommandLine
{
public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    ServerCommandLine();

    // arguments as QCoreApplication::arguments(): the program name first. Needs a QCoreApplication.
    // Serving runs its event loop until SIGINT/SIGTERM (or QCoreApplication::exit) and then returns 0.
    // Usage errors return 2 with a message on stderr, runtime failures (port taken, database refused) 1.
    int run(const QStringList &arguments);

    // The SQLite file used when --db is not given: betthat.sqlite in the platform's app data directory.
    static QString defaultDatabasePath();

private:
    int serve(const ServerConfig &config);
    int runUserCommand(const QStringList &arguments, const QString &dbFromGlobalOptions);
    int runBackupCommand(const QStringList &arguments, const QString &dbFromGlobalOptions);
    int userAdd(const QCommandLineParser &parser, const QString &id, const DatabaseLocation &database);
    int userList(const DatabaseLocation &database);
    int userToken(const QString &id, const DatabaseLocation &database);

    void printDemoBanner(BetThatServer &server, const QString &baseUrl);
    int usageError(const QString &message);
    int failure(const QString &message);

    QString m_program;
    QTextStream m_out;
    QTextStream m_err;
};

// Convenience for main(): ServerCommandLine().run(arguments).
int runServerCommandLine(const QStringList &arguments);

} // namespace betthat::server
