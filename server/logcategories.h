#pragma once

// Every logging category of the server library (betthat.server.*), declared here and defined once in
// logcategories.cpp, each with INFO as its default level: debug output needs LOG_LEVEL=DEBUG.

#include <QList>
#include <QLoggingCategory>

namespace betthat::server {

Q_DECLARE_LOGGING_CATEGORY(lcServer) // betthat.server: start-up and shutdown of the whole server
Q_DECLARE_LOGGING_CATEGORY(lcCli) // betthat.server.cli: the command line and its signal handling
Q_DECLARE_LOGGING_CATEGORY(lcService) // betthat.server.core
Q_DECLARE_LOGGING_CATEGORY(lcDemo) // betthat.server.demo: the demo seed
Q_DECLARE_LOGGING_CATEGORY(lcEmail) // betthat.server.email
Q_DECLARE_LOGGING_CATEGORY(lcWebhooks) // betthat.server.webhooks: endpoint delivery
Q_DECLARE_LOGGING_CATEGORY(lcHttp) // betthat.server.http: the REST layer
Q_DECLARE_LOGGING_CATEGORY(lcAuth) // betthat.server.auth: blocked addresses, refused tokens
Q_DECLARE_LOGGING_CATEGORY(lcStorage) // betthat.server.storage
Q_DECLARE_LOGGING_CATEGORY(lcMigrations) // betthat.server.storage.migrations
Q_DECLARE_LOGGING_CATEGORY(lcWs) // betthat.server.ws: WebSocket sessions and the event feed
Q_DECLARE_LOGGING_CATEGORY(lcEdge) // betthat.server.edge: the listener and its connection guards

// All of the above, in that order: what a test checks for unique names and default levels.
QList<const QLoggingCategory *> logCategories();

} // namespace betthat::server
