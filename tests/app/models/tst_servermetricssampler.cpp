// ServerMetricsSampler against the fake API: rates and percentiles from canned scrapes, counter resets, the
// window, the timer, and failures (403, 503, malformed) as states rather than crashes.
#include "app/models/servermetricssampler.h"
#include "tests/app/support/fakeapi.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace betthat;
using namespace betthat::app;
using betthat::test::FakeApi;

namespace {

const std::vector<double> kBounds { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

struct Scrape
{
    double connections = 0;
    double delivered = 0;
    std::vector<double> cumulative = std::vector<double>(kBounds.size() + 1, 0.0); // the last is +Inf
    double emailsFailed = 0;
    double emailQueue = 0;
    double http500 = 0;
    double http503 = -1; // < 0: no series
    double http200 = 0;
    double databaseErrors = -1; // < 0: no series

    QByteArray text() const
    {
        QByteArray out = "# TYPE betthat_connections gauge\n";
        out += "betthat_connections{transport=\"websocket\"} " + QByteArray::number(connections) + "\n";
        out += "# TYPE betthat_events_delivered_total counter\n";
        out += "betthat_events_delivered_total " + QByteArray::number(delivered) + "\n";
        out += "# TYPE betthat_delivery_latency_seconds histogram\n";
        for (std::size_t i = 0; i < cumulative.size(); ++i) {
            const QByteArray le = i < kBounds.size() ? QByteArray::number(kBounds[i]) : QByteArray("+Inf");
            out += "betthat_delivery_latency_seconds_bucket{le=\"" + le + "\"} "
                + QByteArray::number(cumulative[i]) + "\n";
        }
        out += "betthat_delivery_latency_seconds_sum 1.5\n";
        out += "betthat_delivery_latency_seconds_count " + QByteArray::number(cumulative.back()) + "\n";
        out += "# TYPE betthat_emails_total counter\n";
        out += "betthat_emails_total{result=\"failed\"} " + QByteArray::number(emailsFailed) + "\n";
        out += "betthat_emails_total{result=\"sent\"} 40\n";
        out += "# TYPE betthat_email_queue_length gauge\n";
        out += "betthat_email_queue_length " + QByteArray::number(emailQueue) + "\n";
        out += "# TYPE betthat_http_requests_total counter\n";
        out += "betthat_http_requests_total{method=\"GET\",route=\"/a\",status=\"200\"} "
            + QByteArray::number(http200) + "\n";
        out += "betthat_http_requests_total{method=\"GET\",route=\"/a\",status=\"500\"} "
            + QByteArray::number(http500) + "\n";
        if (http503 >= 0)
            out += "betthat_http_requests_total{method=\"POST\",route=\"/b\",status=\"503\"} "
                + QByteArray::number(http503) + "\n";
        out += "# TYPE betthat_db_errors_total counter\n";
        if (databaseErrors >= 0)
            out += "betthat_db_errors_total{operation=\"commit\"} " + QByteArray::number(databaseErrors) + "\n";
        return out;
    }
};

// Adds `count` observations to the bucket with this upper bound (and every bucket above it).
void observe(Scrape &scrape, double bound, double count)
{
    for (std::size_t i = 0; i < scrape.cumulative.size(); ++i) {
        if (i >= kBounds.size() || kBounds[i] >= bound)
            scrape.cumulative[i] += count;
    }
    scrape.delivered += count;
}

} // namespace

class TestServerMetricsSampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void histogramQuantile_data();
    void histogramQuantile();
    void firstScrape_isABaselineWithGaugesOnly();
    void secondScrape_ratesAndPercentilesOfTheInterval();
    void counterReset_countsFromZeroAgain();
    void noDeliveries_noPercentiles_healthy();
    void slowP99_verdictSlow();
    void forbidden_isAStateNotACrash();
    void unavailable_isUnreachable_thenRecovers();
    void malformedScrape_failsAndKeepsTheBaseline();
    void missingDeliverySeries_fails();
    void window_dropsOldSamples_totalsSumTheRest();
    void start_scrapesEveryInterval();
    void scrapeInFlight_noSecondOne_stopDropsIt();

private:
    bool scrape(const Scrape &s, int advanceSeconds = 10);

    std::unique_ptr<FakeApi> m_api;
    std::unique_ptr<ServerMetricsSampler> m_sampler;
    std::shared_ptr<QDateTime> m_now;
};

void TestServerMetricsSampler::init()
{
    m_api = std::make_unique<FakeApi>();
    m_sampler = std::make_unique<ServerMetricsSampler>(m_api.get());
    m_now = std::make_shared<QDateTime>(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    m_sampler->setClock([now = m_now] { return *now; });
}

void TestServerMetricsSampler::cleanup()
{
    m_sampler.reset();
    m_api.reset();
}

// Answers the next scrape with `s`, `advanceSeconds` after the previous one.
bool TestServerMetricsSampler::scrape(const Scrape &s, int advanceSeconds)
{
    *m_now = m_now->addSecs(advanceSeconds);
    m_api->setMetrics(s.text());
    QSignalSpy added(m_sampler.get(), &ServerMetricsSampler::sampleAdded);
    QSignalSpy failed(m_sampler.get(), &ServerMetricsSampler::scrapeFailed);
    if (!m_sampler->scrapeNow())
        return false;
    return QTest::qWaitFor([&] { return added.size() + failed.size() > 0; }, 5000) && added.size() == 1;
}

void TestServerMetricsSampler::histogramQuantile_data()
{
    QTest::addColumn<double>("q");
    QTest::addColumn<QList<double>>("cumulative"); // over the bounds 0.1, 0.2, +Inf
    QTest::addColumn<double>("expected"); // < 0: none

    QTest::newRow("no observations") << 0.5 << QList<double> { 0, 0, 0 } << -1.0;
    QTest::newRow("first bucket, from zero") << 0.5 << QList<double> { 4, 4, 4 } << 0.05;
    QTest::newRow("second bucket, interpolated") << 0.75 << QList<double> { 2, 4, 4 } << 0.15;
    QTest::newRow("in +Inf: the last finite bound") << 0.99 << QList<double> { 1, 1, 10 } << 0.2;
    QTest::newRow("p100 in the last finite bucket") << 1.0 << QList<double> { 0, 5, 5 } << 0.2;
}

void TestServerMetricsSampler::histogramQuantile()
{
    QFETCH(double, q);
    QFETCH(QList<double>, cumulative);
    QFETCH(double, expected);
    const auto value = app::histogramQuantile(
        q, { 0.1, 0.2, qInf() }, std::vector<double>(cumulative.cbegin(), cumulative.cend()));
    if (expected < 0) {
        QVERIFY(!value.has_value());
        return;
    }
    QVERIFY(value.has_value());
    QVERIFY2(qFuzzyCompare(*value, expected), qPrintable(QString::number(*value)));
}

void TestServerMetricsSampler::firstScrape_isABaselineWithGaugesOnly()
{
    Scrape s;
    s.connections = 7;
    s.emailQueue = 3;
    observe(s, 0.005, 100);
    QVERIFY(scrape(s));
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Live);
    QCOMPARE(m_sampler->samples().size(), 1);
    const ServerMetricsSample &first = m_sampler->samples().constFirst();
    QCOMPARE(first.at, *m_now);
    QCOMPARE(first.connections, 7.0);
    QCOMPARE(first.emailQueue, 3.0);
    // 100 deliveries since the server started are not "per second" of anything we saw.
    QVERIFY(!first.deliveriesPerSecond.has_value());
    QVERIFY(!first.latencyP99Ms.has_value());
    QCOMPARE(first.deliveries, 0);
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Healthy);
}

void TestServerMetricsSampler::secondScrape_ratesAndPercentilesOfTheInterval()
{
    Scrape s;
    observe(s, 0.001, 10);
    observe(s, 0.0025, 10);
    observe(s, 0.005, 10);
    s.emailsFailed = 2;
    s.http500 = 1;
    s.http200 = 50;
    QVERIFY(scrape(s));

    // 50 deliveries in 10 s: 40 in (2.5 ms, 5 ms], 9 in (5 ms, 10 ms], 1 in (100 ms, 250 ms].
    observe(s, 0.005, 40);
    observe(s, 0.01, 9);
    observe(s, 0.25, 1);
    s.connections = 4;
    s.emailsFailed = 5;
    s.http500 = 4;
    s.http503 = 2; // a series that appeared in this interval
    s.http200 = 900; // successes are not errors
    s.databaseErrors = 1;
    QVERIFY(scrape(s, 10));

    QCOMPARE(m_sampler->samples().size(), 2);
    const ServerMetricsSample &sample = m_sampler->samples().constLast();
    QCOMPARE(sample.intervalSeconds, 10.0);
    QCOMPARE(sample.deliveries, 50);
    QCOMPARE(*sample.deliveriesPerSecond, 5.0);
    // p50: rank 25 of 50, in (2.5, 5] holding 40 → 2.5 + 2.5 × 25/40 = 4.0625 ms.
    QVERIFY2(qFuzzyCompare(*sample.latencyP50Ms, 4.0625), qPrintable(QString::number(*sample.latencyP50Ms)));
    // p99: rank 49.5, in (100, 250] holding 1 after 49 below → 100 + 150 × 0.5 = 175 ms.
    QVERIFY2(qFuzzyCompare(*sample.latencyP99Ms, 175.0), qPrintable(QString::number(*sample.latencyP99Ms)));
    QCOMPARE(sample.connections, 4.0);
    QCOMPARE(sample.emailFailures, 3);
    QCOMPARE(sample.httpErrors, 5);
    QCOMPARE(sample.databaseErrors, 1);
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Healthy);
}

void TestServerMetricsSampler::counterReset_countsFromZeroAgain()
{
    Scrape before;
    observe(before, 0.001, 500);
    before.emailsFailed = 9;
    QVERIFY(scrape(before));
    // The server restarted: every counter starts over; what it shows now happened since.
    Scrape after;
    observe(after, 0.05, 20);
    after.emailsFailed = 1;
    QVERIFY(scrape(after, 5));
    const ServerMetricsSample &sample = m_sampler->samples().constLast();
    QCOMPARE(sample.deliveries, 20);
    QCOMPARE(*sample.deliveriesPerSecond, 4.0);
    QCOMPARE(sample.emailFailures, 1);
    // The percentiles come from the new histogram alone: every delivery in (25 ms, 50 ms].
    QVERIFY(*sample.latencyP50Ms > 25 && *sample.latencyP50Ms <= 50);
}

void TestServerMetricsSampler::noDeliveries_noPercentiles_healthy()
{
    Scrape s;
    observe(s, 0.5, 10);
    QVERIFY(scrape(s));
    QVERIFY(scrape(s));
    const ServerMetricsSample &sample = m_sampler->samples().constLast();
    QCOMPARE(*sample.deliveriesPerSecond, 0.0);
    // The old slow deliveries are not this interval's.
    QVERIFY(!sample.latencyP50Ms.has_value());
    QVERIFY(!sample.latencyP99Ms.has_value());
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Healthy);
}

void TestServerMetricsSampler::slowP99_verdictSlow()
{
    Scrape s;
    QVERIFY(scrape(s));
    observe(s, 0.005, 90);
    observe(s, 1, 10); // a tenth of them took up to a second
    QVERIFY(scrape(s));
    QVERIFY(*m_sampler->samples().constLast().latencyP99Ms > 500);
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Slow);
    m_sampler->setSlowThresholdMs(2000);
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Healthy);
}

void TestServerMetricsSampler::forbidden_isAStateNotACrash()
{
    QSignalSpy states(m_sampler.get(), &ServerMetricsSampler::stateChanged);
    m_api->failNext(QStringLiteral("metrics"), Error { ErrorCode::Forbidden, QStringLiteral("metrics are for operators"), -1 });
    QVERIFY(!scrape(Scrape {}));
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Forbidden);
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Forbidden);
    QCOMPARE(m_sampler->lastError().message, QStringLiteral("metrics are for operators"));
    QVERIFY(m_sampler->samples().isEmpty());
    QCOMPARE(states.size(), 1);
    // Nothing stops the next scrape (a token promoted to operator works at once).
    QVERIFY(scrape(Scrape {}));
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Live);
}

void TestServerMetricsSampler::unavailable_isUnreachable_thenRecovers()
{
    Scrape s;
    QVERIFY(scrape(s));
    m_api->failNext(QStringLiteral("metrics"), Error { ErrorCode::Unavailable, QStringLiteral("HTTP 503"), 1000 });
    QVERIFY(!scrape(s));
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Unreachable);
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Unreachable);
    QCOMPARE(m_sampler->samples().size(), 1);
    // Back: the interval spans the outage, measured from the last good scrape.
    observe(s, 0.001, 40);
    QVERIFY(scrape(s, 10));
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Live);
    QCOMPARE(m_sampler->samples().constLast().intervalSeconds, 20.0);
    QCOMPARE(*m_sampler->samples().constLast().deliveriesPerSecond, 2.0);
}

void TestServerMetricsSampler::malformedScrape_failsAndKeepsTheBaseline()
{
    Scrape s;
    observe(s, 0.001, 10);
    QVERIFY(scrape(s));
    *m_now = m_now->addSecs(10);
    m_api->setMetrics("betthat_connections{transport=\"websocket} 1\n");
    QSignalSpy failed(m_sampler.get(), &ServerMetricsSampler::scrapeFailed);
    QVERIFY(m_sampler->scrapeNow());
    QVERIFY(failed.wait());
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Failed);
    QVERIFY(m_sampler->lastError().message.startsWith(QStringLiteral("metrics line 1:")));
    QCOMPARE(m_sampler->samples().size(), 1);
    observe(s, 0.001, 30);
    QVERIFY(scrape(s, 10));
    QCOMPARE(m_sampler->samples().constLast().deliveries, 30);
}

void TestServerMetricsSampler::missingDeliverySeries_fails()
{
    m_api->setMetrics("# TYPE betthat_connections gauge\nbetthat_connections{transport=\"websocket\"} 1\n");
    QSignalSpy failed(m_sampler.get(), &ServerMetricsSampler::scrapeFailed);
    QVERIFY(m_sampler->scrapeNow());
    QVERIFY(failed.wait());
    QCOMPARE(m_sampler->health(), ServerMetricsSampler::Health::Failed);
    QVERIFY2(m_sampler->lastError().message.contains(QLatin1String(ServerMetricsSampler::kDelivered)),
        qPrintable(m_sampler->lastError().message));
}

void TestServerMetricsSampler::window_dropsOldSamples_totalsSumTheRest()
{
    m_sampler->setWindow(60 * 1000);
    Scrape s;
    QVERIFY(scrape(s));
    for (int i = 0; i < 6; ++i) {
        s.emailsFailed += 1;
        s.http500 += 2;
        QVERIFY(scrape(s, 20));
    }
    // Samples at 0, 20, ..., 120 s: the window keeps 60 s back from the newest, 60..120.
    const QList<ServerMetricsSample> &samples = m_sampler->samples();
    QCOMPARE(samples.size(), 4);
    QCOMPARE(samples.constFirst().at.secsTo(samples.constLast().at), 60);
    const ServerMetricsSample totals = m_sampler->windowTotals();
    QCOMPARE(totals.emailFailures, 4);
    QCOMPARE(totals.httpErrors, 8);
}

void TestServerMetricsSampler::start_scrapesEveryInterval()
{
    m_sampler->setInterval(20);
    QSignalSpy added(m_sampler.get(), &ServerMetricsSampler::sampleAdded);
    m_sampler->start();
    QVERIFY(m_sampler->isRunning());
    QTRY_VERIFY(added.size() >= 3);
    m_sampler->stop();
    QCOMPARE(m_sampler->state(), ServerMetricsSampler::State::Idle);
    const int calls = int(m_api->calls(QStringLiteral("metrics")).size());
    // Stopped means stopped: a later event loop turn scrapes nothing more.
    QTest::qWait(100);
    QCOMPARE(int(m_api->calls(QStringLiteral("metrics")).size()), calls);
}

void TestServerMetricsSampler::scrapeInFlight_noSecondOne_stopDropsIt()
{
    m_api->setHolding(true);
    QSignalSpy added(m_sampler.get(), &ServerMetricsSampler::sampleAdded);
    QVERIFY(m_sampler->scrapeNow());
    QVERIFY(!m_sampler->scrapeNow());
    QCOMPARE(m_api->calls(QStringLiteral("metrics")).size(), 1);
    m_sampler->stop();
    m_api->release();
    // The fake answers on the next turn; the barrier: a second, unheld scrape is answered after it.
    m_api->setHolding(false);
    QVERIFY(m_sampler->scrapeNow());
    QVERIFY(added.wait());
    QCOMPARE(added.size(), 1);
    QCOMPARE(m_api->calls(QStringLiteral("metrics")).size(), 2);
}

QTEST_GUILESS_MAIN(TestServerMetricsSampler)
#include "tst_servermetricssampler.moc"
