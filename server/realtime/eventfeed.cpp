#include "eventfeed.h"

#include "server/realtime/wslogging.h"
#include "server/storage/repository.h"

namespace betthat::server {

EventFeed::EventFeed(Repository &repository, int batchSize, int pollIntervalMs, QObject *parent)
    : QObject(parent)
    , m_repository(repository)
    , m_batchSize(qBound(1, batchSize, 1000))
{
    m_readSoon.setSingleShot(true);
    m_readSoon.setInterval(0);
    connect(&m_readSoon, &QTimer::timeout, this, &EventFeed::readNow);
    m_poll.setInterval(qMax(10, pollIntervalMs));
    connect(&m_poll, &QTimer::timeout, this, &EventFeed::readNow);
}

void EventFeed::start(qint64 fromSeq)
{
    m_position = fromSeq;
    m_running = true;
    m_poll.start();
}

void EventFeed::stop()
{
    m_running = false;
    m_poll.stop();
    m_readSoon.stop();
}

void EventFeed::wake(qint64 seq)
{
    if (!m_running || (seq > 0 && seq <= m_position))
        return;
    if (!m_readSoon.isActive())
        m_readSoon.start();
}

void EventFeed::readNow()
{
    if (!m_running)
        return;
    EventQuery query;
    query.afterSeq = m_position;
    query.limit = m_batchSize;
    const QList<BetEvent> events = m_repository.events(query);
    for (const BetEvent &event : events) {
        if (event.seq <= m_position) // a misbehaving store must not make us deliver twice or go back
            continue;
        m_position = event.seq;
        Q_EMIT eventAvailable(event);
        if (!m_running) // a receiver may stop us (shutdown) mid-batch
            return;
    }
    // A full batch means there may be more: continue on the next loop turn so sockets get to flush.
    if (events.size() >= m_batchSize)
        m_readSoon.start();
    if (!events.isEmpty())
        qCDebug(lcWs) << "feed read" << events.size() << "events, position" << m_position;
}

} // namespace betthat::server
