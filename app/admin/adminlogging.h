#pragma once

// The logging category of the operator admin window (betthat.app.admin).

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAppAdmin)
