#pragma once

// What a controller gets for one request: the HTTP request, the authenticated caller and the route argument.

#include "common/user.h"

#include <QHttpServerRequest>
#include <QString>

namespace betthat::server {

class IdempotencyGuard;

struct ApiRequest
{
    const QHttpServerRequest &http;
    User user; // empty id for unauthenticated routes (/healthz)
    QString pathId; // the <arg> of the route, e.g. the bet id; empty when the route has none
    // Mutating requests: lets a handler store its Idempotency-Key answer in the transaction of its change.
    IdempotencyGuard *idempotency = nullptr;
};

} // namespace betthat::server
