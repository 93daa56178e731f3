#pragma once

// One log format and one level switch for every Bet That process: UTC ms timestamps, level, category.

#include <QDateTime>
#include <QString>
#include <QtGlobal>
#include <optional>

namespace betthat {

enum class LogLevel { Debug, Info, Warning, Error };
// Text: "2024-01-15T10:30:00.123Z INFO betthat.server.http: message". Json: one object per line with the
// same fields ({"time","level","category","message"}), for journald and Loki.
enum class LogFormat { Text, Json };

// "text" or "json" (case-insensitive); nullopt for anything else.
std::optional<LogFormat> logFormatFromName(const QString &name);
QString logFormatName(LogFormat format);

// "DEBUG", "info", "Warning", "ERROR" (case-insensitive); nullopt for anything else.
std::optional<LogLevel> logLevelFromName(const QString &name);
QString logLevelName(LogLevel level);

// The QLoggingCategory filter rules for a level. Debug turns on betthat.*.debug only: Qt's own debug
// categories stay quiet so a DEBUG log shows requests, connections and deliveries, not Qt internals.
QString loggingRulesFor(LogLevel level);

// Installs the message handler ("2024-01-15T10:30:00.123Z INFO betthat.server.http: ...") on stderr and
// the filter rules for `level`. QT_LOGGING_RULES and QT_MESSAGE_PATTERN still override, as Qt documents.
// Every record is one line; secrets are redacted from every line, Qt's own categories included (see
// redactSecrets). Still never pass a token or password to a log call on purpose.
void installLogging(LogLevel level, LogFormat format = LogFormat::Text);

// One record as the handler writes it (without the newline): text through the message pattern with line
// breaks escaped, or a JSON object; secrets redacted either way.
QString formatLogRecord(QtMsgType type, const QMessageLogContext &context, const QString &message, LogFormat format,
    const QDateTime &time);

// What the handler does to each message: Authorization values, bearer tokens, token=/password= values,
// SMTP AUTH arguments, API tokens (bt_...) and every string given to addLogSecret become "[redacted]".
QString redactSecrets(QString text);
// A secret known at runtime (the SMTP password): redacted wherever it appears in a log line.
void addLogSecret(const QString &secret);

// The LOG_LEVEL environment variable, as the fallback when --log-level is not given.
QString logLevelFromEnvironment();

} // namespace betthat
