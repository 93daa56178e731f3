#pragma once

// Reads committed events from the log in seq order and hands each one on exactly once (to the hub).

#include "common/betevent.h"
#include "common/error.h"

#include <QObject>
#include <QTimer>

namespace betthat::server {

class EventLog;

// The log, not the committing code, is the source of truth: a wake-up only says "read now", and a periodic
// re-read catches writers the process never hears about (another node on the same database).
// A failed read moves nothing: the position stays and the next wake-up or poll reads from it again, so an
// outage delays events but never skips one.
// Assumes seqs become visible in seq order, true for SQLite's single writer. A PostgreSQL log with
// concurrent writers can expose seq 11 before seq 10 commits; that store needs a hold-back on gaps here.
class EventFeed : public QObject
{
    Q_OBJECT
public:
    EventFeed(EventLog &log, int batchSize, int pollIntervalMs, QObject *parent = nullptr);

    // Events with seq <= fromSeq are history: they are never emitted, only replayed on request.
    void start(qint64 fromSeq);
    // Starts at the log's current end. If that cannot be read yet, retries on every wake-up and poll and
    // emits nothing until it is known; positioned() tells when.
    void startAtHead();
    void stop();
    // The last seq emitted: everything up to it has been handed on. Meaningless until isPositioned().
    qint64 position() const { return m_position; }
    bool isPositioned() const { return m_positioned; }
    // Whether the last read of the log failed (the feed is waiting for the store to come back).
    bool isStalled() const { return m_stalled; }

public Q_SLOTS:
    // Schedules one read; many wake-ups before it runs cost one query. `seq` (0: unknown) lets a stale
    // wake-up be ignored.
    void wake(qint64 seq = 0);

Q_SIGNALS:
    void eventAvailable(const betthat::BetEvent &event);
    // The start position is known (at once for start(), after the first good read for startAtHead()).
    void positioned(qint64 seq);

private:
    void readNow();
    bool locateHead();
    void noteReadFailure(const Error &error);
    void noteReadSuccess();

    EventLog &m_log;
    int m_batchSize;
    QTimer m_readSoon; // single-shot, 0 ms: coalesces wake-ups into one read per event-loop turn
    QTimer m_poll;
    qint64 m_position = 0;
    bool m_running = false;
    bool m_positioned = false;
    bool m_stalled = false;
};

} // namespace betthat::server
