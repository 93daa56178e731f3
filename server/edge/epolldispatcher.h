#pragma once

// EpollDispatcher: a QAbstractEventDispatcher on Linux epoll, so one event-loop turn costs O(ready sockets)
// instead of O(registered sockets) like Qt's poll()-based UNIX dispatcher.

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QList>
#include <QStringList>

#include <map>
#include <sys/epoll.h>
#include <unordered_map>
#include <vector>

class QSocketNotifier;

namespace betthat::server {

// Semantics follow QEventDispatcherUNIX (Qt 6.4): each turn sends the posted events, emits awake() and, before
// blocking, aboutToBlock(); sockets are level-triggered (a notifier fires every turn while its socket is
// ready) and get QEvent::SockAct; notifiers registered, unregistered or deleted inside another's callback are
// handled; timers keep Qt's types: Precise to the millisecond, Coarse within 5 % of the interval (aligned so
// that coarse timers wake up together, never early), VeryCoarse on whole seconds. Install it before the thread
// or application starts: QCoreApplication::setEventDispatcher() or QThread::setEventDispatcher(), which take
// ownership. Linux only.
class EpollDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // How many descriptors the dispatcher watches, timers it holds: what a test checks after a callback
    // removed or deleted notifiers.
    int watchedDescriptorCount() const;
    int timerCount() const { return int(m_timers.size()); }

private:
    // The notifiers of one descriptor, at most one per QSocketNotifier::Type (Read, Write, Exception).
    struct Descriptor
    {
        QSocketNotifier *notifiers[3] = { nullptr, nullptr, nullptr };
        quint32 events = 0; // what epoll watches for now
        bool inEpoll = false;
        bool alwaysReady = false; // a regular file: epoll refuses it, poll() calls it ready
        quint8 pendingTypes = 0; // bit per type: its notifier is queued for activation this turn
        bool isEmpty() const { return !notifiers[0] && !notifiers[1] && !notifiers[2]; }
    };
    struct Timer
    {
        int id = 0;
        qint64 intervalMs = 0; // as registered (reported by registeredTimers)
        Qt::TimerType type = Qt::CoarseTimer; // as registered
        Qt::TimerType effectiveType = Qt::CoarseTimer; // Coarse below 20 ms is Precise, from 20 s VeryCoarse
        QObject *object = nullptr;
        qint64 expectedNs = 0; // start + n x interval, CLOCK_MONOTONIC
        qint64 deadlineNs = 0; // when it fires: expectedNs rounded up for its type
        quint64 serial = 0; // unique per registration: a reused timer id is a different timer
        bool inCallback = false; // not re-entered from a nested event loop in its own callback
    };
    using DeadlineKey = std::pair<qint64, quint64>; // (deadline, serial): equal deadlines fire in start order

    void updateEpoll(int fd, Descriptor &descriptor);
    int activateSocketNotifiers(int readyCount, bool includeNotifiers);
    int activateTimers();
    void schedule(Timer &timer, qint64 nowNs, bool first);
    int waitTimeoutMs(bool includeTimers) const;
    void drainWakeUp();

    int m_epoll = -1; // every socket and the wake-up
    int m_wakeEpoll = -1; // the wake-up alone: turns that exclude socket notifiers must not spin on them
    int m_wakeFd = -1; // eventfd
    QAtomicInt m_wakeUpPending; // one write() per turn, however many events are posted
    QAtomicInt m_interrupted;

    std::vector<Descriptor> m_descriptors; // indexed by file descriptor
    int m_watched = 0;
    std::vector<int> m_alwaysReadyFds;
    QList<QSocketNotifier *> m_pending; // ready this turn, not yet activated; unregistering removes
    std::vector<struct epoll_event> m_ready;

    std::unordered_map<int, Timer> m_timers; // by id
    std::unordered_multimap<QObject *, int> m_timersByObject;
    std::map<DeadlineKey, int> m_deadlines; // the nearest is the next epoll_wait timeout
    quint64 m_nextSerial = 1;
};

// Which event dispatcher betthat-server runs on: `--event-dispatcher epoll|qt` (taken out of the arguments,
// which then go to the ordinary command line), else the environment variable BETTHAT_EVENT_DISPATCHER, else
// epoll. `qt` keeps Qt's stock dispatcher (the UNIX one with QT_NO_GLIB=1). Works before a QCoreApplication
// exists; on a bad value `error` says why.
struct EventDispatcherChoice
{
    bool epoll = true;
    QString error;
};
EventDispatcherChoice chooseEventDispatcher(QStringList *arguments, const QString &environmentValue);

} // namespace betthat::server
