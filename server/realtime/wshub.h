#pragma once

// The live fan-out of one event loop: which connection watches which user, and delivery of committed events.

#include "common/betevent.h"
#include "common/eventfilter.h"
#include "common/timeutil.h"
#include "common/user.h"
#include "server/serverconfig.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <memory>
#include <optional>

class QWebSocket;

namespace betthat::server {

class EventLog;
class RealtimeStats;
class WsSession;

// Owns the sessions of its thread. Its input is deliver(): one committed event at a time, in seq order
// (today from EventFeed in the same thread; with one hub per core, from a queued signal). Everything a
// session needs beyond that (replay) it reads from the EventLog, never from another hub.
class WsHub : public QObject
{
    Q_OBJECT
public:
    WsHub(EventLog &log, const RealtimeConfig &config, RealtimeStats &stats, Clock clock,
        QObject *parent = nullptr);
    ~WsHub() override;

    // Sends the event to the owner's watchers and the global feed: O(recipients), serialised once.
    void deliver(const BetEvent &event);
    // Every event up to this seq has been offered to the live sessions.
    qint64 deliveredSeq() const { return m_deliveredSeq; }
    void setDeliveredSeq(qint64 seq) { m_deliveredSeq = seq; }

    // Takes an authenticated connection. subject: the user whose events it gets; empty = every event.
    // filter: narrows what the subject's feed sends (never widens it: the index is by subject).
    WsSession *addSession(std::unique_ptr<QWebSocket> socket, const User &user, const QString &subject,
        std::optional<qint64> sinceSeq, const EventFilter &filter = {});
    // Closes every session with the code (shutdown: 1001) and, if `destroy`, deletes them now.
    void closeAll(int code, const QString &reason, bool destroy);

    int sessionCount() const { return int(m_sessions.size()); }
    int globalFeedCount() const { return int(m_global.size()); }
    int watchedUserCount() const { return int(m_byUser.size()); }

    // For sessions.
    EventLog &log() { return m_log; }
    const RealtimeConfig &config() const { return m_config; }
    RealtimeStats &stats() { return m_stats; }
    QDateTime now() const { return m_clock(); }
    void resubscribe(WsSession *session, const QString &oldSubject);

Q_SIGNALS:
    // A session is gone (its socket disconnected); userId is the authenticated user, for the limiter.
    void sessionFinished(const QString &userId);

private:
    void index(WsSession *session);
    void unindex(WsSession *session, const QString &subject);
    void onSessionFinished(WsSession *session);

    EventLog &m_log;
    const RealtimeConfig &m_config;
    RealtimeStats &m_stats;
    Clock m_clock;
    qint64 m_deliveredSeq = 0;
    QSet<WsSession *> m_sessions;
    QHash<QString, QSet<WsSession *>> m_byUser; // subject user id -> sessions watching that user
    QSet<WsSession *> m_global; // operators on the global feed
};

} // namespace betthat::server
