// betthat-bench-churn: opens and closes WebSocket connections to a real betthat-server (a child process) one
// after the other and samples the server's VmRSS every so many cycles: a leak per connection shows as growth.
// docs/BENCHMARKS.md ("Memory under connection churn") has the figure and the command.
#include "bench/fanout/serverprocess.h"
#include "bench/support/benchseed.h"
#include "bench/support/procstatus.h"
#include "common/logging.h"
#include "server/storage/sqliterepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <cstdio>

using namespace betthat;
using namespace betthat::bench;

namespace {

// The server limits new connections per user (2/s, burst 20): the cycles go round this many users so the
// churn measures memory, not the limiter (which would close with 1013 after 20 quick cycles of one user).
constexpr int kUsers = 1000;

// One cycle: connect, wait for connection_established (the server has authenticated and registered the
// session), close with 1000, wait until the socket is gone. False on a timeout or an early close.
bool cycle(const QUrl &url, QString *error)
{
    QWebSocket socket;
    QEventLoop loop;
    bool welcomed = false;
    bool failed = false;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &message) {
        if (!welcomed && message.contains(QLatin1String("connection_established"))) {
            welcomed = true;
            socket.close(QWebSocketProtocol::CloseCodeNormal);
        }
    });
    QObject::connect(&socket, &QWebSocket::disconnected, &loop, [&] {
        if (!welcomed) {
            failed = true;
            *error = QStringLiteral("closed before the welcome: %1 %2")
                         .arg(socket.closeCode())
                         .arg(socket.closeReason());
        }
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, [&] {
        failed = true;
        *error = QStringLiteral("no answer within 10 s");
        loop.quit();
    });
    socket.open(url);
    loop.exec();
    return !failed;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    betthat::installLogging(betthat::LogLevel::Warning);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts betthat-server, opens and closes N WebSocket connections one after the other and prints the "
        "server's resident memory every --every cycles."));
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("betthat-server executable."),
        QStringLiteral("path"), QStringLiteral(BETTHAT_SERVER_EXECUTABLE));
    const QCommandLineOption cycles(
        QStringLiteral("cycles"), QStringLiteral("Connect/disconnect cycles."), QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption every(
        QStringLiteral("every"), QStringLiteral("Sample memory every n cycles."), QStringLiteral("n"), QStringLiteral("1000"));
    parser.addOptions({ server, cycles, every });
    parser.process(app);
    const int total = parser.value(cycles).toInt();
    const int step = qMax(1, parser.value(every).toInt());

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("churn.sqlite"));
    {
        server::SqliteRepository repository(dbPath, QStringLiteral("bench-churn-seed"));
        if (const auto opened = repository.open(); !opened) {
            std::fprintf(stderr, "seed: %s\n", qPrintable(opened.error().message));
            return 1;
        }
        if (!BenchSeed::relaxDurabilityForSeeding(QStringLiteral("bench-churn-seed")))
            return 1;
        BenchSeed seeder(repository);
        for (int u = 0; u < kUsers; ++u) {
            if (!seeder.addUser(QStringLiteral("churner%1").arg(u), Role::Bettor, 1000))
                return 1;
        }
        repository.close();
    }
    ServerProcess process(parser.value(server), QStringLiteral("epoll"));
    if (!process.start(dbPath)) {
        std::fprintf(stderr, "server: %s\n", qPrintable(process.errorString()));
        return 1;
    }
    QList<QUrl> urls;
    for (int u = 0; u < kUsers; ++u)
        urls.append(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/bet-updates?token=%2")
                             .arg(process.port())
                             .arg(BenchSeed::tokenFor(QStringLiteral("churner%1").arg(u)))));
    std::printf("cycles\tserver_rss_kb\n0\t%lld\n", static_cast<long long>(process.residentKb()));
    std::fflush(stdout);
    for (int i = 1; i <= total; ++i) {
        QString error;
        if (!cycle(urls.at(i % kUsers), &error)) {
            std::fprintf(stderr, "cycle %d: %s\n", i, qPrintable(error));
            process.stop();
            return 1;
        }
        if (i % step == 0) {
            std::printf("%d\t%lld\n", i, static_cast<long long>(process.residentKb()));
            std::fflush(stdout);
        }
    }
    process.stop();
    return 0;
}
