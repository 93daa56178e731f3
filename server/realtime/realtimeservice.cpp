#include "realtimeservice.h"

#include "common/accesspolicy.h"
#include "common/protocol.h"
#include "server/auth/authenticator.h"
#include "server/edge/edgelistener.h"
#include "server/http/apiresponse.h"
#include "server/logcategories.h"
#include "server/realtime/closecode.h"
#include "server/realtime/eventfeed.h"
#include "server/realtime/upgraderequest.h"
#include "server/realtime/wshub.h"
#include "server/storage/eventlog.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace betthat::server {

namespace {

// Refused-upgrade markers older than this many are forgotten (their handover never came).
constexpr int kMaxRememberedRefusals = 1024;

const QStringList &builtInStatusKeys()
{
    static const QStringList keys { QStringLiteral("enabled"), QStringLiteral("active_connections"),
        QStringLiteral("active_users"), QStringLiteral("active_user_ids"),
        QStringLiteral("global_feed_connections"), QStringLiteral("last_seq"),
        QStringLiteral("messages_sent"), QStringLiteral("messages_sent_total"),
        QStringLiteral("connections_accepted"), QStringLiteral("closes_by_code"),
        QStringLiteral("resumes_served"), QStringLiteral("resyncs"), QStringLiteral("slow_consumer_closes"),
        QStringLiteral("keepalive_drops"), QStringLiteral("invalid_messages"),
        QStringLiteral("live_events_deferred_to_replay"), QStringLiteral("uptime_ms") };
    return keys;
}

// The upgrade URL carries the token; what we log must not.
// Origins compare as scheme://host[:port], case-insensitively, without a trailing slash.
QString normalisedOrigin(const QString &origin)
{
    QString normalised = origin.trimmed().toLower();
    while (normalised.endsWith(QLatin1Char('/')))
        normalised.chop(1);
    return normalised;
}

QString redactedUrl(const QUrl &url)
{
    QUrl copy = url;
    QUrlQuery query(copy);
    if (query.hasQueryItem(QStringLiteral("token"))) {
        query.removeAllQueryItems(QStringLiteral("token"));
        query.addQueryItem(QStringLiteral("token"), QStringLiteral("REDACTED"));
        copy.setQuery(query);
    }
    return copy.toString(QUrl::RemoveUserInfo);
}

bool headerHasToken(const QByteArray &header, const QByteArray &token)
{
    const QList<QByteArray> parts = header.split(',');
    for (const QByteArray &part : parts)
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

RealtimeService::RealtimeService(QHttpServer &http, EventLog &log, Authenticator &authenticator,
    const RealtimeConfig &config, Clock clock, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_log(log)
    , m_authenticator(authenticator)
    , m_config(config)
    , m_clock(std::move(clock))
    , m_enabled(config.enabled)
    , m_limiter(config.maxConnections, config.maxConnectionsPerUser,
          RateLimit { config.newConnectionsPerUserPerSecond, config.newConnectionsPerUserBurst }, m_clock)
{
    for (const QString &origin : config.allowedOrigins.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString normalised = normalisedOrigin(origin); !normalised.isEmpty())
            m_allowedOrigins.insert(normalised);
    }
    m_hub = new WsHub(m_log, m_config, m_stats, m_clock, this);
    m_feed = new EventFeed(m_log, m_config.replayBatch, m_config.feedPollIntervalMs, this);
    connect(m_feed, &EventFeed::eventAvailable, m_hub, &WsHub::deliver);
    connect(
        m_hub, &WsHub::sessionFinished, this, [this](const QString &userId) { m_limiter.release(userId); });

    // Events already in the log are history: clients get them by resuming, not pushed on connect. Until the
    // feed knows where the log ends, connections are refused (1013): their cursor would be unknown.
    connect(m_feed, &EventFeed::positioned, m_hub, &WsHub::setDeliveredSeq);
    m_feed->startAtHead();

    // Qt 6.4 hands an upgrade to its WebSocket server only if a route accepted the request and a slot is
    // connected to newWebSocketConnection; the route must not answer (docs/QT64.md). Its internal
    // QWebSocketServer (30 pending connections by default) is private: we drain it on every signal, so at
    // most one connection is ever pending there.
    m_http.route(QString::fromLatin1(protocol::kBetUpdatesPath),
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handleUpgradeRoute(request, responder);
        });
    m_http.route(QString::fromLatin1(protocol::kStatusPath), QHttpServerRequest::Method::Get,
        [this](const QHttpServerRequest &request) { return statusResponse(request); });
    connect(&m_http, &QHttpServer::newWebSocketConnection, this, &RealtimeService::takePendingConnections);
    qCDebug(lcWs) << "realtime" << (m_enabled ? "enabled" : "disabled") << "following the log from seq"
                  << (m_feed->isPositioned() ? QString::number(m_feed->position())
                                             : QStringLiteral("(unknown yet)"));
}

RealtimeService::~RealtimeService()
{
    shutdown();
}

int RealtimeService::connectionCount() const
{
    return m_hub->sessionCount();
}

qint64 RealtimeService::deliveredSeq() const
{
    return m_hub->deliveredSeq();
}

void RealtimeService::onEventCommitted(qint64 seq)
{
    m_feed->wake(seq);
}

void RealtimeService::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    qCInfo(lcWs) << "realtime delivery" << (enabled ? "enabled" : "disabled");
    if (!enabled)
        m_hub->closeAll(protocol::TryAgainLater,
            QStringLiteral("realtime delivery disabled; poll and retry later"), false);
}

void RealtimeService::configureListeners()
{
    if (m_config.socketSendBufferBytes <= 0)
        return;
#ifdef Q_OS_UNIX
    const int bytes = m_config.socketSendBufferBytes;
    for (QTcpServer *server : m_http.servers()) {
        if (::setsockopt(int(server->socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes) != 0)
            qCWarning(lcWs) << "cannot set the socket send buffer to" << bytes << "bytes";
    }
#else
    qCWarning(lcWs) << "socketSendBufferBytes is not supported on this platform";
#endif
}

void RealtimeService::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    disconnect(&m_http, nullptr, this, nullptr);
    m_feed->stop();
    const int open = m_hub->sessionCount();
    m_hub->closeAll(protocol::GoingAway, QStringLiteral("server shutting down"), true);
    if (open > 0)
        qCInfo(lcWs) << "closed" << open << "WebSocket connections with 1001";
}

void RealtimeService::addStatusProvider(const QString &key, std::function<QJsonValue()> provider)
{
    if (key.isEmpty() || builtInStatusKeys().contains(key) || !provider) {
        qCWarning(lcWs).noquote() << "status provider" << key << "refused: empty or a built-in key";
        return;
    }
    for (auto &entry : m_statusProviders) {
        if (entry.first == key) {
            entry.second = std::move(provider);
            return;
        }
    }
    m_statusProviders.append({ key, std::move(provider) });
}

bool RealtimeService::originAllowed(const QString &origin) const
{
    if (m_allowedOrigins.contains(QStringLiteral("*")))
        return true;
    return m_allowedOrigins.contains(normalisedOrigin(origin));
}

QJsonObject RealtimeService::status(const User &viewer) const
{
    // A bettor sees her own connections and whether delivery is on; how many people are connected, how
    // much mail is queued and what the server sent are the operator's business.
    QJsonObject own { { QStringLiteral("id"), viewer.id },
        { QStringLiteral("connections"), m_limiter.connectionsOf(viewer.id) },
        { QStringLiteral("max_connections"), m_config.maxConnectionsPerUser } };
    QJsonObject status { { QStringLiteral("enabled"), m_enabled && !m_shuttingDown },
        { QStringLiteral("last_seq"), m_hub->deliveredSeq() }, { QStringLiteral("user"), own } };
    if (!viewer.isOperator())
        return status;
    const QJsonObject counters = m_stats.toJson();
    for (auto it = counters.constBegin(); it != counters.constEnd(); ++it)
        status.insert(it.key(), it.value());
    status.insert(QStringLiteral("active_connections"), m_hub->sessionCount());
    status.insert(QStringLiteral("active_users"), m_limiter.userCount());
    status.insert(QStringLiteral("active_user_ids"), QJsonArray::fromStringList(m_limiter.users()));
    status.insert(QStringLiteral("global_feed_connections"), m_hub->globalFeedCount());
    for (const auto &entry : m_statusProviders)
        status.insert(entry.first, entry.second());
    return status;
}

QHttpServerResponse RealtimeService::statusResponse(const QHttpServerRequest &request)
{
    const auto user
        = m_authenticator.authenticate(Authenticator::bearerToken(request.value("Authorization")));
    if (!user)
        return ApiResponse::error(user.error());
    QHttpServerResponse response(status(*user));
    response.setHeader("Cache-Control", "no-store");
    return response;
}

void RealtimeService::handleUpgradeRoute(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const bool isUpgrade = request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0
        && headerHasToken(request.value("Connection"), "upgrade");
    if (!isUpgrade) {
        // Only reached by plain HTTP: Qt routes real upgrades here too, and those must get no answer.
        responder.write(QJsonDocument(ApiResponse::errorBody(makeError(
                            ErrorCode::BadRequest, QStringLiteral("this endpoint speaks WebSocket only")))),
            { { "Upgrade", "websocket" }, { "Connection", "Upgrade" } },
            QHttpServerResponder::StatusCode::UpgradeRequired);
        return;
    }
    if (!m_enabled || m_shuttingDown) {
        // Qt hands the socket over anyway once this returns: remember it and drop it on arrival. The client
        // reads this 503 first and gives up on the handshake.
        if (m_refusedKeys.size() >= kMaxRememberedRefusals)
            m_refusedKeys.clear();
        m_refusedKeys.insert(request.value("Sec-WebSocket-Key"));
        responder.write(QJsonDocument(ApiResponse::errorBody(makeError(ErrorCode::Unavailable,
                            QStringLiteral("realtime delivery is disabled; poll instead")))),
            { { "Retry-After", "30" }, { "Connection", "close" } },
            QHttpServerResponder::StatusCode::ServiceUnavailable);
        qCDebug(lcWs) << "upgrade refused with 503 from" << request.remoteAddress().toString();
        return;
    }
    // Write nothing: QAbstractHttpServer now passes the socket to its WebSocket server.
}

void RealtimeService::takePendingConnections()
{
    while (auto socket = m_http.nextPendingWebSocketConnection())
        accept(std::move(socket));
}

void RealtimeService::refuse(std::unique_ptr<QWebSocket> socket, int code, const QString &reason)
{
    m_stats.countClose(code);
    qCDebug(lcWs).noquote() << "refusing" << socket->peerAddress().toString() << "with" << code << reason;
    // Kept alive until the close handshake ends (or the grace period does): it is a child until then.
    QWebSocket *raw = socket.release();
    raw->setParent(this);
    connect(raw, &QWebSocket::disconnected, raw, &QObject::deleteLater);
    QTimer::singleShot(qMax(10, m_config.closeGraceMs), raw, [raw] { raw->abort(); });
    // Closed on the next turn: Qt's handshake code may still have a queued call for this TCP socket, which
    // would complain about a device that is already closed.
    QTimer::singleShot(0, raw, [raw, code, reason] { raw->close(toQtCloseCode(code), reason); });
}

void RealtimeService::accept(std::unique_ptr<QWebSocket> socket)
{
    const QNetworkRequest handshake = socket->request();
    const QUrl url = socket->requestUrl();
    const QHostAddress address = socket->peerAddress();
    qCDebug(lcWs).noquote() << "upgrade from" << address.toString() << redactedUrl(url);
    // The edge's guard stops timing the handshake and counting this connection as plain HTTP.
    for (QTcpServer *server : m_http.servers())
        if (auto *edge = qobject_cast<EdgeListener *>(server))
            edge->markWebSocketEstablished(address, socket->peerPort());

    if (m_refusedKeys.remove(handshake.rawHeader("Sec-WebSocket-Key")) || !m_enabled || m_shuttingDown) {
        refuse(std::move(socket), protocol::TryAgainLater, QStringLiteral("realtime delivery is disabled"));
        return;
    }
    if (const auto room = m_limiter.checkTotal(); !room) {
        refuse(std::move(socket), protocol::TryAgainLater, room.error().message);
        return;
    }
    if (!m_feed->isPositioned()) {
        refuse(
            std::move(socket), protocol::TryAgainLater, QStringLiteral("the event log cannot be read yet"));
        return;
    }

    // Qt hands over an upgrade made on any route it answered; only this path is a feed.
    if (url.path() != QLatin1String(protocol::kBetUpdatesPath)) {
        refuse(std::move(socket), protocol::PolicyViolation,
            QStringLiteral("WebSocket upgrades are served on %1 only").arg(QLatin1String(protocol::kBetUpdatesPath)));
        return;
    }
    if (const QString origin = socket->origin(); !origin.isEmpty() && !originAllowed(origin)) {
        refuse(std::move(socket), protocol::PolicyViolation,
            QStringLiteral("origin %1 is not allowed to open feeds").arg(origin.left(200)));
        return;
    }
    const auto params = UpgradeRequest::parse(url);
    if (!params) {
        refuse(std::move(socket), protocol::PolicyViolation, params.error().message);
        return;
    }
    QString token = Authenticator::bearerToken(handshake.rawHeader("Authorization"));
    if (token.isEmpty())
        token = params->token;
    // A blocked address is refused before any lookup (1013: try later); a failed lookup counts against it.
    const auto user = m_authenticator.authenticateFrom(token, address);
    if (!user) {
        // Storage trouble is "try again later", never "sign in again".
        refuse(std::move(socket),
            user.error().code == ErrorCode::Unauthorized ? protocol::Unauthorized : protocol::TryAgainLater,
            user.error().message);
        return;
    }

    const QString requested = params->userId;
    QString subject = requested;
    if (const auto allowed = AccessPolicy::mayViewFeed(*user, requested); !allowed) {
        refuse(std::move(socket), protocol::Forbidden, allowed.error().message);
        return;
    }
    if (!user->isOperator())
        subject = user->id; // a bettor without user_id gets their own feed
    const std::optional<qint64> sinceSeq = params->sinceSeq;

    if (const auto acquired = m_limiter.acquire(user->id); !acquired) {
        refuse(std::move(socket), protocol::TryAgainLater, acquired.error().message);
        return;
    }
    m_stats.countAccepted();
    qCDebug(lcWs).noquote() << "accepted" << address.toString() << "user" << user->id << "watching"
                            << (subject.isEmpty() ? QStringLiteral("every user") : subject)
                            << (sinceSeq ? QStringLiteral("resume after %1").arg(*sinceSeq) : QString());
    m_hub->addSession(std::move(socket), *user, subject, sinceSeq, params->filter);
}

} // namespace betthat::server
