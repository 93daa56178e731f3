// The metrics registry in-process: the exposition it renders passes the strict parser, labels are escaped,
// histograms are cumulative with _count equal to the +Inf bucket, and the parser refuses what Prometheus
// would refuse.
#include "server/metrics/metricsregistry.h"
#include "tests/server/metrics/expositionparser.h"

#include <QTest>
#include <QThread>

using namespace betthat;
using namespace betthat::server::metrics;

class TestMetricsRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void render_countersHistogramsAndCollectors_parseStrictly();
    void render_labelValues_escaped();
    void histogram_observations_fallIntoTheirBuckets_data();
    void histogram_observations_fallIntoTheirBuckets();
    void counter_incrementsFromSeveralThreads_allCounted();
    void parser_refusesMalformedExpositions_data();
    void parser_refusesMalformedExpositions();
};

void TestMetricsRegistry::render_countersHistogramsAndCollectors_parseStrictly()
{
    Registry registry;
    auto &requests = registry.counter(QStringLiteral("demo_requests_total"), QStringLiteral("Requests."),
        { QStringLiteral("route"), QStringLiteral("status") });
    auto &latency = registry.histogram(QStringLiteral("demo_latency_seconds"), QStringLiteral("Latency."), {},
        latencyBuckets());
    registry.addCollector(QStringLiteral("demo_open"), QStringLiteral("Open things."), Registry::Type::Gauge,
        { QStringLiteral("kind") }, [] {
            return QList<Registry::Sample> { { { QStringLiteral("b") }, 2 }, { { QStringLiteral("a") }, 1.5 } };
        });
    requests.labels({ QStringLiteral("/x"), QStringLiteral("200") }).inc(3);
    requests.labels({ QStringLiteral("/x"), QStringLiteral("503") }).inc();
    latency.labels().observe(0.004);
    latency.labels().observe(0.2);

    QString error;
    const QByteArray text = registry.render();
    const auto parsed = test::parseExposition(text, &error);
    QVERIFY2(parsed, qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(text)));
    QCOMPARE(parsed->types.value(QStringLiteral("demo_requests_total")), QStringLiteral("counter"));
    QCOMPARE(parsed->types.value(QStringLiteral("demo_latency_seconds")), QStringLiteral("histogram"));
    QCOMPARE(parsed->types.value(QStringLiteral("demo_open")), QStringLiteral("gauge"));
    QCOMPARE(parsed->value(QStringLiteral("demo_requests_total"),
                 { { QStringLiteral("route"), QStringLiteral("/x") }, { QStringLiteral("status"), QStringLiteral("200") } }),
        3.0);
    QCOMPARE(parsed->sum(QStringLiteral("demo_requests_total")), 4.0);
    QCOMPARE(parsed->value(QStringLiteral("demo_latency_seconds_count")), 2.0);
    QCOMPARE(parsed->value(QStringLiteral("demo_latency_seconds_bucket"), { { QStringLiteral("le"), QStringLiteral("0.005") } }),
        1.0);
    QCOMPARE(parsed->value(QStringLiteral("demo_latency_seconds_bucket"), { { QStringLiteral("le"), QStringLiteral("+Inf") } }),
        2.0);
    QCOMPARE(parsed->value(QStringLiteral("demo_open"), { { QStringLiteral("kind"), QStringLiteral("a") } }), 1.5);
    QVERIFY(text.contains("# HELP demo_requests_total Requests.\n# TYPE demo_requests_total counter\n"));
}

void TestMetricsRegistry::render_labelValues_escaped()
{
    Registry registry;
    auto &family = registry.counter(QStringLiteral("odd_total"), QStringLiteral("Help with \\ and\nnewline."),
        { QStringLiteral("value") });
    const QString hostile = QStringLiteral("a\"b\\c\nd}{,=");
    family.labels({ hostile }).inc();
    QString error;
    const QByteArray text = registry.render();
    const auto parsed = test::parseExposition(text, &error);
    QVERIFY2(parsed, qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(text)));
    QCOMPARE(parsed->value(QStringLiteral("odd_total"), { { QStringLiteral("value"), hostile } }), 1.0);
    QVERIFY(text.contains("# HELP odd_total Help with \\\\ and\\nnewline.\n"));
}

void TestMetricsRegistry::histogram_observations_fallIntoTheirBuckets_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("firstBucket"); // the smallest le that counts it
    QTest::newRow("zero") << 0.0 << QStringLiteral("0.001");
    QTest::newRow("exactly a bound") << 0.01 << QStringLiteral("0.01");
    QTest::newRow("just above a bound") << 0.0101 << QStringLiteral("0.025");
    QTest::newRow("beyond the last bound") << 60.0 << QStringLiteral("+Inf");
    QTest::newRow("negative (clock step) as zero") << -1.0 << QStringLiteral("0.001");
}

void TestMetricsRegistry::histogram_observations_fallIntoTheirBuckets()
{
    QFETCH(double, seconds);
    QFETCH(QString, firstBucket);
    Registry registry;
    registry.histogram(QStringLiteral("h_seconds"), QStringLiteral("H."), {}, latencyBuckets()).labels().observe(seconds);
    QString error;
    const auto parsed = test::parseExposition(registry.render(), &error);
    QVERIFY2(parsed, qPrintable(error));
    bool reached = false;
    QStringList bounds;
    for (double bound : latencyBuckets())
        bounds << QString::number(bound, 'g', QLocale::FloatingPointShortest);
    bounds << QStringLiteral("+Inf");
    for (const QString &le : bounds) {
        reached = reached || le == firstBucket;
        QCOMPARE(parsed->value(QStringLiteral("h_seconds_bucket"), { { QStringLiteral("le"), le } }),
            std::optional<double>(reached ? 1.0 : 0.0));
    }
    QVERIFY(reached);
    QCOMPARE(parsed->value(QStringLiteral("h_seconds_sum")), std::optional<double>(qMax(seconds, 0.0)));
}

void TestMetricsRegistry::counter_incrementsFromSeveralThreads_allCounted()
{
    Registry registry;
    auto &family = registry.counter(QStringLiteral("t_total"), QStringLiteral("T."), { QStringLiteral("k") });
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t)
        threads << QThread::create([&family, t] {
            for (int i = 0; i < 10000; ++i)
                family.labels({ QString::number(t % 2) }).inc();
        });
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(30000));
        delete thread;
    }
    QString error;
    const auto parsed = test::parseExposition(registry.render(), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->sum(QStringLiteral("t_total")), 40000.0);
}

void TestMetricsRegistry::parser_refusesMalformedExpositions_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("sample without TYPE") << QByteArray("x_total 1\n");
    QTest::newRow("counter without _total") << QByteArray("# TYPE x counter\nx 1\n");
    QTest::newRow("bad value") << QByteArray("# TYPE x_total counter\nx_total one\n");
    QTest::newRow("unquoted label") << QByteArray("# TYPE x_total counter\nx_total{a=b} 1\n");
    QTest::newRow("bad escape") << QByteArray("# TYPE x_total counter\nx_total{a=\"\\t\"} 1\n");
    QTest::newRow("duplicate series") << QByteArray("# TYPE x_total counter\nx_total 1\nx_total 2\n");
    QTest::newRow("no final newline") << QByteArray("# TYPE x_total counter\nx_total 1");
    QTest::newRow("buckets not cumulative") << QByteArray("# TYPE h_seconds histogram\nh_seconds_bucket{le=\"1\"} 2\n"
                                                         "h_seconds_bucket{le=\"+Inf\"} 1\nh_seconds_sum 1\nh_seconds_count 1\n");
    QTest::newRow("count differs from +Inf") << QByteArray("# TYPE h_seconds histogram\nh_seconds_bucket{le=\"+Inf\"} 2\n"
                                                          "h_seconds_sum 1\nh_seconds_count 3\n");
    QTest::newRow("histogram without count") << QByteArray("# TYPE h_seconds histogram\nh_seconds_bucket{le=\"+Inf\"} 2\n");
    QTest::newRow("negative counter") << QByteArray("# TYPE x_total counter\nx_total -1\n");
}

void TestMetricsRegistry::parser_refusesMalformedExpositions()
{
    QFETCH(QByteArray, text);
    QString error;
    QVERIFY(!test::parseExposition(text, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metricsregistry.moc"
