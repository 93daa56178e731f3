#pragma once

// Reads committed events from the log in seq order and hands each one on exactly once (to the hub).

#include "common/betevent.h"

#include <QObject>
#include <QTimer>

namespace betthat::server {

class Repository;

// The log, not the committing code, is the source of truth: a wake-up only says "read now", and a periodic
// re-read catches writers the process never hears about (another node on the same database).
// Assumes seqs become visible in seq order, true for SQLite's single writer. A PostgreSQL log with
// concurrent writers can expose seq 11 before seq 10 commits; that store needs a hold-back on gaps here.
class EventFeed : public QObject
{
    Q_OBJECT
public:
    EventFeed(Repository &repository, int batchSize, int pollIntervalMs, QObject *parent = nullptr);

    // Events with seq <= fromSeq are history: they are never emitted, only replayed on request.
    void start(qint64 fromSeq);
    void stop();
    // The last seq emitted: everything up to it has been handed on.
    qint64 position() const { return m_position; }

public Q_SLOTS:
    // Schedules one read; many wake-ups before it runs cost one query. `seq` (0: unknown) lets a stale
    // wake-up be ignored.
    void wake(qint64 seq = 0);

Q_SIGNALS:
    void eventAvailable(const betthat::BetEvent &event);

private:
    void readNow();

    Repository &m_repository;
    int m_batchSize;
    QTimer m_readSoon; // single-shot, 0 ms: coalesces wake-ups into one read per event-loop turn
    QTimer m_poll;
    qint64 m_position = 0;
    bool m_running = false;
};

} // namespace betthat::server
