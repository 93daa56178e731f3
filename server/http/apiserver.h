#pragma once

// Installs the REST API (/healthz, /api/v1/...) on a QHttpServer: auth, body limit, idempotency, logging,
// routes.

#include "common/error.h"
#include "common/user.h"
#include "server/core/ratelimiter.h"
#include "server/http/apirequest.h"
#include "server/http/betscontroller.h"
#include "server/http/healthcontroller.h"
#include "server/http/mecontroller.h"
#include "server/http/settlementcontroller.h"
#include "server/http/notificationscontroller.h"
#include "server/http/updatescontroller.h"
#include "server/http/userscontroller.h"
#include "server/http/webhookscontroller.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QRegularExpression>
#include <functional>

class QHttpServer;

namespace betthat::server {

class Authenticator;
class BetService;
class EventLog;
class IdempotencyStore;
class NotificationPreferenceStore;
class UserStore;
class WebhookStore;
struct ServerConfig;

class ApiServer
{
public:
    // What the controllers use: the use cases, and the storage ports they read directly.
    struct Parts
    {
        BetService &service;
        Authenticator &authenticator;
        UserStore &users;
        EventLog &log;
        IdempotencyStore &idempotency;
        NotificationPreferenceStore &preferences;
        WebhookStore &webhooks;
        std::function<void()> webhooksChanged; // wakes the delivery worker; may be empty
        // GET /metrics for operators on this port: the exposition text (empty: 404, no metrics here).
        std::function<QByteArray()> metrics = {};
        // GET /readyz: each check's name and outcome (empty: only "listening", which answering proves).
        HealthController::Readiness readiness = {};
        // Every answered request: its route pattern (or "unmatched"), method, status and duration.
        std::function<void(const QString &route, const QString &method, int status, qint64 elapsedNs)>
            observeRequest = {};
    };

    // Registers every route on `http` at once; keep this object alive as long as `http` serves requests.
    ApiServer(QHttpServer &http, const Parts &parts, const ServerConfig &config);

    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    // Requests refused by the per-user rate limit (for GET /metrics).
    quint64 rateLimitedRequests() const { return m_requests.refused() + m_operatorRequests.refused(); }

    // The caller named by "Authorization: Bearer <token>"; Unauthorized otherwise.
    Result<User> requireUser(const QHttpServerRequest &request) const;

    // One registered route: its path as QHttpServer takes it ("/api/v1/bets/<arg>") and its method.
    struct Route
    {
        QString path;
        QHttpServerRequest::Method method;
    };
    // Every route in registration order: the table the 405 answers and their Allow header are built from,
    // and what docs/openapi.yaml is checked against.
    QList<Route> routes() const;

    // The OpenAPI document (docs/openapi.yaml, converted to JSON at build time) served at
    // /api/v1/openapi.json.
    static QByteArray openApiDocument();

private:
    enum class Access { Public, Authenticated };
    using Handler = std::function<QHttpServerResponse(const ApiRequest &)>;

    void installRoutes();
    void add(const QString &path, QHttpServerRequest::Method method, Access access, Handler handler);
    // For paths with one <arg> (the bet id).
    void addWithId(const QString &path, QHttpServerRequest::Method method, Handler handler);
    QHttpServerResponse dispatch(const QString &route, const QHttpServerRequest &request, const QString &pathId,
        Access access, const Handler &handler);
    // The methods the routes matching `path` accept (empty: no route has this path): for 405 and Allow.
    QList<QHttpServerRequest::Method> methodsFor(const QString &path) const;
    void answerMissing(const QHttpServerRequest &request, QHttpServerResponder &&responder) const;
    QHttpServerResponse runGuarded(
        const QHttpServerRequest &request, const ApiRequest &apiRequest, const Handler &handler);
    void logRequest(const QString &route, const QHttpServerRequest &request, int status, qint64 elapsedNs) const;

    struct RouteShape
    {
        Route route;
        QRegularExpression pattern;
    };

    QHttpServer &m_http;
    QList<RouteShape> m_routes;
    BetService &m_service;
    Authenticator &m_authenticator;
    IdempotencyStore &m_idempotency;
    qint64 m_maxBodyBytes;
    RateLimiter m_requests; // per bettor: REST calls and polls
    RateLimiter m_operatorRequests; // per operator
    std::function<void(const QString &, const QString &, int, qint64)> m_observeRequest;
    HealthController m_health;
    MeController m_me;
    NotificationsController m_notifications;
    UsersController m_users;
    BetsController m_bets;
    SettlementController m_settlement;
    UpdatesController m_updates;
    WebhooksController m_webhooks;
};

} // namespace betthat::server
