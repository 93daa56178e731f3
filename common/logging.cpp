#include "logging.h"

#include "common/timeutil.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QStringList>
#include <QtGlobal>
#include <atomic>
#include <cstdio>

namespace betthat {

namespace {

// Qt's %{time} is local time; the handler below prepends UTC itself, so the pattern starts at the level.
constexpr char kPattern[] = "%{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}%{if-warning}WARNING%{endif}"
                            "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}";

std::atomic<LogFormat> g_format { LogFormat::Text };

QMutex &secretsMutex()
{
    static QMutex mutex;
    return mutex;
}

QStringList &registeredSecrets()
{
    static QStringList secrets;
    return secrets;
}

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("DEBUG");
    case QtInfoMsg:
        return QStringLiteral("INFO");
    case QtWarningMsg:
        return QStringLiteral("WARNING");
    case QtCriticalMsg:
        return QStringLiteral("ERROR");
    case QtFatalMsg:
        return QStringLiteral("FATAL");
    }
    return QStringLiteral("INFO");
}

void writeMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray bytes
        = (formatLogRecord(type, context, message, g_format.load(std::memory_order_relaxed),
               QDateTime::currentDateTimeUtc())
              + QLatin1Char('\n'))
              .toUtf8();
    // One fwrite per line: lines from the server's worker thread and the main thread never interleave.
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

std::optional<LogLevel> logLevelFromName(const QString &name)
{
    const QString upper = name.trimmed().toUpper();
    if (upper == QLatin1String("DEBUG"))
        return LogLevel::Debug;
    if (upper == QLatin1String("INFO"))
        return LogLevel::Info;
    if (upper == QLatin1String("WARNING"))
        return LogLevel::Warning;
    if (upper == QLatin1String("ERROR"))
        return LogLevel::Error;
    return std::nullopt;
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("DEBUG");
    case LogLevel::Info:
        return QStringLiteral("INFO");
    case LogLevel::Warning:
        return QStringLiteral("WARNING");
    case LogLevel::Error:
        return QStringLiteral("ERROR");
    }
    return QStringLiteral("INFO");
}

QString loggingRulesFor(LogLevel level)
{
    // Every level starts from "no debug anywhere": Qt enables debug output by default for non-qt categories.
    QStringList rules { QStringLiteral("*.debug=false") };
    switch (level) {
    case LogLevel::Debug:
        rules << QStringLiteral("betthat.*.debug=true");
        break;
    case LogLevel::Info:
        break;
    case LogLevel::Warning:
        rules << QStringLiteral("*.info=false");
        break;
    case LogLevel::Error:
        rules << QStringLiteral("*.info=false") << QStringLiteral("*.warning=false");
        break;
    }
    return rules.join(QLatin1Char('\n'));
}

QString formatLogRecord(QtMsgType type, const QMessageLogContext &context, const QString &message, LogFormat format,
    const QDateTime &time)
{
    const QString timeText = toIsoUtc(time);
    if (format == LogFormat::Json) {
        // QJsonDocument escapes newlines and quotes, so a record is one line whatever the message holds.
        const QJsonObject record { { QStringLiteral("time"), timeText }, { QStringLiteral("level"), levelName(type) },
            { QStringLiteral("category"), QString::fromUtf8(context.category ? context.category : "default") },
            { QStringLiteral("message"), redactSecrets(message) } };
        return QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact));
    }
    // A message with line breaks (a Qt warning quoting a request, an SQL error) stays one record.
    QString formatted = redactSecrets(qFormatLogMessage(type, context, message));
    formatted.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    formatted.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return timeText + QLatin1Char(' ') + formatted;
}

std::optional<LogFormat> logFormatFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == QLatin1String("text"))
        return LogFormat::Text;
    if (lower == QLatin1String("json"))
        return LogFormat::Json;
    return std::nullopt;
}

QString logFormatName(LogFormat format)
{
    return format == LogFormat::Json ? QStringLiteral("json") : QStringLiteral("text");
}

QString redactSecrets(QString text)
{
    // Credentials by their shape: an Authorization header's value, bearer tokens, token= and password=
    // query or form values, SMTP AUTH arguments, and this project's API tokens (bt_...).
    static const QRegularExpression patterns[] = {
        QRegularExpression(QStringLiteral("(authorization\\s*[:=]\\s*)([^\\r\\n,;]+)"),
            QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("(bearer\\s+)([^\\s,;\"']+)"), QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("((?:token|password|passwd|secret)=)([^&\\s\"']+)"),
            QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("(AUTH\\s+(?:PLAIN|LOGIN|XOAUTH2)\\s+)(\\S+)"),
            QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("()(\\bbt_[A-Za-z0-9_-]{8,})")),
    };
    for (const QRegularExpression &pattern : patterns)
        text.replace(pattern, QStringLiteral("\\1[redacted]"));
    QMutexLocker locker(&secretsMutex());
    for (const QString &secret : registeredSecrets())
        text.replace(secret, QStringLiteral("[redacted]"));
    return text;
}

void addLogSecret(const QString &secret)
{
    // Short strings would redact ordinary words; a password that short is not worth hiding anyway.
    if (secret.size() < 4)
        return;
    QMutexLocker locker(&secretsMutex());
    if (!registeredSecrets().contains(secret))
        registeredSecrets().append(secret);
}

void installLogging(LogLevel level, LogFormat format)
{
    g_format.store(format, std::memory_order_relaxed);
    qSetMessagePattern(QString::fromLatin1(kPattern));
    qInstallMessageHandler(writeMessage);
    QLoggingCategory::setFilterRules(loggingRulesFor(level));
}

QString logLevelFromEnvironment()
{
    return qEnvironmentVariable("LOG_LEVEL");
}

} // namespace betthat
