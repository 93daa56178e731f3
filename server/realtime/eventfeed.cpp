#include "eventfeed.h"

#include "server/logcategories.h"
#include "server/storage/eventlog.h"

namespace betthat::server {

EventFeed::EventFeed(EventLog &log, int batchSize, int pollIntervalMs, QObject *parent)
    : QObject(parent)
    , m_log(log)
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
    m_positioned = true;
    m_running = true;
    m_poll.start();
    Q_EMIT positioned(m_position);
}

void EventFeed::startAtHead()
{
    m_positioned = false;
    m_running = true;
    m_poll.start();
    locateHead();
}

void EventFeed::stop()
{
    m_running = false;
    m_poll.stop();
    m_readSoon.stop();
}

void EventFeed::wake(qint64 seq)
{
    if (!m_running || (m_positioned && seq > 0 && seq <= m_position))
        return;
    if (!m_readSoon.isActive())
        m_readSoon.start();
}

bool EventFeed::locateHead()
{
    const auto head = m_log.lastSeq();
    if (!head) {
        noteReadFailure(head.error());
        return false;
    }
    noteReadSuccess();
    m_position = *head;
    m_positioned = true;
    qCDebug(lcWs) << "feed positioned at seq" << m_position;
    Q_EMIT positioned(m_position);
    return true;
}

void EventFeed::readNow()
{
    if (!m_running)
        return;
    // Until the head is known, events already in the log cannot be told from new ones: emit nothing.
    if (!m_positioned) {
        locateHead();
        return;
    }
    EventQuery query;
    query.afterSeq = m_position;
    query.limit = m_batchSize;
    const auto read = m_log.events(query);
    if (!read) {
        // Keep the position: the next wake-up or poll reads from it again.
        noteReadFailure(read.error());
        return;
    }
    noteReadSuccess();
    const QList<BetEvent> &events = *read;
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

void EventFeed::noteReadFailure(const Error &error)
{
    // Once per outage, not once per poll.
    if (!m_stalled)
        qCWarning(lcWs).noquote() << "feed cannot read the event log, holding at seq" << m_position << "and"
                                  << "retrying:" << error.message;
    m_stalled = true;
}

void EventFeed::noteReadSuccess()
{
    if (m_stalled)
        qCInfo(lcWs) << "feed reads the event log again from seq" << m_position;
    m_stalled = false;
}

} // namespace betthat::server
