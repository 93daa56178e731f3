#pragma once

// Scrapes the server's GET /metrics every few seconds and keeps the last minutes as samples the admin window's
// server panel draws: connections, deliveries per second, commit → delivery p50/p99, the email queue and the
// failures and errors of each interval. Counters become rates and histograms percentiles from the difference
// between two scrapes, so every number describes what happened since the previous sample.

#include "app/net/apiport.h"
#include "app/net/metricsexposition.h"
#include "common/error.h"
#include "common/timeutil.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>
#include <vector>

class QTimer;

namespace betthat::app {

struct ServerMetricsSample
{
    QDateTime at;
    double connections = 0; // open realtime connections (a gauge)
    double emailQueue = 0;  // emails waiting in the outbox (a gauge)
    // Since the previous scrape; the first scrape is only the baseline, so these are empty / zero there.
    double intervalSeconds = 0;
    std::optional<double> deliveriesPerSecond;
    std::optional<double> latencyP50Ms; // empty also when nothing was delivered in the interval
    std::optional<double> latencyP99Ms;
    qint64 deliveries = 0;
    qint64 emailFailures = 0;  // emails given up
    qint64 httpErrors = 0;     // HTTP answers with a 5xx status
    qint64 databaseErrors = 0; // storage calls that failed
};

// The q-quantile (0..1) of the observations counted by cumulative histogram buckets (upper bounds ascending,
// the last +Inf), interpolated linearly inside its bucket like Prometheus' histogram_quantile: nullopt
// without observations; in the +Inf bucket, the highest finite bound.
std::optional<double> histogramQuantile(
    double q, const std::vector<double> &bounds, const std::vector<double> &cumulative);

class ServerMetricsSampler : public QObject
{
    Q_OBJECT
public:
    // Idle: not started. Waiting: started, no answer yet. Live: the last scrape succeeded. Forbidden: the
    // token is not an operator's (401/403). Unreachable: no answer, a timeout or 503. Failed: anything else
    // (the metrics are not served, or could not be read); lastError() says what.
    enum class State { Idle, Waiting, Live, Forbidden, Unreachable, Failed };
    Q_ENUM(State)
    // The verdict the panel shows: Slow when the newest interval's p99 passed the threshold.
    enum class Health { Unknown, Healthy, Slow, Forbidden, Unreachable, Failed };
    Q_ENUM(Health)

    // The series it reads (docs/OPERATIONS.md lists them all).
    static constexpr const char *kConnections = "betthat_connections";
    static constexpr const char *kDelivered = "betthat_events_delivered_total";
    static constexpr const char *kDeliveryLatency = "betthat_delivery_latency_seconds";
    static constexpr const char *kEmails = "betthat_emails_total";
    static constexpr const char *kEmailQueue = "betthat_email_queue_length";
    static constexpr const char *kHttpRequests = "betthat_http_requests_total";
    static constexpr const char *kDatabaseErrors = "betthat_db_errors_total";

    // api: signed in as an operator; not owned.
    explicit ServerMetricsSampler(ApiPort *api, QObject *parent = nullptr);
    ~ServerMetricsSampler() override;

    // Time between scrapes (default 5 s) and how far back samples are kept (default 10 minutes).
    void setInterval(int ms);
    int interval() const;
    void setWindow(qint64 ms) { m_windowMs = ms; }
    qint64 window() const { return m_windowMs; }
    // Timestamps samples and measures intervals; tests pin and advance it.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setSlowThresholdMs(double ms) { m_slowThresholdMs = ms; }
    double slowThresholdMs() const { return m_slowThresholdMs; }

    // Scrapes at once, then every interval; stop() drops a scrape in flight.
    void start();
    void stop();
    bool isRunning() const;
    // One scrape now, unless one is already in flight (then false).
    bool scrapeNow();

    State state() const { return m_state; }
    Error lastError() const { return m_lastError; }
    Health health() const;
    // Oldest first, none older than window() before the newest.
    const QList<ServerMetricsSample> &samples() const { return m_samples; }
    // Summed over the samples kept: what the panel shows as "in the last minutes".
    ServerMetricsSample windowTotals() const;

Q_SIGNALS:
    void sampleAdded(const betthat::app::ServerMetricsSample &sample);
    void stateChanged(betthat::app::ServerMetricsSampler::State state);
    // Every failed scrape (stateChanged only fires when the kind of failure changes).
    void scrapeFailed(const betthat::Error &error);

private:
    void onAnswer(const Result<QByteArray> &answer);
    void fail(const Error &error);
    void setState(State state);
    ServerMetricsSample sampleFrom(const MetricsExposition &now, const QDateTime &at) const;

    QPointer<ApiPort> m_api;
    QTimer *m_timer;
    Clock m_clock = systemClock();
    qint64 m_windowMs = 10 * 60 * 1000;
    double m_slowThresholdMs = 250;
    quint64 m_inFlight = 0; // the ApiPort request id, 0 when none
    State m_state = State::Idle;
    Error m_lastError;
    // The previous successful scrape: the other end of every difference.
    std::optional<MetricsExposition> m_previous;
    QDateTime m_previousAt;
    QList<ServerMetricsSample> m_samples;
};

} // namespace betthat::app
