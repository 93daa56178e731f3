#pragma once

// Everything that configures one server instance; filled from the command line, the environment or the app.

#include <QHostAddress>
#include <QString>
#include <QtGlobal>

namespace betthat::server {

struct RealtimeConfig
{
    bool enabled = true;                  // false: /ws/bet-updates refuses upgrades (tests the app's polling fallback)
    int pingIntervalMs = 30000;           // server ping; no pong within two intervals drops the connection
    qint64 maxPendingBytes = 1024 * 1024; // unsent bytes beyond this close the socket with 4008
    int maxQueuedMessages = 10000;        // also a bound, since loopback buffers hide bytesToWrite growth
    // Open WebSocket connections of this server. Well above 20,000: the edge raises RLIMIT_NOFILE to its hard
    // limit at start and logs when that limit is below this (docs/EDGE.md).
    int maxConnections = 50000;
    int maxConnectionsPerUser = 20;
    // New connections per user (after authentication): the burst covers a reconnect storm of every window
    // and device a user has open; beyond it 1013 until the bucket refills. Failed handshakes are limited per
    // address by RateLimitConfig::failedAuth, so one NAT address carries many honest users.
    double newConnectionsPerUserPerSecond = 2;
    int newConnectionsPerUserBurst = 20;
    int replayBatch = 500;
    // A replay read that fails (storage trouble) is retried after this delay; after replayMaxFailures
    // failures in a row the connection is closed with 1011 and the client resumes by seq on reconnect.
    int replayRetryDelayMs = 200;
    int replayMaxFailures = 5;
    int feedPollIntervalMs = 1000; // re-read the log even without a wake-up (another process may write it)
    // Told to every client in connection_established: spread the first reconnect after a drop uniformly over
    // this window, so a node's lost clients do not reach the other nodes in one burst. 0 sends none.
    int reconnectJitterMs = 5000;
    int maxInvalidMessages = 10;   // invalid client messages per connection before it is closed with 1008
    int closeGraceMs = 5000;       // after our close frame, abort a peer that has not closed by then
    // Kernel send buffer per connection (SO_SNDBUF on the listening socket, inherited when accepted);
    // 0 keeps the OS default, which autotunes up to megabytes per socket and so hides a stalled reader
    // from maxPendingBytes for that long.
    int socketSendBufferBytes = 0;
    // Browser origins allowed to open feeds ("https://bets.example.com", comma-separated; "*" allows any).
    // An upgrade that carries another Origin is refused with 1008: a page on another site must not ride on
    // a user's token (cross-site WebSocket hijacking). Native clients send no Origin and are always allowed.
    QString allowedOrigins;
};

struct EmailConfig
{
    bool enabled = false; // off unless SMTP_SERVER is set (or --smtp-server)
    QString server;
    int port = 25;
    QString username;
    QString password; // never logged
    QString fromEmail = QStringLiteral("noreply@betthat.local");
    QString fromName = QStringLiteral("Bet That");
    QString tls = QStringLiteral("none"); // starttls | ssl | none
    int maxAttempts = 16; // with the 2 s base and 10 min cap: given up 40-77 min after the first try
    int retryBaseMs = 2000;
    int retryCapMs = 60 * 60 * 1000; // with 16 attempts a message survives an SMTP outage of about 2.6-5 hours
    int pollIntervalMs = 1000;
    int timeoutMs = 15000;
    bool notifications = true; // EMAIL_NOTIFICATIONS=on|off; enabled needs this and a server
    QString caFile;            // PEM bundle trusted for the SMTP server's certificate; empty: the system's
    int batchSize = 50;        // messages sent over one SMTP connection before the outbox is re-read
    // Mail provisional settlements too. Off: the bettor is mailed once, when the result is confirmed (a
    // provisional result may still change, and one mail per outcome is what bettors expect).
    bool notifyProvisional = false;
};

// Webhooks (docs/INTEGRATIONS.md). Endpoints are registered over the API; these tune delivery.
struct WebhookConfig
{
    bool enabled = true; // false: no worker thread (the endpoints and their cursors stay)
    // Refuse private, loopback, link-local, multicast and reserved destinations, at registration (IP literals
    // and localhost) and again at delivery after DNS (the address curl is about to connect to).
    bool allowPrivate = false; // --webhooks-allow-private: tests and a receiver on the same host or LAN
    int retryBaseMs = 1000; // backoff after the n-th consecutive failure: base x 2^(n-1), at most cap, jittered
    int retryCapMs = 60 * 60 * 1000;
    // Consecutive failed attempts after which an endpoint is disabled (with a warning). With the defaults
    // about 7-14 hours of a receiver that keeps failing.
    int failureThreshold = 25;
    int timeoutMs = 10000; // per request, connect included
    int pollIntervalMs = 1000; // re-read the log without a wake-up (backoffs ending, another process writing)
    int batchSize = 100; // events read per endpoint and turn, so one busy endpoint does not starve the others
    int keepDeliveries = 100; // attempts kept per endpoint for GET .../deliveries
    int maxEndpoints = 100;
};

// Token buckets (docs/SECURITY.md). perSecond or burst <= 0 turns a limit off.
struct RateLimitConfig
{
    // Authenticated REST calls and polls, per user: beyond the burst 429 with Retry-After.
    double requestsPerSecond = 10;
    int requestBurst = 20;
    // The same for operators: the admin window fetches every bet a bulk resolve changed, and the live panel
    // scrapes /metrics, so staff get a larger allowance (still a bound if an operator token leaks).
    double operatorRequestsPerSecond = 100;
    int operatorRequestBurst = 500;
    // Failed authentications per address, HTTP and WebSocket together: after the burst the address is
    // refused (429 / close 1013) without a token lookup until the bucket refills: 10, then one every 6 s.
    double failedAuthPerSecond = 1.0 / 6;
    int failedAuthBurst = 10;
};

// GET /metrics on a listener of its own (and to operator tokens on the main port).
struct MetricsConfig
{
    QHostAddress bind = QHostAddress::LocalHost; // loopback: scrapers on the host, or a proxy in front
    int port = 0; // 0: no separate listener (operators still read /metrics on the main port)
};

// The guarded network edge (server/edge, docs/EDGE.md): limits enforced on every connection before Qt's HTTP
// server or WebSocket code buffers what a client sent. Sizes in bytes, times in milliseconds.
struct EdgeConfig
{
    int maxRequestLineBytes = 8 * 1024; // longer request line: 414
    int maxHeaderBytes = 32 * 1024;     // all header lines of one request: 431 above this
    int maxHeaderFields = 100;          // more header lines: 431
    int headerTimeoutMs = 10000;        // a request head (or the first one after connecting) must be complete by then
    int bodyTimeoutMs = 30000;          // a request body must be complete this long after its head
    int idleTimeoutMs = 60000;          // a keep-alive connection with no request for this long is closed
    // Pipelining: while more than this many answer bytes wait to be sent, no further request of the connection
    // is handed to the HTTP server (the connection stops reading); stuck like that for pipelineStallTimeoutMs,
    // it is closed.
    qint64 maxPendingAnswerBytes = 1024 * 1024;
    int pipelineStallTimeoutMs = 30000;
    int handshakeTimeoutMs = 10000; // after an upgrade request's head, the WebSocket must be accepted by then
    // After an error answer: how long the connection keeps draining what the client still sends so that the
    // answer is read rather than lost to a reset, and how much it drains at most.
    int lingerMs = 2000;
    qint64 lingerMaxBytes = 1024 * 1024;
    int maxHttpConnections = 20000;           // plain HTTP connections (upgraded WebSockets leave this count)
    int maxHttpConnectionsPerAddress = 2000;  // per client address; beyond either cap: 503 and close
    int acceptRetryMs = 250;    // out of descriptors (EMFILE/ENFILE): accepting pauses this long, then resumes
    int logIntervalMs = 10000;  // refusals and accept failures are logged at most once per interval
    int readBufferBytes = 0;    // bytes Qt reads from the kernel ahead; 0: the head limits plus maxBodyBytes
    bool raiseFileLimit = true; // raise RLIMIT_NOFILE's soft limit to its hard limit at start
};

struct ServerConfig
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 8000; // 0: any free port (tests)
    QString dbPath;      // SQLite file or postgres:// URL (storage/databaselocation.h); empty: the app data dir
    qint64 disputeWindowMs = 7LL * 24 * 3600 * 1000;
    bool demo = false;   // seed demo users and bets into an empty database
    qint64 maxBodyBytes = 64 * 1024;
    int listenBacklog = 1024; // pending TCP connections the kernel queues before accept()
    RateLimitConfig rateLimits;
    EdgeConfig edge;
    RealtimeConfig realtime;
    EmailConfig email;
    WebhookConfig webhooks;
    MetricsConfig metrics;
};

} // namespace betthat::server
