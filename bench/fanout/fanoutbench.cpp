#include "fanoutbench.h"

#include "bench/fanout/benchwsclient.h"
#include "bench/fanout/deliveryrecorder.h"
#include "bench/fanout/serverprocess.h"
#include "bench/support/benchseed.h"
#include "bench/support/latencysummary.h"
#include "bench/support/procstatus.h"
#include "common/betrules.h"
#include "server/core/betservice.h"
#include "server/serverconfig.h"
#include "server/storage/sqliterepository.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <chrono>

namespace betthat::bench {

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// CPU used between two readings; -1 when either is unavailable (the process has gone).
qint64 cpuDelta(qint64 before, qint64 after)
{
    return before < 0 || after < 0 ? -1 : after - before;
}

double secondsSince(qint64 startNs)
{
    return double(nowNs() - startNs) / 1e9;
}

// 127.1.x.y: Linux answers the whole of 127.0.0.0/8 on loopback, so every group of clients gets its own
// source address, like clients on different machines.
QHostAddress sourceAddress(int client, int perAddress)
{
    const int group = client / perAddress;
    return QHostAddress(
        (quint32(127) << 24) | (quint32(1) << 16) | (quint32(group / 250) << 8) | quint32(group % 250 + 1));
}

QString kb(qint64 value)
{
    return QLocale::c().toString(value) + QStringLiteral(" KB");
}

QString modeName(FanoutOptions::Mode mode)
{
    return mode == FanoutOptions::Mode::Targeted ? QStringLiteral("targeted") : QStringLiteral("broadcast");
}

} // namespace

FanoutBench::FanoutBench(FanoutOptions options, QTextStream &out, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(out)
    , m_http(new QNetworkAccessManager(this))
    , m_resolverAuth("Bearer " + BenchSeed::tokenFor(QStringLiteral("resolver")).toLatin1())
{ }

FanoutBench::~FanoutBench() = default;

int FanoutBench::run()
{
    bool ok = true;
    if (m_options.targeted)
        ok = runMode(FanoutOptions::Mode::Targeted) && ok;
    if (m_options.broadcast)
        ok = runMode(FanoutOptions::Mode::Broadcast) && ok;
    m_out << (ok ? "RESULT all deliveries complete: none lost, duplicated, reordered or misdirected\n"
                 : "RESULT FAILED: see the deliveries lines above\n");
    m_out.flush();
    return ok ? 0 : 1;
}

bool FanoutBench::runMode(FanoutOptions::Mode mode)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        m_out << "cannot create a temporary directory\n";
        return false;
    }
    const QString dbPath = dir.filePath(QStringLiteral("fanout.sqlite"));
    Plan plan;
    const qint64 seedStart = nowNs();
    if (!seed(mode, dbPath, &plan))
        return false;
    m_out << "\n== " << modeName(mode) << ": " << m_options.connections << " connections, "
          << plan.description << ", server on the " << m_options.eventDispatcher << " event dispatcher (seeded in " << QString::number(secondsSince(seedStart), 'f', 1)
          << " s)\n";
    m_out.flush();

    ServerProcess server(m_options.serverProgram, m_options.eventDispatcher);
    if (!server.start(dbPath)) {
        m_out << "server: " << server.errorString() << "\n";
        return false;
    }
    m_baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.port());

    m_recorder = std::make_unique<DeliveryRecorder>();
    m_clientOwner = std::make_unique<QObject>();
    m_httpErrors = 0;
    m_firstHttpError.clear();

    // Warm up the HTTP path (and the client's connection pool) before the first memory reading.
    getJson(QStringLiteral("/healthz"));
    settle(300);
    const qint64 rssBefore = server.residentKb();

    const qint64 connectStart = nowNs();
    const bool connected = connectClients(plan, server.port());
    const double connectSeconds = secondsSince(connectStart);
    m_out << "connect     " << m_established << "/" << m_options.connections << " established in "
          << QString::number(connectSeconds, 'f', 2) << " s (" << m_refused << " refused";
    if (!m_firstRefusal.isEmpty())
        m_out << ", first: " << m_firstRefusal;
    m_out << ")\n";
    m_out.flush();

    settle(1000);
    const qint64 rssConnected = server.residentKb();
    const int live = m_established - m_dropped;
    const double perConnection = live > 0 ? double(rssConnected - rssBefore) / live : 0.0;

    // Server CPU per phase: unlike wall-clock rates it barely depends on what else runs on the machine (this
    // client included), so it is the figure to compare between runs and machines.
    const qint64 selfPid = QCoreApplication::applicationPid();
    const int latencyPhase = m_recorder->beginPhase();
    const qint64 cpuBeforeLatency = ProcStatus::cpuMs(server.pid());
    const qint64 selfBeforeLatency = ProcStatus::cpuMs(selfPid);
    if (connected)
        runLatency(plan);
    const qint64 cpuLatency = cpuDelta(cpuBeforeLatency, ProcStatus::cpuMs(server.pid()));
    const qint64 selfLatency = cpuDelta(selfBeforeLatency, ProcStatus::cpuMs(selfPid));
    const int burstPhase = m_recorder->beginPhase();
    const qint64 cpuBeforeBurst = ProcStatus::cpuMs(server.pid());
    const qint64 selfBeforeBurst = ProcStatus::cpuMs(selfPid);
    if (connected && !plan.burstBets.isEmpty())
        runBurst(plan);
    const qint64 cpuBurst = cpuDelta(cpuBeforeBurst, ProcStatus::cpuMs(server.pid()));
    const qint64 selfBurst = cpuDelta(selfBeforeBurst, ProcStatus::cpuMs(selfPid));
    settle(500); // late duplicates would show up here
    const qint64 rssAfter = server.residentKb();

    m_out << "server RSS  before " << kb(rssBefore) << "; with " << live << " idle connections "
          << kb(rssConnected) << " -> " << QString::number(perConnection, 'f', 1)
          << " KB per connection; after the events " << kb(rssAfter) << "\n";

    DeliveryRecorder::Phase &latency = m_recorder->phase(latencyPhase);
    std::vector<qint64> sendNs = latency.sendToReceiptNs;
    std::vector<qint64> stampUs = latency.timestampToReceiptUs;
    const LatencySummary latencySummary = LatencySummary::of(sendNs);
    const LatencySummary stampSummary = LatencySummary::of(stampUs);
    const double latencySeconds
        = latency.delivered > 0 ? double(latency.lastReceiptNs - latency.firstSendNs) / 1e9 : 0.0;
    const auto cpuLine = [](qint64 serverMs, qint64 clientMs, qint64 events, qint64 frames) {
        if (serverMs < 0 || clientMs < 0)
            return QStringLiteral("  CPU: n/a (the server process is gone)\n");
        return QStringLiteral("  CPU: server %1 ms (%2 ms per event, %3 us per frame), this client %4 ms\n")
            .arg(serverMs)
            .arg(events > 0 ? double(serverMs) / double(events) : 0.0, 0, 'f', 2)
            .arg(frames > 0 ? double(serverMs) * 1000.0 / double(frames) : 0.0, 0, 'f', 2)
            .arg(clientMs);
    };
    m_out << "latency run " << latency.events << " events one at a time, " << latency.expected
          << " receipts expected, " << QString::number(latencySeconds, 'f', 2) << " s\n"
          << "  HTTP send -> receipt (ms):        " << latencySummary.format(1e6) << "\n"
          << "  event timestamp -> receipt (ms):  " << stampSummary.format(1e3)
          << "  [timestamp has 1 ms resolution]\n"
          << cpuLine(cpuLatency, selfLatency, latency.events, latency.delivered);

    double framesPerSecond = 0;
    DeliveryRecorder::Phase &burst = m_recorder->phase(burstPhase);
    if (burst.events > 0) {
        const double seconds
            = burst.delivered > 0 ? double(burst.lastReceiptNs - burst.firstSendNs) / 1e9 : 0.0;
        framesPerSecond = seconds > 0 ? double(burst.delivered) / seconds : 0;
        std::vector<qint64> burstNs = burst.sendToReceiptNs;
        const LatencySummary burstSummary = LatencySummary::of(burstNs);
        m_out << "burst run   " << burst.events << " events at once: " << burst.delivered << " frames in "
              << QString::number(seconds, 'f', 3) << " s -> "
              << QLocale::c().toString(qint64(framesPerSecond)) << " frames/s, "
              << QString::number(seconds > 0 ? double(burst.events) / seconds : 0, 'f', 0)
              << " events/s end to end\n"
              << "  HTTP send -> receipt (ms):        " << burstSummary.format(1e6) << "\n"
              << cpuLine(cpuBurst, selfBurst, burst.events, burst.delivered);
    }

    const DeliveryRecorder &recorder = *m_recorder;
    const bool complete = connected && recorder.lostTotal() == 0 && recorder.duplicates() == 0
        && recorder.outOfOrder() == 0 && recorder.misdirected() == 0 && recorder.unknown() == 0
        && recorder.deliveredTotal() == recorder.expectedTotal() && m_httpErrors == 0;
    m_out << "deliveries  " << recorder.deliveredTotal() << "/" << recorder.expectedTotal() << " (lost "
          << recorder.lostTotal() << ", duplicated " << recorder.duplicates() << ", out of order "
          << recorder.outOfOrder() << ", misdirected " << recorder.misdirected() << ", other messages "
          << recorder.unknown() << ", connections dropped " << m_dropped << ", HTTP errors " << m_httpErrors;
    if (!m_firstHttpError.isEmpty())
        m_out << ", first: " << m_firstHttpError;
    m_out << ") " << (complete ? "OK" : "FAILED") << "\n";
    reportStatus();

    m_out << "RESULT mode=" << modeName(mode) << " connections=" << m_options.connections
          << " dispatcher=" << m_options.eventDispatcher
          << " p50_ms=" << QString::number(double(latencySummary.p50) / 1e6, 'f', 2)
          << " p95_ms=" << QString::number(double(latencySummary.p95) / 1e6, 'f', 2)
          << " p99_ms=" << QString::number(double(latencySummary.p99) / 1e6, 'f', 2)
          << " max_ms=" << QString::number(double(latencySummary.max) / 1e6, 'f', 2)
          << " burst_frames_per_s=" << qint64(framesPerSecond)
          << " kb_per_conn=" << QString::number(perConnection, 'f', 1) << " server_cpu_ms_per_event_latency="
          << QString::number(latency.events > 0 ? double(cpuLatency) / double(latency.events) : 0.0, 'f', 2)
          << " server_cpu_ms_per_event_burst="
          << QString::number(burst.events > 0 ? double(cpuBurst) / double(burst.events) : 0.0, 'f', 2)
          << " server_us_per_frame_burst="
          << QString::number(
                 burst.delivered > 0 ? double(cpuBurst) * 1000.0 / double(burst.delivered) : 0.0, 'f', 2)
          << " connect_s=" << QString::number(connectSeconds, 'f', 2)
          << " delivered=" << recorder.deliveredTotal() << "/" << recorder.expectedTotal()
          << " lost=" << recorder.lostTotal() << " dup=" << recorder.duplicates()
          << (complete ? " OK" : " FAILED") << "\n";
    m_out.flush();

    // Clients first (abort: no close handshake to wait for), then the server.
    m_clientOwner.reset();
    server.stop();
    m_recorder.reset();
    m_plan = nullptr;
    return complete;
}

bool FanoutBench::seed(FanoutOptions::Mode mode, const QString &dbPath, Plan *plan)
{
    const QString connectionName = QStringLiteral("bench-fanout-seed-") + modeName(mode);
    server::SqliteRepository repository(dbPath, connectionName);
    if (const auto opened = repository.open(); !opened) {
        m_out << "seed: " << opened.error().message << "\n";
        return false;
    }
    if (!BenchSeed::relaxDurabilityForSeeding(connectionName))
        return false;
    server::BetService service(repository, repository, BetRules(), systemClock());
    BenchSeed seeder(repository);
    const int n = m_options.connections;
    constexpr qint64 kDeposit = 100000000; // plenty for every bet
    if (!seeder.addUser(QStringLiteral("resolver"), Role::Operator))
        return false;

    QStringList betOwners;
    if (mode == FanoutOptions::Mode::Targeted) {
        const int perUser = m_options.perUser;
        const int bettors = (n + perUser - 1) / perUser;
        for (int b = 1; b <= bettors; ++b) {
            const QString id = QStringLiteral("bettor-%1").arg(b);
            if (!seeder.addUser(id, Role::Bettor, kDeposit))
                return false;
            betOwners.append(id);
        }
        for (int i = 0; i < n; ++i) {
            const QString id = betOwners.at(i / perUser);
            plan->clients.append({ BenchSeed::tokenFor(id), id });
        }
        plan->description
            = QStringLiteral("%1 bettors with up to %2 connections each; an event reaches its bettor's "
                             "connections only")
                  .arg(bettors)
                  .arg(perUser);
    } else {
        // Operators without user_id watch the global feed; the server allows maxConnectionsPerUser per
        // account.
        const int perOperator = server::RealtimeConfig().maxConnectionsPerUser;
        const int operators = (n + perOperator - 1) / perOperator;
        QStringList watchers;
        for (int o = 1; o <= operators; ++o) {
            const QString id = QStringLiteral("watcher-%1").arg(o);
            if (!seeder.addUser(id, Role::Operator))
                return false;
            watchers.append(id);
        }
        for (int i = 0; i < n; ++i)
            plan->clients.append({ BenchSeed::tokenFor(watchers.at(i / perOperator)), QString() });
        for (int b = 1; b <= 10; ++b) {
            const QString id = QStringLiteral("bettor-%1").arg(b);
            if (!seeder.addUser(id, Role::Bettor, kDeposit))
                return false;
            betOwners.append(id);
        }
        plan->description
            = QStringLiteral("%1 operators with up to %2 connections each on the global feed; every "
                             "event reaches every connection")
                  .arg(operators)
                  .arg(perOperator);
    }

    const int total = m_options.events + m_options.burst;
    for (int j = 0; j < total; ++j) {
        const QString owner = betOwners.at(j % betOwners.size());
        QString betId;
        if (!seeder.placeBet(service, seeder.user(owner), &betId))
            return false;
        (j < m_options.events ? plan->latencyBets : plan->burstBets).append({ betId, owner });
    }
    repository.close();
    return true;
}

bool FanoutBench::connectClients(const Plan &plan, quint16 port)
{
    m_plan = &plan;
    m_port = port;
    m_nextClient = 0;
    m_inFlight = 0;
    m_established = 0;
    m_refused = 0;
    m_dropped = 0;
    m_firstRefusal.clear();
    for (int i = 0; i < plan.clients.size(); ++i)
        m_recorder->addClient(i, plan.clients.at(i).watched);
    launchClients();
    const int n = int(plan.clients.size());
    waitUntil([this, n] { return m_established + m_refused >= n; }, m_options.connectTimeoutMs);
    return m_established == n && m_refused == 0;
}

void FanoutBench::launchClients()
{
    // Bounded handshakes in flight: the server's listen backlog (50) overflows with a burst of thousands, and
    // the kernel then drops SYNs that are retried only after a second.
    while (m_inFlight < m_options.connectConcurrency && m_nextClient < m_plan->clients.size()) {
        const int index = m_nextClient++;
        auto *client = new BenchWsClient(index, *m_recorder, m_clientOwner.get());
        connect(client, &BenchWsClient::established, this, &FanoutBench::onEstablished);
        connect(client, &BenchWsClient::ended, this, &FanoutBench::onEnded);
        ++m_inFlight;
        const ClientSpec &spec = m_plan->clients.at(index);
        client->open(sourceAddress(index, m_options.perAddress), m_port, spec.token);
    }
}

void FanoutBench::onEstablished(BenchWsClient *client)
{
    --m_inFlight;
    ++m_established;
    m_recorder->setClientLive(client->index(), true);
    launchClients();
}

void FanoutBench::onEnded(BenchWsClient *client)
{
    if (client->wasEstablished()) {
        ++m_dropped;
        m_recorder->setClientLive(client->index(), false);
        return;
    }
    --m_inFlight;
    ++m_refused;
    if (m_firstRefusal.isEmpty())
        m_firstRefusal = QStringLiteral("client %1: %2 %3")
                             .arg(client->index())
                             .arg(client->closeCode())
                             .arg(client->closeReason());
    launchClients();
}

void FanoutBench::runLatency(const Plan &plan)
{
    // Bounded even when the server misbehaves: a failed request is not waited for, and a few events in a row
    // that never complete end the run (the missing receipts are reported as lost).
    constexpr int kMaxConsecutiveTimeouts = 3;
    int consecutiveTimeouts = 0;
    for (const PlannedBet &bet : plan.latencyBets) {
        const qint64 sendNs = nowNs();
        m_recorder->expect(bet.betId, bet.userId, sendNs);
        std::unique_ptr<QNetworkReply> reply(postResolve(bet.betId));
        const bool done = waitUntil(
            [&] {
                if (!reply->isFinished())
                    return false;
                return reply->error() != QNetworkReply::NoError || m_recorder->isComplete(bet.betId);
            },
            m_options.eventTimeoutMs);
        replyOk(reply.get());
        consecutiveTimeouts = done && m_recorder->isComplete(bet.betId) ? 0 : consecutiveTimeouts + 1;
        if (consecutiveTimeouts >= kMaxConsecutiveTimeouts || m_established - m_dropped == 0) {
            m_out << "latency run stopped early: " << consecutiveTimeouts << " events in a row incomplete, "
                  << (m_established - m_dropped) << " connections live\n";
            return;
        }
    }
}

void FanoutBench::runBurst(const Plan &plan)
{
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (const PlannedBet &bet : plan.burstBets) {
        m_recorder->expect(bet.betId, bet.userId, nowNs());
        replies.emplace_back(postResolve(bet.betId));
    }
    waitUntil(
        [&] {
            for (qsizetype i = 0; i < plan.burstBets.size(); ++i) {
                const QNetworkReply &reply = *replies[std::size_t(i)];
                if (!reply.isFinished())
                    return false;
                // A failed request will not produce an event: do not wait for one.
                if (reply.error() == QNetworkReply::NoError
                    && !m_recorder->isComplete(plan.burstBets.at(i).betId))
                    return false;
            }
            return true;
        },
        m_options.burstTimeoutMs);
    for (const auto &reply : replies)
        replyOk(reply.get());
}

void FanoutBench::reportStatus()
{
    const QJsonObject status = getJson(QStringLiteral("/ws/status"));
    if (status.isEmpty()) {
        m_out << "server      /ws/status unavailable\n";
        return;
    }
    const QJsonObject sent = status.value(QStringLiteral("messages_sent")).toObject();
    m_out << "server      /ws/status: active_connections "
          << status.value(QStringLiteral("active_connections")).toInt() << ", bet_resolved frames sent "
          << qint64(sent.value(QStringLiteral("bet_resolved")).toDouble()) << ", slow_consumer_closes "
          << status.value(QStringLiteral("slow_consumer_closes")).toInt() << ", closes_by_code "
          << QString::fromUtf8(QJsonDocument(status.value(QStringLiteral("closes_by_code")).toObject())
                                   .toJson(QJsonDocument::Compact))
          << "\n";
}

QNetworkReply *FanoutBench::postResolve(const QString &betId)
{
    QNetworkRequest request(QUrl(m_baseUrl + QStringLiteral("/api/v1/bets/%1/resolve").arg(betId)));
    request.setRawHeader("Authorization", m_resolverAuth);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return m_http->post(request, QByteArrayLiteral("{\"result\":\"win\",\"notes\":\"bench\"}"));
}

QJsonObject FanoutBench::getJson(const QString &path)
{
    QNetworkRequest request(QUrl(m_baseUrl + path));
    request.setRawHeader("Authorization", m_resolverAuth);
    std::unique_ptr<QNetworkReply> reply(m_http->get(request));
    waitUntil([&] { return reply->isFinished(); }, 10000);
    if (!replyOk(reply.get()))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

bool FanoutBench::replyOk(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isFinished() && reply->error() == QNetworkReply::NoError && status == 200)
        return true;
    ++m_httpErrors;
    if (m_firstHttpError.isEmpty())
        m_firstHttpError = reply->isFinished()
            ? QStringLiteral("%1 %2: HTTP %3 %4")
                  .arg(reply->url().path())
                  .arg(status)
                  .arg(reply->errorString())
                  .arg(QString::fromUtf8(reply->readAll().left(200)))
            : QStringLiteral("%1: no answer in time").arg(reply->url().path());
    return false;
}

bool FanoutBench::waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Wakes the blocking processEvents() so the deadline is noticed even when nothing else happens.
    QTimer tick;
    tick.start(20);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void FanoutBench::settle(int ms)
{
    waitUntil([] { return false; }, ms);
}

} // namespace betthat::bench
