#include "logcategories.h"

namespace betthat::server {

// INFO by default: without rules a category would print debug too (Qt's default for non-qt categories), so a
// process that forgot installLogging() would flood stderr; loggingRulesFor(Debug) turns debug on explicitly.
Q_LOGGING_CATEGORY(lcServer, "betthat.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "betthat.server.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcService, "betthat.server.core", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "betthat.server.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEmail, "betthat.server.email", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebhooks, "betthat.server.webhooks", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "betthat.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "betthat.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "betthat.server.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMigrations, "betthat.server.storage.migrations", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWs, "betthat.server.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEdge, "betthat.server.edge", QtInfoMsg)

QList<const QLoggingCategory *> logCategories()
{
    return { &lcServer(), &lcCli(), &lcService(), &lcDemo(), &lcEmail(), &lcWebhooks(), &lcHttp(), &lcAuth(), &lcStorage(),
        &lcMigrations(), &lcWs(), &lcEdge() };
}

} // namespace betthat::server
