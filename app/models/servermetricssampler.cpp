#include "servermetricssampler.h"

#include "app/logcategories.h"
#include "app/net/apiport.h"

#include <QTimer>
#include <cmath>

namespace betthat::app {

namespace {

// A generous bound on the samples kept, whatever window and interval a caller sets.
constexpr int kMaxSamples = 5000;

// How much a counter grew between two scrapes; after a restart (the counter fell) everything it counts now
// happened since, as Prometheus' rate() assumes.
double increase(std::optional<double> now, std::optional<double> before)
{
    const double current = now.value_or(0);
    const double previous = before.value_or(0);
    return current >= previous ? current - previous : current;
}

qint64 whole(double value)
{
    return static_cast<qint64>(std::llround(value));
}

} // namespace

std::optional<double> histogramQuantile(
    double q, const std::vector<double> &bounds, const std::vector<double> &cumulative)
{
    if (bounds.empty() || bounds.size() != cumulative.size() || q < 0 || q > 1)
        return std::nullopt;
    const double total = cumulative.back();
    if (!(total > 0))
        return std::nullopt;
    const double rank = q * total;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        if (cumulative[i] < rank)
            continue;
        if (std::isinf(bounds[i])) {
            // Beyond the last finite bound nothing says how far: report that bound (or nothing without one).
            if (i == 0)
                return std::nullopt;
            return bounds[i - 1];
        }
        const double lower = i == 0 ? 0.0 : bounds[i - 1];
        const double below = i == 0 ? 0.0 : cumulative[i - 1];
        const double inBucket = cumulative[i] - below;
        if (!(inBucket > 0))
            return bounds[i];
        return lower + (bounds[i] - lower) * (rank - below) / inBucket;
    }
    return std::nullopt;
}

ServerMetricsSampler::ServerMetricsSampler(ApiPort *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_timer(new QTimer(this))
{
    Q_ASSERT(m_api);
    m_timer->setInterval(5000);
    connect(m_timer, &QTimer::timeout, this, [this] { scrapeNow(); });
}

ServerMetricsSampler::~ServerMetricsSampler()
{
    // Quietly: nobody should hear about a state change from a dying sampler.
    if (m_inFlight != 0 && m_api)
        m_api->cancel(m_inFlight);
}

void ServerMetricsSampler::setInterval(int ms)
{
    m_timer->setInterval(std::max(1, ms));
}

int ServerMetricsSampler::interval() const
{
    return m_timer->interval();
}

void ServerMetricsSampler::start()
{
    if (m_timer->isActive())
        return;
    if (m_state == State::Idle)
        setState(State::Waiting);
    m_timer->start();
    scrapeNow();
}

void ServerMetricsSampler::stop()
{
    m_timer->stop();
    if (m_inFlight != 0 && m_api)
        m_api->cancel(m_inFlight);
    m_inFlight = 0;
    setState(State::Idle);
}

bool ServerMetricsSampler::isRunning() const
{
    return m_timer->isActive();
}

bool ServerMetricsSampler::scrapeNow()
{
    // A slow server must not pile scrapes up: the next one waits until this one is answered or timed out.
    if (m_inFlight != 0 || !m_api)
        return false;
    // Set before the call: a port may answer synchronously.
    m_inFlight = ~quint64(0);
    const quint64 id = m_api->metrics(this, [this](const Result<QByteArray> &answer) {
        m_inFlight = 0;
        onAnswer(answer);
    });
    if (m_inFlight != 0)
        m_inFlight = id;
    return true;
}

void ServerMetricsSampler::onAnswer(const Result<QByteArray> &answer)
{
    if (!answer)
        return fail(answer.error());
    auto parsed = MetricsExposition::parse(*answer);
    if (!parsed)
        return fail(parsed.error());
    const MetricsExposition &now = *parsed;
    // Without these the panel would draw zeros that look like an idle server.
    for (const char *name : { kConnections, kDelivered }) {
        if (!now.sum(QLatin1String(name)))
            return fail(makeError(
                ErrorCode::Internal, QStringLiteral("the server's metrics have no %1").arg(QLatin1String(name))));
    }
    if (const auto latency = now.histogram(QLatin1String(kDeliveryLatency)); !latency)
        return fail(latency.error());

    const QDateTime at = m_clock();
    const ServerMetricsSample sample = sampleFrom(now, at);
    m_previous = std::move(parsed.value());
    m_previousAt = at;
    m_samples.append(sample);
    const QDateTime oldest = at.addMSecs(-m_windowMs);
    while (m_samples.size() > kMaxSamples || (m_samples.size() > 1 && m_samples.first().at < oldest))
        m_samples.removeFirst();
    m_lastError = {};
    setState(State::Live);
    Q_EMIT sampleAdded(sample);
}

ServerMetricsSample ServerMetricsSampler::sampleFrom(const MetricsExposition &now, const QDateTime &at) const
{
    ServerMetricsSample sample;
    sample.at = at;
    sample.connections = now.sum(QLatin1String(kConnections)).value_or(0);
    sample.emailQueue = now.sum(QLatin1String(kEmailQueue)).value_or(0);
    if (!m_previous)
        return sample;
    const MetricsExposition &before = *m_previous;
    sample.intervalSeconds = m_previousAt.msecsTo(at) / 1000.0;

    const QString delivered = QLatin1String(kDelivered);
    sample.deliveries = whole(increase(now.sum(delivered), before.sum(delivered)));
    if (sample.intervalSeconds > 0)
        sample.deliveriesPerSecond = sample.deliveries / sample.intervalSeconds;

    const auto failed = [](const MetricsExposition::Labels &labels) {
        return labels.value(QStringLiteral("result")) == QLatin1String("failed");
    };
    const QString emails = QLatin1String(kEmails);
    sample.emailFailures = whole(increase(now.sum(emails, failed), before.sum(emails, failed)));
    const auto serverError = [](const MetricsExposition::Labels &labels) {
        return labels.value(QStringLiteral("status")).startsWith(QLatin1Char('5'));
    };
    const QString requests = QLatin1String(kHttpRequests);
    sample.httpErrors = whole(increase(now.sum(requests, serverError), before.sum(requests, serverError)));
    const QString database = QLatin1String(kDatabaseErrors);
    sample.databaseErrors = whole(increase(now.sum(database), before.sum(database)));

    // The percentiles of just this interval's deliveries: the difference of the cumulative buckets.
    const auto latency = now.histogram(QLatin1String(kDeliveryLatency));
    const auto earlier = before.histogram(QLatin1String(kDeliveryLatency));
    if (latency) {
        std::vector<double> counts = latency->cumulative;
        const bool comparable = earlier && earlier->bounds == latency->bounds && earlier->count <= latency->count;
        if (comparable) {
            for (std::size_t i = 0; i < counts.size(); ++i)
                counts[i] = std::max(0.0, counts[i] - earlier->cumulative[i]);
        }
        if (const auto p50 = histogramQuantile(0.5, latency->bounds, counts))
            sample.latencyP50Ms = *p50 * 1000;
        if (const auto p99 = histogramQuantile(0.99, latency->bounds, counts))
            sample.latencyP99Ms = *p99 * 1000;
    }
    return sample;
}

void ServerMetricsSampler::fail(const Error &error)
{
    m_lastError = error;
    qCDebug(lcAppModels).noquote() << "metrics scrape failed:" << errorCodeName(error.code) << error.message;
    switch (error.code) {
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden:
        setState(State::Forbidden);
        break;
    case ErrorCode::Unavailable:
        setState(State::Unreachable);
        break;
    default:
        setState(State::Failed);
        break;
    }
    Q_EMIT scrapeFailed(error);
}

void ServerMetricsSampler::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

ServerMetricsSampler::Health ServerMetricsSampler::health() const
{
    switch (m_state) {
    case State::Idle:
    case State::Waiting:
        return Health::Unknown;
    case State::Forbidden:
        return Health::Forbidden;
    case State::Unreachable:
        return Health::Unreachable;
    case State::Failed:
        return Health::Failed;
    case State::Live:
        break;
    }
    if (m_samples.isEmpty())
        return Health::Unknown;
    const auto p99 = m_samples.constLast().latencyP99Ms;
    return p99 && *p99 > m_slowThresholdMs ? Health::Slow : Health::Healthy;
}

ServerMetricsSample ServerMetricsSampler::windowTotals() const
{
    ServerMetricsSample totals;
    if (m_samples.isEmpty())
        return totals;
    const ServerMetricsSample &latest = m_samples.constLast();
    totals.at = latest.at;
    totals.connections = latest.connections;
    totals.emailQueue = latest.emailQueue;
    for (const ServerMetricsSample &sample : m_samples) {
        totals.intervalSeconds += sample.intervalSeconds;
        totals.deliveries += sample.deliveries;
        totals.emailFailures += sample.emailFailures;
        totals.httpErrors += sample.httpErrors;
        totals.databaseErrors += sample.databaseErrors;
    }
    if (totals.intervalSeconds > 0)
        totals.deliveriesPerSecond = totals.deliveries / totals.intervalSeconds;
    return totals;
}

} // namespace betthat::app
