#pragma once

// The operations endpoints: GET /healthz (liveness: the process answers; needs no token), GET /readyz
// (readiness for load balancers: every dependency checked, 503 naming what failed) and GET /metrics on the
// API port (operators only; the separate metrics listener serves it without a token).

#include "common/error.h"
#include "server/http/apirequest.h"

#include <QHttpServerResponse>
#include <QList>
#include <QPair>
#include <functional>

namespace betthat::server {

class HealthController
{
public:
    // Each check's name ("database", "listening", "email_worker", ...) and its outcome.
    using Readiness = std::function<QList<QPair<QString, Status>>()>;

    void setReadiness(Readiness readiness) { m_readiness = std::move(readiness); }
    void setMetrics(std::function<QByteArray()> metrics) { m_metrics = std::move(metrics); }

    QHttpServerResponse health(const ApiRequest &request) const;
    QHttpServerResponse ready(const ApiRequest &request) const;
    QHttpServerResponse metrics(const ApiRequest &request) const;

    // The /metrics answer itself, shared with the metrics listener.
    static QHttpServerResponse metricsResponse(const QByteArray &exposition);

private:
    Readiness m_readiness;
    std::function<QByteArray()> m_metrics;
};

} // namespace betthat::server
