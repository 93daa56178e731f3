#pragma once

// The logging category of the app's network layer (betthat.app.net); tokens never reach it.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAppNet)
