#include "server/edge/epolldispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>
#include <QTimerEvent>
#include <QVarLengthArray>

#include <algorithm>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace betthat::server {

// The dispatcher is a library of its own (QtCore only), so its category lives here rather than in the
// server's logcategories.h, which this library does not link.
Q_LOGGING_CATEGORY(lcDispatcher, "betthat.server.edge.dispatcher", QtInfoMsg)

namespace {

constexpr qint64 kNsPerMs = 1000 * 1000;
constexpr qint64 kNsPerSecond = 1000 * kNsPerMs;
// Enough for a busy turn; more ready descriptors stay ready (level-triggered) and come next turn.
constexpr int kMaxEventsPerTurn = 1024;

// The clock of QDeadlineTimer and QElapsedTimer on Linux, so remainingTime() agrees with theirs.
qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * kNsPerSecond + now.tv_nsec;
}

qint64 roundUpTo(qint64 value, qint64 step)
{
    return (value + step - 1) / step * step;
}

// Coarse timers may be late by up to 5 % of their interval. Rounding the deadline up to the coarsest "round"
// instant inside that slack makes timers with similar intervals expire in the same turn (one wake-up instead
// of several), which is the point of the type. Unlike Qt's own rounding this never fires early.
qint64 coarseDeadline(qint64 expectedNs, qint64 intervalMs)
{
    static const qint64 steps[] = { 1000, 500, 250, 100, 50, 25, 20, 10, 5, 2, 1 };
    const qint64 slackMs = intervalMs / 20;
    for (const qint64 step : steps) {
        if (step <= slackMs)
            return roundUpTo(expectedNs, step * kNsPerMs);
    }
    return expectedNs;
}

const char *typeName(int type)
{
    switch (type) {
    case QSocketNotifier::Read:
        return "Read";
    case QSocketNotifier::Write:
        return "Write";
    default:
        return "Exception";
    }
}

// What epoll reports that activates each notifier type: poll()'s mapping in Qt's UNIX dispatcher (a hang-up
// or error wakes readers, an error wakes writers), so sockets see the same sequence of activations.
constexpr quint32 kActivating[3] = {
    EPOLLIN | EPOLLHUP | EPOLLERR, // Read
    EPOLLOUT | EPOLLERR, // Write
    EPOLLPRI, // Exception
};
constexpr quint32 kWatching[3] = { EPOLLIN, EPOLLOUT, EPOLLPRI };

} // namespace

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_ready(kMaxEventsPerTurn)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeEpoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_wakeEpoll < 0 || m_wakeFd < 0)
        qFatal("EpollDispatcher: cannot create epoll or eventfd descriptors: %s", std::strerror(errno));
    epoll_event wake {};
    wake.events = EPOLLIN;
    wake.data.fd = m_wakeFd;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &wake) < 0
        || epoll_ctl(m_wakeEpoll, EPOLL_CTL_ADD, m_wakeFd, &wake) < 0)
        qFatal("EpollDispatcher: cannot watch its eventfd: %s", std::strerror(errno));
}

EpollDispatcher::~EpollDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_wakeEpoll);
    ::close(m_epoll);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    emit awake();
    // Whatever was posted (queued signals, deleteLater, events from other threads) before looking at sockets.
    // Posting wakes us up (QCoreApplication::postEvent calls wakeUp()), so nothing posted from now on is
    // missed by the wait below: the eventfd is readable and epoll_wait returns at once.
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    // ExcludeUserInputEvents needs nothing here: this dispatcher has no window-system input to hold back.
    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.loadRelaxed())
        return false;

    // Sockets that poll() would call ready forever (regular files) keep the loop from sleeping, as there.
    const bool busy = includeNotifiers && !m_alwaysReadyFds.empty();
    // Turns without socket notifiers wait on the wake-up alone: level-triggered sockets that nobody reads
    // in such a turn would otherwise make epoll_wait return at once, again and again.
    const int epoll = includeNotifiers ? m_epoll : m_wakeEpoll;
    int ready = 0;
    for (;;) {
        const int timeout = canWait && !busy ? waitTimeoutMs(includeTimers) : 0;
        ready = epoll_wait(epoll, m_ready.data(), int(m_ready.size()), timeout);
        if (ready >= 0)
            break;
        if (errno != EINTR) {
            qCWarning(lcDispatcher) << "epoll_wait failed:" << std::strerror(errno);
            ready = 0;
            break;
        }
        // A signal (SignalWatcher's handlers): wait again, with the timeout recomputed.
    }

    int handled = activateSocketNotifiers(ready, includeNotifiers);
    if (includeTimers)
        handled += activateTimers();
    return handled > 0;
}

int EpollDispatcher::activateSocketNotifiers(int readyCount, bool includeNotifiers)
{
    int woken = 0;
    // pendingTypes keeps a notifier from being queued twice when a callback runs a nested event loop while
    // the outer turn's queue is not empty.
    const auto enqueue = [this](Descriptor &descriptor, quint32 events) {
        for (int type = 0; type < 3; ++type) {
            QSocketNotifier *notifier = descriptor.notifiers[type];
            if (!notifier || !(events & kActivating[type]) || (descriptor.pendingTypes & (1u << type)))
                continue;
            descriptor.pendingTypes |= 1u << type;
            m_pending.append(notifier);
        }
    };
    for (int i = 0; i < readyCount; ++i) {
        const int fd = m_ready[size_t(i)].data.fd;
        if (fd == m_wakeFd) {
            drainWakeUp();
            woken = 1;
            continue;
        }
        if (!includeNotifiers || fd < 0 || size_t(fd) >= m_descriptors.size())
            continue;
        enqueue(m_descriptors[size_t(fd)], m_ready[size_t(i)].events);
    }
    if (includeNotifiers) {
        for (const int fd : m_alwaysReadyFds)
            enqueue(m_descriptors[size_t(fd)], EPOLLIN | EPOLLOUT);
    }

    // One at a time from the front: a callback may unregister or delete notifiers still in the queue (they
    // are taken out by unregisterSocketNotifier) or run a nested loop that continues this same queue.
    int activated = 0;
    QEvent event(QEvent::SockAct);
    while (!m_pending.isEmpty()) {
        QSocketNotifier *notifier = m_pending.takeFirst();
        const auto fd = size_t(notifier->socket());
        if (fd < m_descriptors.size())
            m_descriptors[fd].pendingTypes &= ~(1u << int(notifier->type()));
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return woken + activated;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const qintptr socket = notifier->socket();
    const int type = int(notifier->type());
    if (socket < 0 || socket > INT_MAX) {
        qCWarning(lcDispatcher) << "cannot watch invalid descriptor" << socket;
        return;
    }
    if (notifier->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcDispatcher) << "socket notifiers cannot be enabled from another thread";
        return;
    }
    const auto fd = size_t(socket);
    if (fd >= m_descriptors.size())
        m_descriptors.resize(qMax(fd + 1, m_descriptors.size() * 2));
    Descriptor &descriptor = m_descriptors[fd];
    if (descriptor.notifiers[type] && descriptor.notifiers[type] != notifier)
        qCWarning(lcDispatcher) << "multiple socket notifiers for descriptor" << socket << "and type"
                                << typeName(type);
    descriptor.notifiers[type] = notifier;
    updateEpoll(int(fd), descriptor);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier);
    const qintptr socket = notifier->socket();
    const int type = int(notifier->type());
    if (notifier->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcDispatcher) << "socket notifier of descriptor" << socket
                                << "cannot be disabled from another thread";
        return;
    }
    if (socket < 0 || size_t(socket) >= m_descriptors.size())
        return;
    Descriptor &descriptor = m_descriptors[size_t(socket)];
    // A notifier disabled or deleted by an earlier callback of this turn must not get its activation: the
    // pointer may already be dangling.
    if (descriptor.pendingTypes & (1u << type)) {
        if (m_pending.removeOne(notifier))
            descriptor.pendingTypes &= ~(1u << type);
    }
    if (!descriptor.notifiers[type])
        return;
    if (descriptor.notifiers[type] != notifier) {
        qCWarning(lcDispatcher) << "multiple socket notifiers for descriptor" << socket << "and type"
                                << typeName(type);
        return;
    }
    descriptor.notifiers[type] = nullptr;
    updateEpoll(int(socket), descriptor);
}

void EpollDispatcher::updateEpoll(int fd, Descriptor &descriptor)
{
    quint32 wanted = 0;
    for (int type = 0; type < 3; ++type) {
        if (descriptor.notifiers[type])
            wanted |= kWatching[type];
    }
    if (descriptor.alwaysReady) {
        if (!wanted) {
            descriptor.alwaysReady = false;
            m_alwaysReadyFds.erase(std::find(m_alwaysReadyFds.begin(), m_alwaysReadyFds.end(), fd));
        }
        return;
    }
    if (!wanted) {
        if (descriptor.inEpoll) {
            // Fails with EBADF when the descriptor was closed first; the kernel has dropped it then anyway.
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            descriptor.inEpoll = false;
            descriptor.events = 0;
            --m_watched;
        }
        return;
    }
    if (descriptor.inEpoll && descriptor.events == wanted)
        return;

    epoll_event event {};
    event.events = wanted;
    event.data.fd = fd;
    const int operation = descriptor.inEpoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int result = epoll_ctl(m_epoll, operation, fd, &event);
    // A descriptor closed without unregistering its notifiers left epoll on its own; the number may now
    // belong to a new socket. And the other way round.
    if (result < 0 && errno == ENOENT && operation == EPOLL_CTL_MOD)
        result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    else if (result < 0 && errno == EEXIST && operation == EPOLL_CTL_ADD)
        result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    if (result < 0 && errno == EPERM) {
        // A regular file: epoll cannot watch it and poll() reports it always ready, so do that.
        if (descriptor.inEpoll)
            --m_watched;
        descriptor.inEpoll = false;
        descriptor.alwaysReady = true;
        m_alwaysReadyFds.push_back(fd);
        return;
    }
    if (result < 0) {
        qCWarning(lcDispatcher) << "cannot watch descriptor" << fd << ":" << std::strerror(errno);
        return;
    }
    if (!descriptor.inEpoll)
        ++m_watched;
    descriptor.inEpoll = true;
    descriptor.events = wanted;
}

int EpollDispatcher::watchedDescriptorCount() const
{
    return m_watched + int(m_alwaysReadyFds.size());
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcDispatcher) << "registerTimer: invalid arguments";
        return;
    }
    if (object->thread() != thread() || thread() != QThread::currentThread()) {
        qCWarning(lcDispatcher) << "timers cannot be started from another thread";
        return;
    }
    // Qt never hands out a live id twice; if it did, the old registration's deadline must not linger.
    unregisterTimer(timerId);
    Timer timer;
    timer.id = timerId;
    timer.intervalMs = interval;
    timer.type = timerType;
    // As Qt does: below 20 ms, 5 % is under a millisecond, so a coarse timer is a precise one; from 20 s on,
    // 5 % is a second or more, so it is a very coarse one.
    timer.effectiveType = timerType;
    if (timerType == Qt::CoarseTimer && interval <= 20)
        timer.effectiveType = Qt::PreciseTimer;
    else if (timerType == Qt::CoarseTimer && interval >= 20000)
        timer.effectiveType = Qt::VeryCoarseTimer;
    timer.object = object;
    timer.serial = m_nextSerial++;
    schedule(timer, monotonicNs(), true);
    m_deadlines.emplace(DeadlineKey { timer.deadlineNs, timer.serial }, timerId);
    m_timersByObject.emplace(object, timerId);
    m_timers[timerId] = timer;
}

void EpollDispatcher::schedule(Timer &timer, qint64 nowNs, bool first)
{
    if (timer.intervalMs == 0) {
        // Zero timers fire once per turn, whatever their type.
        timer.expectedNs = nowNs;
        timer.deadlineNs = nowNs;
        return;
    }
    const qint64 intervalNs = timer.effectiveType == Qt::VeryCoarseTimer
        ? qMax<qint64>(1, (timer.intervalMs + 500) / 1000) * kNsPerSecond
        : timer.intervalMs * kNsPerMs;
    // Periodic timers keep their phase (start + n × interval) unless they fell a whole interval behind; then
    // they restart from now rather than firing a burst to catch up.
    timer.expectedNs = first ? nowNs + intervalNs : timer.expectedNs + intervalNs;
    if (timer.expectedNs < nowNs)
        timer.expectedNs = nowNs + intervalNs;
    switch (timer.effectiveType) {
    case Qt::PreciseTimer:
        timer.deadlineNs = timer.expectedNs;
        break;
    case Qt::CoarseTimer:
        timer.deadlineNs = coarseDeadline(timer.expectedNs, timer.intervalMs);
        break;
    case Qt::VeryCoarseTimer:
        // Whole seconds only: every very coarse timer of the process wakes up on the same second boundary.
        timer.deadlineNs = roundUpTo(timer.expectedNs, kNsPerSecond);
        break;
    }
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    const Timer &timer = found->second;
    m_deadlines.erase(DeadlineKey { timer.deadlineNs, timer.serial });
    const auto range = m_timersByObject.equal_range(timer.object);
    for (auto it = range.first; it != range.second; ++it) {
        if (it->second == timerId) {
            m_timersByObject.erase(it);
            break;
        }
    }
    m_timers.erase(found);
    return true;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    const auto range = m_timersByObject.equal_range(object);
    QVarLengthArray<int, 8> ids;
    for (auto it = range.first; it != range.second; ++it)
        ids.append(it->second);
    for (const int id : ids)
        unregisterTimer(id);
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    const auto range = m_timersByObject.equal_range(object);
    for (auto it = range.first; it != range.second; ++it) {
        const Timer &timer = m_timers.at(it->second);
        timers.append(TimerInfo(timer.id, int(qMin<qint64>(timer.intervalMs, INT_MAX)), timer.type));
    }
    return timers;
}

int EpollDispatcher::remainingTime(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return -1;
    const qint64 remainingNs = found->second.deadlineNs - monotonicNs();
    return remainingNs <= 0 ? 0 : int(qMin<qint64>(remainingNs / kNsPerMs, INT_MAX));
}

int EpollDispatcher::waitTimeoutMs(bool includeTimers) const
{
    if (!includeTimers || m_deadlines.empty())
        return -1;
    const qint64 remainingNs = m_deadlines.begin()->first.first - monotonicNs();
    if (remainingNs <= 0)
        return 0;
    // Rounded up: waking before the deadline would only cost an empty turn.
    return int(qMin<qint64>((remainingNs + kNsPerMs - 1) / kNsPerMs, INT_MAX));
}

int EpollDispatcher::activateTimers()
{
    if (m_deadlines.empty())
        return 0;
    const qint64 now = monotonicNs();
    // The timers due now, taken before any fires: each fires at most once per turn (a zero timer cannot
    // starve the loop), and one started or killed by a callback is judged by its own registration.
    QVarLengthArray<std::pair<int, quint64>, 32> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first.first <= now; ++it)
        due.append({ it->second, it->first.second });

    int fired = 0;
    for (const auto &[id, serial] : due) {
        auto found = m_timers.find(id);
        if (found == m_timers.end() || found->second.serial != serial || found->second.deadlineNs > now)
            continue; // killed (or killed and its id reused) by an earlier callback, or already moved on
        Timer &timer = found->second;
        // The next deadline before the event, as in Qt: remainingTime() inside the callback sees the next
        // period, and a timer restarted or killed by its own callback is simply replaced or gone.
        m_deadlines.erase(DeadlineKey { timer.deadlineNs, timer.serial });
        schedule(timer, now, false);
        m_deadlines.emplace(DeadlineKey { timer.deadlineNs, timer.serial }, id);
        if (timer.inCallback)
            continue; // its callback runs a nested event loop: no re-entry
        timer.inCallback = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++fired;
        found = m_timers.find(id);
        if (found != m_timers.end() && found->second.serial == serial)
            found->second.inCallback = false;
    }
    return fired;
}

void EpollDispatcher::wakeUp()
{
    // Any thread. Only the first wake-up since the last turn writes: postEvent() calls this for every event.
    if (!m_wakeUpPending.testAndSetAcquire(0, 1))
        return;
    const quint64 one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) { }
}

void EpollDispatcher::drainWakeUp()
{
    quint64 count = 0;
    while (::read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) { }
    // After the read: a wake-up between the two is not written, but what it announced is handled by the next
    // turn's sendPostedEvents() (or was an interrupt(), whose flag processEvents reads).
    m_wakeUpPending.storeRelease(0);
}

void EpollDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

EventDispatcherChoice chooseEventDispatcher(QStringList *arguments, const QString &environmentValue)
{
    const QString option = QStringLiteral("--event-dispatcher");
    QString value = environmentValue;
    QString source = QStringLiteral("BETTHAT_EVENT_DISPATCHER");
    EventDispatcherChoice choice;
    for (qsizetype i = 1; i < arguments->size();) {
        const QString &argument = arguments->at(i);
        if (argument == QLatin1String("--"))
            break;
        if (argument == option) {
            if (i + 1 >= arguments->size()) {
                choice.error = QStringLiteral("%1 needs a value: epoll or qt").arg(option);
                return choice;
            }
            value = arguments->at(i + 1);
            source = option;
            arguments->remove(i, 2);
        } else if (argument.startsWith(option + QLatin1Char('='))) {
            value = argument.mid(option.size() + 1);
            source = option;
            arguments->removeAt(i);
        } else {
            ++i;
        }
    }
    if (value.isEmpty() || value == QLatin1String("epoll"))
        choice.epoll = true;
    else if (value == QLatin1String("qt"))
        choice.epoll = false;
    else
        choice.error = QStringLiteral("%1 must be epoll or qt, not \"%2\"").arg(source, value);
    return choice;
}

} // namespace betthat::server
