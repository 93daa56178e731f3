// GET /metrics of a real server: operators only on the API port, without a token on the metrics listener;
// the exposition parses strictly and passes promtool; counters move with resolutions; and a real
// Prometheus scraping the server sees the delivery counter and the commit -> write latency histogram.
#include "server/metrics/servermetrics.h"
#include "tests/server/metrics/expositionparser.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace betthat;
using namespace betthat::test;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// A tool from the prometheus package; CI must have it (a missing package is a failure there, not a skip).
QString requireTool(const QString &name)
{
    return QStandardPaths::findExecutable(name);
}

} // namespace

#define REQUIRE_TOOL(var, name)                                                                              \
    const QString var = requireTool(QStringLiteral(name));                                                   \
    if (var.isEmpty()) {                                                                                     \
        if (qEnvironmentVariableIsSet("CI"))                                                                 \
            QFAIL(name " is not installed (Debian package prometheus; scripts/lib.sh installs it)");        \
        QSKIP(name " is not installed (Debian package prometheus); CI fails here instead");                 \
    }

class TestMetricsEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void apiPort_operatorsOnly_data();
    void apiPort_operatorsOnly();
    void metricsListener_noToken_strictExposition();
    void counters_moveWithResolutions();
    void promtool_checkMetrics_passes();
    void prometheus_scrapesDeliveryCounterAndLatency();

private:
    Exposition scrape();
    // Places and resolves `count` bets of Alice through the API; false if any answer is not 200.
    bool resolveBets(int count);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<HttpClient> m_metricsHttp;
    TestUser m_operator;
    TestUser m_alice;
};

void TestMetricsEndpoint::init()
{
    server::ServerConfig config;
    config.metrics.port = freePort();
    QVERIFY(config.metrics.port != 0);
    m_server = std::make_unique<TestServer>(config);
    QVERIFY(m_server->start());
    QCOMPARE(int(m_server->server().metricsPort()), config.metrics.port);
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_metricsHttp = std::make_unique<HttpClient>(QStringLiteral("http://127.0.0.1:%1").arg(config.metrics.port));
    m_operator = m_server->addUser(QStringLiteral("olivia"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 1000000);
}

void TestMetricsEndpoint::cleanup()
{
    m_metricsHttp.reset();
    m_http.reset();
    m_server.reset();
}

Exposition TestMetricsEndpoint::scrape()
{
    const HttpReply reply = m_metricsHttp->get(QStringLiteral("/metrics"));
    if (reply.status != 200) {
        QTest::qFail(qPrintable(QStringLiteral("scrape answered %1").arg(reply.status)), __FILE__, __LINE__);
        return {};
    }
    QString error;
    const auto parsed = parseExposition(reply.body, &error);
    if (!parsed) {
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        return {};
    }
    return *parsed;
}

bool TestMetricsEndpoint::resolveBets(int count)
{
    for (int i = 0; i < count; ++i) {
        const Bet bet = m_server->placeBet(m_alice, 1000);
        const HttpReply reply = m_http->post(QStringLiteral("/api/v1/bets/%1/resolve").arg(bet.id),
            QJsonObject { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token);
        if (reply.status != 200) {
            qWarning() << "resolve answered" << reply.status << reply.body;
            return false;
        }
    }
    return true;
}

void TestMetricsEndpoint::apiPort_operatorsOnly_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<int>("status");
    QTest::newRow("no token") << QString() << 401;
    QTest::newRow("bettor") << QStringLiteral("alice") << 403;
    QTest::newRow("operator") << QStringLiteral("olivia") << 200;
}

void TestMetricsEndpoint::apiPort_operatorsOnly()
{
    QFETCH(QString, who);
    QFETCH(int, status);
    const QString token = who == QLatin1String("alice") ? m_alice.token
        : who == QLatin1String("olivia")                ? m_operator.token
                                                        : QString();
    const HttpReply reply = m_http->get(QStringLiteral("/metrics"), token);
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QVERIFY2(reply.header("Content-Type").startsWith("text/plain; version=0.0.4"), reply.header("Content-Type"));
        QString error;
        QVERIFY2(parseExposition(reply.body, &error), qPrintable(error));
    } else {
        QVERIFY(!reply.body.contains("betthat_"));
    }
}

void TestMetricsEndpoint::metricsListener_noToken_strictExposition()
{
    const Exposition metrics = scrape();
    for (const char *family : { "betthat_build_info", "betthat_connections", "betthat_messages_sent_total",
             "betthat_resumes_total", "betthat_resyncs_total", "betthat_websocket_closes_total",
             "betthat_polling_requests_total", "betthat_http_request_duration_seconds",
             "betthat_delivery_latency_seconds", "betthat_emails_total", "betthat_email_queue_length",
             "betthat_db_errors_total", "betthat_db_commit_duration_seconds", "betthat_event_log_seq" })
        QVERIFY2(metrics.types.contains(QLatin1String(family)), family);
    QCOMPARE(metrics.value(QStringLiteral("betthat_build_info"),
                 { { QStringLiteral("version"), QCoreApplication::applicationVersion() },
                     { QStringLiteral("qt_version"), QString::fromLatin1(qVersion()) } }),
        std::optional<double>(1));
    // Only /metrics lives there: the API is not reachable without its port and token.
    QCOMPARE(m_metricsHttp->get(QStringLiteral("/api/v1/bets"), m_operator.token).status, 404);
}

void TestMetricsEndpoint::counters_moveWithResolutions()
{
    WsRecorder alice;
    alice.open(WsRecorder::betUpdatesUrl(m_server->port(), m_alice.token));
    QVERIFY(alice.waitForType(QStringLiteral("connection_established")));
    const Exposition before = scrape();
    const double lastSeqBefore
        = before.value(QStringLiteral("betthat_event_log_seq"), { { QStringLiteral("position"), QStringLiteral("last") } })
              .value_or(-1);

    constexpr int kResolutions = 4;
    QVERIFY(resolveBets(kResolutions));
    QTRY_COMPARE_WITH_TIMEOUT(alice.ofType(QStringLiteral("bet_resolved")).size(), kResolutions, 10000);
    QVERIFY(alice.pingBarrier());
    const HttpReply poll = m_http->get(QStringLiteral("/api/v1/bets/updates?since_seq=0"), m_alice.token);
    QCOMPARE(poll.status, 200);

    const Exposition after = scrape();
    const QHash<QString, QString> resolved { { QStringLiteral("type"), QStringLiteral("bet_resolved") } };
    QCOMPARE(after.sum(QStringLiteral("betthat_messages_sent_total"), resolved)
            - before.sum(QStringLiteral("betthat_messages_sent_total"), resolved),
        double(kResolutions));
    // Alice got a bet_updated (placed) and a bet_resolved per bet, each timed from its commit.
    QCOMPARE(after.sum(QStringLiteral("betthat_events_delivered_total"))
            - before.sum(QStringLiteral("betthat_events_delivered_total")),
        double(2 * kResolutions));
    QCOMPARE(after.sum(QStringLiteral("betthat_delivery_latency_seconds_count"))
            - before.sum(QStringLiteral("betthat_delivery_latency_seconds_count")),
        double(2 * kResolutions));
    QCOMPARE(after.value(QStringLiteral("betthat_http_requests_total"),
                 { { QStringLiteral("route"), QStringLiteral("/api/v1/bets/<arg>/resolve") },
                     { QStringLiteral("method"), QStringLiteral("POST") }, { QStringLiteral("status"), QStringLiteral("200") } }),
        std::optional<double>(kResolutions));
    QCOMPARE(after.value(QStringLiteral("betthat_http_request_duration_seconds_count"),
                 { { QStringLiteral("route"), QStringLiteral("/api/v1/bets/<arg>/resolve") },
                     { QStringLiteral("method"), QStringLiteral("POST") } }),
        std::optional<double>(kResolutions));
    QCOMPARE(after.value(QStringLiteral("betthat_polling_requests_total"), { { QStringLiteral("status"), QStringLiteral("200") } }),
        std::optional<double>(1));
    // Placing and resolving are commits through the measured store; the log grew by one event each.
    QCOMPARE(after.sum(QStringLiteral("betthat_db_commit_duration_seconds_count"))
            - before.sum(QStringLiteral("betthat_db_commit_duration_seconds_count")),
        double(2 * kResolutions));
    QCOMPARE(after.value(QStringLiteral("betthat_event_log_seq"), { { QStringLiteral("position"), QStringLiteral("last") } }),
        std::optional<double>(lastSeqBefore + 2 * kResolutions));
    QCOMPARE(after.value(QStringLiteral("betthat_connections"), { { QStringLiteral("transport"), QStringLiteral("websocket") } }),
        std::optional<double>(1));

    alice.close();
    QVERIFY(alice.waitDisconnected());
    QTRY_COMPARE_WITH_TIMEOUT(scrape().value(QStringLiteral("betthat_connections"),
                                  { { QStringLiteral("transport"), QStringLiteral("websocket") } }),
        std::optional<double>(0), 5000);
}

void TestMetricsEndpoint::promtool_checkMetrics_passes()
{
    REQUIRE_TOOL(promtool, "promtool");
    // With some traffic, so the labelled series exist too.
    WsRecorder alice;
    alice.open(WsRecorder::betUpdatesUrl(m_server->port(), m_alice.token));
    QVERIFY(alice.waitForType(QStringLiteral("connection_established")));
    QVERIFY(resolveBets(2));
    QTRY_COMPARE_WITH_TIMEOUT(alice.ofType(QStringLiteral("bet_resolved")).size(), 2, 10000);
    const HttpReply reply = m_metricsHttp->get(QStringLiteral("/metrics"));
    QCOMPARE(reply.status, 200);

    QProcess check;
    check.start(promtool, { QStringLiteral("check"), QStringLiteral("metrics") });
    QVERIFY(check.waitForStarted());
    check.write(reply.body);
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(30000));
    const QString output = QString::fromUtf8(check.readAllStandardOutput() + check.readAllStandardError());
    QVERIFY2(check.exitStatus() == QProcess::NormalExit && check.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.trimmed().isEmpty(), qPrintable(output)); // no lint warnings either
}

void TestMetricsEndpoint::prometheus_scrapesDeliveryCounterAndLatency()
{
    REQUIRE_TOOL(prometheus, "prometheus");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 webPort = freePort();
    QVERIFY(webPort != 0);
    QFile config(dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                                "scrape_configs:\n  - job_name: betthat\n    static_configs:\n"
                                "      - targets: ['127.0.0.1:%1']\n")
                     .arg(m_server->server().metricsPort())
                     .toUtf8());
    config.close();

    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(prometheus,
        { QStringLiteral("--config.file=") + config.fileName(),
            QStringLiteral("--storage.tsdb.path=") + dir.filePath(QStringLiteral("data")),
            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(webPort), QStringLiteral("--log.level=warn") });
    QVERIFY(process.waitForStarted());
    const auto stopPrometheus = qScopeGuard([&process] {
        process.terminate();
        if (!process.waitForFinished(10000))
            process.kill();
    });
    HttpClient api(QStringLiteral("http://127.0.0.1:%1").arg(webPort), 2000);
    QTRY_VERIFY_WITH_TIMEOUT(api.get(QStringLiteral("/-/ready")).status == 200
            || process.state() == QProcess::NotRunning,
        30000);
    QVERIFY2(process.state() == QProcess::Running, process.readAll().constData());

    WsRecorder alice;
    alice.open(WsRecorder::betUpdatesUrl(m_server->port(), m_alice.token));
    QVERIFY(alice.waitForType(QStringLiteral("connection_established")));
    constexpr int kResolutions = 3;
    QVERIFY(resolveBets(kResolutions));
    QTRY_COMPARE_WITH_TIMEOUT(alice.ofType(QStringLiteral("bet_resolved")).size(), kResolutions, 10000);

    // Prometheus' own view, through its HTTP API: the value scraped last.
    const auto query = [&api](const QString &promql) -> double {
        // Fully percent-encoded: a literal + in a query string would reach Prometheus as a space.
        const HttpReply reply = api.get(
            QStringLiteral("/api/v1/query?query=") + QString::fromLatin1(QUrl::toPercentEncoding(promql)));
        const QJsonArray result = reply.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("result")).toArray();
        if (reply.status != 200 || result.isEmpty())
            return -1;
        return result.first().toObject().value(QStringLiteral("value")).toArray().at(1).toString().toDouble();
    };
    QTRY_COMPARE_WITH_TIMEOUT(query(QStringLiteral("betthat_messages_sent_total{type=\"bet_resolved\"}")),
        double(kResolutions), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(query(QStringLiteral("betthat_delivery_latency_seconds_count")) >= 2 * kResolutions, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(query(QStringLiteral("sum(betthat_delivery_latency_seconds_bucket{le=\"+Inf\"})"))
            >= 2 * kResolutions,
        30000);
    // A quantile over the histogram is a number (not NaN): the buckets carry samples.
    const double p99 = query(QStringLiteral("histogram_quantile(0.99, betthat_delivery_latency_seconds_bucket)"));
    QVERIFY2(p99 >= 0 && p99 <= 10, qPrintable(QString::number(p99)));
    QCOMPARE(query(QStringLiteral("up{job=\"betthat\"}")), 1.0);
}

QTEST_GUILESS_MAIN(TestMetricsEndpoint)
#include "tst_metricsendpoint.moc"
