// The admin window's Server tab, offscreen: against a real server (charts and numbers follow its own metrics;
// a bettor's token and a stopped server are states with a verdict), and against the fake for the slow verdict
// and the palette.
#include "adminfixture.h"
#include "app/admin/adminwindow.h"
#include "app/admin/serverpanel.h"
#include "app/models/servermetricssampler.h"
#include "app/net/metricsexposition.h"
#include "server/metrics/servermetrics.h"
#include "tests/app/support/fakeapi.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;
using betthat::test::FakeApi;

namespace {

QString text(const QWidget *panel, const char *name)
{
    const auto *label = panel->findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

// The series live in their charts (graphics items), not under the panel's QObject tree.
QLineSeries *lineSeries(const QWidget *panel, const char *name)
{
    for (const QChartView *view : panel->findChildren<QChartView *>()) {
        for (QAbstractSeries *series : view->chart()->series()) {
            if (series->objectName() == QLatin1String(name))
                return qobject_cast<QLineSeries *>(series);
        }
    }
    return nullptr;
}

int points(const QWidget *panel, const char *name)
{
    const QLineSeries *series = lineSeries(panel, name);
    return series ? series->count() : -1;
}

// What the server itself says right now, parsed with the same parser.
MetricsExposition serverMetrics(AdminFixture &fx)
{
    const auto parsed = MetricsExposition::parse(fx.server().server().metrics()->render());
    if (!parsed)
        qFatal("server metrics: %s", qPrintable(parsed.error().message));
    return *parsed;
}

} // namespace

class TestServerPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realServer_chartsAndNumbersFollowItsMetrics();
    void bettorToken_saysOperatorsOnly();
    void serverStopped_saysUnreachable();
    void slowDelivery_verdictNamesTheP99();
    void palette_chartsFollowIt();
};

void TestServerPanel::realServer_chartsAndNumbersFollowItsMetrics()
{
    AdminFixture fx;
    QVERIFY(fx.start());
    AdminWindow window(fx.api(fx.olga), fx.feed(fx.olga));
    ServerPanel *panel = window.serverPanel();
    QVERIFY(panel);
    QCOMPARE(window.tabs()->indexOf(panel), 3);
    window.tabs()->setCurrentWidget(panel);
    window.show();
    ServerMetricsSampler *sampler = panel->sampler();
    // A loaded CI machine must not turn this into a latency test.
    sampler->setSlowThresholdMs(60000);
    QSignalSpy added(sampler, &ServerMetricsSampler::sampleAdded);
    QTRY_VERIFY(sampler->samples().size() >= 1); // the baseline, scraped at once
    // From here the test scrapes by hand, so each sample has a known place among the events.
    sampler->stop();

    // A bettor online, and resolutions delivered live to them and to the operator's feed.
    RealTimeClient *alice = fx.feed(fx.alice);
    QVERIFY(fx.waitCaughtUp(alice));
    QVERIFY(fx.waitCaughtUp(window.realTimeClient()));
    QVERIFY(sampler->scrapeNow());
    QVERIFY(added.wait());
    for (int i = 0; i < 4; ++i)
        fx.resolve(fx.place(fx.alice).id, i % 2 ? BetResult::Win : BetResult::Loss);
    QVERIFY(fx.waitCaughtUp(alice));
    QVERIFY(fx.waitCaughtUp(window.realTimeClient()));
    QVERIFY(sampler->scrapeNow());
    QVERIFY(added.wait());

    const MetricsExposition server = serverMetrics(fx);
    const QList<ServerMetricsSample> &samples = sampler->samples();
    QVERIFY(samples.size() >= 3);
    const ServerMetricsSample &latest = samples.constLast();
    // Every delivery since the baseline (there were none before it) is in the samples.
    const double delivered = *server.sum(QLatin1String(ServerMetricsSampler::kDelivered));
    QVERIFY(delivered >= 8); // 8 events, to alice and to the operator's feed
    QCOMPARE(double(sampler->windowTotals().deliveries), delivered);
    QCOMPARE(latest.connections, *server.sum(QLatin1String(ServerMetricsSampler::kConnections)));
    QCOMPARE(latest.connections, 2.0);

    QCOMPARE(points(panel, "connectionsSeries"), samples.size());
    QCOMPARE(points(panel, "deliveriesSeries"), samples.size() - 1); // the baseline has no rate
    QVERIFY(points(panel, "latencyP99Series") >= 1);
    QVERIFY(points(panel, "latencyP50Series") >= 1);
    QCOMPARE(text(panel, "connectionsValue"), QStringLiteral("2"));
    QCOMPARE(text(panel, "emailFailuresValue"), QStringLiteral("0"));
    QCOMPARE(text(panel, "httpErrorsValue"), QStringLiteral("0"));
    QCOMPARE(text(panel, "databaseErrorsValue"), QStringLiteral("0"));
    QCOMPARE(text(panel, "emailQueueValue"), QLocale().toString(qint64(latest.emailQueue)));
    QCOMPARE(panel->verdict(), QStringLiteral("Delivery healthy"));
    QCOMPARE(text(panel, "healthVerdict"), QStringLiteral("Delivery healthy"));
}

void TestServerPanel::bettorToken_saysOperatorsOnly()
{
    AdminFixture fx;
    QVERIFY(fx.start());
    ServerPanel panel(fx.api(fx.alice));
    QTRY_COMPARE(panel.sampler()->state(), ServerMetricsSampler::State::Forbidden);
    QCOMPARE(panel.verdict(), QStringLiteral("Only operators can see the server's metrics"));
    QCOMPARE(points(&panel, "connectionsSeries"), 0);
    QCOMPARE(text(&panel, "connectionsValue"), QStringLiteral("–"));
}

void TestServerPanel::serverStopped_saysUnreachable()
{
    AdminFixture fx;
    QVERIFY(fx.start());
    ServerPanel panel(fx.api(fx.olga));
    QTRY_COMPARE(panel.sampler()->state(), ServerMetricsSampler::State::Live);
    QCOMPARE(panel.verdict(), QStringLiteral("Delivery healthy"));
    panel.sampler()->stop();
    fx.server().stop();
    QSignalSpy failed(panel.sampler(), &ServerMetricsSampler::scrapeFailed);
    QVERIFY(panel.sampler()->scrapeNow());
    QVERIFY(failed.wait(20000));
    QCOMPARE(panel.sampler()->state(), ServerMetricsSampler::State::Unreachable);
    QCOMPARE(panel.verdict(), QStringLiteral("Server unreachable"));
    // What was drawn stays: the last minutes before the outage are what the operator needs.
    QCOMPARE(points(&panel, "connectionsSeries"), 1);
}

void TestServerPanel::slowDelivery_verdictNamesTheP99()
{
    FakeApi api;
    ServerPanel panel(&api);
    QTRY_COMPARE(panel.sampler()->samples().size(), 1);
    QCOMPARE(panel.verdict(), QStringLiteral("Delivery healthy"));
    // Ten deliveries in the next interval, all between 0.5 s and 1 s.
    QByteArray slow = FakeApi::idleMetrics();
    slow.replace("betthat_events_delivered_total 0", "betthat_events_delivered_total 10");
    for (const char *le : { "1", "2.5", "5", "10", "+Inf" })
        slow.replace(QByteArray(QByteArray("_bucket{le=\"") + le + "\"} 0"),
            QByteArray(QByteArray("_bucket{le=\"") + le + "\"} 10"));
    slow.replace("betthat_delivery_latency_seconds_count 0", "betthat_delivery_latency_seconds_count 10");
    api.setMetrics(slow);
    QSignalSpy added(panel.sampler(), &ServerMetricsSampler::sampleAdded);
    QVERIFY(panel.sampler()->scrapeNow());
    QVERIFY(added.wait());
    // p99: rank 9.9 of 10 in (0.5 s, 1 s] → 995 ms.
    QCOMPARE(panel.verdict(), QStringLiteral("Delivery slow: p99 995 ms"));
    QCOMPARE(text(&panel, "latencyP99Value"), QStringLiteral("995 ms"));
}

void TestServerPanel::palette_chartsFollowIt()
{
    FakeApi api;
    ServerPanel panel(&api);
    QPalette dark = panel.palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(80, 160, 255));
    panel.setPalette(dark);
    const auto *view = panel.findChild<QChartView *>(QStringLiteral("latencyChart"));
    QVERIFY(view);
    QCOMPARE(view->chart()->backgroundBrush().color(), QColor(30, 30, 30));
    QCOMPARE(view->chart()->titleBrush().color(), QColor(230, 230, 230));
    QLineSeries *p99 = lineSeries(&panel, "latencyP99Series");
    QVERIFY(p99);
    QCOMPARE(p99->pen().color(), QColor(80, 160, 255));
}

QTEST_MAIN(TestServerPanel)
#include "tst_serverpanel.moc"
