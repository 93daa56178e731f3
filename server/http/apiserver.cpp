#include "apiserver.h"

#include "server/auth/authenticator.h"
#include "server/core/betservice.h"
#include "server/http/apiresponse.h"
#include "server/http/idempotencyguard.h"
#include "server/logcategories.h"
#include "server/serverconfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QMetaEnum>

namespace betthat::server {

namespace {

using Method = QHttpServerRequest::Method;

QByteArray methodName(Method method)
{
    const char *key = QMetaEnum::fromType<Method>().valueToKey(static_cast<int>(method));
    return key ? QByteArray(key).toUpper() : QByteArrayLiteral("UNKNOWN");
}

bool isMutating(Method method)
{
    return method == Method::Post || method == Method::Patch || method == Method::Put
        || method == Method::Delete;
}

} // namespace

ApiServer::ApiServer(QHttpServer &http, const Parts &parts, const ServerConfig &config)
    : m_http(http)
    , m_service(parts.service)
    , m_authenticator(parts.authenticator)
    , m_idempotency(parts.idempotency)
    , m_maxBodyBytes(config.maxBodyBytes)
    , m_requests({ config.rateLimits.requestsPerSecond, config.rateLimits.requestBurst }, systemClock())
    , m_operatorRequests(
          { config.rateLimits.operatorRequestsPerSecond, config.rateLimits.operatorRequestBurst }, systemClock())
    , m_me(parts.users)
    , m_notifications(parts.preferences)
    , m_users(parts.users)
    , m_bets(parts.service)
    , m_settlement(parts.service)
    , m_updates(parts.log)
    , m_webhooks(parts.webhooks, parts.log, config.webhooks, parts.webhooksChanged)
{
    m_observeRequest = parts.observeRequest;
    m_health.setReadiness(parts.readiness);
    m_health.setMetrics(parts.metrics);
    installRoutes();
}

void ApiServer::installRoutes()
{
    const auto to = [](auto member, auto &controller) {
        return [member, &controller](const ApiRequest &request) { return (controller.*member)(request); };
    };
    add(QStringLiteral("/healthz"), Method::Get, Access::Public, to(&HealthController::health, m_health));
    // Public like /healthz: the API's shape is no secret, and tools fetch it before they hold a token.
    add(QStringLiteral("/api/v1/openapi.json"), Method::Get, Access::Public,
        [](const ApiRequest &) { return ApiResponse::raw(openApiDocument(), 200); });
    add(QStringLiteral("/readyz"), Method::Get, Access::Public, to(&HealthController::ready, m_health));
    add(QStringLiteral("/metrics"), Method::Get, Access::Authenticated, to(&HealthController::metrics, m_health));

    add(QStringLiteral("/api/v1/me"), Method::Get, Access::Authenticated, to(&MeController::get, m_me));
    add(QStringLiteral("/api/v1/me"), Method::Patch, Access::Authenticated, to(&MeController::patch, m_me));
    add(QStringLiteral("/api/v1/me/notifications"), Method::Get, Access::Authenticated,
        to(&NotificationsController::get, m_notifications));
    add(QStringLiteral("/api/v1/me/notifications"), Method::Patch, Access::Authenticated,
        to(&NotificationsController::patch, m_notifications));
    add(QStringLiteral("/api/v1/users"), Method::Get, Access::Authenticated,
        to(&UsersController::list, m_users));

    // The router takes the first rule that matches: the fixed paths must come before /api/v1/bets/<arg>.
    add(QStringLiteral("/api/v1/bets/updates"), Method::Get, Access::Authenticated,
        to(&UpdatesController::poll, m_updates));
    add(QStringLiteral("/api/v1/bets/resolve"), Method::Post, Access::Authenticated,
        to(&BetsController::resolveMany, m_bets));
    add(QStringLiteral("/api/v1/markets/settle"), Method::Post, Access::Authenticated,
        to(&SettlementController::settleMarket, m_settlement));
    add(QStringLiteral("/api/v1/markets/selections"), Method::Get, Access::Authenticated,
        to(&SettlementController::selections, m_settlement));
    add(QStringLiteral("/api/v1/events/cancel"), Method::Post, Access::Authenticated,
        to(&SettlementController::cancelEvent, m_settlement));
    add(QStringLiteral("/api/v1/events/cancel/rollback"), Method::Post, Access::Authenticated,
        to(&SettlementController::rollbackCancelEvent, m_settlement));
    add(QStringLiteral("/api/v1/bets"), Method::Get, Access::Authenticated,
        to(&BetsController::list, m_bets));
    add(QStringLiteral("/api/v1/bets"), Method::Post, Access::Authenticated,
        to(&BetsController::place, m_bets));
    addWithId(QStringLiteral("/api/v1/bets/<arg>"), Method::Get, to(&BetsController::get, m_bets));
    addWithId(QStringLiteral("/api/v1/bets/<arg>/events"), Method::Get, to(&BetsController::events, m_bets));
    addWithId(QStringLiteral("/api/v1/bets/<arg>/cancel"), Method::Post, to(&BetsController::cancel, m_bets));
    addWithId(
        QStringLiteral("/api/v1/bets/<arg>/resolve"), Method::Post, to(&BetsController::resolve, m_bets));
    addWithId(
        QStringLiteral("/api/v1/bets/<arg>/dispute"), Method::Post, to(&BetsController::dispute, m_bets));
    addWithId(QStringLiteral("/api/v1/bets/<arg>/dispute/decision"), Method::Post,
        to(&BetsController::decideDispute, m_bets));
    addWithId(QStringLiteral("/api/v1/bets/<arg>/resettle"), Method::Post,
        to(&SettlementController::resettle, m_settlement));
    addWithId(QStringLiteral("/api/v1/bets/<arg>/rollback"), Method::Post,
        to(&SettlementController::rollback, m_settlement));

    add(QStringLiteral("/api/v1/webhooks"), Method::Get, Access::Authenticated,
        to(&WebhooksController::list, m_webhooks));
    add(QStringLiteral("/api/v1/webhooks"), Method::Post, Access::Authenticated,
        to(&WebhooksController::create, m_webhooks));
    addWithId(QStringLiteral("/api/v1/webhooks/<arg>"), Method::Get, to(&WebhooksController::get, m_webhooks));
    addWithId(
        QStringLiteral("/api/v1/webhooks/<arg>"), Method::Patch, to(&WebhooksController::patch, m_webhooks));
    addWithId(
        QStringLiteral("/api/v1/webhooks/<arg>"), Method::Delete, to(&WebhooksController::remove, m_webhooks));
    addWithId(QStringLiteral("/api/v1/webhooks/<arg>/deliveries"), Method::Get,
        to(&WebhooksController::deliveries, m_webhooks));
    addWithId(QStringLiteral("/api/v1/webhooks/<arg>/replay"), Method::Post,
        to(&WebhooksController::replay, m_webhooks));

    m_http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        answerMissing(request, std::move(responder));
    });
}

QList<Method> ApiServer::methodsFor(const QString &path) const
{
    QList<Method> methods;
    for (const RouteShape &shape : m_routes)
        if (shape.pattern.match(path).hasMatch() && !methods.contains(shape.route.method))
            methods.append(shape.route.method);
    return methods;
}

QList<ApiServer::Route> ApiServer::routes() const
{
    QList<Route> routes;
    routes.reserve(m_routes.size());
    for (const RouteShape &shape : m_routes)
        routes.append(shape.route);
    return routes;
}

QByteArray ApiServer::openApiDocument()
{
    // Read once: the resource is compiled in and never changes while the process runs.
    static const QByteArray document = [] {
        QFile file(QStringLiteral(":/openapi/openapi.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return document;
}

void ApiServer::answerMissing(const QHttpServerRequest &request, QHttpServerResponder &&responder) const
{
    QElapsedTimer timer;
    timer.start();
    const QString path = request.url().path();
    const QList<Method> allowed = methodsFor(path);
    QHttpServerResponse response = ApiResponse::error(ErrorCode::NotFound,
        QStringLiteral("no route for %1 %2")
            .arg(QString::fromLatin1(methodName(request.method())), path.left(200)));
    if (!allowed.isEmpty()) {
        // The path exists, the method does not: 405 with the methods it has (RFC 9110 15.5.6).
        QByteArrayList names;
        for (Method method : allowed)
            names.append(methodName(method));
        const QByteArray allow = names.join(", ");
        response = ApiResponse::error(ErrorCode::MethodNotAllowed,
            QStringLiteral("%1 is not allowed on %2; allowed: %3")
                .arg(QString::fromLatin1(methodName(request.method())), path.left(200),
                    QString::fromLatin1(allow)));
        response.addHeader(QByteArrayLiteral("Allow"), allow);
    }
    logRequest(QStringLiteral("unmatched"), request, ApiResponse::status(response), timer.nsecsElapsed());
    response.write(std::move(responder));
}

namespace {

// A route path as QHttpServer matches it: "<arg>" stands for one path segment.
QRegularExpression routePattern(QString path)
{
    path = QRegularExpression::escape(path);
    path.replace(QRegularExpression::escape(QStringLiteral("<arg>")), QStringLiteral("[^/]+"));
    return QRegularExpression(QStringLiteral("^") + path + QStringLiteral("$"));
}

} // namespace

void ApiServer::add(const QString &path, Method method, Access access, Handler handler)
{
    m_routes.append({ Route { path, method }, routePattern(path) });
    m_http.route(
        path, method, [this, path, access, handler = std::move(handler)](const QHttpServerRequest &request) {
            return dispatch(path, request, QString(), access, handler);
        });
}

void ApiServer::addWithId(const QString &path, Method method, Handler handler)
{
    m_routes.append({ Route { path, method }, routePattern(path) });
    m_http.route(path, method,
        [this, path, handler = std::move(handler)](const QString &id, const QHttpServerRequest &request) {
            return dispatch(path, request, id, Access::Authenticated, handler);
        });
}

Result<User> ApiServer::requireUser(const QHttpServerRequest &request) const
{
    const QByteArray header = request.value(QByteArrayLiteral("Authorization"));
    if (header.trimmed().isEmpty())
        return makeError(
            ErrorCode::Unauthorized, QStringLiteral("missing token: send Authorization: Bearer <token>"));
    const QString token = Authenticator::bearerToken(header);
    if (token.isEmpty())
        return makeError(ErrorCode::Unauthorized,
            QStringLiteral("malformed Authorization header: expected \"Bearer <token>\""));
    return m_authenticator.authenticateFrom(token, request.remoteAddress());
}

QHttpServerResponse ApiServer::dispatch(const QString &route, const QHttpServerRequest &request,
    const QString &pathId, Access access, const Handler &handler)
{
    QElapsedTimer timer;
    timer.start();
    const auto respond = [&](QHttpServerResponse response) {
        logRequest(route, request, ApiResponse::status(response), timer.nsecsElapsed());
        return response;
    };

    // Qt hands any upgrade request whose route answered to its WebSocket server; an upgrade is no API call,
    // so it must not run one (an upgrade on POST /api/v1/bets would place the bet). Feeds live on
    // /ws/bet-updates only.
    if (request.value(QByteArrayLiteral("Upgrade")).compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0)
        return respond(ApiResponse::error(ErrorCode::BadRequest,
            QStringLiteral("WebSocket upgrades are served on /ws/bet-updates only")));

    // QHttpServer routes on the decoded path, so "/bets/1%2Fcancel" would reach the cancel route of bet 1.
    // An encoded slash belongs to a segment; no id of ours holds one, so no route can mean it.
    if (request.url().path(QUrl::FullyEncoded).contains(QLatin1String("%2F"), Qt::CaseInsensitive))
        return respond(ApiResponse::error(ErrorCode::NotFound, QStringLiteral("no such resource")));

    // QHttpServer 6.4 has buffered the whole body by now; refusing it here at least keeps it out of the
    // handlers.
    if (request.body().size() > m_maxBodyBytes)
        return respond(ApiResponse::error(ErrorCode::PayloadTooLarge,
            QStringLiteral("request body is %1 bytes; the limit is %2")
                .arg(request.body().size())
                .arg(m_maxBodyBytes)));
    if (access == Access::Public)
        return respond(handler(ApiRequest { request, User {}, pathId }));

    auto user = requireUser(request);
    if (!user)
        return respond(ApiResponse::error(user.error()));
    RateLimiter &limiter = user->isOperator() ? m_operatorRequests : m_requests;
    if (const qint64 waitMs = limiter.take(user->id); waitMs > 0) {
        Error limited = makeError(ErrorCode::RateLimited,
            QStringLiteral("too many requests: at most %1 per second (bursts of %2); slow down")
                .arg(limiter.limit().perSecond)
                .arg(limiter.limit().burst));
        limited.retryAfterMs = int(qMin<qint64>(waitMs, 24 * 3600 * 1000));
        return respond(ApiResponse::error(limited));
    }
    const ApiRequest apiRequest { request, *user, pathId };
    if (!isMutating(request.method()))
        return respond(handler(apiRequest));
    return respond(runGuarded(request, apiRequest, handler));
}

QHttpServerResponse ApiServer::runGuarded(
    const QHttpServerRequest &request, const ApiRequest &apiRequest, const Handler &handler)
{
    IdempotencyGuard guard(m_idempotency, apiRequest.user.id, request);
    const auto earlier = guard.check();
    if (!earlier)
        return ApiResponse::error(earlier.error());
    if (earlier->has_value())
        return ApiResponse::stored(**earlier);
    ApiRequest guarded = apiRequest;
    guarded.idempotency = &guard;
    QHttpServerResponse response = handler(guarded);
    if (const auto earlierAnswer
        = guard.finish(StoredResponse { ApiResponse::status(response), response.data() }))
        return ApiResponse::stored(*earlierAnswer);
    return response;
}

void ApiServer::logRequest(const QString &route, const QHttpServerRequest &request, int status, qint64 elapsedNs) const
{
    if (m_observeRequest)
        m_observeRequest(route, QString::fromLatin1(methodName(request.method())), status, elapsedNs);
    // Path only: query strings and headers may carry things that do not belong in logs.
    qCDebug(lcHttp).noquote() << methodName(request.method()) << request.url().path().left(200) << status
                              << QStringLiteral("%1 ms").arg(static_cast<double>(elapsedNs) / 1e6, 0, 'f', 2);
}

} // namespace betthat::server
