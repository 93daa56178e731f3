#include "betthatserver.h"

#include "server/auth/authenticator.h"
#include "server/core/accounts.h"
#include "server/core/betservice.h"
#include "server/core/demoseed.h"
#include "server/edge/descriptorlimit.h"
#include "server/edge/edgelistener.h"
#include "server/email/emailservice.h"
#include "server/http/apiserver.h"
#include "server/http/healthcontroller.h"
#include "server/logcategories.h"
#include "server/metrics/servermetrics.h"
#include "server/realtime/realtimeservice.h"
#include "server/storage/databaselocation.h"
#include "server/storage/postgreslistener.h"
#include "server/storage/repository.h"
#include "server/webhooks/webhookservice.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHttpServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <atomic>

namespace betthat::server {

namespace {

using Sample = metrics::Registry::Sample;
using metrics::Registry;

// The metrics that read what the parts already keep (RealtimeStats, EmailStats, WebhookStats, the log).
// Scrapes run in the server's thread, the one these parts live in; the email and webhook counters are
// atomics their workers write.
void registerCollectors(
    ServerMetrics &metrics, RealtimeService &realtime, EmailService &email, WebhookService &webhooks, EventLog &log)
{
    Registry &registry = metrics.registry();
    registry.addCollector(QStringLiteral("betthat_build_info"), QStringLiteral("Version of this server; always 1."),
        Registry::Type::Gauge, { QStringLiteral("version"), QStringLiteral("qt_version") },
        [] { return QList<Sample> { { { QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()) }, 1 } }; });
    registry.addCollector(QStringLiteral("betthat_connections"), QStringLiteral("Open realtime connections, by transport."),
        Registry::Type::Gauge, { QStringLiteral("transport") },
        [&realtime] { return QList<Sample> { { { QStringLiteral("websocket") }, double(realtime.connectionCount()) } }; });
    registry.addCollector(QStringLiteral("betthat_connections_accepted_total"),
        QStringLiteral("Realtime connections accepted (authenticated), by transport."), Registry::Type::Counter,
        { QStringLiteral("transport") },
        [&realtime] { return QList<Sample> { { { QStringLiteral("websocket") }, double(realtime.stats().accepted()) } }; });
    registry.addCollector(QStringLiteral("betthat_messages_sent_total"),
        QStringLiteral("WebSocket messages written, by message type."), Registry::Type::Counter, { QStringLiteral("type") },
        [&realtime] {
            QList<Sample> samples;
            const auto &sent = realtime.stats().sentByType();
            for (auto it = sent.cbegin(); it != sent.cend(); ++it)
                samples.append({ { it.key() }, double(it.value()) });
            return samples;
        });
    registry.addCollector(QStringLiteral("betthat_events_delivered_total"),
        QStringLiteral("Committed events written live to a WebSocket (one per recipient)."), Registry::Type::Counter, {},
        [&realtime] { return QList<Sample> { { {}, double(realtime.stats().liveDeliveries()) } }; });
    registry.addCollector(QStringLiteral("betthat_resumes_total"),
        QStringLiteral("Connections resumed from a cursor and replayed from the log."), Registry::Type::Counter, {},
        [&realtime] { return QList<Sample> { { {}, double(realtime.stats().resumesServed()) } }; });
    registry.addCollector(QStringLiteral("betthat_resyncs_total"),
        QStringLiteral("resync_required sent (cursor ahead of the log or behind retention)."), Registry::Type::Counter,
        {}, [&realtime] { return QList<Sample> { { {}, double(realtime.stats().resyncs()) } }; });
    registry.addCollector(QStringLiteral("betthat_websocket_closes_total"),
        QStringLiteral("WebSocket closes by close code (4008 slow consumer, 1013 limits or storage trouble, 4401/4403 auth, 1008 policy)."),
        Registry::Type::Counter, { QStringLiteral("code") }, [&realtime] {
            QList<Sample> samples;
            const auto &closes = realtime.stats().closesByCode();
            for (auto it = closes.cbegin(); it != closes.cend(); ++it)
                samples.append({ { QString::number(it.key()) }, double(it.value()) });
            return samples;
        });
    const EmailStats &mail = email.stats();
    registry.addCollector(QStringLiteral("betthat_emails_total"),
        QStringLiteral("Notification emails by outcome: sent, failed (given up), retried (attempt to repeat)."),
        Registry::Type::Counter, { QStringLiteral("result") }, [&mail] {
            return QList<Sample> { { { QStringLiteral("sent") }, double(mail.sent.load()) },
                { { QStringLiteral("failed") }, double(mail.failed.load()) },
                { { QStringLiteral("retried") }, double(mail.retried.load()) } };
        });
    registry.addCollector(QStringLiteral("betthat_email_queue_length"),
        QStringLiteral("Emails pending in the outbox after the worker's last pass."), Registry::Type::Gauge, {},
        [&mail] { return QList<Sample> { { {}, double(mail.queueLength.load()) } }; });
    const WebhookStats &hooks = webhooks.stats();
    registry.addCollector(QStringLiteral("betthat_webhook_deliveries_total"),
        QStringLiteral("Webhook delivery attempts by outcome."), Registry::Type::Counter, { QStringLiteral("result") },
        [&hooks] {
            return QList<Sample> { { { QStringLiteral("delivered") }, double(hooks.delivered.load()) },
                { { QStringLiteral("failed") }, double(hooks.failed.load()) } };
        });
    registry.addCollector(QStringLiteral("betthat_event_log_seq"),
        QStringLiteral("The event log: last seq handed out and first seq retained (a scrape whose read fails "
                       "omits it)."),
        Registry::Type::Gauge, { QStringLiteral("position") }, [&log] {
            QList<Sample> samples;
            if (const auto last = log.lastSeq())
                samples.append({ { QStringLiteral("last") }, double(*last) });
            if (const auto first = log.firstRetainedSeq())
                samples.append({ { QStringLiteral("first_retained") }, double(*first) });
            return samples;
        });
}

// Every connection is a descriptor: say when the process's limit is what really caps the connection limits.
void reportDescriptorLimit(const DescriptorLimit &limit, const ServerConfig &config)
{
    if (limit.soft < 0)
        return;
    if (limit.soft != limit.before)
        qCInfo(lcServer) << "raised the open-file limit from" << limit.before << "to" << limit.soft;
    // Headroom for the database, the workers' connections, logs and the listener itself.
    constexpr qint64 kReserved = 64;
    const qint64 wanted = qint64(config.realtime.maxConnections) + config.edge.maxHttpConnections + kReserved;
    if (limit.soft < wanted)
        qCWarning(lcServer).noquote()
            << QStringLiteral("the open-file limit (%1, hard limit %2) caps the connection limits: at most about %3 "
                              "connections, not the %4 WebSocket + %5 HTTP configured")
                   .arg(limit.soft)
                   .arg(limit.hard)
                   .arg(qMax<qint64>(0, limit.soft - kReserved))
                   .arg(config.realtime.maxConnections)
                   .arg(config.edge.maxHttpConnections);
}

} // namespace

struct BetThatServer::Parts
{
    std::unique_ptr<ServerMetrics> metrics; // first in, last out: every part below may record into it
    std::unique_ptr<Repository> repository;
    std::unique_ptr<MeasuredBetStore> measuredBets; // the BetStore the service commits through
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<Accounts> accounts;
    std::unique_ptr<BetService> service;
    std::unique_ptr<EmailService> email; // its worker thread has its own connection to the database
    std::unique_ptr<WebhookService> webhooks; // likewise: delivery never runs on the committing thread
    std::unique_ptr<QHttpServer> http;
    std::unique_ptr<ApiServer> api; // routes on http; declared after it so it goes first
    std::unique_ptr<RealtimeService> realtime; // routes and sockets on http; goes before it
    std::unique_ptr<QHttpServer> metricsHttp; // GET /metrics without a token, on MetricsConfig's address
    // PostgreSQL only: other nodes' commits wake this node's feed and workers (null on SQLite).
    std::unique_ptr<PostgresListener> listener;
    EdgeListener *edge = nullptr; // child of http
};

BetThatServer::BetThatServer(ServerConfig config, QObject *parent) : QObject(parent), m_config(std::move(config)) {}

QString BetThatServer::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/betthat.sqlite");
}

BetThatServer::~BetThatServer()
{
    stop();
}

Repository &BetThatServer::repository()
{
    return *m_parts->repository;
}

BetService &BetThatServer::service()
{
    return *m_parts->service;
}

Accounts &BetThatServer::accounts()
{
    return *m_parts->accounts;
}

Authenticator &BetThatServer::authenticator()
{
    return *m_parts->authenticator;
}

RealtimeService *BetThatServer::realtime()
{
    return m_parts ? m_parts->realtime.get() : nullptr;
}

void BetThatServer::setRealtimeEnabled(bool enabled)
{
    if (!m_parts || !m_parts->realtime)
        return;
    RealtimeService *realtime = m_parts->realtime.get();
    QMetaObject::invokeMethod(realtime, [realtime, enabled] { realtime->setEnabled(enabled); });
}

EdgeListener *BetThatServer::edge()
{
    return m_parts ? m_parts->edge : nullptr;
}

PostgresListener *BetThatServer::postgresListener()
{
    return m_parts ? m_parts->listener.get() : nullptr;
}

EmailService *BetThatServer::email()
{
    return m_parts ? m_parts->email.get() : nullptr;
}

ServerMetrics *BetThatServer::metrics()
{
    return m_parts ? m_parts->metrics.get() : nullptr;
}

QList<QPair<QString, Status>> BetThatServer::readiness()
{
    QList<QPair<QString, Status>> checks;
    if (!m_parts)
        return { { QStringLiteral("server"), makeError(ErrorCode::Unavailable, QStringLiteral("not started")) } };
    // Reachable (the log answers a read) and writable (a rolled-back write on the serving connection).
    Status database = Ok {};
    if (const auto last = m_parts->repository->lastSeq(); !last)
        database = last.error();
    else if (const auto writable = m_parts->repository->probeWritable(); !writable)
        database = writable.error();
    checks.append({ QStringLiteral("database"), database });
    const auto alive = [](bool running, const QString &what) -> Status {
        if (running)
            return Ok {};
        return makeError(ErrorCode::Unavailable, QStringLiteral("the %1 thread is not running").arg(what));
    };
    checks.append({ QStringLiteral("email_worker"), alive(m_parts->email->isWorkerAlive(), QStringLiteral("outbox")) });
    checks.append(
        { QStringLiteral("webhook_worker"), alive(m_parts->webhooks->isWorkerAlive(), QStringLiteral("webhook")) });
    if (m_parts->listener)
        checks.append({ QStringLiteral("postgres_listener"), m_parts->listener->state() });
    if (m_config.metrics.port != 0 || m_metricsPort != 0)
        checks.append({ QStringLiteral("metrics_listener"),
            alive(m_parts->metricsHttp && !m_parts->metricsHttp->servers().isEmpty()
                    && m_parts->metricsHttp->servers().constFirst()->isListening(),
                QStringLiteral("metrics listener")) });
    return checks;
}

WebhookService *BetThatServer::webhooks()
{
    return m_parts ? m_parts->webhooks.get() : nullptr;
}

Status BetThatServer::start()
{
    if (m_parts)
        return Ok{};
    auto parts = std::make_unique<Parts>();
    parts->metrics = std::make_unique<ServerMetrics>();
    // --db is a SQLite file (the default: one in the app data dir) or a postgres:// URL; every part that opens
    // the database (this thread, the email and webhook workers) opens this location.
    const auto location = DatabaseLocation::parse(m_config.dbPath.isEmpty() ? defaultDatabasePath() : m_config.dbPath);
    if (!location)
        return location.error();
    if (m_config.dbPath.isEmpty())
        QDir().mkpath(QFileInfo(location->path).absolutePath());
    auto opened = openRepository(*location, QStringLiteral("server"));
    if (!opened)
        return opened.error();
    parts->repository = std::move(opened.value());
    Repository &storage = *parts->repository;
    parts->authenticator = std::make_unique<Authenticator>(storage,
        RateLimit { m_config.rateLimits.failedAuthPerSecond, m_config.rateLimits.failedAuthBurst }, m_clock);
    parts->accounts = std::make_unique<Accounts>(storage);
    parts->measuredBets = std::make_unique<MeasuredBetStore>(storage, *parts->metrics);
    parts->service
        = std::make_unique<BetService>(*parts->measuredBets, storage, BetRules(m_config.disputeWindowMs), m_clock);

    // [demo seed]
    // Before listening, so the first request already sees the demo data; a non-empty database is left as is.
    if (m_config.demo) {
        DemoSeed seed(storage, storage, storage, parts->service->rules(), m_clock);
        if (const auto seeded = seed.seedIfEmpty(); !seeded) {
            parts->repository->close();
            return seeded.error();
        }
    }
    // [email outbox]
    // Outbox rows are written by the service's commits; the worker thread sends them. Never blocks a request.
    parts->email = std::make_unique<EmailService>(m_config.email, *location);
    if (const auto emailStarted = parts->email->start(); !emailStarted) {
        parts->repository->close();
        return emailStarted.error();
    }
    parts->service->setOutboxBuilder(parts->email->outboxBuilder(storage, storage));
    connect(parts->service.get(), &BetService::eventCommitted, parts->email.get(), &EmailService::wake);

    // [webhooks] The event log is their outbox: a commit only wakes the worker (a queued call), which reads
    // the log after each endpoint's cursor on its own thread and connection.
    parts->webhooks = std::make_unique<WebhookService>(m_config.webhooks, *location);
    if (const auto hooksStarted = parts->webhooks->start(); !hooksStarted) {
        parts->email->stop();
        parts->repository->close();
        return hooksStarted.error();
    }
    connect(parts->service.get(), &BetService::eventCommitted, parts->webhooks.get(), &WebhookService::wake);

    parts->http = std::make_unique<QHttpServer>();
    // [http routes] — server/http helper
    parts->api = std::make_unique<ApiServer>(
        *parts->http, ApiServer::Parts { *parts->service, *parts->authenticator, storage, storage, storage, storage,
                                     storage, [hooks = parts->webhooks.get()] { hooks->wake(); },
                                     [metrics = parts->metrics.get()] { return metrics->render(); },
                                     [this] { return readiness(); },
                                     [metrics = parts->metrics.get()](const QString &route, const QString &method,
                                         int status, qint64 ns) { metrics->observeRequest(route, method, status, ns); } },
        m_config);
    // [realtime] — server/realtime helper
    parts->realtime = std::make_unique<RealtimeService>(*parts->http, storage, *parts->authenticator,
                                                        m_config.realtime, m_clock);
    connect(parts->service.get(), &BetService::eventCommitted, parts->realtime.get(),
            &RealtimeService::onEventCommitted);
    // The email counters in /ws/status (realtime goes before email in stop(), so the pointer outlives it).
    parts->realtime->addStatusProvider(QStringLiteral("email"),
                                       [email = parts->email.get()] { return QJsonValue(email->statusJson()); });
    parts->realtime->addStatusProvider(QStringLiteral("webhooks"),
                                       [hooks = parts->webhooks.get()] { return QJsonValue(hooks->statusJson()); });
    // [metrics] What the parts already count, read at scrape time in this thread.
    parts->realtime->setDeliveryLatencyHistogram(&parts->metrics->deliveryLatency());
    registerCollectors(*parts->metrics, *parts->realtime, *parts->email, *parts->webhooks, storage);
    parts->metrics->registry().addCollector(QStringLiteral("betthat_rate_limited_total"),
        QStringLiteral("Attempts refused by a rate limit: requests (per user, 429), failed_auth (a blocked "
                       "address, 429 or close 1013), websocket_connections (per user, close 1013)."),
        Registry::Type::Counter, { QStringLiteral("limit") },
        [api = parts->api.get(), auth = parts->authenticator.get(), realtime = parts->realtime.get()] {
            return QList<Sample> { { { QStringLiteral("requests") }, double(api->rateLimitedRequests()) },
                { { QStringLiteral("failed_auth") }, double(auth->blockedAttempts()) },
                { { QStringLiteral("websocket_connections") }, double(realtime->rateLimitedConnections()) } };
        });

    // [edge] Our own listener instead of QHttpServer::listen(): it guards every connection before Qt's HTTP
    // and WebSocket code reads it (docs/EDGE.md), and Qt's default backlog of 50 makes a reconnect storm of
    // thousands of clients stall on SYN retries (docs/BENCHMARKS.md). The HTTP server owns it as its child.
    if (m_config.edge.raiseFileLimit)
        reportDescriptorLimit(raiseDescriptorLimit(), m_config);
    auto *listener = new EdgeListener(EdgeSettings::from(m_config), parts->http.get());
    parts->edge = listener;
    parts->realtime->addStatusProvider(QStringLiteral("edge"), [listener] { return QJsonValue(listener->statusJson()); });
    listener->setListenBacklogSize(m_config.listenBacklog);
    const quint16 port = listener->listenGuarded(m_config.bind, m_config.port) ? listener->serverPort() : 0;
    if (port != 0)
        parts->http->bind(listener);
    if (port == 0) {
        parts->webhooks->stop();
        parts->email->stop();
        parts->repository->close();
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot listen on %1:%2 (is the port taken?)")
                                                     .arg(m_config.bind.toString())
                                                     .arg(m_config.port));
    }
    m_port = port;
    if (m_config.metrics.port != 0) {
        // A listener of its own, without a token, for a scraper on the host (or behind a proxy); the API
        // port serves /metrics to operators only.
        parts->metricsHttp = std::make_unique<QHttpServer>();
        parts->metricsHttp->route(QStringLiteral("/metrics"), QHttpServerRequest::Method::Get,
            [metrics = parts->metrics.get()] { return HealthController::metricsResponse(metrics->render()); });
        const quint16 metricsPort = parts->metricsHttp->listen(m_config.metrics.bind, quint16(m_config.metrics.port));
        if (metricsPort == 0) {
            parts->realtime->shutdown();
            parts->webhooks->stop();
            parts->email->stop();
            parts->repository->close();
            return makeError(ErrorCode::Unavailable, QStringLiteral("cannot listen for metrics on %1:%2 (is the port taken?)")
                                                         .arg(m_config.metrics.bind.toString())
                                                         .arg(m_config.metrics.port));
        }
        m_metricsPort = metricsPort;
    }
    parts->realtime->configureListeners(); // [realtime] socket options the accepted sockets inherit
    // [cross-node wake-up] On PostgreSQL other nodes commit too: their NOTIFY wakes what this node's own
    // commits wake. A listener that cannot connect yet is no reason not to start: it retries with backoff,
    // /readyz says so meanwhile, and the periodic re-reads still deliver everything.
    if (location->isPostgres()) {
        parts->listener = std::make_unique<PostgresListener>(*location);
        connect(parts->listener.get(), &PostgresListener::eventCommitted, parts->realtime.get(),
            &RealtimeService::onEventCommitted);
        connect(parts->listener.get(), &PostgresListener::eventCommitted, parts->email.get(), &EmailService::wake);
        connect(parts->listener.get(), &PostgresListener::eventCommitted, parts->webhooks.get(), &WebhookService::wake);
        parts->listener->start();
    }
    m_parts = std::move(parts);
    qCInfo(lcServer).noquote() << "listening on" << m_config.bind.toString() << "port" << m_port << "db" << location->displayName();
    return Ok{};
}

void BetThatServer::stop()
{
    if (!m_parts)
        return;
    m_parts->listener.reset(); // no wake-ups into parts that are going away
    // [realtime shutdown: close sockets with 1001] — server/realtime helper
    if (m_parts->realtime) {
        m_parts->realtime->shutdown(); // every socket gets its 1001 before the HTTP server and its sockets go
        m_parts->realtime.reset();
    }
    m_parts->metricsHttp.reset();
    m_parts->http.reset();
    if (m_parts->email)
        m_parts->email->stop(); // a send in progress gives up; its message stays pending for the next start
    if (m_parts->webhooks)
        m_parts->webhooks->stop(); // a request in flight gives up; its event is sent again at the next start
    m_parts->service.reset();
    m_parts->email.reset();
    m_parts->webhooks.reset();
    m_parts->accounts.reset();
    m_parts->authenticator.reset();
    m_parts->repository->close();
    m_parts.reset();
    m_metricsPort = 0;
    Q_EMIT stopped();
}

} // namespace betthat::server
