#pragma once

// The logging category of the email module: betthat.server.email.

#include <QLoggingCategory>

namespace betthat::server {
Q_DECLARE_LOGGING_CATEGORY(lcEmail)
} // namespace betthat::server
