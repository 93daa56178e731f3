#pragma once

// Live bet events for one feed: WebSocket first, HTTP polling as fallback, exact resume by seq, backoff with
// jitter.

#include "apitypes.h"
#include "backoff.h"
#include "common/betevent.h"
#include "serverendpoint.h"

#include <QAbstractSocket>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

class QTimer;
class QWebSocket;

namespace betthat::app {

class ApiClient;
class CursorStore;

class RealTimeClient : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Stopped, // not started, or stop() was called
        Connecting, // first WebSocket attempt after start()
        Live, // WebSocket open and authenticated (connection_established received)
        Reconnecting, // WebSocket lost or refused; the next attempt is scheduled (nextRetryIn())
        Polling, // WebSocket failed repeatedly; events come by HTTP polling, WebSocket retried at the cap
        Offline, // WebSocket failed repeatedly and polling fails too: the server is unreachable
        AuthFailed, // 4401/4403, or 401/403 on a poll: nothing is retried until start() (after setEndpoint())
    };
    Q_ENUM(State)

    // Every interval is injectable; tests use tens of milliseconds.
    struct Config
    {
        int backoffBaseMs = 1000;
        int backoffCapMs = 30000;
        int stableAfterMs = 10000; // a connection up this long resets the backoff
        int failuresBeforePolling = 3; // consecutive failed WebSocket attempts before polling
        int pollIntervalMs = 5000;
        int pollLimit = 500; // events per poll request (has_more drains the rest at once)
        int heartbeatIntervalMs = 25000; // ping when idle this long; silence for 2 intervals = lost
        int connectTimeoutMs = 10000; // a handshake not finished by then counts as a failed attempt
        int requestTimeoutMs = 15000; // each poll request
    };

    // Monotonic milliseconds; injectable so tests control "stayed up 10 s".
    using MonotonicClock = std::function<qint64()>;

    // feedUserId: whose events (a bettor passes their own id; an operator a bettor's id, or empty for the
    // global feed). The cursor is kept in `cursors` under (server, feed); nullptr: in memory only.
    RealTimeClient(ServerEndpoint endpoint, QString feedUserId, CursorStore *cursors = nullptr,
        QObject *parent = nullptr);
    ~RealTimeClient() override;

    // Configuration and injection: call before start() (taking effect at the next scheduling otherwise).
    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    void setRandomSource(Backoff::RandomSource random);
    void setClock(MonotonicClock clock);

    void start(); // loads the cursor, connects
    void stop(); // closes everything, keeps the cursor; state Stopped
    void retryNow(); // skip the pending backoff delay (a click on "Reconnecting in N s")
    // Sends {"type":"ping"} on a live socket (false otherwise); pongReceived() follows everything sent before.
    bool ping();
    // Switches feed (operator "View as..."): stops, loads that feed's cursor, starts again if it was running.
    void setFeedUserId(const QString &feedUserId);
    // New server or token (after signing in again): stops, loads that server's cursor, starts again if it was
    // running. After AuthFailed call start() yourself.
    void setEndpoint(const ServerEndpoint &endpoint);

    State state() const { return m_state; }
    static QString stateName(State state);
    bool isConnected() const { return m_state == State::Live; } // true only on a live WebSocket
    QString feedUserId() const { return m_feedUserId; }
    const ServerEndpoint &endpoint() const { return m_endpoint; }
    QString lastError() const { return m_lastError; }
    // The last message received (any WebSocket message, or the last event of a poll).
    QJsonObject lastMessage() const { return m_lastMessage; }
    // Last applied (and persisted) seq; -1 until known. A feed without a stored cursor starts at the server's
    // head (no history replay) and announces that with resyncRequired("initial").
    qint64 lastSeq() const { return m_lastSeq; }
    // Milliseconds until the scheduled WebSocket retry; -1 when none is scheduled.
    int nextRetryIn() const;
    int consecutiveFailures() const { return m_consecutiveFailures; }
    // The reconnect_jitter_ms of the last connection_established (0: none announced): after a drop the first
    // retry is drawn uniformly from [0, min(it, backoffCapMs)], so the clients of a node that went away do
    // not all land on the remaining nodes in the same instant.
    int reconnectJitterMs() const { return m_reconnectJitterMs; }

Q_SIGNALS:
    void stateChanged(betthat::app::RealTimeClient::State state);
    // Every event applied, exactly once, in seq order.
    void eventReceived(const betthat::BetEvent &event);
    // Reload the bets from the API; live updates continue from lastSeq(). Reasons: the server's (our cursor
    // is older than its retained log or ahead of it) or "initial" (first start of a feed without a cursor).
    void resyncRequired(const QString &reason);
    void lastErrorChanged(const QString &error);
    // Diagnostics (status bar tooltips, tests): one WebSocket attempt begins / a retry is scheduled.
    void connectAttempted(int attemptNumber);
    void retryScheduled(int attempt, int delayMs);
    void pollFinished(bool ok);

private:
    void setState(State state);
    void setLastError(const QString &error);
    void openSocket();
    void endSocket(QWebSocket *socket, const QString &fallbackReason);
    void dropSocket();
    void onTextMessage(const QString &text);
    void onHeartbeat();
    // afterDrop: the first retry after an established connection was lost, spread over the server's
    // reconnect jitter window rather than the backoff's first step.
    void scheduleRetry(bool afterDrop = false);
    void startPolling();
    void poll();
    void onPollFinished(const Result<UpdatesPage> &page);
    void applyEvent(const BetEvent &event);
    void applyResync(const QString &reason, qint64 serverLastSeq);
    void adoptInitialCursor(qint64 serverLastSeq);
    void updateFallbackState();
    void failAuth(const QString &message);
    void sendJson(const QJsonObject &message);
    QString cursorKey() const;
    void saveCursorSoon();
    void saveCursorNow();
    qint64 now() const;

    ServerEndpoint m_endpoint;
    QString m_feedUserId;
    QPointer<CursorStore> m_cursors;
    Config m_config;
    MonotonicClock m_clock;
    Backoff m_backoff;
    Backoff m_pollBackoff; // failed polls without Retry-After
    ApiClient *m_api;

    QWebSocket *m_socket = nullptr;
    QTimer *m_retryTimer;
    QTimer *m_pollTimer;
    QTimer *m_heartbeatTimer;
    QTimer *m_connectTimer;
    QTimer *m_saveTimer; // coalesces cursor writes to one per event-loop turn during bursts

    State m_state = State::Stopped;
    QString m_lastError;
    QJsonObject m_lastMessage;
    qint64 m_lastSeq = -1;
    int m_consecutiveFailures = 0;
    int m_reconnectJitterMs = 0;
    Backoff::RandomSource m_random; // null: the system's
    int m_attemptNumber = 0;
    bool m_established = false; // connection_established seen on the current socket
    qint64 m_establishedAt = 0;
    qint64 m_lastReceivedAt = 0;
    qint64 m_lastSentAt = 0;
    bool m_polling = false; // the poll loop runs
    bool m_pollInFlight = false;
    bool m_pollAgain = false; // a poll was asked for while one was in flight
    std::optional<bool> m_lastPollOk; // unknown until the first poll of a polling period answers
    bool m_finalCatchUp = false; // one last poll after the WebSocket came back, then polling stops
    bool m_destroying = false;
};

} // namespace betthat::app
