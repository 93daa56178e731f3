// EpollDispatcher under the Qt behaviours the server relies on, on the test's main thread (installed before the
// application object, as betthat-server does) and on a QThread (installed before it starts): timers of every
// type, timers and socket notifiers added, removed and deleted inside callbacks, real TCP sockets echoing over
// 127.0.0.1, posted events and deleteLater, wake-ups and interrupts from other threads, thread quit. Plus the
// --event-dispatcher / BETTHAT_EVENT_DISPATCHER choice of the real executable.
#include "server/edge/epolldispatcher.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QProcess>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using betthat::server::EpollDispatcher;

namespace {

// The longest any scenario waits for what it expects; reaching it is a failure, never a pass.
constexpr int kGuardMs = 30000;

EpollDispatcher *currentDispatcher()
{
    return qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
}

// A scenario runs on whatever thread calls it and returns what went wrong (empty: nothing). QTest's macros
// must stay on the main thread, so the worker-thread rows hand the message back.
using Scenario = std::function<QString()>;

QString runScenario(bool onWorkerThread, const Scenario &scenario)
{
    if (!onWorkerThread) {
        if (!currentDispatcher())
            return QStringLiteral("the main thread does not run on EpollDispatcher");
        return scenario();
    }
    QThread thread;
    thread.setEventDispatcher(new EpollDispatcher); // the thread takes ownership
    QObject context;
    context.moveToThread(&thread);
    thread.start();
    QString result = QStringLiteral("the scenario did not run");
    QMetaObject::invokeMethod(
        &context,
        [&] {
            result = currentDispatcher() ? scenario() : QStringLiteral("the worker does not run on EpollDispatcher");
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    if (!thread.wait(kGuardMs))
        return QStringLiteral("the worker thread did not quit");
    return result;
}

// Runs a nested event loop until done() or the guard expires; false on the guard.
bool spinUntil(const std::function<bool()> &done)
{
    QElapsedTimer guard;
    guard.start();
    while (!done()) {
        if (guard.hasExpired(kGuardMs))
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    }
    return true;
}

struct SocketPair
{
    int fds[2] = { -1, -1 };
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds); }
    ~SocketPair()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    // Makes fds[0] readable (and keeps it so: nobody reads the byte).
    void makeReadable() const { (void)!::write(fds[1], "x", 1); }
};

const char *typeName(Qt::TimerType type)
{
    return type == Qt::PreciseTimer ? "precise" : type == Qt::CoarseTimer ? "coarse" : "very coarse";
}

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void installedOnTheMainThread();
    void timersOfEveryTypeFireInOrder_data() { threads(); }
    void timersOfEveryTypeFireInOrder();
    void repeatingTimersKeepTheirInterval_data() { threads(); }
    void repeatingTimersKeepTheirInterval();
    void remainingTimeAndRegisteredTimers_data() { threads(); }
    void remainingTimeAndRegisteredTimers();
    void timersKilledAndStartedInsideCallbacks_data() { threads(); }
    void timersKilledAndStartedInsideCallbacks();
    void zeroTimerDoesNotStarveOthers_data() { threads(); }
    void zeroTimerDoesNotStarveOthers();
    void notifiersSwitchedInsideTheirOwnCallbacks_data() { threads(); }
    void notifiersSwitchedInsideTheirOwnCallbacks();
    void notifierDeletedInsideAnothersCallback_data() { threads(); }
    void notifierDeletedInsideAnothersCallback();
    void tcpClientsEchoOverLoopback_data() { threads(); }
    void tcpClientsEchoOverLoopback();
    void postedEventsAndDeleteLater_data() { threads(); }
    void postedEventsAndDeleteLater();
    void excludeFlagsHoldBackSocketsAndTimers_data() { threads(); }
    void excludeFlagsHoldBackSocketsAndTimers();
    void wakeUpFromAnotherThread_data() { threads(); }
    void wakeUpFromAnotherThread();
    void interruptBeforeBlockingReturnsAtOnce_data() { threads(); }
    void interruptBeforeBlockingReturnsAtOnce();
    void threadQuitsAndWaits();
    void choiceFromArgumentsAndEnvironment_data();
    void choiceFromArgumentsAndEnvironment();
    void serverExecutableHonoursTheChoice();

private:
    static void threads()
    {
        QTest::addColumn<bool>("worker");
        QTest::newRow("main thread") << false;
        QTest::newRow("worker thread") << true;
    }
    static void run(const Scenario &scenario)
    {
        QFETCH(bool, worker);
        const QString failure = runScenario(worker, scenario);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
};

void TestEpollDispatcher::installedOnTheMainThread()
{
    QVERIFY(qobject_cast<EpollDispatcher *>(QCoreApplication::eventDispatcher()));
}

void TestEpollDispatcher::timersOfEveryTypeFireInOrder()
{
    run([] {
        struct Expected
        {
            Qt::TimerType type;
            int intervalMs;
        };
        // Far enough apart that their order is fixed even with Coarse's 5 % and VeryCoarse's whole seconds.
        const std::vector<Expected> timers = { { Qt::PreciseTimer, 30 }, { Qt::CoarseTimer, 120 },
            { Qt::PreciseTimer, 300 }, { Qt::CoarseTimer, 600 }, { Qt::VeryCoarseTimer, 2000 } };
        std::vector<int> order;
        std::vector<qint64> firedAfter(timers.size(), -1);
        std::vector<std::unique_ptr<QTimer>> owned;
        QElapsedTimer clock;
        clock.start();
        // Started in reverse, so insertion order cannot pass for deadline order.
        for (int i = int(timers.size()) - 1; i >= 0; --i) {
            auto timer = std::make_unique<QTimer>();
            timer->setSingleShot(true);
            timer->setTimerType(timers[size_t(i)].type);
            QObject::connect(timer.get(), &QTimer::timeout, [&, i] {
                order.push_back(i);
                firedAfter[size_t(i)] = clock.elapsed();
            });
            timer->start(timers[size_t(i)].intervalMs);
            owned.push_back(std::move(timer));
        }
        if (!spinUntil([&] { return order.size() == timers.size(); }))
            return QStringLiteral("only %1 of %2 timers fired").arg(order.size()).arg(timers.size());
        for (size_t i = 0; i < timers.size(); ++i) {
            if (order[i] != int(i))
                return QStringLiteral("timer %1 fired as number %2").arg(order[i]).arg(i);
            if (firedAfter[i] < timers[i].intervalMs)
                return QStringLiteral("the %1 timer of %2 ms fired after %3 ms")
                    .arg(QLatin1String(typeName(timers[i].type)))
                    .arg(timers[i].intervalMs)
                    .arg(firedAfter[i]);
        }
        return QString();
    });
}

void TestEpollDispatcher::repeatingTimersKeepTheirInterval()
{
    run([] {
        const std::vector<std::pair<Qt::TimerType, int>> kinds
            = { { Qt::PreciseTimer, 15 }, { Qt::CoarseTimer, 40 }, { Qt::VeryCoarseTimer, 1000 } };
        constexpr int kFires = 3;
        std::vector<std::vector<qint64>> fired(kinds.size());
        std::vector<std::unique_ptr<QTimer>> owned;
        QElapsedTimer clock;
        clock.start();
        for (size_t i = 0; i < kinds.size(); ++i) {
            auto timer = std::make_unique<QTimer>();
            timer->setTimerType(kinds[i].first);
            QTimer *raw = timer.get();
            QObject::connect(raw, &QTimer::timeout, [&, i, raw] {
                fired[i].push_back(clock.elapsed());
                if (fired[i].size() == size_t(kFires))
                    raw->stop();
            });
            timer->start(kinds[i].second);
            owned.push_back(std::move(timer));
        }
        const auto allDone = [&] {
            for (const auto &times : fired) {
                if (times.size() < size_t(kFires))
                    return false;
            }
            return true;
        };
        if (!spinUntil(allDone))
            return QStringLiteral("a repeating timer stopped firing");
        for (size_t i = 0; i < kinds.size(); ++i) {
            if (fired[i].size() != size_t(kFires))
                return QStringLiteral("the %1 timer fired %2 times after being stopped at %3")
                    .arg(QLatin1String(typeName(kinds[i].first)))
                    .arg(fired[i].size())
                    .arg(kFires);
            // The n-th expiry comes no earlier than n intervals after the start.
            for (int n = 0; n < kFires; ++n) {
                if (fired[i][size_t(n)] < qint64(n + 1) * kinds[i].second)
                    return QStringLiteral("the %1 timer's expiry %2 came after %3 ms, before %4 ms")
                        .arg(QLatin1String(typeName(kinds[i].first)))
                        .arg(n + 1)
                        .arg(fired[i][size_t(n)])
                        .arg((n + 1) * kinds[i].second);
            }
        }
        return QString();
    });
}

void TestEpollDispatcher::remainingTimeAndRegisteredTimers()
{
    run([] {
        EpollDispatcher *dispatcher = currentDispatcher();
        QObject owner;
        const int precise = owner.startTimer(5000, Qt::PreciseTimer);
        const int coarse = owner.startTimer(5000, Qt::CoarseTimer);
        const int veryCoarse = owner.startTimer(5000, Qt::VeryCoarseTimer);
        const int zero = owner.startTimer(0, Qt::CoarseTimer);
        for (const int id : { precise, coarse }) {
            const int remaining = dispatcher->remainingTime(id);
            if (remaining <= 0 || remaining > 5000 * 105 / 100)
                return QStringLiteral("remainingTime of a 5 s timer: %1 ms").arg(remaining);
        }
        // Whole seconds: the deadline is the first second boundary after 5 s.
        const int veryCoarseRemaining = dispatcher->remainingTime(veryCoarse);
        if (veryCoarseRemaining <= 0 || veryCoarseRemaining > 6000)
            return QStringLiteral("remainingTime of a 5 s very coarse timer: %1 ms").arg(veryCoarseRemaining);
        if (dispatcher->remainingTime(zero) != 0)
            return QStringLiteral("a zero timer has %1 ms left").arg(dispatcher->remainingTime(zero));

        const auto registered = dispatcher->registeredTimers(&owner);
        if (registered.size() != 4)
            return QStringLiteral("%1 timers registered for the owner, 4 started").arg(registered.size());
        for (const auto &info : registered) {
            const bool known = (info.timerId == precise && info.timerType == Qt::PreciseTimer)
                || (info.timerId == coarse && info.timerType == Qt::CoarseTimer)
                || (info.timerId == veryCoarse && info.timerType == Qt::VeryCoarseTimer)
                || (info.timerId == zero && info.interval == 0);
            if (!known || (info.timerId != zero && info.interval != 5000))
                return QStringLiteral("registeredTimers reports id %1, %2 ms, type %3")
                    .arg(info.timerId)
                    .arg(info.interval)
                    .arg(int(info.timerType));
        }
        owner.killTimer(coarse);
        if (dispatcher->remainingTime(coarse) != -1)
            return QStringLiteral("a killed timer still has time left");
        if (dispatcher->registeredTimers(&owner).size() != 3)
            return QStringLiteral("a killed timer is still registered");
        const int before = dispatcher->timerCount();
        if (!dispatcher->unregisterTimers(&owner) || dispatcher->timerCount() != before - 3)
            return QStringLiteral("unregisterTimers left timers behind");
        if (dispatcher->unregisterTimers(&owner))
            return QStringLiteral("unregisterTimers claims to have removed timers of an object with none");
        return QString();
    });
}

void TestEpollDispatcher::timersKilledAndStartedInsideCallbacks()
{
    run([] {
        QTimer killer;
        QTimer victim;
        QTimer barrier;
        for (QTimer *timer : { &killer, &victim, &barrier }) {
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
        }
        int victimFired = 0;
        int restartedFired = 0;
        qint64 restartedAfter = -1;
        QElapsedTimer sinceRestart;
        std::unique_ptr<QTimer> restarted;
        QObject::connect(&victim, &QTimer::timeout, [&] { ++victimFired; });
        QObject::connect(&killer, &QTimer::timeout, [&] {
            // The victim is due in the same turn (same deadline, started later): killing it here must
            // keep it from firing. Then a new timer, which may well reuse the victim's id.
            victim.stop();
            restarted = std::make_unique<QTimer>();
            restarted->setSingleShot(true);
            restarted->setTimerType(Qt::PreciseTimer);
            QObject::connect(restarted.get(), &QTimer::timeout, [&] {
                ++restartedFired;
                restartedAfter = sinceRestart.elapsed();
            });
            sinceRestart.start();
            restarted->start(50);
        });
        killer.start(20);
        victim.start(20);
        QThread::msleep(30); // both are due before the loop first looks at them: one turn sees both
        if (!spinUntil([&] { return restartedFired > 0; }))
            return QStringLiteral("the timer started inside a callback never fired");
        // Barrier: a timer started after everything above; by the time it fires, a wrongly kept victim would have.
        bool barrierFired = false;
        QObject::connect(&barrier, &QTimer::timeout, [&] { barrierFired = true; });
        barrier.start(30);
        if (!spinUntil([&] { return barrierFired; }))
            return QStringLiteral("the barrier timer never fired");
        if (victimFired != 0)
            return QStringLiteral("a timer killed by an earlier callback of the same turn fired %1 times")
                .arg(victimFired);
        if (restartedFired != 1 || restartedAfter < 50)
            return QStringLiteral("the restarted 50 ms single shot fired %1 times, after %2 ms")
                .arg(restartedFired)
                .arg(restartedAfter);

        // A repeating timer that stops itself in its own third callback fires exactly three times.
        QTimer selfStopping;
        selfStopping.setTimerType(Qt::CoarseTimer);
        int selfFired = 0;
        QObject::connect(&selfStopping, &QTimer::timeout, [&] {
            if (++selfFired == 3)
                selfStopping.stop();
        });
        selfStopping.start(25);
        barrierFired = false;
        barrier.start(200);
        if (!spinUntil([&] { return barrierFired; }))
            return QStringLiteral("the barrier timer never fired");
        if (selfFired != 3)
            return QStringLiteral("a timer stopped in its third callback fired %1 times").arg(selfFired);
        return QString();
    });
}

void TestEpollDispatcher::zeroTimerDoesNotStarveOthers()
{
    run([] {
        QTimer zero;
        int zeroFired = 0;
        QObject::connect(&zero, &QTimer::timeout, [&] { ++zeroFired; });
        zero.start(0);
        bool later = false;
        QTimer::singleShot(40, Qt::PreciseTimer, [&] { later = true; });
        if (!spinUntil([&] { return later; }))
            return QStringLiteral("a 40 ms timer never fired next to a zero timer");
        zero.stop();
        if (zeroFired < 2)
            return QStringLiteral("the zero timer fired only %1 times in 40 ms").arg(zeroFired);
        return QString();
    });
}

void TestEpollDispatcher::notifiersSwitchedInsideTheirOwnCallbacks()
{
    run([] {
        // One descriptor, always readable and writable: its read notifier hands over to its write notifier
        // and back, each switching inside its own callback. Level-triggered, so each fires on the next turn.
        SocketPair pair;
        pair.makeReadable();
        QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
        QSocketNotifier writer(pair.fds[0], QSocketNotifier::Write);
        writer.setEnabled(false);
        QString sequence;
        QObject::connect(&reader, &QSocketNotifier::activated, [&] {
            sequence += QLatin1Char('R');
            reader.setEnabled(false);
            writer.setEnabled(sequence.size() < 6);
        });
        QObject::connect(&writer, &QSocketNotifier::activated, [&] {
            sequence += QLatin1Char('W');
            writer.setEnabled(false);
            reader.setEnabled(sequence.size() < 6);
        });
        if (!spinUntil([&] { return sequence.size() >= 6; }))
            return QStringLiteral("the hand-over stopped after \"%1\"").arg(sequence);
        // Both disabled now: a few more turns must not activate either.
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
        if (sequence != QLatin1String("RWRWRW"))
            return QStringLiteral("activations \"%1\", expected \"RWRWRW\"").arg(sequence);
        return QString();
    });
}

void TestEpollDispatcher::notifierDeletedInsideAnothersCallback()
{
    run([] {
        EpollDispatcher *dispatcher = currentDispatcher();
        const int watchedBefore = dispatcher->watchedDescriptorCount();
        SocketPair first;
        SocketPair second;
        first.makeReadable();
        second.makeReadable();
        // Both ready in the same turn; whichever fires first deletes the other, which must then not fire.
        QPointer<QSocketNotifier> a = new QSocketNotifier(first.fds[0], QSocketNotifier::Read);
        QPointer<QSocketNotifier> b = new QSocketNotifier(second.fds[0], QSocketNotifier::Read);
        std::unique_ptr<QSocketNotifier> replacement;
        int fired = 0;
        int replacementFired = 0;
        // Turns counted by awake(): the replacement below may only fire in a later turn than the one that
        // made it. (It is often allocated where the deleted notifier was; a stale queue entry would then
        // reach it in the same turn instead of crashing.)
        int turn = 0;
        int replacementMadeIn = -1;
        int replacementFiredIn = -1;
        const auto counting = QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, [&turn] { ++turn; });
        const auto onActivated = [&](QPointer<QSocketNotifier> &self, QPointer<QSocketNotifier> &other,
                                     int otherFd) {
            ++fired;
            delete other.data();
            self->setEnabled(false);
            // A new notifier on the deleted one's descriptor: it gets the descriptor's readiness from the
            // next turn on.
            replacement = std::make_unique<QSocketNotifier>(otherFd, QSocketNotifier::Read);
            replacementMadeIn = turn;
            QObject::connect(replacement.get(), &QSocketNotifier::activated, [&] {
                if (++replacementFired == 1)
                    replacementFiredIn = turn;
                replacement->setEnabled(false);
            });
        };
        QObject::connect(a.data(), &QSocketNotifier::activated, [&] { onActivated(a, b, second.fds[0]); });
        QObject::connect(b.data(), &QSocketNotifier::activated, [&] { onActivated(b, a, first.fds[0]); });
        if (!spinUntil([&] { return replacementFired > 0; }))
            return QStringLiteral("the notifier created inside a callback never fired");
        if (fired != 1)
            return QStringLiteral("%1 activations: a notifier deleted by another's callback was activated")
                .arg(fired);
        QObject::disconnect(counting);
        if (a && b)
            return QStringLiteral("neither notifier was deleted");
        if (replacementFiredIn <= replacementMadeIn)
            return QStringLiteral("a notifier made in turn %1 was activated in turn %2 by a stale entry")
                .arg(replacementMadeIn)
                .arg(replacementFiredIn);
        delete a.data();
        delete b.data();
        replacement.reset();
        if (dispatcher->watchedDescriptorCount() != watchedBefore)
            return QStringLiteral("%1 descriptors watched after every notifier is gone, %2 before")
                .arg(dispatcher->watchedDescriptorCount())
                .arg(watchedBefore);
        return QString();
    });
}

void TestEpollDispatcher::tcpClientsEchoOverLoopback()
{
    run([] {
        EpollDispatcher *dispatcher = currentDispatcher();
        const int watchedBefore = dispatcher->watchedDescriptorCount();
        constexpr int kClients = 64;
        constexpr int kRounds = 10;
        constexpr int kMessageBytes = 16 * 1024; // larger than one read: partial reads and write notifiers
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return QStringLiteral("listen: %1").arg(server.errorString());
        int serverSocketsAlive = 0;
        QObject::connect(&server, &QTcpServer::newConnection, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                ++serverSocketsAlive;
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->write(socket->readAll()); });
                // Deleted from its own disconnected signal, inside a socket notifier's callback.
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QObject::destroyed, [&] { --serverSocketsAlive; });
            }
        });

        struct Client
        {
            std::unique_ptr<QTcpSocket> socket;
            QByteArray message;
            QByteArray echoed;
            int round = 0;
        };
        std::vector<Client> clients(kClients);
        int finished = 0;
        QString failure;
        for (int i = 0; i < kClients; ++i) {
            Client &client = clients[size_t(i)];
            client.socket = std::make_unique<QTcpSocket>();
            client.message = QByteArray(kMessageBytes, char('a' + i % 26));
            QTcpSocket *socket = client.socket.get();
            QObject::connect(
                socket, &QTcpSocket::connected, socket, [&client] { client.socket->write(client.message); });
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [&client, &finished, &failure] {
                client.echoed += client.socket->readAll();
                if (client.echoed.size() < client.message.size())
                    return;
                if (client.echoed != client.message)
                    failure = QStringLiteral("a client got back other bytes than it sent");
                client.echoed.clear();
                if (++client.round < kRounds) {
                    client.socket->write(client.message);
                } else {
                    ++finished;
                    client.socket->disconnectFromHost();
                }
            });
            socket->connectToHost(QHostAddress::LocalHost, server.serverPort());
        }
        if (!spinUntil([&] { return (finished == kClients && serverSocketsAlive == 0) || !failure.isEmpty(); }))
            return QStringLiteral("%1 of %2 clients finished, %3 server sockets left")
                .arg(finished)
                .arg(kClients)
                .arg(serverSocketsAlive);
        if (!failure.isEmpty())
            return failure;
        clients.clear();
        server.close();
        if (dispatcher->watchedDescriptorCount() != watchedBefore)
            return QStringLiteral("%1 descriptors still watched after every socket closed, %2 before")
                .arg(dispatcher->watchedDescriptorCount())
                .arg(watchedBefore);
        return QString();
    });
}

void TestEpollDispatcher::postedEventsAndDeleteLater()
{
    run([] {
        // A chain of posted calls, each posting the next from inside the previous one, with no timer and no
        // socket to wake the loop: every post must wake it (a lost wake-up hangs here until the guard).
        constexpr int kChain = 2000;
        int delivered = 0;
        QObject receiver;
        std::function<void()> step = [&] {
            if (++delivered < kChain)
                QMetaObject::invokeMethod(&receiver, step, Qt::QueuedConnection);
        };
        QMetaObject::invokeMethod(&receiver, step, Qt::QueuedConnection);
        QEventLoop loop;
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(kGuardMs);
        // Ends the loop when deleted: deleteLater must be honoured by the loop that runs.
        QPointer<QObject> quitter = new QObject;
        QObject::connect(quitter.data(), &QObject::destroyed, &loop, &QEventLoop::quit);
        std::function<void()> watch = [&] {
            if (delivered == kChain)
                quitter->deleteLater();
            else
                QMetaObject::invokeMethod(&receiver, watch, Qt::QueuedConnection);
        };
        QMetaObject::invokeMethod(&receiver, watch, Qt::QueuedConnection);

        // deleteLater from inside the loop, the hub's way of dropping a session from one of its slots. (Called
        // before a nested loop starts, Qt defers the deletion to the outer loop, whatever the dispatcher.)
        QPointer<QObject> doomed = new QObject;
        QMetaObject::invokeMethod(&receiver, [&doomed] { doomed->deleteLater(); }, Qt::QueuedConnection);
        loop.exec();
        if (!guard.isActive())
            return QStringLiteral("the loop was stuck: %1 of %2 posted calls delivered").arg(delivered).arg(kChain);
        if (delivered != kChain)
            return QStringLiteral("%1 of %2 posted calls delivered").arg(delivered).arg(kChain);
        if (doomed || quitter) {
            delete doomed.data();
            delete quitter.data();
            return QStringLiteral("deleteLater did not delete its object");
        }
        return QString();
    });
}

void TestEpollDispatcher::excludeFlagsHoldBackSocketsAndTimers()
{
    run([] {
        EpollDispatcher *dispatcher = currentDispatcher();
        SocketPair pair;
        pair.makeReadable();
        QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
        int readerFired = 0;
        QObject::connect(&reader, &QSocketNotifier::activated, [&] { ++readerFired; });
        bool timerFired = false;
        QTimer::singleShot(30, Qt::PreciseTimer, [&] { timerFired = true; });

        // Excluding socket notifiers and waiting: the readable socket must neither be activated nor end the
        // wait (it stays ready: a dispatcher that still watched it would return at once, every time).
        QElapsedTimer spun;
        spun.start();
        int turns = 0;
        while (!timerFired && !spun.hasExpired(kGuardMs)) {
            dispatcher->processEvents(QEventLoop::ExcludeSocketNotifiers | QEventLoop::WaitForMoreEvents);
            ++turns;
        }
        if (!timerFired)
            return QStringLiteral("the timer never fired while socket notifiers were excluded");
        // One turn waits for the timer (one more if a wake-up was still pending); thousands means spinning.
        if (turns > 5)
            return QStringLiteral("%1 turns to wait for one timer: the excluded socket ended the waits").arg(turns);
        if (readerFired != 0)
            return QStringLiteral("a socket notifier was activated although excluded");
        dispatcher->processEvents(QEventLoop::AllEvents);
        if (readerFired != 1)
            return QStringLiteral("the ready socket was activated %1 times once allowed").arg(readerFired);
        reader.setEnabled(false);

        // X11ExcludeTimers: a due timer waits for a turn that includes timers.
        struct Counter : QObject
        {
            int events = 0;
            void timerEvent(QTimerEvent *) override { ++events; }
        } counter;
        const int id = counter.startTimer(0);
        dispatcher->processEvents(QEventLoop::X11ExcludeTimers);
        dispatcher->processEvents(QEventLoop::X11ExcludeTimers);
        if (counter.events != 0)
            return QStringLiteral("a timer fired in a turn that excluded timers");
        dispatcher->processEvents(QEventLoop::AllEvents);
        counter.killTimer(id);
        if (counter.events != 1)
            return QStringLiteral("the zero timer fired %1 times in one turn with timers").arg(counter.events);
        return QString();
    });
}

void TestEpollDispatcher::wakeUpFromAnotherThread()
{
    run([] {
        EpollDispatcher *dispatcher = currentDispatcher();
        // Nothing may end the wait but the other thread: no timers, no posted events, no ready sockets.
        QCoreApplication::sendPostedEvents();
        dispatcher->processEvents(QEventLoop::AllEvents);
        if (dispatcher->timerCount() != 0)
            return QStringLiteral("%1 timers registered; the wait would end on them").arg(dispatcher->timerCount());
        QSemaphore blocking;
        const auto connection = QObject::connect(
            dispatcher, &QAbstractEventDispatcher::aboutToBlock, [&] { blocking.release(); });
        std::thread waker([&] {
            blocking.acquire(); // the dispatcher is about to block (or already does)
            dispatcher->wakeUp();
        });
        const bool handled = dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
        waker.join();
        QObject::disconnect(connection);
        if (!handled)
            return QStringLiteral("processEvents reported nothing after a wake-up");
        return QString();
    });
}

void TestEpollDispatcher::interruptBeforeBlockingReturnsAtOnce()
{
    run([] {
        EpollDispatcher *dispatcher = currentDispatcher();
        QCoreApplication::sendPostedEvents();
        dispatcher->processEvents(QEventLoop::AllEvents);
        // interrupt() from something the turn itself runs (a posted call): the turn returns false without
        // blocking and without announcing that it would block.
        QSignalSpy aboutToBlock(dispatcher, &QAbstractEventDispatcher::aboutToBlock);
        QObject target;
        QMetaObject::invokeMethod(&target, [dispatcher] { dispatcher->interrupt(); }, Qt::QueuedConnection);
        if (dispatcher->processEvents(QEventLoop::WaitForMoreEvents))
            return QStringLiteral("an interrupted turn claimed to have handled events");
        if (aboutToBlock.count() != 0)
            return QStringLiteral("an interrupted turn emitted aboutToBlock");

        // interrupt() from another thread while blocked ends the wait.
        dispatcher->processEvents(QEventLoop::AllEvents); // consume the interrupt's wake-up
        if (dispatcher->timerCount() != 0)
            return QStringLiteral("%1 timers registered; the wait would end on them").arg(dispatcher->timerCount());
        QSemaphore blocking;
        const auto connection = QObject::connect(
            dispatcher, &QAbstractEventDispatcher::aboutToBlock, [&] { blocking.release(); });
        std::thread interrupter([&] {
            blocking.acquire();
            dispatcher->interrupt();
        });
        dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
        interrupter.join();
        QObject::disconnect(connection);
        return QString();
    });
}

void TestEpollDispatcher::threadQuitsAndWaits()
{
    // QSignalSpy is not for signals emitted in another thread: semaphores released there instead.
    QThread thread;
    thread.setEventDispatcher(new EpollDispatcher); // the thread takes ownership
    QTimer timer; // a repeating timer in the thread: its loop has more to wait on than the quit
    timer.setInterval(10);
    timer.moveToThread(&thread);
    QSemaphore ticked;
    QObject::connect(&timer, &QTimer::timeout, &timer, [&ticked] { ticked.release(); });
    QObject::connect(&thread, &QThread::started, &timer, qOverload<>(&QTimer::start));
    QObject::connect(&thread, &QThread::finished, &timer, &QTimer::stop, Qt::DirectConnection);
    thread.start();
    QVERIFY(ticked.tryAcquire(2, kGuardMs));
    QVERIFY(qobject_cast<EpollDispatcher *>(thread.eventDispatcher()));
    thread.quit();
    QVERIFY(thread.wait(kGuardMs));
    QVERIFY(thread.isFinished());

    // exit() with a code, from another thread, while the loop sleeps with nothing else to wait for.
    QThread idle;
    idle.setEventDispatcher(new EpollDispatcher);
    QSemaphore running;
    QObject::connect(&idle, &QThread::started, &idle, [&running] { running.release(); }, Qt::DirectConnection);
    idle.start();
    QVERIFY(running.tryAcquire(1, kGuardMs));
    idle.exit(3);
    QVERIFY(idle.wait(kGuardMs));
}

void TestEpollDispatcher::choiceFromArgumentsAndEnvironment_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<bool>("epoll");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("remaining");
    const QString program = QStringLiteral("betthat-server");
    const QStringList port = { program, QStringLiteral("--port"), QStringLiteral("0") };
    QTest::newRow("default") << port << QString() << true << QString() << port;
    QTest::newRow("environment qt") << port << QStringLiteral("qt") << false << QString() << port;
    QTest::newRow("environment epoll") << port << QStringLiteral("epoll") << true << QString() << port;
    QTest::newRow("option beats environment")
        << QStringList { program, QStringLiteral("--event-dispatcher"), QStringLiteral("qt"), QStringLiteral("--port"),
               QStringLiteral("0") }
        << QStringLiteral("epoll") << false << QString() << port;
    QTest::newRow("option with =")
        << QStringList { program, QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--event-dispatcher=epoll") }
        << QStringLiteral("qt") << true << QString() << port;
    QTest::newRow("bad environment") << port << QStringLiteral("glib") << true
                                     << QStringLiteral("BETTHAT_EVENT_DISPATCHER must be epoll or qt, not \"glib\"")
                                     << port;
    QTest::newRow("bad option")
        << QStringList { program, QStringLiteral("--event-dispatcher"), QStringLiteral("poll") } << QString() << true
        << QStringLiteral("--event-dispatcher must be epoll or qt, not \"poll\"") << QStringList { program };
    QTest::newRow("option without value")
        << QStringList { program, QStringLiteral("--event-dispatcher") } << QString() << true
        << QStringLiteral("--event-dispatcher needs a value: epoll or qt")
        << QStringList { program, QStringLiteral("--event-dispatcher") };
    QTest::newRow("after -- it is an argument")
        << QStringList { program, QStringLiteral("--"), QStringLiteral("--event-dispatcher"), QStringLiteral("qt") }
        << QString() << true << QString()
        << QStringList { program, QStringLiteral("--"), QStringLiteral("--event-dispatcher"), QStringLiteral("qt") };
}

void TestEpollDispatcher::choiceFromArgumentsAndEnvironment()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environment);
    QFETCH(bool, epoll);
    QFETCH(QString, error);
    QFETCH(QStringList, remaining);
    const auto choice = betthat::server::chooseEventDispatcher(&arguments, environment);
    QCOMPARE(choice.error, error);
    if (error.isEmpty())
        QCOMPARE(choice.epoll, epoll);
    QCOMPARE(arguments, remaining);
}

void TestEpollDispatcher::serverExecutableHonoursTheChoice()
{
    // The real executable: a bad choice is a usage error before anything starts, a good one runs.
    QProcess bad;
    bad.start(QStringLiteral(BETTHAT_SERVER_EXE), { QStringLiteral("--event-dispatcher"), QStringLiteral("select") });
    QVERIFY(bad.waitForFinished(kGuardMs));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY2(bad.readAllStandardError().contains("--event-dispatcher must be epoll or qt"),
        "no message naming the option");

    for (const QString &choice : { QStringLiteral("qt"), QStringLiteral("epoll") }) {
        QProcess good;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("BETTHAT_EVENT_DISPATCHER"), choice);
        good.setProcessEnvironment(environment);
        good.start(QStringLiteral(BETTHAT_SERVER_EXE), { QStringLiteral("--version") });
        QVERIFY(good.waitForFinished(kGuardMs));
        QCOMPARE(good.exitCode(), 0);
        QVERIFY(good.readAllStandardOutput().startsWith("betthat-server "));
    }
}

// Like QTEST_GUILESS_MAIN, with the dispatcher installed first, as betthat-server's main does.
int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollDispatcher); // the application takes ownership
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
