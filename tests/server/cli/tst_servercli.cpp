// The real betthat-server executable: the demo banner's lines work as printed, signals stop it cleanly,
// `user add|list|token` tokens authenticate, bad arguments fail with a clear message.
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <csignal>
#include <memory>
#include <vector>

namespace {

constexpr int kStartTimeoutMs = 20000;
const QString kBanner = QStringLiteral("Press Ctrl+C to stop.");

struct CliRun
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;
};

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// A running betthat-server and everything it printed so far.
struct ServerRun
{
    std::unique_ptr<QProcess> process;
    QString out;
    QString err;
    QString baseUrl;

    // Reads stdout until `marker` shows up, the process exits or the time is up.
    bool waitForOutput(const QString &marker, int timeoutMs = kStartTimeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (!out.contains(marker) && timer.elapsed() < timeoutMs) {
            process->waitForReadyRead(100);
            out += QString::fromUtf8(process->readAllStandardOutput());
            if (process->state() == QProcess::NotRunning) {
                out += QString::fromUtf8(process->readAllStandardOutput());
                break;
            }
        }
        return out.contains(marker);
    }

    void collectStderr() { err += QString::fromUtf8(process->readAllStandardError()); }
};

QString serverExecutable()
{
    return QStringLiteral(BETTHAT_SERVER_EXE);
}

QRegularExpressionMatch matchLine(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text);
}

} // namespace

class TestServerCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void demo_printedBetsCurlLine_returnsAlicesBets();
    void demo_printedResolveLine_settlesAlicesPendingBet();
    void demo_printedPollingLine_returnsTheEventLog();
    void demo_printedWscatLine_answersPing();
    void demo_restartOnSameDatabase_doesNotReseed();
    void demo_databaseWithOtherUsers_saysTokensDoNotWork();
    void serve_withoutDemo_printsOneUrlLine();
    void serve_portTaken_failsWithClearMessage();
    void signal_shutsDownPromptlyWithExitCodeZero_data();
    void signal_shutsDownPromptlyWithExitCodeZero();
    void log_debugLevel_timestampedAndNeverContainsTokens();
    void log_jsonFormat_oneObjectPerLineShowingConnections();
    void printConfig_fileEnvironmentAndOption_secretsMasked();
    void config_unknownKey_usageErrorNamingIt();
    void log_levels_filterOutput_data();
    void log_levels_filterOutput();
    void userAdd_printedToken_authenticatesAgainstServer();
    void userToken_newTokenWorks_oldTokenRejected();
    void userList_showsUsersRolesAndBalances();
    void userAdd_existingId_failsAndKeepsTheUser();
    void userAdd_invalidInput_usageErrorAndNoDatabaseCreated_data();
    void userAdd_invalidInput_usageErrorAndNoDatabaseCreated();
    void userCommands_missingDatabase_failWithoutCreatingIt_data();
    void userCommands_missingDatabase_failWithoutCreatingIt();
    void badArguments_exitNonZeroWithClearMessage_data();
    void badArguments_exitNonZeroWithClearMessage();
    void version_printsNameAndVersion();
    void help_listsEveryOptionAndCommand();

private:
    QProcessEnvironment environment() const;
    CliRun runCli(const QStringList &arguments, const QProcessEnvironment &env);
    CliRun runCli(const QStringList &arguments) { return runCli(arguments, environment()); }
    ServerRun *startServer(
        const QStringList &arguments, const QString &marker, const QProcessEnvironment &env);
    ServerRun *startDemo(const QString &dbName = QStringLiteral("demo.sqlite"));
    ServerRun *startPlain(const QString &dbPath);
    bool stopServer(ServerRun &run);
    HttpResult request(
        const QByteArray &verb, const QUrl &url, const QString &token, const QByteArray &body = QByteArray());
    QString addUser(const QString &dbPath, const QString &id, const QStringList &extra = {});
    QString dbPath(const QString &name = QStringLiteral("cli.sqlite")) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    // Owned here, not by the test function, so cleanup() can kill what a failed test left running.
    std::vector<std::unique_ptr<ServerRun>> m_running;
};

void TestServerCli::init()
{
    QVERIFY2(QFileInfo(serverExecutable()).isExecutable(), qPrintable(serverExecutable()));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

void TestServerCli::cleanup()
{
    // A failed test must not leave a server behind.
    for (const auto &run : m_running) {
        if (run->process->state() != QProcess::NotRunning) {
            run->process->kill();
            run->process->waitForFinished(5000);
        }
    }
    m_running.clear();
    m_nam.reset();
    m_dir.reset();
}

QProcessEnvironment TestServerCli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Whatever the developer's shell sets must not change what the tests see.
    for (const char *name : { "LOG_LEVEL", "QT_LOGGING_RULES", "QT_MESSAGE_PATTERN", "http_proxy",
             "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("no_proxy"), QStringLiteral("*"));
    // The default database lives under the app data dir: keep it inside the test's directory.
    env.insert(QStringLiteral("HOME"), m_dir->path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    return env;
}

CliRun TestServerCli::runCli(const QStringList &arguments, const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(serverExecutable(), arguments);
    CliRun run;
    if (!process.waitForFinished(kStartTimeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("(timed out)");
        return run;
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

ServerRun *TestServerCli::startServer(
    const QStringList &arguments, const QString &marker, const QProcessEnvironment &env)
{
    m_running.push_back(std::make_unique<ServerRun>());
    ServerRun *run = m_running.back().get();
    run->process = std::make_unique<QProcess>();
    run->process->setProcessEnvironment(env);
    run->process->start(serverExecutable(), arguments);
    if (!run->waitForOutput(marker)) {
        run->collectStderr();
        qWarning("betthat-server did not print %s.\nstdout:\n%s\nstderr:\n%s", qPrintable(marker),
            qPrintable(run->out), qPrintable(run->err));
        return nullptr;
    }
    return run;
}

ServerRun *TestServerCli::startDemo(const QString &dbName)
{
    auto run = startServer({ QStringLiteral("--demo"), QStringLiteral("--port"), QStringLiteral("0"),
                               QStringLiteral("--db"), dbPath(dbName) },
        kBanner, environment());
    if (!run)
        return nullptr;
    const auto url = matchLine(
        run->out, QStringLiteral("^=== Bet That demo server: (http://127\\.0\\.0\\.1:\\d+) ===$"));
    if (!url.hasMatch()) {
        qWarning("no URL in the banner:\n%s", qPrintable(run->out));
        return nullptr;
    }
    run->baseUrl = url.captured(1);
    return run;
}

ServerRun *TestServerCli::startPlain(const QString &path)
{
    auto run = startServer({ QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), path },
        QStringLiteral("Ctrl+C stops it."), environment());
    if (!run)
        return nullptr;
    const auto url
        = matchLine(run->out, QStringLiteral("^Bet That server listening on (http://127\\.0\\.0\\.1:\\d+) "));
    if (!url.hasMatch()) {
        qWarning("no URL line:\n%s", qPrintable(run->out));
        return nullptr;
    }
    run->baseUrl = url.captured(1);
    return run;
}

bool TestServerCli::stopServer(ServerRun &run)
{
    run.process->terminate();
    const bool finished = run.process->waitForFinished(10000);
    run.out += QString::fromUtf8(run.process->readAllStandardOutput());
    run.collectStderr();
    return finished && run.process->exitStatus() == QProcess::NormalExit && run.process->exitCode() == 0;
}

HttpResult TestServerCli::request(
    const QByteArray &verb, const QUrl &url, const QString &token, const QByteArray &body)
{
    QNetworkRequest req(url);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(m_nam->sendCustomRequest(req, verb, body));
    if (!reply->isFinished()) {
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10000))
            return {};
    }
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    return result;
}

QString TestServerCli::addUser(const QString &path, const QString &id, const QStringList &extra)
{
    const CliRun run = runCli(QStringList { QStringLiteral("user"), QStringLiteral("add"), id,
                                  QStringLiteral("--name"), id.toUpper(), QStringLiteral("--email"),
                                  id + QStringLiteral("@example.test"), QStringLiteral("--db"), path }
        + (extra.isEmpty() ? QStringList { QStringLiteral("--role"), QStringLiteral("bettor") } : extra));
    if (run.exitCode != 0) {
        qWarning("user add %s failed (%d): %s", qPrintable(id), run.exitCode, qPrintable(run.err));
        return QString();
    }
    // The token alone on stdout, so scripts can capture it.
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.size() == 1 ? lines.constFirst() : QString();
}

void TestServerCli::demo_printedBetsCurlLine_returnsAlicesBets()
{
    auto server = startDemo();
    QVERIFY(server);
    const auto line = matchLine(server->out,
        QStringLiteral("^  (curl -H \"Authorization: Bearer ([^\"]+)\" "
                       "(http://\\S+/api/v1/bets))$"));
    QVERIFY2(line.hasMatch(), qPrintable(server->out));
    QCOMPARE(line.captured(2), QStringLiteral("demo-alice"));
    QVERIFY(line.captured(3).startsWith(server->baseUrl + QLatin1Char('/')));

    // The request the line describes, made the way any client would.
    const HttpResult viaQt = request("GET", QUrl(line.captured(3)), line.captured(2));
    QCOMPARE(viaQt.status, 200);
    const QJsonArray bets = viaQt.json().value(QStringLiteral("bets")).toArray();
    QCOMPARE(bets.size(), 4);
    for (const QJsonValue &bet : bets)
        QCOMPARE(bet.toObject().value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));

    // And the line itself, pasted into a shell, when curl is installed.
    if (QFileInfo::exists(QStringLiteral("/usr/bin/curl"))) {
        QProcess shell;
        shell.setProcessEnvironment(environment());
        shell.start(
            QStringLiteral("/bin/sh"), { QStringLiteral("-c"), line.captured(1) + QStringLiteral(" -sS") });
        QVERIFY(shell.waitForFinished(15000));
        QCOMPARE(shell.exitCode(), 0);
        const QJsonArray viaCurl = QJsonDocument::fromJson(shell.readAllStandardOutput())
                                       .object()
                                       .value(QStringLiteral("bets"))
                                       .toArray();
        QCOMPARE(viaCurl, bets);
    }
    QVERIFY(stopServer(*server));
}

void TestServerCli::demo_printedResolveLine_settlesAlicesPendingBet()
{
    auto server = startDemo();
    QVERIFY(server);
    const auto line = matchLine(server->out,
        QStringLiteral("^  curl -X POST -H \"Authorization: Bearer ([^\"]+)\" "
                       "-H \"Content-Type: application/json\" -d '([^']+)' "
                       "(http://\\S+/api/v1/bets/(\\d+)/resolve)$"));
    QVERIFY2(line.hasMatch(), qPrintable(server->out));
    QCOMPARE(line.captured(1), QStringLiteral("demo-operator"));
    const QString betId = line.captured(4);

    const HttpResult before = request(
        "GET", QUrl(server->baseUrl + QStringLiteral("/api/v1/bets/") + betId), QStringLiteral("demo-alice"));
    QCOMPARE(before.status, 200);
    QCOMPARE(before.json().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    const HttpResult resolved
        = request("POST", QUrl(line.captured(3)), line.captured(1), line.captured(2).toUtf8());
    QVERIFY2(resolved.status == 200, resolved.body.constData());
    const HttpResult after = request(
        "GET", QUrl(server->baseUrl + QStringLiteral("/api/v1/bets/") + betId), QStringLiteral("demo-alice"));
    QCOMPARE(after.json().value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(after.json().value(QStringLiteral("result")).toString(), QStringLiteral("win"));
    QCOMPARE(
        after.json().value(QStringLiteral("resolution_notes")).toString(), QStringLiteral("Final score 2-1"));
    QVERIFY(stopServer(*server));
}

void TestServerCli::demo_printedPollingLine_returnsTheEventLog()
{
    auto server = startDemo();
    QVERIFY(server);
    const auto line = matchLine(server->out,
        QStringLiteral("^  curl -H \"Authorization: Bearer ([^\"]+)\" "
                       "\"(http://[^\"]+/api/v1/bets/updates\\?[^\"]*)\"$"));
    QVERIFY2(line.hasMatch(), qPrintable(server->out));
    const HttpResult polled = request("GET", QUrl(line.captured(2)), line.captured(1));
    QCOMPARE(polled.status, 200);
    const QJsonArray updates = polled.json().value(QStringLiteral("updates")).toArray();
    QVERIFY(!updates.isEmpty());
    for (const QJsonValue &update : updates)
        QCOMPARE(update.toObject().value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
    QVERIFY(polled.json().value(QStringLiteral("last_seq")).toInteger() > 0);
    QVERIFY(stopServer(*server));
}

void TestServerCli::demo_printedWscatLine_answersPing()
{
    auto server = startDemo();
    QVERIFY(server);
    const auto line = matchLine(server->out, QStringLiteral("^  wscat -c \"(ws://[^\"]+)\"$"));
    QVERIFY2(line.hasMatch(), qPrintable(server->out));
    const auto send = matchLine(server->out, QStringLiteral("^  then send: (\\{.*\\})$"));
    QVERIFY(send.hasMatch());

    QWebSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
    socket.open(QUrl(line.captured(1)));
    QVERIFY(connected.wait(10000));
    socket.sendTextMessage(send.captured(1));
    bool pong = false;
    QElapsedTimer timer;
    timer.start();
    while (!pong && timer.elapsed() < 10000) {
        if (messages.isEmpty() && !messages.wait(10000 - int(timer.elapsed())))
            break;
        while (!messages.isEmpty()) {
            const QJsonObject message
                = QJsonDocument::fromJson(messages.takeFirst().constFirst().toString().toUtf8()).object();
            pong = pong || message.value(QStringLiteral("type")).toString() == QLatin1String("pong");
        }
    }
    QVERIFY(pong);
    socket.close();
    QVERIFY(stopServer(*server));
}

void TestServerCli::demo_restartOnSameDatabase_doesNotReseed()
{
    auto first = startDemo();
    QVERIFY(first);
    QCOMPARE(request("GET", QUrl(first->baseUrl + QStringLiteral("/api/v1/bets")), QStringLiteral("demo-bob"))
                 .json()
                 .value(QStringLiteral("bets"))
                 .toArray()
                 .size(),
        4);
    QVERIFY(stopServer(*first));

    auto second = startDemo();
    QVERIFY(second);
    QVERIFY(!second->out.contains(QStringLiteral("NOTE:")));
    QCOMPARE(
        request("GET", QUrl(second->baseUrl + QStringLiteral("/api/v1/bets")), QStringLiteral("demo-bob"))
            .json()
            .value(QStringLiteral("bets"))
            .toArray()
            .size(),
        4);
    QVERIFY(stopServer(*second));
    const CliRun list = runCli({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"),
        dbPath(QStringLiteral("demo.sqlite")) });
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out.count(QStringLiteral("@example.test")), 4);
}

void TestServerCli::demo_databaseWithOtherUsers_saysTokensDoNotWork()
{
    const QString token = addUser(dbPath(QStringLiteral("demo.sqlite")), QStringLiteral("dave"));
    QVERIFY(!token.isEmpty());
    auto server = startDemo();
    QVERIFY(server);
    QVERIFY2(server->out.contains(QStringLiteral("NOTE: this database already had users")),
        qPrintable(server->out));
    QCOMPARE(
        request("GET", QUrl(server->baseUrl + QStringLiteral("/api/v1/me")), QStringLiteral("demo-alice"))
            .status,
        401);
    QCOMPARE(request("GET", QUrl(server->baseUrl + QStringLiteral("/api/v1/me")), token).status, 200);
    QVERIFY(stopServer(*server));
}

void TestServerCli::serve_withoutDemo_printsOneUrlLine()
{
    auto server = startPlain(dbPath());
    QVERIFY(server);
    QCOMPARE(server->out.count(QLatin1Char('\n')), 1);
    QVERIFY(!server->out.contains(QStringLiteral("demo-")));
    QCOMPARE(request("GET", QUrl(server->baseUrl + QStringLiteral("/healthz")), QString()).status, 200);
    QVERIFY(stopServer(*server));
    QVERIFY(QFileInfo::exists(dbPath()));
}

void TestServerCli::serve_portTaken_failsWithClearMessage()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    const CliRun run = runCli({ QStringLiteral("--port"), QString::number(occupant.serverPort()),
        QStringLiteral("--db"), dbPath() });
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(occupant.serverPort())),
        qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestServerCli::signal_shutsDownPromptlyWithExitCodeZero_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
}

void TestServerCli::signal_shutsDownPromptlyWithExitCodeZero()
{
    QFETCH(int, signalNumber);
    QFETCH(QString, name);
    auto server = startDemo();
    QVERIFY(server);
    // A client holding a keep-alive connection must not delay the shutdown.
    QCOMPARE(
        request("GET", QUrl(server->baseUrl + QStringLiteral("/api/v1/me")), QStringLiteral("demo-carol"))
            .status,
        200);
    // A live WebSocket client is told the server is going away (1001), not cut off.
    QWebSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    socket.open(QUrl(QString(server->baseUrl).replace(QStringLiteral("http:"), QStringLiteral("ws:"))
        + QStringLiteral("/ws/bet-updates?user_id=carol&token=demo-carol")));
    QVERIFY(connected.wait(10000));

    QElapsedTimer timer;
    timer.start();
    QCOMPARE(::kill(pid_t(server->process->processId()), signalNumber), 0);
    QVERIFY(server->process->waitForFinished(10000));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(disconnected.count() > 0 || disconnected.wait(5000));
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QCOMPARE(server->process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(server->process->exitCode(), 0);
    server->collectStderr();
    QVERIFY2(server->err.contains(QStringLiteral("received %1 - shutting down").arg(name)),
        qPrintable(server->err));
}

void TestServerCli::log_debugLevel_timestampedAndNeverContainsTokens()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("DEBUG"));
    auto server = startServer({ QStringLiteral("--demo"), QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--db"), dbPath() },
        kBanner, env);
    QVERIFY(server);
    const QString base = matchLine(server->out, QStringLiteral("demo server: (\\S+) ===$")).captured(1);
    QVERIFY(!base.isEmpty());
    // Every way a token reaches the server: header, a failed header, and the WebSocket query string.
    QCOMPARE(request("GET", QUrl(base + QStringLiteral("/api/v1/bets")), QStringLiteral("demo-alice")).status,
        200);
    QCOMPARE(
        request("GET", QUrl(base + QStringLiteral("/api/v1/me")), QStringLiteral("demo-nobody")).status, 401);
    QWebSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(QUrl(QString(base).replace(QStringLiteral("http:"), QStringLiteral("ws:"))
        + QStringLiteral("/ws/bet-updates?user_id=bob&token=demo-bob")));
    QVERIFY(connected.wait(10000));
    socket.close();
    QVERIFY(stopServer(*server));

    const QStringList lines = server->err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    const QRegularExpression format(QStringLiteral(
        "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (DEBUG|INFO|WARNING|ERROR) [a-z0-9_.]+: "));
    int debugLines = 0;
    for (const QString &logLine : lines) {
        QVERIFY2(format.match(logLine).hasMatch(), qPrintable(logLine));
        if (logLine.contains(QStringLiteral(" DEBUG betthat.")))
            ++debugLines;
        QVERIFY2(!logLine.contains(QStringLiteral("demo-")), qPrintable(logLine));
    }
    QVERIFY2(debugLines > 0, qPrintable(server->err));
}

void TestServerCli::log_jsonFormat_oneObjectPerLineShowingConnections()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("DEBUG"));
    env.insert(QStringLiteral("LOG_FORMAT"), QStringLiteral("json"));
    auto server = startServer({ QStringLiteral("--demo"), QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--db"), dbPath() },
        kBanner, env);
    QVERIFY(server);
    const QString base = matchLine(server->out, QStringLiteral("demo server: (\\S+) ===$")).captured(1);
    QVERIFY(!base.isEmpty());
    QCOMPARE(request("GET", QUrl(base + QStringLiteral("/api/v1/bets")), QStringLiteral("demo-alice")).status,
        200);
    QWebSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(QUrl(QString(base).replace(QStringLiteral("http:"), QStringLiteral("ws:"))
        + QStringLiteral("/ws/bet-updates?user_id=bob&token=demo-bob")));
    QVERIFY(connected.wait(10000));
    socket.close();
    QVERIFY(stopServer(*server));

    const QStringList lines = server->err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    bool sawConnection = false;
    for (const QString &logLine : lines) {
        const QJsonDocument doc = QJsonDocument::fromJson(logLine.toUtf8());
        QVERIFY2(doc.isObject(), qPrintable(logLine));
        const QJsonObject record = doc.object();
        QVERIFY2(record.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')), qPrintable(logLine));
        QVERIFY2(!record.value(QStringLiteral("level")).toString().isEmpty(), qPrintable(logLine));
        QVERIFY2(!record.value(QStringLiteral("category")).toString().isEmpty(), qPrintable(logLine));
        QVERIFY2(!logLine.contains(QStringLiteral("demo-")), qPrintable(logLine));
        if (record.value(QStringLiteral("category")).toString() == QLatin1String("betthat.server.ws")
            && record.value(QStringLiteral("message")).toString().startsWith(QLatin1String("accepted")))
            sawConnection = true;
    }
    QVERIFY2(sawConnection, qPrintable(server->err));
}

void TestServerCli::printConfig_fileEnvironmentAndOption_secretsMasked()
{
    const QString configPath = QFileInfo(dbPath()).absolutePath() + QStringLiteral("/server.conf");
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[http]\nport=8111\n[email]\nserver=mail.example.test\npassword=file-secret-1\n"
               "[realtime]\nmax_connections=77\n");
    file.close();
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("BETTHAT_PORT"), QStringLiteral("8222"));
    env.insert(QStringLiteral("SMTP_PASSWORD"), QStringLiteral("env-secret-2"));
    const CliRun run = runCli({ QStringLiteral("--config"), configPath, QStringLiteral("--realtime-max-connections"),
                                  QStringLiteral("88"), QStringLiteral("--print-config") },
        env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("\nport=8222\n")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("\nmax_connections=88\n")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("\nserver=mail.example.test\n")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("\npassword=********\n")), qPrintable(run.out));
    QVERIFY(!run.out.contains(QStringLiteral("secret-")));
    QVERIFY(!run.err.contains(QStringLiteral("secret-")));
}

void TestServerCli::config_unknownKey_usageErrorNamingIt()
{
    const QString configPath = QFileInfo(dbPath()).absolutePath() + QStringLiteral("/typo.conf");
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[realtime]\nmax_conections=5\n");
    file.close();
    const CliRun run = runCli({ QStringLiteral("--config"), configPath, QStringLiteral("--db"), dbPath() });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("unknown key 'realtime/max_conections'")), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(dbPath()));
}

void TestServerCli::log_levels_filterOutput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environmentLevel");
    QTest::addColumn<bool>("infoShown");
    QTest::addColumn<bool>("debugShown");
    QTest::newRow("default is INFO") << QStringList {} << QString() << true << false;
    QTest::newRow("--log-level WARNING")
        << QStringList { QStringLiteral("--log-level"), QStringLiteral("WARNING") } << QString() << false
        << false;
    QTest::newRow("LOG_LEVEL=ERROR") << QStringList {} << QStringLiteral("ERROR") << false << false;
    QTest::newRow("option beats LOG_LEVEL")
        << QStringList { QStringLiteral("--log-level"), QStringLiteral("info") } << QStringLiteral("ERROR")
        << true << false;
    QTest::newRow("LOG_LEVEL=debug") << QStringList {} << QStringLiteral("debug") << true << true;
}

void TestServerCli::log_levels_filterOutput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environmentLevel);
    QFETCH(bool, infoShown);
    QFETCH(bool, debugShown);
    QProcessEnvironment env = environment();
    if (!environmentLevel.isEmpty())
        env.insert(QStringLiteral("LOG_LEVEL"), environmentLevel);
    auto server = startServer(arguments
            + QStringList { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), dbPath() },
        QStringLiteral("Ctrl+C stops it."), env);
    QVERIFY(server);
    const QString base = matchLine(server->out, QStringLiteral("listening on (\\S+) ")).captured(1);
    QCOMPARE(request("GET", QUrl(base + QStringLiteral("/healthz")), QString()).status, 200);
    QVERIFY(stopServer(*server));
    QCOMPARE(server->err.contains(QStringLiteral(" INFO betthat.server: listening on")), infoShown);
    QCOMPARE(server->err.contains(QStringLiteral(" DEBUG ")), debugShown);
}

void TestServerCli::userAdd_printedToken_authenticatesAgainstServer()
{
    const CliRun run = runCli({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("dave"),
        QStringLiteral("--name"), QStringLiteral("Dave Doe"), QStringLiteral("--email"),
        QStringLiteral("dave@example.test"), QStringLiteral("--role"), QStringLiteral("bettor"),
        QStringLiteral("--deposit"), QStringLiteral("100.50"), QStringLiteral("--db"), dbPath() });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(QRegularExpression(QStringLiteral("^bt_[A-Za-z0-9_-]{43}\\n$")).match(run.out).hasMatch(),
        qPrintable(run.out));
    const QString token = run.out.trimmed();
    QVERIFY2(run.err.contains(QStringLiteral("100.50 EUR")), qPrintable(run.err));
    QVERIFY(!run.err.contains(token));

    auto server = startPlain(dbPath());
    QVERIFY(server);
    const HttpResult me = request("GET", QUrl(server->baseUrl + QStringLiteral("/api/v1/me")), token);
    QCOMPARE(me.status, 200);
    const QJsonObject user = me.json().value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("id")).toString(), QStringLiteral("dave"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("bettor"));
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("dave@example.test"));
    QCOMPARE(me.json().value(QStringLiteral("balance")).toInteger(), 10050);
    QVERIFY(stopServer(*server));
    QVERIFY(!server->err.contains(token));
}

void TestServerCli::userToken_newTokenWorks_oldTokenRejected()
{
    const QString oldToken
        = addUser(dbPath(), QStringLiteral("erin"), { QStringLiteral("--role"), QStringLiteral("operator") });
    QVERIFY(!oldToken.isEmpty());
    // Issued while the server runs on the same database: it takes effect at once.
    auto server = startPlain(dbPath());
    QVERIFY(server);
    const QUrl me(server->baseUrl + QStringLiteral("/api/v1/me"));
    QCOMPARE(request("GET", me, oldToken).status, 200);

    const CliRun run = runCli({ QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("erin"),
        QStringLiteral("--db"), dbPath() });
    QCOMPARE(run.exitCode, 0);
    const QString newToken = run.out.trimmed();
    QVERIFY(newToken.startsWith(QStringLiteral("bt_")));
    QVERIFY(newToken != oldToken);
    QVERIFY(!run.out.contains(oldToken));

    QCOMPARE(request("GET", me, oldToken).status, 401);
    const HttpResult withNew = request("GET", me, newToken);
    QCOMPARE(withNew.status, 200);
    QCOMPARE(withNew.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
        QStringLiteral("operator"));
    QVERIFY(stopServer(*server));
}

void TestServerCli::userList_showsUsersRolesAndBalances()
{
    QVERIFY(!addUser(dbPath(), QStringLiteral("frank"),
        { QStringLiteral("--role"), QStringLiteral("bettor"), QStringLiteral("--deposit"),
            QStringLiteral("50") })
                 .isEmpty());
    QVERIFY(
        !addUser(dbPath(), QStringLiteral("gina"), { QStringLiteral("--role"), QStringLiteral("operator") })
             .isEmpty());
    const CliRun run
        = runCli({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), dbPath() });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        matchLine(run.out, QStringLiteral("^frank\\s+bettor\\s+FRANK\\s+frank@example.test\\s+50.00 EUR$"))
            .hasMatch(),
        qPrintable(run.out));
    QVERIFY2(
        matchLine(run.out, QStringLiteral("^gina\\s+operator\\s+GINA\\s+gina@example.test\\s+-$")).hasMatch(),
        qPrintable(run.out));
    QVERIFY(!run.out.contains(QStringLiteral("bt_")));
}

void TestServerCli::userAdd_existingId_failsAndKeepsTheUser()
{
    const QString token = addUser(dbPath(), QStringLiteral("hank"));
    QVERIFY(!token.isEmpty());
    const CliRun again = runCli(
        { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("hank"), QStringLiteral("--name"),
            QStringLiteral("Other"), QStringLiteral("--email"), QStringLiteral("other@example.test"),
            QStringLiteral("--role"), QStringLiteral("operator"), QStringLiteral("--db"), dbPath() });
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("user 'hank' already exists")), qPrintable(again.err));
    QVERIFY(again.out.isEmpty());
    const CliRun list
        = runCli({ QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), dbPath() });
    QVERIFY(matchLine(list.out, QStringLiteral("^hank\\s+bettor\\s+HANK\\s")).hasMatch());
}

void TestServerCli::userAdd_invalidInput_usageErrorAndNoDatabaseCreated_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList valid { QStringLiteral("--name"), QStringLiteral("Ivy"), QStringLiteral("--email"),
        QStringLiteral("ivy@example.test"), QStringLiteral("--role"), QStringLiteral("bettor") };
    QTest::newRow("invalid id") << (QStringList { QStringLiteral("Ivy!") } + valid)
                                << QStringLiteral("invalid user id 'Ivy!'");
    QTest::newRow("missing id") << valid << QStringLiteral("'user add' needs a user id");
    QTest::newRow("no name") << QStringList { QStringLiteral("ivy"), QStringLiteral("--email"),
        QStringLiteral("ivy@example.test"), QStringLiteral("--role"), QStringLiteral("bettor") }
                             << QStringLiteral("needs --name");
    QTest::newRow("no email") << QStringList { QStringLiteral("ivy"), QStringLiteral("--name"),
        QStringLiteral("Ivy"), QStringLiteral("--role"), QStringLiteral("bettor") }
                              << QStringLiteral("needs --email");
    QTest::newRow("bad email") << (QStringList { QStringLiteral("ivy") } + valid
        + QStringList { QStringLiteral("--email"), QStringLiteral("ivy at example") })
                               << QStringLiteral("invalid --email");
    QTest::newRow("newline in name") << (QStringList { QStringLiteral("ivy") } + valid
        + QStringList { QStringLiteral("--name"), QStringLiteral("Ivy\nBcc: x@example.test") })
                                     << QStringLiteral("--name contains the control character U+000A");
    QTest::newRow("escape in email") << (QStringList { QStringLiteral("ivy") } + valid
        + QStringList { QStringLiteral("--email"), QStringLiteral("i\x1bvy@example.test") })
                                     << QStringLiteral("invalid --email");
    QTest::newRow("no role") << QStringList { QStringLiteral("ivy"), QStringLiteral("--name"),
        QStringLiteral("Ivy"), QStringLiteral("--email"), QStringLiteral("ivy@example.test") }
                             << QStringLiteral("needs --role");
    QTest::newRow("unknown role") << QStringList { QStringLiteral("ivy"), QStringLiteral("--name"),
        QStringLiteral("Ivy"), QStringLiteral("--email"), QStringLiteral("ivy@example.test"),
        QStringLiteral("--role"), QStringLiteral("admin") }
                                  << QStringLiteral("invalid --role 'admin'");
    QTest::newRow("negative deposit") << (QStringList { QStringLiteral("ivy") } + valid
        + QStringList { QStringLiteral("--deposit"), QStringLiteral("-5") })
                                      << QStringLiteral("invalid --deposit '-5'");
    QTest::newRow("three decimals") << (QStringList { QStringLiteral("ivy") } + valid
        + QStringList { QStringLiteral("--deposit"), QStringLiteral("1.234") })
                                    << QStringLiteral("invalid --deposit '1.234'");
    QTest::newRow("deposit for an operator") << QStringList { QStringLiteral("ivy"), QStringLiteral("--name"),
        QStringLiteral("Ivy"), QStringLiteral("--email"), QStringLiteral("ivy@example.test"),
        QStringLiteral("--role"), QStringLiteral("operator"), QStringLiteral("--deposit"),
        QStringLiteral("10") } << QStringLiteral("operators have no balance");
    QTest::newRow("unknown option") << (QStringList { QStringLiteral("ivy") } + valid
        + QStringList { QStringLiteral("--admin") })
                                    << QStringLiteral("Unknown option 'admin'");
}

void TestServerCli::userAdd_invalidInput_usageErrorAndNoDatabaseCreated()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QStringList full { QStringLiteral("user"), QStringLiteral("add") };
    full += arguments;
    full += QStringList { QStringLiteral("--db"), dbPath() };
    const CliRun run = runCli(full);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("--help")));
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFileInfo::exists(dbPath()));
}

void TestServerCli::userCommands_missingDatabase_failWithoutCreatingIt_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("list") << QStringList { QStringLiteral("user"), QStringLiteral("list") };
    QTest::newRow("token") << QStringList { QStringLiteral("user"), QStringLiteral("token"),
        QStringLiteral("alice") };
}

void TestServerCli::userCommands_missingDatabase_failWithoutCreatingIt()
{
    QFETCH(QStringList, arguments);
    const CliRun run = runCli(arguments + QStringList { QStringLiteral("--db"), dbPath() });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("no database at")), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(dbPath()));

    // And on an existing database, an unknown user is named in the error.
    QVERIFY(!addUser(dbPath(), QStringLiteral("jack")).isEmpty());
    const CliRun unknown = runCli({ QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("nobody"),
        QStringLiteral("--db"), dbPath() });
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(QStringLiteral("no user 'nobody'")), qPrintable(unknown.err));
    QVERIFY(unknown.out.isEmpty());
}

void TestServerCli::badArguments_exitNonZeroWithClearMessage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environmentLevel");
    QTest::addColumn<QString>("message");
    const QString none;
    QTest::newRow("dispute window unit") << QStringList { QStringLiteral("--dispute-window"),
        QStringLiteral("7x") } << none << QStringLiteral("--dispute-window: invalid duration '7x'");
    QTest::newRow("dispute window zero") << QStringList { QStringLiteral("--dispute-window"),
        QStringLiteral("0d") } << none << QStringLiteral("greater than zero");
    QTest::newRow("dispute window empty") << QStringList {
        QStringLiteral("--dispute-window="),
    } << none << QStringLiteral("--dispute-window: invalid duration");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate") } << none
                                    << QStringLiteral("Unknown option 'frobnicate'");
    QTest::newRow("missing value") << QStringList { QStringLiteral("--port") } << none
                                   << QStringLiteral("Missing value after '--port'");
    QTest::newRow("port too large") << QStringList { QStringLiteral("--port"), QStringLiteral("70000") }
                                    << none << QStringLiteral("invalid --port '70000'");
    QTest::newRow("port not a number") << QStringList { QStringLiteral("--port"), QStringLiteral("http") }
                                       << none << QStringLiteral("invalid --port 'http'");
    QTest::newRow("bind not an address")
        << QStringList { QStringLiteral("--bind"), QStringLiteral("example.com") } << none
        << QStringLiteral("invalid --bind 'example.com'");
    QTest::newRow("log level option") << QStringList { QStringLiteral("--log-level"), QStringLiteral("LOUD") }
                                      << none << QStringLiteral("invalid log level 'LOUD'");
    QTest::newRow("LOG_LEVEL variable") << QStringList {} << QStringLiteral("VERBOSE")
                                        << QStringLiteral("invalid log level 'VERBOSE' in LOG_LEVEL");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("serve") } << none
                                     << QStringLiteral("unknown command 'serve'");
    QTest::newRow("user without action")
        << QStringList { QStringLiteral("user") } << none << QStringLiteral("'user' needs an action");
    QTest::newRow("unknown user action") << QStringList { QStringLiteral("user"), QStringLiteral("delete"),
        QStringLiteral("alice") } << none << QStringLiteral("unknown user action 'delete'");
    QTest::newRow("server option with user")
        << QStringList { QStringLiteral("--demo"), QStringLiteral("user"), QStringLiteral("list") } << none
        << QStringLiteral("--demo applies only when running the server");
    QTest::newRow("email option with user")
        << QStringList { QStringLiteral("--smtp-server"), QStringLiteral("mail.example.test"), QStringLiteral("user"),
               QStringLiteral("list") }
        << none << QStringLiteral("--smtp-server applies only when running the server");
    QTest::newRow("bad SMTP port") << QStringList { QStringLiteral("--smtp-port"), QStringLiteral("0") } << none
                                   << QStringLiteral("--smtp-port must be a port number");
    QTest::newRow("add option with list") << QStringList { QStringLiteral("user"), QStringLiteral("list"),
        QStringLiteral("--role"), QStringLiteral("bettor") }
                                          << none << QStringLiteral("--role applies only to 'user add'");
}

void TestServerCli::badArguments_exitNonZeroWithClearMessage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environmentLevel);
    QFETCH(QString, message);
    QProcessEnvironment env = environment();
    if (!environmentLevel.isEmpty())
        env.insert(QStringLiteral("LOG_LEVEL"), environmentLevel);
    // The database first, so that "--port" with no value really is the last argument.
    const CliRun run = runCli(QStringList { QStringLiteral("--db"), dbPath() } + arguments, env);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY2(run.err.startsWith(QStringLiteral("betthat-server: ")), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFileInfo::exists(dbPath()));
}

void TestServerCli::version_printsNameAndVersion()
{
    const CliRun run = runCli({ QStringLiteral("--version") });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("betthat-server " BETTHAT_VERSION "\n"));
}

void TestServerCli::help_listsEveryOptionAndCommand()
{
    const CliRun run = runCli({ QStringLiteral("--help") });
    QCOMPARE(run.exitCode, 0);
    for (const char *expected : { "--bind", "--port", "--db", "--demo", "--dispute-window", "--log-level",
             "--version", "user add <id>", "user list", "user token <id>" })
        QVERIFY2(run.out.contains(QLatin1String(expected)), expected);

    const CliRun userHelp = runCli({ QStringLiteral("user"), QStringLiteral("--help") });
    QCOMPARE(userHelp.exitCode, 0);
    for (const char *expected : { "--name", "--email", "--role", "--deposit", "--db" })
        QVERIFY2(userHelp.out.contains(QLatin1String(expected)), expected);
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_servercli.moc"
