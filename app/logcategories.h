#pragma once

// Every logging category of the desktop app (betthat.app.*), declared here and defined once in
// logcategories.cpp, each with INFO as its default level. The server library's are in server/logcategories.h.

#include <QList>
#include <QLoggingCategory>

namespace betthat::app {

Q_DECLARE_LOGGING_CATEGORY(lcApp) // betthat.app: start-up of the windowed app
Q_DECLARE_LOGGING_CATEGORY(lcAppAdmin) // betthat.app.admin: the operator admin window
Q_DECLARE_LOGGING_CATEGORY(lcAppHost) // betthat.app.host: the bundled local server
Q_DECLARE_LOGGING_CATEGORY(lcAppModels) // betthat.app.models
Q_DECLARE_LOGGING_CATEGORY(lcAppNet) // betthat.app.net: HTTP and WebSocket clients; tokens never reach it
Q_DECLARE_LOGGING_CATEGORY(lcAppNotify) // betthat.app.notify: desktop notifications
Q_DECLARE_LOGGING_CATEGORY(lcAppSettings) // betthat.app.settings: settings and the credential store

// All of the above, in that order: what a test checks for unique names and default levels.
QList<const QLoggingCategory *> logCategories();

} // namespace betthat::app
