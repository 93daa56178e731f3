#pragma once

// Turns SIGINT/SIGTERM into a Qt signal on the event loop (self-pipe: the handler only writes one byte).

#include <QList>
#include <QObject>
#include <csignal>
#include <vector>

class QSocketNotifier;

namespace betthat::server {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    // Installs handlers for the given POSIX signals; the previous handlers come back on destruction.
    // One watcher at a time per process: the handler needs a process-wide descriptor.
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }
    static QString signalName(int signalNumber);

Q_SIGNALS:
    void received(int signalNumber);

private:
    static void handle(int signalNumber);
    void readPending();

    int m_fds[2] = { -1, -1 };
    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signalNumbers;
    std::vector<struct sigaction> m_previous;
};

} // namespace betthat::server
