#include "betthatserver.h"

#include "server/auth/authenticator.h"
#include "server/core/accounts.h"
#include "server/core/betservice.h"
#include "server/core/demoseed.h"
#include "server/email/emailservice.h"
#include "server/http/apiserver.h"
#include "server/logcategories.h"
#include "server/realtime/realtimeservice.h"
#include "server/storage/databaselocation.h"
#include "server/storage/repository.h"
#include "server/webhooks/webhookservice.h"

#include <QDir>
#include <QFileInfo>
#include <QHttpServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <atomic>

namespace betthat::server {

struct BetThatServer::Parts
{
    std::unique_ptr<Repository> repository;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<Accounts> accounts;
    std::unique_ptr<BetService> service;
    std::unique_ptr<EmailService> email; // its worker thread has its own connection to the database
    std::unique_ptr<WebhookService> webhooks; // likewise: delivery never runs on the committing thread
    std::unique_ptr<QHttpServer> http;
    std::unique_ptr<ApiServer> api; // routes on http; declared after it so it goes first
    std::unique_ptr<RealtimeService> realtime; // routes and sockets on http; goes before it
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

EmailService *BetThatServer::email()
{
    return m_parts ? m_parts->email.get() : nullptr;
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
    parts->authenticator = std::make_unique<Authenticator>(storage);
    parts->accounts = std::make_unique<Accounts>(storage);
    parts->service = std::make_unique<BetService>(storage, storage, BetRules(m_config.disputeWindowMs), m_clock);

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
                                     storage, [hooks = parts->webhooks.get()] { hooks->wake(); } },
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

    // Our own listener instead of QHttpServer::listen(): Qt's default backlog of 50 makes a reconnect storm of
    // thousands of clients stall on SYN retries (docs/BENCHMARKS.md). The HTTP server owns it as its child.
    auto *listener = new QTcpServer(parts->http.get());
    listener->setListenBacklogSize(m_config.listenBacklog);
    const quint16 port = listener->listen(m_config.bind, m_config.port) ? listener->serverPort() : 0;
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
    parts->realtime->configureListeners(); // [realtime] socket options the accepted sockets inherit
    m_parts = std::move(parts);
    qCInfo(lcServer).noquote() << "listening on" << m_config.bind.toString() << "port" << m_port << "db" << location->displayName();
    return Ok{};
}

void BetThatServer::stop()
{
    if (!m_parts)
        return;
    // [realtime shutdown: close sockets with 1001] — server/realtime helper
    if (m_parts->realtime) {
        m_parts->realtime->shutdown(); // every socket gets its 1001 before the HTTP server and its sockets go
        m_parts->realtime.reset();
    }
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
    Q_EMIT stopped();
}

} // namespace betthat::server
