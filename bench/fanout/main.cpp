// betthat-bench-fanout: WebSocket fan-out of the real betthat-server, measured from a separate process on
// 127.0.0.1. See docs/BENCHMARKS.md for what it measures and how to read the numbers.
#include "bench/fanout/fanoutbench.h"
#include "bench/fanout/fanoutoptions.h"
#include "bench/support/procstatus.h"
#include "common/logging.h"
#include "server/serverconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>

using namespace betthat::bench;

namespace {

int usage(const QString &message)
{
    std::fprintf(stderr, "betthat-bench-fanout: %s\n", qPrintable(message));
    return 2;
}

bool readInt(const QCommandLineParser &parser, const QCommandLineOption &option, int min, int max, int *value)
{
    bool ok = false;
    const int parsed = parser.value(option).toInt(&ok);
    if (!ok || parsed < min || parsed > max) {
        usage(QStringLiteral("--%1 must be a number from %2 to %3")
                  .arg(option.names().constFirst())
                  .arg(min)
                  .arg(max));
        return false;
    }
    *value = parsed;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    // Same dispatcher as the server: GLib's makes every socket notifier change O(number of sockets).
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("betthat-bench-fanout"));
    // Per-commit debug lines would be part of what is timed; the server runs with WARNING too.
    betthat::installLogging(betthat::LogLevel::Warning);

    const betthat::server::RealtimeConfig serverDefaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts betthat-server in a child process, opens N WebSocket clients to /ws/bet-updates, resolves "
        "bets "
        "over HTTP and reports delivery latency, completeness, frames/s and server memory per connection."));
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("betthat-server executable."),
        QStringLiteral("path"), QStringLiteral(BETTHAT_SERVER_EXECUTABLE));
    const QCommandLineOption connections(QStringLiteral("connections"),
        QStringLiteral("WebSocket clients (default 1000)."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption mode(QStringLiteral("mode"),
        QStringLiteral("targeted, broadcast or both (default both)."), QStringLiteral("mode"),
        QStringLiteral("both"));
    const QCommandLineOption events(QStringLiteral("events"),
        QStringLiteral("Resolves sent one at a time for the latency run (default 100)."), QStringLiteral("n"),
        QStringLiteral("100"));
    const QCommandLineOption burst(QStringLiteral("burst"),
        QStringLiteral("Resolves sent at once for the throughput run (default 100)."), QStringLiteral("n"),
        QStringLiteral("100"));
    const QCommandLineOption perUser(QStringLiteral("per-user"),
        QStringLiteral("Targeted mode: connections per bettor (default 10)."), QStringLiteral("n"),
        QStringLiteral("10"));
    const QCommandLineOption perAddress(QStringLiteral("per-address"),
        QStringLiteral("Clients per loopback source address (default 40)."), QStringLiteral("n"),
        QStringLiteral("40"));
    const QCommandLineOption concurrency(QStringLiteral("connect-concurrency"),
        QStringLiteral("Handshakes in flight (default 32)."), QStringLiteral("n"), QStringLiteral("32"));
    const QCommandLineOption dispatcher(QStringLiteral("event-dispatcher"),
        QStringLiteral("The server's event dispatcher: epoll or qt (default epoll)."), QStringLiteral("name"),
        QStringLiteral("epoll"));
    parser.addOptions({ server, connections, mode, events, burst, perUser, perAddress, concurrency, dispatcher });
    parser.process(app);

    FanoutOptions options;
    options.serverProgram = parser.value(server);
    if (!QFileInfo(options.serverProgram).isExecutable())
        return usage(QStringLiteral("%1 is not an executable (build betthat-server or pass --server)")
                         .arg(options.serverProgram));
    if (!readInt(parser, connections, 1, serverDefaults.maxConnections, &options.connections)
        || !readInt(parser, events, 1, 100000, &options.events)
        || !readInt(parser, burst, 0, 100000, &options.burst)
        || !readInt(parser, perUser, 1, serverDefaults.maxConnectionsPerUser, &options.perUser)
        || !readInt(
            parser, perAddress, 1, 1000000, &options.perAddress)
        || !readInt(parser, concurrency, 1, 1000, &options.connectConcurrency))
        return 2;
    options.eventDispatcher = parser.value(dispatcher);
    if (options.eventDispatcher != QLatin1String("epoll") && options.eventDispatcher != QLatin1String("qt"))
        return usage(QStringLiteral("--event-dispatcher must be epoll or qt"));
    const QString modeName = parser.value(mode);
    if (modeName != QLatin1String("both") && modeName != QLatin1String("targeted")
        && modeName != QLatin1String("broadcast"))
        return usage(QStringLiteral("--mode must be targeted, broadcast or both"));
    options.targeted = modeName != QLatin1String("broadcast");
    options.broadcast = modeName != QLatin1String("targeted");

    // The server child inherits this limit: it needs a descriptor per connection too.
    const qint64 wantedFiles = qint64(options.connections) + 256;
    const qint64 files = ProcStatus::raiseOpenFileLimit(wantedFiles);
    if (files < wantedFiles)
        return usage(
            QStringLiteral("the open-file limit is %1, %2 are needed; raise it (ulimit -n) or use fewer "
                           "--connections")
                .arg(files)
                .arg(wantedFiles));

    QTextStream out(stdout);
    FanoutBench bench(options, out);
    return bench.run();
}
