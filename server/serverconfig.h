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
    int maxConnections = 10000;
    int maxConnectionsPerUser = 20;
    int maxNewConnectionsPerSecondPerIp = 50;
    int replayBatch = 500;
    // A replay read that fails (storage trouble) is retried after this delay; after replayMaxFailures
    // failures in a row the connection is closed with 1011 and the client resumes by seq on reconnect.
    int replayRetryDelayMs = 200;
    int replayMaxFailures = 5;
    int feedPollIntervalMs = 1000; // re-read the log even without a wake-up (another process may write it)
    int maxInvalidMessages = 10;   // invalid client messages per connection before it is closed with 1008
    int closeGraceMs = 5000;       // after our close frame, abort a peer that has not closed by then
    // Kernel send buffer per connection (SO_SNDBUF on the listening socket, inherited when accepted);
    // 0 keeps the OS default, which autotunes up to megabytes per socket and so hides a stalled reader
    // from maxPendingBytes for that long.
    int socketSendBufferBytes = 0;
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

struct ServerConfig
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 8000; // 0: any free port (tests)
    QString dbPath;      // SQLite file or postgres:// URL (storage/databaselocation.h); empty: the app data dir
    qint64 disputeWindowMs = 7LL * 24 * 3600 * 1000;
    bool demo = false;   // seed demo users and bets into an empty database
    qint64 maxBodyBytes = 64 * 1024;
    int listenBacklog = 1024; // pending TCP connections the kernel queues before accept()
    RealtimeConfig realtime;
    EmailConfig email;
    WebhookConfig webhooks;
};

} // namespace betthat::server
