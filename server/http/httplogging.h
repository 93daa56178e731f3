#pragma once

// The logging category of the REST layer (betthat.server.http); defined in apiserver.cpp.

#include <QLoggingCategory>

namespace betthat::server {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
} // namespace betthat::server
