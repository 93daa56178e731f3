#pragma once

// Installs the REST API (/healthz, /api/v1/...) on a QHttpServer: auth, body limit, idempotency, logging,
// routes.

#include "common/error.h"
#include "common/user.h"
#include "server/http/apirequest.h"
#include "server/http/betscontroller.h"
#include "server/http/healthcontroller.h"
#include "server/http/mecontroller.h"
#include "server/http/updatescontroller.h"
#include "server/http/userscontroller.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <functional>

class QHttpServer;

namespace betthat::server {

class Authenticator;
class BetService;
struct ServerConfig;

class ApiServer
{
public:
    // Registers every route on `http` at once; keep this object alive as long as `http` serves requests.
    ApiServer(
        QHttpServer &http, BetService &service, Authenticator &authenticator, const ServerConfig &config);

    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    // The caller named by "Authorization: Bearer <token>"; Unauthorized otherwise.
    Result<User> requireUser(const QHttpServerRequest &request) const;

private:
    enum class Access { Public, Authenticated };
    using Handler = std::function<QHttpServerResponse(const ApiRequest &)>;

    void installRoutes();
    void add(const QString &path, QHttpServerRequest::Method method, Access access, Handler handler);
    // For paths with one <arg> (the bet id).
    void addWithId(const QString &path, QHttpServerRequest::Method method, Handler handler);
    QHttpServerResponse dispatch(
        const QHttpServerRequest &request, const QString &pathId, Access access, const Handler &handler);
    QHttpServerResponse runGuarded(
        const QHttpServerRequest &request, const ApiRequest &apiRequest, const Handler &handler);
    void logRequest(const QHttpServerRequest &request, int status, qint64 elapsedNs) const;

    QHttpServer &m_http;
    BetService &m_service;
    Authenticator &m_authenticator;
    qint64 m_maxBodyBytes;
    HealthController m_health;
    MeController m_me;
    UsersController m_users;
    BetsController m_bets;
    UpdatesController m_updates;
};

} // namespace betthat::server
