// betthat-server: the headless server. Everything it does lives in server/cli, shared with the app's
// --headless; only the choice of event dispatcher happens here, because it must precede the app object.
#include "server/cli/servercommandline.h"
#include "server/edge/epolldispatcher.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    // --event-dispatcher is taken out here; the rest goes to the ordinary command line.
    const auto dispatcher = betthat::server::chooseEventDispatcher(
        &arguments, qEnvironmentVariable("BETTHAT_EVENT_DISPATCHER"));
    if (!dispatcher.error.isEmpty()) {
        std::fprintf(stderr, "betthat-server: %s\n", qPrintable(dispatcher.error));
        return 2;
    }
    if (dispatcher.epoll) {
        // Qt's dispatchers poll() every socket on every turn: with thousands of idle WebSocket clients that
        // is most of the server's CPU (docs/BENCHMARKS.md). The application object takes ownership.
        QCoreApplication::setEventDispatcher(new betthat::server::EpollDispatcher);
    } else if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        // The stock fallback: the UNIX dispatcher, not GLib's, which unregisters socket notifiers with a
        // linear scan and makes one broadcast to N WebSocket clients O(N^2).
        qputenv("QT_NO_GLIB", "1");
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("betthat-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("BetThat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BETTHAT_VERSION));
    return betthat::server::runServerCommandLine(arguments);
}
