// The real betthat executable, started as a user would: local mode on a free port with a throwaway home (it
// serves the demo data, keeps its operator token private, and takes a resolution without falling over), and
// --headless (the server alone, stopped cleanly by SIGTERM); the window's process logs like the server does.
#include "tests/support/httpclient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat::test;

class TestBetthatExecutable : public QObject
{
    Q_OBJECT

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            qFatal("no free port");
        return probe.serverPort();
    }

    static QProcessEnvironment environment(const QTemporaryDir &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no desktop notifications from a test
        return env;
    }

    static bool waitForHealth(const QString &baseUrl, QProcess &process)
    {
        HttpClient http(baseUrl, 2000);
        return QTest::qWaitFor(
                   [&] {
                       return process.state() != QProcess::Running
                           || http.get(QStringLiteral("/healthz")).status == 200;
                   },
                   30000)
            && process.state() == QProcess::Running;
    }

private Q_SLOTS:
    void localMode_servesTheDemo_andTakesAResolution()
    {
        QTemporaryDir home;
        const quint16 port = freePort();
        QProcess app;
        app.setProcessEnvironment(environment(home));
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(BETTHAT_EXECUTABLE),
            { QStringLiteral("--local"), QStringLiteral("--port"), QString::number(port),
                QStringLiteral("--lang"), QStringLiteral("de") });
        QVERIFY(app.waitForStarted(10000));
        const QString baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QVERIFY2(waitForHealth(baseUrl, app), "the app's bundled server did not come up");

        // Its data lives in the app data dir of this home; the operator token is private to the user.
        const QString dataDir = home.filePath(QStringLiteral("data/BetThat/betthat"));
        QVERIFY(QFileInfo::exists(dataDir + QStringLiteral("/betthat.sqlite")));
        QFile tokenFile(dataDir + QStringLiteral("/local-operator.token"));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        QCOMPARE(tokenFile.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        const QString token = QString::fromUtf8(tokenFile.readAll()).trimmed();

        HttpClient http(baseUrl);
        const HttpReply me = http.get(QStringLiteral("/api/v1/me"), token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
            QStringLiteral("operator"));
        const HttpReply pending = http.get(QStringLiteral("/api/v1/bets?status=pending"), token);
        QCOMPARE(pending.status, 200);
        const QJsonArray bets = pending.json.value(QStringLiteral("bets")).toArray();
        QCOMPARE(bets.size(), 5); // the demo seed's pending bets
        const QString betId = bets.first().toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(betId),
                         QJsonObject { { "result", "win" } }, QStringLiteral("demo-operator"))
                     .status,
            200);
        // The window took the live event (and its toast) and is still serving.
        QTest::qWait(1000);
        QCOMPARE(app.state(), QProcess::Running);
        QCOMPARE(http.get(QStringLiteral("/api/v1/bets/%1").arg(betId), token)
                     .json.value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("settled"));
        // The live feed's resume cursor went to the app's state file in this home's data dir as soon as an event
        // was applied: state the app writes for itself, not the user's settings.
        const QString stateFile = dataDir + QStringLiteral("/state.ini");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(stateFile), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !QSettings(stateFile, QSettings::IniFormat).childGroups().filter(QStringLiteral("realtime-cursors")).isEmpty(),
            5000);
        // SIGTERM quits through the event loop: a clean exit, and the window's state was saved.
        app.terminate();
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QSettings saved(stateFile, QSettings::IniFormat);
        QVERIFY(!saved.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        // The user's settings file holds none of it.
        const QSettings user(home.filePath(QStringLiteral("config/BetThat/betthat.conf")), QSettings::IniFormat);
        QVERIFY(!user.contains(QStringLiteral("window/geometry")));
        QVERIFY(user.childGroups().filter(QStringLiteral("realtime-cursors")).isEmpty());
    }

    // The windowed app installs betthat-server's handler (common/logging.h): every betthat.* line on stderr,
    // the app's own and its bundled server's, has the UTC timestamp and the level that LOG_LEVEL chose.
    void windowedApp_logsInTheProjectFormat_atTheLevelFromLogLevel()
    {
        QTemporaryDir home;
        const quint16 port = freePort();
        QProcessEnvironment env = environment(home);
        env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("DEBUG"));
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(BETTHAT_EXECUTABLE),
            { QStringLiteral("--local"), QStringLiteral("--port"), QString::number(port) });
        QVERIFY(app.waitForStarted(10000));
        QVERIFY(waitForHealth(QStringLiteral("http://127.0.0.1:%1").arg(port), app));
        // The window's first request is a debug line of betthat.app.net.
        QByteArray stderrText;
        const bool sawAppDebug = QTest::qWaitFor(
            [&] {
                stderrText += app.readAllStandardError();
                return stderrText.contains(" DEBUG betthat.app.net: ");
            },
            15000);
        app.terminate();
        QVERIFY(app.waitForFinished(10000));
        stderrText += app.readAllStandardError();
        QVERIFY2(sawAppDebug, stderrText.constData());
        const QStringList lines = QString::fromUtf8(stderrText).split(QLatin1Char('\n'), Qt::SkipEmptyParts);

        static const QRegularExpression projectFormat(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (DEBUG|INFO|WARNING|ERROR) "
                           "(betthat\\.[a-z.]+): "));
        QSet<QString> seen; // "LEVEL category"
        for (const QString &line : lines) {
            const auto match = projectFormat.match(line);
            if (match.hasMatch())
                seen.insert(match.captured(1) + QLatin1Char(' ') + match.captured(2));
            else // Qt's default format would start with the category
                QVERIFY2(!line.startsWith(QLatin1String("betthat.")), qPrintable(line));
        }
        const QString all = QString::fromUtf8(stderrText);
        QVERIFY2(all.contains(QRegularExpression(QStringLiteral(" INFO betthat\\.app: betthat \\S+ starting, "
                                                                "log level DEBUG\\n"))),
            stderrText.constData());
        QVERIFY2(seen.contains(QStringLiteral("DEBUG betthat.app.net")), stderrText.constData());
        QVERIFY2(seen.contains(QStringLiteral("INFO betthat.server")), stderrText.constData());
    }

    void badLogLevel_exitsWithAUsageError()
    {
        QTemporaryDir home;
        QProcessEnvironment env = environment(home);
        env.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("loud"));
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(BETTHAT_EXECUTABLE), {});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAllStandardError().contains("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR"));
    }

    void headless_runsTheServerAlone_andStopsCleanly()
    {
        QTemporaryDir home;
        const quint16 port = freePort();
        QProcess server;
        server.setProcessEnvironment(environment(home));
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral(BETTHAT_EXECUTABLE),
            { QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--port"),
                QString::number(port), QStringLiteral("--db"),
                home.filePath(QStringLiteral("headless.sqlite")) });
        QVERIFY(server.waitForStarted(10000));
        const QString baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QVERIFY2(waitForHealth(baseUrl, server), server.readAll().constData());
        HttpClient http(baseUrl);
        QCOMPARE(http.get(QStringLiteral("/api/v1/me"), QStringLiteral("demo-alice")).status, 200);
        server.terminate();
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    void badArguments_exitWithAUsageError()
    {
        QProcess app;
        app.start(QStringLiteral(BETTHAT_EXECUTABLE), { QStringLiteral("--port"), QStringLiteral("eighty") });
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAllStandardError().contains("--port must be a number from 1 to 65535"));
    }
};

QTEST_GUILESS_MAIN(TestBetthatExecutable)
#include "tst_betthat_executable.moc"
