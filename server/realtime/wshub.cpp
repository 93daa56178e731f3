#include "wshub.h"

#include "common/jsoncodec.h"
#include "server/logcategories.h"
#include "server/realtime/realtimestats.h"
#include "server/realtime/wssession.h"

#include <QWebSocket>

namespace betthat::server {

WsHub::WsHub(
    EventLog &log, const RealtimeConfig &config, RealtimeStats &stats, Clock clock, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_config(config)
    , m_stats(stats)
    , m_clock(std::move(clock))
{ }

WsHub::~WsHub()
{
    // Sessions are children; make sure none calls back into a half-destroyed hub.
    const auto sessions = m_sessions;
    for (WsSession *session : sessions)
        disconnect(session, nullptr, this, nullptr);
}

void WsHub::deliver(const BetEvent &event)
{
    if (event.seq <= m_deliveredSeq)
        return;
    m_deliveredSeq = event.seq;
    const auto watchers = m_byUser.constFind(event.userId);
    const bool hasWatchers = watchers != m_byUser.cend() && !watchers->isEmpty();
    if (!hasWatchers && m_global.isEmpty())
        return;
    // One serialisation per event; QString is implicitly shared, so every send reuses these bytes.
    const QString text = QString::fromUtf8(json::toBytes(json::encode(event)));
    const QString type = eventTypeName(event.type);
    int recipients = 0;
    // Copies of the sets: a send may close a session (slow consumer), which must not invalidate the loop.
    if (hasWatchers) {
        const QSet<WsSession *> targets = *watchers;
        for (WsSession *session : targets)
            recipients += session->offerLive(event, type, text) ? 1 : 0;
    }
    const QSet<WsSession *> global = m_global;
    for (WsSession *session : global)
        recipients += session->offerLive(event, type, text) ? 1 : 0;
    qCDebug(lcWs) << "delivered seq" << event.seq << type << "to" << recipients << "connections";
}

WsSession *WsHub::addSession(std::unique_ptr<QWebSocket> socket, const User &user, const QString &subject,
    std::optional<qint64> sinceSeq, const EventFilter &filter)
{
    auto *session = new WsSession(std::move(socket), user, subject, *this, this);
    session->setFilter(filter);
    m_sessions.insert(session);
    index(session);
    connect(session, &WsSession::finished, this, &WsHub::onSessionFinished);
    session->start(sinceSeq);
    return session;
}

void WsHub::closeAll(int code, const QString &reason, bool destroy)
{
    const auto sessions = m_sessions;
    for (WsSession *session : sessions)
        session->close(code, reason);
    if (!destroy)
        return;
    // Shutdown: the sockets must go before the HTTP server that owns their TCP sockets.
    for (WsSession *session : sessions) {
        if (!m_sessions.remove(session))
            continue;
        session->flush();
        unindex(session, session->subject());
        disconnect(session, nullptr, this, nullptr);
        const QString userId = session->user().id;
        delete session;
        Q_EMIT sessionFinished(userId);
    }
}

void WsHub::resubscribe(WsSession *session, const QString &oldSubject)
{
    unindex(session, oldSubject);
    index(session);
}

void WsHub::index(WsSession *session)
{
    if (session->subject().isEmpty())
        m_global.insert(session);
    else
        m_byUser[session->subject()].insert(session);
}

void WsHub::unindex(WsSession *session, const QString &subject)
{
    if (subject.isEmpty()) {
        m_global.remove(session);
        return;
    }
    auto it = m_byUser.find(subject);
    if (it == m_byUser.end())
        return;
    it->remove(session);
    if (it->isEmpty())
        m_byUser.erase(it);
}

void WsHub::onSessionFinished(WsSession *session)
{
    if (!m_sessions.remove(session))
        return;
    unindex(session, session->subject());
    disconnect(session, nullptr, this, nullptr);
    const QString userId = session->user().id;
    session->deleteLater();
    Q_EMIT sessionFinished(userId);
}

} // namespace betthat::server
