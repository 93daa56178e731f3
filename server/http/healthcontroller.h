#pragma once

// GET /healthz: liveness for load balancers and the app's "is the server up" probe; needs no token.

#include "server/http/apirequest.h"

#include <QHttpServerResponse>

namespace betthat::server {

class HealthController
{
public:
    QHttpServerResponse health(const ApiRequest &request) const;
};

} // namespace betthat::server
