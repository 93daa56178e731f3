#pragma once

// One WebSocket connection: who it is, what it watches, how far it got (cursor), replay, keepalive, limits.

#include "common/error.h"
#include "common/protocol.h"
#include "common/user.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>

class QWebSocket;

namespace betthat::server {

class WsHub;

// The cursor (last seq sent) is the single authority against gaps and duplicates: every event, live or
// replayed, goes out only if its seq is above it. While replaying, live events are ignored; the replay
// reads them from the log, and the session turns live once a read comes back short (it has reached the
// log's end, hence everything the hub has delivered). A read that fails is not short: the session stays in
// replay (live events still deferred), retries after a delay and, if the log stays unreadable, closes with
// 1011 so the client resumes by seq elsewhere or later.
class WsSession : public QObject
{
    Q_OBJECT
public:
    WsSession(std::unique_ptr<QWebSocket> socket, const User &user, const QString &subject, WsHub &hub,
        QObject *parent = nullptr);
    ~WsSession() override;

    // Sends connection_established, starts keepalive, and replays events after sinceSeq if given.
    void start(std::optional<qint64> sinceSeq);
    // A committed event from the hub, already routed to this session by subject; the session's filter decides
    // whether it goes out. Returns whether it was sent.
    bool offerLive(const BetEvent &event, const QString &type, const QString &text);
    // Sends a close frame; the socket is aborted if the peer has not gone after the grace period.
    void close(int code, const QString &reason);
    void flush();

    const User &user() const { return m_user; }
    const QString &subject() const { return m_subject; } // empty: the global feed
    const EventFilter &filter() const { return m_filter; }
    void setFilter(const EventFilter &filter) { m_filter = filter; }
    qint64 cursor() const { return m_cursor; }
    bool isReplaying() const { return m_replaying; }
    bool isClosing() const { return m_closing; }
    QString peer() const { return m_peer; }

Q_SIGNALS:
    void finished(betthat::server::WsSession *session);

private:
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void handle(const protocol::ClientMessage &message);
    void subscribe(const QString &userId, const EventFilter &filter);
    void rejectMessage(const QString &code, const QString &message);

    void startReplay(qint64 sinceSeq);
    bool positionReplay();
    void scheduleReplayStep();
    void replayStep(quint64 generation);
    void replayReadFailed(const Error &error);
    void resync(const QString &reason);

    void sendJson(const QJsonObject &message);
    void sendText(const QString &text, const QString &type);
    void checkBackpressure();
    void onBytesWritten();
    void onKeepaliveTick();
    void onDisconnected();

    std::unique_ptr<QWebSocket> m_socket;
    User m_user;
    QString m_subject;
    EventFilter m_filter; // applied live and in replays alike, after the subject narrowed the feed
    WsHub &m_hub;
    QString m_peer;

    qint64 m_cursor = 0;
    bool m_replaying = false;
    bool m_waitingForDrain = false;
    quint64 m_replayGeneration = 0; // bumps on every resume/subscribe so a stale step does nothing
    int m_replayStepSize = 1;
    qint64 m_replaySince = 0; // the resume cursor asked for
    bool m_replayPositioned = false; // its checks against the log (ahead, pruned) have been made
    int m_replayFailures = 0; // failed reads in a row

    int m_unflushedMessages = 0; // sent since the socket's buffer was last empty
    int m_invalidMessages = 0;
    int m_unansweredPings = 0;
    bool m_closing = false;
    QTimer m_keepalive;
    QTimer m_abortAfterClose;
};

} // namespace betthat::server
