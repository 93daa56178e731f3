#pragma once

// The logging category of the realtime layer (betthat.server.ws); defined in realtimeservice.cpp.

#include <QLoggingCategory>

namespace betthat::server {
Q_DECLARE_LOGGING_CATEGORY(lcWs)
} // namespace betthat::server
