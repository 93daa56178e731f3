#include "logcategories.h"

namespace betthat::app {

// In betthat_appcore, which the admin window, the UI and the executable all link. INFO by default, as the
// server's (see server/logcategories.cpp): debug lines only with LOG_LEVEL=DEBUG or --log-level DEBUG.
Q_LOGGING_CATEGORY(lcApp, "betthat.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppAdmin, "betthat.app.admin", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppHost, "betthat.app.host", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppModels, "betthat.app.models", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppNet, "betthat.app.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppNotify, "betthat.app.notify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAppSettings, "betthat.app.settings", QtInfoMsg)

QList<const QLoggingCategory *> logCategories()
{
    return { &lcApp(), &lcAppAdmin(), &lcAppHost(), &lcAppModels(), &lcAppNet(), &lcAppNotify(),
        &lcAppSettings() };
}

} // namespace betthat::app
