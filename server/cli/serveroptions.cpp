#include "serveroptions.h"

#include "common/protocol.h"
#include "server/storage/databaselocation.h"

#include "server/betthatserver.h"
#include "server/cli/duration.h"
#include "server/email/emailoptions.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSettings>
#include <optional>
#include <type_traits>

namespace betthat::server {

namespace {

using IntField = int &(*)(ServerSettings &);
using Int64Field = qint64 &(*)(ServerSettings &);
using DoubleField = double &(*)(ServerSettings &);
using BoolField = bool &(*)(ServerSettings &);
using StringField = QString &(*)(ServerSettings &);
using AddressField = QHostAddress &(*)(ServerSettings &);

// A captureless accessor of one field; converts to the *Field pointer types above.
#define BT_FIELD(member) [](ServerSettings &s) -> auto & { return s.member; }

constexpr qint64 kDay = 24LL * 3600 * 1000;

struct Names
{
    const char *name;
    const char *env; // nullptr: BETTHAT_ + the key in capitals ("realtime/max_connections" ->
                     // BETTHAT_REALTIME_MAX_CONNECTIONS)
    const char *key;
    const char *valueName;
    const char *help;
};

ServerOption base(const Names &n)
{
    ServerOption option;
    option.name = QString::fromLatin1(n.name);
    option.key = QString::fromLatin1(n.key);
    option.env = n.env ? QString::fromLatin1(n.env)
                       : QStringLiteral("BETTHAT_") + option.key.toUpper().replace(QLatin1Char('/'), QLatin1Char('_'));
    option.valueName = QString::fromLatin1(n.valueName);
    option.help = QString::fromLatin1(n.help);
    return option;
}

Error usage(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

std::optional<bool> parseSwitch(const QString &text)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("on") || value == QLatin1String("true") || value == QLatin1String("1")
        || value == QLatin1String("yes"))
        return true;
    if (value == QLatin1String("off") || value == QLatin1String("false") || value == QLatin1String("0")
        || value == QLatin1String("no"))
        return false;
    return std::nullopt;
}

ServerOption integer(const Names &n, IntField field, int min, int max, const QString &hint = QString())
{
    ServerOption option = base(n);
    option.apply = [field, min, max, hint](ServerSettings &s, const QString &value, const QString &source) -> Status {
        bool ok = false;
        const qint64 parsed = value.trimmed().toLongLong(&ok);
        if (!ok || parsed < min || parsed > max)
            return usage(QStringLiteral("invalid %1 '%2': give a number from %3 to %4%5")
                             .arg(source, value.left(32))
                             .arg(min)
                             .arg(max)
                             .arg(hint));
        field(s) = int(parsed);
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return QString::number(field(copy));
    };
    return option;
}

// A rate: a decimal number ("10", "0.5"); 0 turns the limit off.
ServerOption rate(const Names &n, DoubleField field, double max)
{
    ServerOption option = base(n);
    option.apply = [field, max](ServerSettings &s, const QString &value, const QString &source) -> Status {
        bool ok = false;
        const double parsed = value.trimmed().toDouble(&ok);
        if (!ok || !(parsed >= 0) || parsed > max)
            return usage(QStringLiteral("invalid %1 '%2': give a number from 0 (off) to %3, e.g. 0.5")
                             .arg(source, value.left(32))
                             .arg(max));
        field(s) = parsed;
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return QString::number(field(copy), 'g', 6);
    };
    return option;
}

ServerOption bytes(const Names &n, Int64Field field, qint64 min, qint64 max)
{
    ServerOption option = base(n);
    option.apply = [field, min, max](ServerSettings &s, const QString &value, const QString &source) -> Status {
        bool ok = false;
        const qint64 parsed = value.trimmed().toLongLong(&ok);
        if (!ok || parsed < min || parsed > max)
            return usage(QStringLiteral("invalid %1 '%2': give a number of bytes from %3 to %4")
                             .arg(source, value.left(32))
                             .arg(min)
                             .arg(max));
        field(s) = parsed;
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return QString::number(field(copy));
    };
    return option;
}

// Durations as the command line writes them (7d, 90m, 250ms); `maxMs` bounds what an int may hold.
template <typename FieldType>
ServerOption duration(const Names &n, FieldType field, qint64 maxMs)
{
    ServerOption option = base(n);
    option.apply = [field, maxMs](ServerSettings &s, const QString &value, const QString &source) -> Status {
        const auto ms = parseDurationMs(value);
        if (!ms)
            return usage(QStringLiteral("%1: %2").arg(source, ms.error().message));
        if (*ms > maxMs)
            return usage(QStringLiteral("%1: at most %2").arg(source, formatDurationMs(maxMs)));
        field(s) = std::remove_reference_t<decltype(field(s))>(*ms);
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return formatDurationMs(field(copy));
    };
    return option;
}

ServerOption toggle(const Names &n, BoolField field)
{
    ServerOption option = base(n);
    option.apply = [field](ServerSettings &s, const QString &value, const QString &source) -> Status {
        const auto on = parseSwitch(value);
        if (!on)
            return usage(QStringLiteral("%1 must be on or off (got \"%2\")").arg(source, value.left(20)));
        field(s) = *on;
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return field(copy) ? QStringLiteral("on") : QStringLiteral("off");
    };
    return option;
}

ServerOption text(const Names &n, StringField field, bool secret = false)
{
    ServerOption option = base(n);
    option.secret = secret;
    option.apply = [field](ServerSettings &s, const QString &value, const QString &) -> Status {
        field(s) = value.trimmed();
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return field(copy);
    };
    return option;
}

// A comma-separated list, kept as "a,b" (an INI file reads "a, b" as a list; both mean the same).
ServerOption list(const Names &n, StringField field)
{
    ServerOption option = text(n, field);
    option.apply = [field](ServerSettings &s, const QString &value, const QString &) -> Status {
        QStringList items;
        for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (const QString trimmed = item.trimmed(); !trimmed.isEmpty())
                items.append(trimmed);
        field(s) = items.join(QLatin1Char(','));
        return Ok {};
    };
    return option;
}

ServerOption address(const Names &n, AddressField field)
{
    ServerOption option = base(n);
    option.apply = [field](ServerSettings &s, const QString &value, const QString &source) -> Status {
        const QString text = value.trimmed();
        QHostAddress parsed;
        if (text == QLatin1String("localhost"))
            parsed = QHostAddress(QHostAddress::LocalHost);
        else if (!parsed.setAddress(text))
            return usage(QStringLiteral("invalid %1 '%2': give an IP address such as 127.0.0.1 or 0.0.0.0")
                             .arg(source, text.left(64)));
        field(s) = parsed;
        return Ok {};
    };
    option.current = [field](const ServerSettings &s) {
        ServerSettings copy = s;
        return field(copy).toString();
    };
    return option;
}

int defaultSmtpPortFor(const QString &tls)
{
    if (tls == QLatin1String("ssl"))
        return 465;
    if (tls == QLatin1String("starttls"))
        return 587;
    return 25;
}

bool isOption(const QString &source)
{
    return source.startsWith(QLatin1String("--"));
}

QList<ServerOption> buildTable()
{
    QList<ServerOption> t;
    // [http]
    t << address({ "bind", "BETTHAT_BIND", "http/bind", "address",
                     "Address to listen on (0.0.0.0 listens on every interface)." },
        BT_FIELD(config.bind));
    // quint16: a row of its own rather than an int field.
    t << base({ "port", "BETTHAT_PORT", "http/port", "port",
        "Port to listen on (0 picks a free port, and the one chosen is printed)." });
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &source) -> Status {
        bool ok = false;
        const uint port = value.trimmed().toUInt(&ok);
        if (!ok || port > 65535)
            return usage(QStringLiteral("invalid %1 '%2': give a number from 0 to 65535 (0: any free port)")
                             .arg(source, value.left(32)));
        s.config.port = quint16(port);
        return Ok {};
    };
    t.last().current = [](const ServerSettings &s) { return QString::number(s.config.port); };
    t << bytes({ "max-body-bytes", nullptr, "http/max_body_bytes", "bytes",
                   "Largest request body a handler reads; larger ones get 413." },
        BT_FIELD(config.maxBodyBytes), 1024, 64LL * 1024 * 1024);
    t << integer({ "listen-backlog", nullptr, "http/listen_backlog", "count",
                     "Pending TCP connections the kernel queues before accept()." },
        BT_FIELD(config.listenBacklog), 1, 65535);
    // [database]
    t << text({ "db", "BETTHAT_DB", "database/path", "path|url",
                  "SQLite database file, created if missing, or a PostgreSQL server: postgres://user:password@host:port/dbname "
                  "(what the URL leaves out comes from the PG* variables and the password file, as with psql)." },
        BT_FIELD(config.dbPath));
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &source) -> Status {
        if (value.trimmed().isEmpty())
            return usage(QStringLiteral("%1 needs a file path").arg(source));
        s.config.dbPath = value;
        return Ok {};
    };
    // [bets]
    t << duration({ "dispute-window", nullptr, "bets/dispute_window", "duration",
                      "How long after resolution a bettor may dispute: e.g. 7d, 48h, 90m, 3600s." },
        Int64Field(BT_FIELD(config.disputeWindowMs)), 3650 * kDay);
    t << toggle({ "demo", nullptr, "server/demo", "",
                    "Seed demo users and bets into an empty database and print ready-to-paste examples. The demo "
                    "tokens are public: demos only, never with real users." },
        BT_FIELD(config.demo));
    // [log]
    t << (base({ "log-level", "LOG_LEVEL", "log/level", "level",
        "DEBUG, INFO, WARNING or ERROR. DEBUG logs requests, connections, deliveries and emails." }));
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &source) -> Status {
        const auto level = logLevelFromName(value);
        if (!level)
            return usage(QStringLiteral("invalid log level '%1'%2: use DEBUG, INFO, WARNING or ERROR")
                             .arg(value.left(32), isOption(source) ? QString() : QStringLiteral(" in ") + source));
        s.logLevel = *level;
        return Ok {};
    };
    t.last().current = [](const ServerSettings &s) { return logLevelName(s.logLevel); };
    t << (base({ "log-format", "LOG_FORMAT", "log/format", "format",
        "text (one line per record) or json (one JSON object per line, for journald and Loki)." }));
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &source) -> Status {
        const auto format = logFormatFromName(value);
        if (!format)
            return usage(QStringLiteral("invalid %1 '%2': use text or json").arg(source, value.left(32)));
        s.logFormat = *format;
        return Ok {};
    };
    t.last().current = [](const ServerSettings &s) { return logFormatName(s.logFormat); };
    // [metrics]
    t << address({ "metrics-bind", nullptr, "metrics/bind", "address",
                     "Address of the separate /metrics listener (loopback by default)." },
        BT_FIELD(config.metrics.bind));
    t << integer({ "metrics-port", nullptr, "metrics/port", "port",
                     "Port of the separate /metrics listener; 0: none (operators still read /metrics on the "
                     "main port)." },
        BT_FIELD(config.metrics.port), 0, 65535);
    // [realtime]
    t << toggle({ "realtime", nullptr, "realtime/enabled", "on|off",
                    "Serve WebSocket updates (off: clients fall back to polling)." },
        BT_FIELD(config.realtime.enabled));
    t << duration({ "realtime-ping-interval", nullptr, "realtime/ping_interval", "duration",
                      "Server ping interval; no pong within two intervals drops the connection." },
        IntField(BT_FIELD(config.realtime.pingIntervalMs)), kDay);
    t << bytes({ "realtime-max-pending-bytes", nullptr, "realtime/max_pending_bytes", "bytes",
                   "Unsent bytes per connection beyond which it is closed as a slow consumer (4008)." },
        BT_FIELD(config.realtime.maxPendingBytes), 1024, 1024LL * 1024 * 1024);
    t << integer({ "realtime-max-queued-messages", nullptr, "realtime/max_queued_messages", "count",
                     "Queued messages per connection beyond which it is closed as a slow consumer." },
        BT_FIELD(config.realtime.maxQueuedMessages), 1, 10000000);
    t << integer({ "realtime-max-connections", nullptr, "realtime/max_connections", "count",
                     "WebSocket connections the server accepts in all." },
        BT_FIELD(config.realtime.maxConnections), 1, 10000000);
    t << integer({ "realtime-max-connections-per-user", nullptr, "realtime/max_connections_per_user", "count",
                     "WebSocket connections one user may hold." },
        BT_FIELD(config.realtime.maxConnectionsPerUser), 1, 100000);
    t << rate({ "realtime-new-connections-per-user", nullptr, "realtime/new_connections_per_user_per_second",
                  "rate", "New WebSocket connections per second one user may open (0: no limit)." },
        BT_FIELD(config.realtime.newConnectionsPerUserPerSecond), 1000000);
    t << integer({ "realtime-new-connections-per-user-burst", nullptr, "realtime/new_connections_per_user_burst",
                     "count", "How many new WebSocket connections one user may open at once (0: no limit)." },
        BT_FIELD(config.realtime.newConnectionsPerUserBurst), 0, 1000000);
    t << list({ "realtime-allowed-origins", nullptr, "realtime/allowed_origins", "origins",
                  "Browser origins allowed to open feeds, comma-separated (\"*\": any); clients without an Origin are always allowed." },
        BT_FIELD(config.realtime.allowedOrigins));
    // The network edge (docs/EDGE.md): limits enforced before Qt buffers what a client sends.
    t << integer({ "edge-max-request-line", "EDGE_MAX_REQUEST_LINE", "edge/max_request_line_bytes", "bytes", "Longest request line; longer ones get 414." },
        BT_FIELD(config.edge.maxRequestLineBytes), 256, 1048576);
    t << integer({ "edge-max-header-bytes", "EDGE_MAX_HEADER_BYTES", "edge/max_header_bytes", "bytes", "Largest header block of a request; larger ones get 431." },
        BT_FIELD(config.edge.maxHeaderBytes), 1024, 1048576);
    t << integer({ "edge-max-header-fields", "EDGE_MAX_HEADER_FIELDS", "edge/max_header_fields", "count", "Most header fields in a request; more get 431." },
        BT_FIELD(config.edge.maxHeaderFields), 8, 10000);
    t << duration({ "edge-header-timeout", "EDGE_HEADER_TIMEOUT", "edge/header_timeout", "duration", "Time for a request head (and the first one after connecting) to arrive." },
        BT_FIELD(config.edge.headerTimeoutMs), kDay);
    t << duration({ "edge-body-timeout", "EDGE_BODY_TIMEOUT", "edge/body_timeout", "duration", "Time for a request body to arrive after its head." },
        BT_FIELD(config.edge.bodyTimeoutMs), kDay);
    t << duration({ "edge-idle-timeout", "EDGE_IDLE_TIMEOUT", "edge/idle_timeout", "duration", "Keep-alive connections without a request for this long are closed." },
        BT_FIELD(config.edge.idleTimeoutMs), kDay);
    t << bytes({ "edge-max-pending-answer-bytes", "EDGE_MAX_PENDING_ANSWER_BYTES", "edge/max_pending_answer_bytes", "bytes", "Unsent answer bytes above which a connection's further (pipelined) requests wait." },
        BT_FIELD(config.edge.maxPendingAnswerBytes), 1024, 1024LL * 1024 * 1024);
    t << duration({ "edge-pipeline-stall-timeout", "EDGE_PIPELINE_STALL_TIMEOUT", "edge/pipeline_stall_timeout", "duration", "A connection whose answers do not drain for this long is closed." },
        BT_FIELD(config.edge.pipelineStallTimeoutMs), kDay);
    t << duration({ "edge-handshake-timeout", "EDGE_HANDSHAKE_TIMEOUT", "edge/handshake_timeout", "duration", "Time for a WebSocket to be accepted after its upgrade request arrived." },
        BT_FIELD(config.edge.handshakeTimeoutMs), kDay);
    t << duration({ "edge-linger", "EDGE_LINGER", "edge/linger", "duration", "After an error answer, how long to drain the client's input so it reads the answer." },
        BT_FIELD(config.edge.lingerMs), 3600LL * 1000);
    t << integer({ "edge-max-http-connections", "EDGE_MAX_HTTP_CONNECTIONS", "edge/max_http_connections", "count", "Open plain HTTP connections; beyond it new ones get 503." },
        BT_FIELD(config.edge.maxHttpConnections), 1, 10000000);
    t << integer({ "edge-max-http-connections-per-address", "EDGE_MAX_HTTP_CONNECTIONS_PER_ADDRESS", "edge/max_http_connections_per_address", "count", "Open plain HTTP connections from one address; beyond it new ones get 503." },
        BT_FIELD(config.edge.maxHttpConnectionsPerAddress), 1, 10000000);
    t << duration({ "edge-accept-retry", "EDGE_ACCEPT_RETRY", "edge/accept_retry", "duration", "Out of descriptors: how long accepting pauses before it is tried again." },
        BT_FIELD(config.edge.acceptRetryMs), 60LL * 1000);
    t << rate({ "rate-limit-requests", nullptr, "limits/requests_per_second", "rate",
                  "Authenticated REST calls and polls per second per user; beyond the burst 429 (0: no limit)." },
        BT_FIELD(config.rateLimits.requestsPerSecond), 1000000);
    t << integer({ "rate-limit-requests-burst", nullptr, "limits/requests_burst", "count",
                     "Requests one user may make at once before the rate applies (0: no limit)." },
        BT_FIELD(config.rateLimits.requestBurst), 0, 1000000);
    t << rate({ "rate-limit-operator-requests", nullptr, "limits/operator_requests_per_second", "rate",
                  "The same for operators, whose admin window fetches every bet a bulk resolve changed (0: no limit)." },
        BT_FIELD(config.rateLimits.operatorRequestsPerSecond), 1000000);
    t << integer({ "rate-limit-operator-requests-burst", nullptr, "limits/operator_requests_burst", "count",
                     "Requests one operator may make at once before the rate applies (0: no limit)." },
        BT_FIELD(config.rateLimits.operatorRequestBurst), 0, 1000000);
    t << rate({ "rate-limit-failed-auth", nullptr, "limits/failed_auth_per_second", "rate",
                  "Failed authentications per second one address earns back once blocked (0: no limit)." },
        BT_FIELD(config.rateLimits.failedAuthPerSecond), 1000000);
    t << integer({ "rate-limit-failed-auth-burst", nullptr, "limits/failed_auth_burst", "count",
                     "Failed authentications from one address before it is blocked (0: no limit)." },
        BT_FIELD(config.rateLimits.failedAuthBurst), 0, 1000000);
    t << integer({ "realtime-replay-batch", nullptr, "realtime/replay_batch", "count",
                     "Events read from the log per replay step of a resuming client." },
        BT_FIELD(config.realtime.replayBatch), 1, 100000);
    t << duration({ "realtime-replay-retry-delay", nullptr, "realtime/replay_retry_delay", "duration",
                      "Delay before a failed replay read is retried." },
        IntField(BT_FIELD(config.realtime.replayRetryDelayMs)), kDay);
    t << integer({ "realtime-replay-max-failures", nullptr, "realtime/replay_max_failures", "count",
                     "Failed replay reads in a row after which the connection is closed with 1011." },
        BT_FIELD(config.realtime.replayMaxFailures), 1, 1000);
    t << duration({ "realtime-feed-poll-interval", nullptr, "realtime/feed_poll_interval", "duration",
                      "Re-read the event log this often even without a wake-up (other writers)." },
        IntField(BT_FIELD(config.realtime.feedPollIntervalMs)), kDay);
    t << duration({ "realtime-reconnect-jitter", nullptr, "realtime/reconnect_jitter", "duration",
                      "Window clients spread their first reconnect over after a drop (connection_established); 0: none." },
        IntField(BT_FIELD(config.realtime.reconnectJitterMs)), protocol::kMaxReconnectJitterMs);
    t << integer({ "realtime-max-invalid-messages", nullptr, "realtime/max_invalid_messages", "count",
                     "Invalid client messages per connection before it is closed with 1008." },
        BT_FIELD(config.realtime.maxInvalidMessages), 1, 100000);
    t << duration({ "realtime-close-grace", nullptr, "realtime/close_grace", "duration",
                      "After our close frame, abort a peer that has not closed by then." },
        IntField(BT_FIELD(config.realtime.closeGraceMs)), kDay);
    t << integer({ "realtime-socket-send-buffer", nullptr, "realtime/socket_send_buffer_bytes", "bytes",
                     "Kernel send buffer per connection (SO_SNDBUF); 0 keeps the OS default." },
        BT_FIELD(config.realtime.socketSendBufferBytes), 0, 64 * 1024 * 1024);
    // [email] The names and variables email has always had; the TLS mode comes before the port because a
    // mode without a port means that mode's usual port.
    t << text({ "smtp-server", "SMTP_SERVER", "email/server", "host", "SMTP server; email is off without one." },
        BT_FIELD(config.email.server));
    t << (base({ "smtp-tls", "SMTP_TLS", "email/tls", "mode", "starttls, ssl (implicit TLS) or none." }));
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &source) -> Status {
        const QString mode = value.trimmed().toLower();
        if (mode != QLatin1String("starttls") && mode != QLatin1String("ssl") && mode != QLatin1String("none"))
            return usage(
                QStringLiteral("%1 must be starttls, ssl or none (got \"%2\")").arg(source, value.left(20)));
        if (s.config.email.port == defaultSmtpPortFor(s.config.email.tls))
            s.config.email.port = defaultSmtpPortFor(mode);
        s.config.email.tls = mode;
        return Ok {};
    };
    t.last().current = [](const ServerSettings &s) { return s.config.email.tls; };
    t << integer({ "smtp-port", "SMTP_PORT", "email/port", "port", "SMTP port (default by TLS mode: 25, 587, 465)." },
        BT_FIELD(config.email.port), 1, 65535);
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &source) -> Status {
        bool ok = false;
        const int port = value.trimmed().toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return usage(QStringLiteral("%1 must be a port number from 1 to 65535 (got \"%2\")")
                             .arg(source, value.left(20)));
        s.config.email.port = port;
        return Ok {};
    };
    t << text({ "smtp-username", "SMTP_USERNAME", "email/username", "user", "SMTP AUTH user name." },
        BT_FIELD(config.email.username));
    t << text({ "smtp-password", "SMTP_PASSWORD", "email/password", "password",
                  "SMTP AUTH password (prefer the variable or the file: options show in ps)." },
        BT_FIELD(config.email.password), true);
    t.last().apply = [](ServerSettings &s, const QString &value, const QString &) -> Status {
        s.config.email.password = value; // as given: spaces may belong to a password
        return Ok {};
    };
    t << text({ "from-email", "FROM_EMAIL", "email/from_email", "address", "Sender address of notification emails." },
        BT_FIELD(config.email.fromEmail));
    t << text({ "from-name", "FROM_NAME", "email/from_name", "name", "Sender display name." },
        BT_FIELD(config.email.fromName));
    t << toggle({ "email-notifications", "EMAIL_NOTIFICATIONS", "email/notifications", "on|off",
                    "Send notification emails (when a server is set)." },
        BT_FIELD(config.email.notifications));
    t << toggle({ "email-provisional", "EMAIL_PROVISIONAL", "email/provisional", "on|off",
                    "Also mail provisional settlements (off: mail goes out when a result is confirmed)." },
        BT_FIELD(config.email.notifyProvisional));
    t << text({ "smtp-ca-file", nullptr, "email/ca_file", "path",
                  "PEM bundle trusted for the SMTP server's certificate (default: the system's)." },
        BT_FIELD(config.email.caFile));
    t << integer({ "email-max-attempts", nullptr, "email/max_attempts", "count",
                     "Attempts per message before it is marked failed." },
        BT_FIELD(config.email.maxAttempts), 1, 1000);
    t << duration({ "email-retry-base", nullptr, "email/retry_base", "duration",
                      "Backoff after the first failed attempt, doubled per failure." },
        IntField(BT_FIELD(config.email.retryBaseMs)), kDay);
    t << duration({ "email-retry-cap", nullptr, "email/retry_cap", "duration", "Longest email backoff." },
        IntField(BT_FIELD(config.email.retryCapMs)), kDay);
    t << duration({ "email-poll-interval", nullptr, "email/poll_interval", "duration",
                      "Re-read the outbox this often without a wake-up." },
        IntField(BT_FIELD(config.email.pollIntervalMs)), kDay);
    t << duration({ "email-timeout", nullptr, "email/timeout", "duration", "Time limit of one SMTP conversation." },
        IntField(BT_FIELD(config.email.timeoutMs)), kDay);
    t << integer({ "email-batch-size", nullptr, "email/batch_size", "count",
                     "Messages sent over one SMTP connection before the outbox is re-read." },
        BT_FIELD(config.email.batchSize), 1, 10000);
    // [webhooks]
    t << toggle({ "webhooks", nullptr, "webhooks/enabled", "on|off",
                    "Deliver webhooks (off: no worker; endpoints and cursors stay)." },
        BT_FIELD(config.webhooks.enabled));
    t << toggle({ "webhooks-allow-private", nullptr, "webhooks/allow_private", "",
                    "Let webhooks reach private, loopback and link-local addresses (default: refused, at "
                    "registration and after DNS at delivery)." },
        BT_FIELD(config.webhooks.allowPrivate));
    t << duration({ "webhooks-retry-base", nullptr, "webhooks/retry_base", "duration",
                      "Webhook backoff after the first failure, doubled per failure." },
        IntField(BT_FIELD(config.webhooks.retryBaseMs)), kDay);
    t << duration({ "webhooks-retry-cap", nullptr, "webhooks/retry_cap", "duration", "Longest webhook backoff." },
        IntField(BT_FIELD(config.webhooks.retryCapMs)), kDay);
    t << integer({ "webhooks-failure-threshold", nullptr, "webhooks/failure_threshold", "count",
                     "Consecutive failed deliveries after which an endpoint is disabled." },
        BT_FIELD(config.webhooks.failureThreshold), 1, 10000);
    t << duration({ "webhooks-timeout", nullptr, "webhooks/timeout", "duration",
                      "Time limit of one webhook request, connect included." },
        IntField(BT_FIELD(config.webhooks.timeoutMs)), kDay);
    t << duration({ "webhooks-poll-interval", nullptr, "webhooks/poll_interval", "duration",
                      "Re-read the event log for webhooks this often without a wake-up." },
        IntField(BT_FIELD(config.webhooks.pollIntervalMs)), kDay);
    t << integer({ "webhooks-batch-size", nullptr, "webhooks/batch_size", "count",
                     "Events read per endpoint and turn." },
        BT_FIELD(config.webhooks.batchSize), 1, 10000);
    t << integer({ "webhooks-keep-deliveries", nullptr, "webhooks/keep_deliveries", "count",
                     "Delivery attempts kept per endpoint for GET .../deliveries." },
        BT_FIELD(config.webhooks.keepDeliveries), 1, 100000);
    t << integer({ "webhooks-max-endpoints", nullptr, "webhooks/max_endpoints", "count",
                     "Webhook endpoints that may be registered." },
        BT_FIELD(config.webhooks.maxEndpoints), 1, 100000);
    return t;
}

// Checks that span several rows, after every source is applied.
Status finish(ServerSettings &s)
{
    if (s.config.dbPath.isEmpty())
        s.config.dbPath = BetThatServer::defaultDatabasePath();
    if (s.config.webhooks.retryCapMs < s.config.webhooks.retryBaseMs)
        return usage(QStringLiteral("--webhooks-retry-cap must not be shorter than --webhooks-retry-base"));
    if (s.config.email.retryCapMs < s.config.email.retryBaseMs)
        return usage(QStringLiteral("--email-retry-cap must not be shorter than --email-retry-base"));
    s.config.email.enabled = s.config.email.notifications && !s.config.email.server.isEmpty();
    return validateEmailConfig(s.config.email);
}

// INI needs quotes around values QSettings would split or cut (commas, semicolons, quotes, edge blanks).
QString iniValue(const QString &value)
{
    static const QString special = QStringLiteral(",;\"\\=#");
    bool quote = value != value.trimmed();
    for (const QChar c : value)
        quote = quote || special.contains(c);
    if (!quote)
        return value;
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace

const QList<ServerOption> &serverOptions()
{
    static const QList<ServerOption> table = buildTable();
    return table;
}

QString optionSourceName(OptionSource source)
{
    switch (source) {
    case OptionSource::Default:
        return QStringLiteral("default");
    case OptionSource::File:
        return QStringLiteral("config file");
    case OptionSource::Environment:
        return QStringLiteral("environment");
    case OptionSource::CommandLine:
        return QStringLiteral("command line");
    }
    return QString();
}

void addServerOptions(QCommandLineParser &parser)
{
    const ServerSettings defaults;
    for (const ServerOption &option : serverOptions()) {
        const QString byDefault = option.current(defaults);
        const QString help = QStringLiteral("%1 (default %2; %3, %4 in the config file)")
                                 .arg(option.help,
                                     option.name == QLatin1String("db")
                                         ? BetThatServer::defaultDatabasePath()
                                         : (byDefault.isEmpty() ? QStringLiteral("none") : byDefault),
                                     option.env, option.key);
        parser.addOption(QCommandLineOption(option.name, help, option.valueName));
    }
    parser.addOption(QCommandLineOption(QStringLiteral("config"),
        QStringLiteral("INI file with any of the options above as section/key (e.g. [http] port=8000); the "
                       "command line and the environment override it [BETTHAT_CONFIG]."),
        QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("print-config"),
        QStringLiteral("Print the effective configuration (secrets masked) and exit.")));
}

Result<ResolvedSettings> resolveServerSettings(const QCommandLineParser &parser, const QProcessEnvironment &env)
{
    ResolvedSettings resolved;
    resolved.configFile = parser.isSet(QStringLiteral("config")) ? parser.value(QStringLiteral("config"))
                                                                  : env.value(QStringLiteral("BETTHAT_CONFIG"));
    QHash<QString, QString> fileValues;
    if (!resolved.configFile.isEmpty()) {
        const QFileInfo info(resolved.configFile);
        if (!info.isFile() || !info.isReadable())
            return usage(QStringLiteral("cannot read the config file %1").arg(resolved.configFile));
        const QSettings ini(resolved.configFile, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return usage(QStringLiteral("the config file %1 is not valid INI").arg(resolved.configFile));
        QSet<QString> known;
        for (const ServerOption &option : serverOptions())
            known.insert(option.key);
        for (const QString &key : ini.allKeys()) {
            if (!known.contains(key))
                return usage(QStringLiteral("unknown key '%1' in the config file %2 (see --print-config for the "
                                            "keys)")
                                 .arg(key.left(100), resolved.configFile));
            const QVariant value = ini.value(key);
            // QSettings splits unquoted commas into a list; the value was one string in the file.
            fileValues.insert(key,
                value.userType() == QMetaType::QStringList ? value.toStringList().join(QStringLiteral(", "))
                                                           : value.toString());
        }
    }

    ServerSettings &settings = resolved.settings;
    for (const ServerOption &option : serverOptions()) {
        EffectiveOption effective;
        effective.option = &option;
        std::optional<QString> value;
        if (parser.isSet(option.name)) {
            value = option.valueName.isEmpty() ? QStringLiteral("on") : parser.value(option.name);
            effective.source = OptionSource::CommandLine;
            effective.origin = QStringLiteral("--") + option.name;
        } else if (env.contains(option.env)) {
            value = env.value(option.env);
            effective.source = OptionSource::Environment;
            effective.origin = option.env;
        } else if (fileValues.contains(option.key)) {
            value = fileValues.value(option.key);
            effective.source = OptionSource::File;
            effective.origin = QStringLiteral("%1 (%2)").arg(option.key, resolved.configFile);
        }
        if (value) {
            if (const auto applied = option.apply(settings, *value, effective.origin); !applied)
                return applied.error();
        }
        resolved.effective.append(effective);
    }
    if (const auto finished = finish(settings); !finished)
        return finished.error();
    for (EffectiveOption &effective : resolved.effective)
        effective.value = effective.option->current(settings);
    return resolved;
}

QString formatEffectiveConfig(const ResolvedSettings &resolved)
{
    QString out = QStringLiteral("; betthat-server effective configuration\n"
                                 "; precedence: command line > environment > config file > defaults\n");
    if (!resolved.configFile.isEmpty())
        out += QStringLiteral("; config file: %1\n").arg(resolved.configFile);
    QString section;
    for (const EffectiveOption &effective : resolved.effective) {
        const QString key = effective.option->key;
        const QString thisSection = key.section(QLatin1Char('/'), 0, 0);
        if (thisSection != section) {
            section = thisSection;
            out += QStringLiteral("\n[%1]\n").arg(section);
        }
        if (effective.source != OptionSource::Default)
            out += QStringLiteral("; from the %1: %2\n").arg(optionSourceName(effective.source), effective.origin);
        QString shown = effective.value;
        // A PostgreSQL URL may carry a password: print it as the server logs it.
        if (effective.option->name == QLatin1String("db"))
            if (const auto location = DatabaseLocation::parse(shown); location && location->isPostgres())
                shown = location->displayName();
        const QString value = effective.option->secret && !effective.value.isEmpty() ? QStringLiteral("********")
                                                                                       : iniValue(shown);
        out += QStringLiteral("%1=%2\n").arg(key.section(QLatin1Char('/'), 1), value);
    }
    return out;
}

} // namespace betthat::server
