#pragma once

// One log format and one level switch for every Bet That process: UTC ms timestamps, level, category.

#include <QString>
#include <optional>

namespace betthat {

enum class LogLevel { Debug, Info, Warning, Error };

// "DEBUG", "info", "Warning", "ERROR" (case-insensitive); nullopt for anything else.
std::optional<LogLevel> logLevelFromName(const QString &name);
QString logLevelName(LogLevel level);

// The QLoggingCategory filter rules for a level. Debug turns on betthat.*.debug only: Qt's own debug
// categories stay quiet so a DEBUG log shows requests, connections and deliveries, not Qt internals.
QString loggingRulesFor(LogLevel level);

// Installs the message handler ("2024-01-15T10:30:00.123Z INFO betthat.server.http: ...") on stderr and
// the filter rules for `level`. QT_LOGGING_RULES and QT_MESSAGE_PATTERN still override, as Qt documents.
// Never pass a token or password to a log call: this handler cannot tell them apart from other text.
void installLogging(LogLevel level);

// The LOG_LEVEL environment variable, as the fallback when --log-level is not given.
QString logLevelFromEnvironment();

} // namespace betthat
