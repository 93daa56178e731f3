#include "logging.h"

#include "common/timeutil.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStringList>
#include <QtGlobal>
#include <cstdio>

namespace betthat {

namespace {

// Qt's %{time} is local time; the handler below prepends UTC itself, so the pattern starts at the level.
constexpr char kPattern[] = "%{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}%{if-warning}WARNING%{endif}"
                            "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}";

void writeMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString formatted = qFormatLogMessage(type, context, message);
    const QByteArray line
        = (toIsoUtc(QDateTime::currentDateTimeUtc()) + QLatin1Char(' ') + formatted + QLatin1Char('\n'))
              .toUtf8();
    // One fwrite per line: lines from the server's worker thread and the main thread never interleave.
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
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

void installLogging(LogLevel level)
{
    qSetMessagePattern(QString::fromLatin1(kPattern));
    qInstallMessageHandler(writeMessage);
    QLoggingCategory::setFilterRules(loggingRulesFor(level));
}

QString logLevelFromEnvironment()
{
    return qEnvironmentVariable("LOG_LEVEL");
}

} // namespace betthat
