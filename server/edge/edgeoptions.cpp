#include "edgeoptions.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <functional>

namespace betthat::server {

namespace {

enum class Unit { Count, Bytes, Duration };

struct EdgeOption
{
    const char *name; // --name
    const char *env;  // its environment variable
    Unit unit;
    qint64 min;
    qint64 max;
    const char *help;
    std::function<qint64 &(ServerConfig &)> wide;    // qint64 settings
    std::function<int &(ServerConfig &)> narrow;     // int settings
};

constexpr qint64 kDay = 24LL * 3600 * 1000;
constexpr qint64 kGiB = 1024LL * 1024 * 1024;

// The table: adding a limit is one row here, one field in serverconfig.h and one line in docs/EDGE.md.
const QList<EdgeOption> &edgeOptions()
{
    static const QList<EdgeOption> options {
        { "edge-max-request-line", "EDGE_MAX_REQUEST_LINE", Unit::Bytes, 256, 1024 * 1024,
            "Longest request line; longer ones get 414", {},
            [](ServerConfig &c) -> int & { return c.edge.maxRequestLineBytes; } },
        { "edge-max-header-bytes", "EDGE_MAX_HEADER_BYTES", Unit::Bytes, 1024, 1024 * 1024,
            "Largest header block of a request; larger ones get 431", {},
            [](ServerConfig &c) -> int & { return c.edge.maxHeaderBytes; } },
        { "edge-max-header-fields", "EDGE_MAX_HEADER_FIELDS", Unit::Count, 8, 10000,
            "Most header fields in a request; more get 431", {},
            [](ServerConfig &c) -> int & { return c.edge.maxHeaderFields; } },
        { "max-body-bytes", "MAX_BODY_BYTES", Unit::Bytes, 1024, kGiB,
            "Largest request body, checked against Content-Length before it is read and counted while a "
            "chunked body arrives; larger ones get 413",
            [](ServerConfig &c) -> qint64 & { return c.maxBodyBytes; }, {} },
        { "edge-header-timeout", "EDGE_HEADER_TIMEOUT", Unit::Duration, 1, kDay,
            "Time for a request head (and for the first one after connecting) to arrive", {},
            [](ServerConfig &c) -> int & { return c.edge.headerTimeoutMs; } },
        { "edge-body-timeout", "EDGE_BODY_TIMEOUT", Unit::Duration, 1, kDay,
            "Time for a request body to arrive after its head", {},
            [](ServerConfig &c) -> int & { return c.edge.bodyTimeoutMs; } },
        { "edge-idle-timeout", "EDGE_IDLE_TIMEOUT", Unit::Duration, 1, kDay,
            "Keep-alive connections without a request for this long are closed", {},
            [](ServerConfig &c) -> int & { return c.edge.idleTimeoutMs; } },
        { "edge-max-pending-answer-bytes", "EDGE_MAX_PENDING_ANSWER_BYTES", Unit::Bytes, 1024, kGiB,
            "Unsent answer bytes above which a connection's further (pipelined) requests wait",
            [](ServerConfig &c) -> qint64 & { return c.edge.maxPendingAnswerBytes; }, {} },
        { "edge-pipeline-stall-timeout", "EDGE_PIPELINE_STALL_TIMEOUT", Unit::Duration, 1, kDay,
            "A connection whose answers do not drain for this long is closed", {},
            [](ServerConfig &c) -> int & { return c.edge.pipelineStallTimeoutMs; } },
        { "edge-handshake-timeout", "EDGE_HANDSHAKE_TIMEOUT", Unit::Duration, 1, kDay,
            "Time for a WebSocket to be accepted after its upgrade request arrived", {},
            [](ServerConfig &c) -> int & { return c.edge.handshakeTimeoutMs; } },
        { "edge-linger", "EDGE_LINGER", Unit::Duration, 1, 3600 * 1000,
            "After an error answer, how long to drain the client's input so it reads the answer", {},
            [](ServerConfig &c) -> int & { return c.edge.lingerMs; } },
        { "edge-max-http-connections", "EDGE_MAX_HTTP_CONNECTIONS", Unit::Count, 1, 10000000,
            "Open plain HTTP connections; beyond it new ones get 503", {},
            [](ServerConfig &c) -> int & { return c.edge.maxHttpConnections; } },
        { "edge-max-http-connections-per-address", "EDGE_MAX_HTTP_CONNECTIONS_PER_ADDRESS", Unit::Count, 1,
            10000000, "Open plain HTTP connections from one address; beyond it new ones get 503", {},
            [](ServerConfig &c) -> int & { return c.edge.maxHttpConnectionsPerAddress; } },
        { "edge-accept-retry", "EDGE_ACCEPT_RETRY", Unit::Duration, 1, 60 * 1000,
            "Out of descriptors: how long accepting pauses before it is tried again", {},
            [](ServerConfig &c) -> int & { return c.edge.acceptRetryMs; } },
        { "ws-max-connections", "WS_MAX_CONNECTIONS", Unit::Count, 1, 10000000,
            "Open WebSocket connections; beyond it new ones are closed with 1013", {},
            [](ServerConfig &c) -> int & { return c.realtime.maxConnections; } },
        { "ws-max-connections-per-user", "WS_MAX_CONNECTIONS_PER_USER", Unit::Count, 1, 100000,
            "Open WebSocket connections of one user", {},
            [](ServerConfig &c) -> int & { return c.realtime.maxConnectionsPerUser; } },
        { "ws-max-new-per-second", "WS_MAX_NEW_PER_SECOND", Unit::Count, 1, 1000000,
            "New WebSocket connections per second from one address", {},
            [](ServerConfig &c) -> int & { return c.realtime.maxNewConnectionsPerSecondPerIp; } },
        { "ws-max-pending-bytes", "WS_MAX_PENDING_BYTES", Unit::Bytes, 1024, kGiB,
            "Unsent bytes (events and automatic pongs) above which a WebSocket is closed with 4008",
            [](ServerConfig &c) -> qint64 & { return c.realtime.maxPendingBytes; }, {} },
    };
    return options;
}

QString unitName(Unit unit)
{
    switch (unit) {
    case Unit::Count: return QStringLiteral("count");
    case Unit::Bytes: return QStringLiteral("bytes");
    case Unit::Duration: return QStringLiteral("duration");
    }
    return {};
}

QString formatted(Unit unit, qint64 value)
{
    if (unit == Unit::Duration)
        return value % 1000 == 0 ? QStringLiteral("%1s").arg(value / 1000) : QStringLiteral("%1ms").arg(value);
    if (unit == Unit::Bytes && value % (1024 * 1024) == 0)
        return QStringLiteral("%1m").arg(value / (1024 * 1024));
    if (unit == Unit::Bytes && value % 1024 == 0)
        return QStringLiteral("%1k").arg(value / 1024);
    return QString::number(value);
}

Result<qint64> parseValue(Unit unit, const QString &text)
{
    if (unit == Unit::Duration)
        return parseEdgeDurationMs(text);
    if (unit == Unit::Bytes)
        return parseByteSize(text);
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < 0)
        return makeError(ErrorCode::BadRequest, QStringLiteral("'%1' is not a whole number").arg(text.left(32)));
    return value;
}

Status apply(const EdgeOption &option, const QString &text, const QString &source, ServerConfig &config)
{
    const auto value = parseValue(option.unit, text);
    if (!value)
        return makeError(ErrorCode::BadRequest, QStringLiteral("%1: %2").arg(source, value.error().message));
    if (*value < option.min || *value > option.max)
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("%1: give a value from %2 to %3")
                .arg(source, formatted(option.unit, option.min), formatted(option.unit, option.max)));
    if (option.wide)
        option.wide(config) = *value;
    else
        option.narrow(config) = int(*value);
    return Ok {};
}

} // namespace

Result<qint64> parseEdgeDurationMs(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,9})(ms|s|m|h)$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("'%1' is not a duration: use e.g. 250ms, 10s, 2m or 1h").arg(text.left(32)));
    const qint64 amount = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const qint64 factor = unit == QLatin1String("ms") ? 1
        : unit == QLatin1String("s")                  ? 1000
        : unit == QLatin1String("m")                  ? 60 * 1000
                                                      : 3600 * 1000;
    return amount * factor;
}

Result<qint64> parseByteSize(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,12})([kKmM]?)$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("'%1' is not a size: use e.g. 4096, 64k or 1m").arg(text.left(32)));
    const QString unit = match.captured(2).toLower();
    const qint64 factor = unit == QLatin1String("k") ? 1024 : unit == QLatin1String("m") ? 1024 * 1024 : 1;
    return match.captured(1).toLongLong() * factor;
}

void addEdgeOptions(QCommandLineParser &parser)
{
    ServerConfig defaults;
    for (const EdgeOption &option : edgeOptions()) {
        const qint64 current = option.wide ? option.wide(defaults) : qint64(option.narrow(defaults));
        parser.addOption(QCommandLineOption(QString::fromLatin1(option.name),
            QStringLiteral("%1 (default %2; $%3).")
                .arg(QString::fromLatin1(option.help), formatted(option.unit, current), QString::fromLatin1(option.env)),
            unitName(option.unit)));
    }
}

Result<ServerConfig> applyEdgeOptions(
    const QCommandLineParser &parser, const QProcessEnvironment &env, ServerConfig base)
{
    for (const EdgeOption &option : edgeOptions()) {
        const QString variable = QString::fromLatin1(option.env);
        if (env.contains(variable))
            if (const auto applied = apply(option, env.value(variable), variable, base); !applied)
                return applied.error();
        const QString name = QString::fromLatin1(option.name);
        if (parser.isSet(name))
            if (const auto applied = apply(option, parser.value(name), QStringLiteral("--") + name, base); !applied)
                return applied.error();
    }
    return base;
}

} // namespace betthat::server
