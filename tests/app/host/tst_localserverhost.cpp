// LocalServerHost: the bundled server runs on its own thread, seeds demo data once, keeps the app's operator
// token (0600) across restarts, and says clearly when its port is taken.
#include "app/host/localserverhost.h"
#include "app/host/localserverworker.h"
#include "tests/support/httpclient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestLocalServerHost : public QObject
{
    Q_OBJECT

private:
    static LocalServerInfo startOrFail(LocalServerHost &host, const LocalServerConfig &config)
    {
        QSignalSpy started(&host, &LocalServerHost::started);
        QSignalSpy failed(&host, &LocalServerHost::failed);
        host.start(config);
        if (!QTest::qWaitFor([&] { return started.count() + failed.count() > 0; }, 15000))
            qFatal("the local server neither started nor failed");
        if (!failed.isEmpty())
            qFatal("the local server failed: %s", qPrintable(failed.at(0).at(0).toString()));
        return host.info();
    }

private Q_SLOTS:
    void start_servesOnItsOwnThread_withDemoDataAndAnOperatorToken()
    {
        QTemporaryDir dir;
        LocalServerHost host;
        LocalServerConfig config;
        config.port = 0;
        config.dataDir = dir.path();
        const LocalServerInfo info = startOrFail(host, config);

        QVERIFY(host.isRunning());
        QVERIFY(host.serverThread() != QThread::currentThread());
        QVERIFY(host.serverThread()->isRunning());
        QVERIFY(info.port != 0);
        QCOMPARE(info.baseUrl, QStringLiteral("http://127.0.0.1:%1").arg(info.port));
        QCOMPARE(info.dbPath, dir.filePath(QStringLiteral("betthat.sqlite")));
        QVERIFY(QFileInfo::exists(info.dbPath));

        // The app's own operator account answers on the API, and the public demo tokens still work.
        HttpClient http(info.baseUrl);
        const HttpReply me = http.get(QStringLiteral("/api/v1/me"), info.operatorToken);
        QCOMPARE(me.status, 200);
        const QJsonObject user = me.json.value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("operator"));
        QCOMPARE(user.value(QStringLiteral("id")).toString(), info.operatorId);
        QVERIFY(info.operatorToken != QStringLiteral("demo-operator"));
        QCOMPARE(info.userTokens.value(QStringLiteral("alice")), QStringLiteral("demo-alice"));
        QCOMPARE(info.userTokens.value(info.operatorId), info.operatorToken);
        const HttpReply bets = http.get(QStringLiteral("/api/v1/bets"), QStringLiteral("demo-operator"));
        QCOMPARE(bets.status, 200);
        QCOMPARE(bets.json.value(QStringLiteral("bets")).toArray().size(), 12);

        // Readable by the owner only.
        const QFileInfo tokenFile(LocalServerWorker::tokenFilePath(dir.path()));
        QVERIFY(tokenFile.exists());
        QCOMPARE(tokenFile.permissions()
                & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
            QFile::Permissions());

        host.stop();
        QVERIFY(!host.isRunning());
        QCOMPARE(http.get(QStringLiteral("/healthz")).status, 0);
    }

    void restart_keepsTheTokenAndTheData()
    {
        QTemporaryDir dir;
        LocalServerConfig config;
        config.port = 0;
        config.dataDir = dir.path();
        QString token;
        QString betId;
        {
            LocalServerHost host;
            const LocalServerInfo info = startOrFail(host, config);
            token = info.operatorToken;
            HttpClient http(info.baseUrl);
            const HttpReply placed = http.post(QStringLiteral("/api/v1/bets"),
                QJsonObject { { "event_name", "Derby" }, { "market", "Match winner" },
                    { "selection", "Home" }, { "odds", "2.00" }, { "stake", 500 } },
                QStringLiteral("demo-bob"));
            QCOMPARE(placed.status, 201);
            betId = placed.json.value(QStringLiteral("id")).toString();
        }
        LocalServerHost host;
        const LocalServerInfo info = startOrFail(host, config);
        QCOMPARE(info.operatorToken, token);
        HttpClient http(info.baseUrl);
        QCOMPARE(http.get(QStringLiteral("/api/v1/bets/%1").arg(betId), token).status, 200);
        // Seeded once: 12 demo bets and the one placed above.
        QCOMPARE(http.get(QStringLiteral("/api/v1/bets"), token)
                     .json.value(QStringLiteral("bets"))
                     .toArray()
                     .size(),
            13);
    }

    void lostTokenFile_getsANewToken_andTheOldStopsWorking()
    {
        QTemporaryDir dir;
        LocalServerConfig config;
        config.port = 0;
        config.dataDir = dir.path();
        QString oldToken;
        {
            LocalServerHost host;
            oldToken = startOrFail(host, config).operatorToken;
        }
        QVERIFY(QFile::remove(LocalServerWorker::tokenFilePath(dir.path())));
        LocalServerHost host;
        const LocalServerInfo info = startOrFail(host, config);
        QVERIFY(info.operatorToken != oldToken);
        HttpClient http(info.baseUrl);
        QCOMPARE(http.get(QStringLiteral("/api/v1/me"), info.operatorToken).status, 200);
        QCOMPARE(http.get(QStringLiteral("/api/v1/me"), oldToken).status, 401);
    }

    void portTaken_failsClearly_andSuggestsAFreeOne()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const quint16 taken = squatter.serverPort();
        QVERIFY(!LocalServerHost::isPortFree(taken));

        QTemporaryDir dir;
        LocalServerHost host;
        LocalServerConfig config;
        config.port = taken;
        config.dataDir = dir.path();
        QSignalSpy failed(&host, &LocalServerHost::failed);
        QSignalSpy started(&host, &LocalServerHost::started);
        host.start(config);
        QVERIFY(failed.wait(10000));
        QCOMPARE(started.count(), 0);
        QCOMPARE(failed.at(0).at(1).toBool(), true);
        QVERIFY2(failed.at(0).at(0).toString().startsWith(
                     QStringLiteral("Port %1 on 127.0.0.1 is already in use").arg(taken)),
            qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("betthat.sqlite")))); // nothing was touched

        const quint16 suggestion = LocalServerHost::suggestFreePort(taken);
        QVERIFY(suggestion != 0 && suggestion != taken);
        QVERIFY(LocalServerHost::isPortFree(suggestion));
        config.port = suggestion;
        const LocalServerInfo info = startOrFail(host, config);
        QCOMPARE(info.port, suggestion);
    }

    void unwritableDataDir_failsWithTheReason()
    {
        LocalServerHost host;
        LocalServerConfig config;
        config.port = 0;
        config.dataDir = QStringLiteral("/proc/betthat-cannot-be-here");
        QSignalSpy failed(&host, &LocalServerHost::failed);
        host.start(config);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.at(0).at(1).toBool(), false);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("/proc/betthat-cannot-be-here")));
        QVERIFY(!host.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestLocalServerHost)
#include "tst_localserverhost.moc"
