#include "signalwatcher.h"

#include "server/logcategories.h"

#include <QSocketNotifier>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace betthat::server {

namespace {
// Written by the constructor before the handlers are installed, read by the async-signal handler.
std::atomic<int> s_writeFd { -1 };
} // namespace

SignalWatcher::SignalWatcher(const QList<int> &signalNumbers, QObject *parent)
    : QObject(parent)
    , m_signalNumbers(signalNumbers)
{
    if (s_writeFd.load() != -1) {
        qCWarning(lcCli) << "a signal watcher is already active; this one does nothing";
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, m_fds) != 0) {
        qCWarning(lcCli) << "socketpair failed:" << qt_error_string(errno);
        return;
    }
    // Non-blocking write end: a flood of signals must never block inside the handler.
    ::fcntl(m_fds[0], F_SETFL, ::fcntl(m_fds[0], F_GETFL) | O_NONBLOCK);
    ::fcntl(m_fds[1], F_SETFL, ::fcntl(m_fds[1], F_GETFL) | O_NONBLOCK);
    s_writeFd.store(m_fds[0]);
    m_notifier = new QSocketNotifier(m_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readPending);

    struct sigaction action = {};
    action.sa_handler = &SignalWatcher::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    m_previous.resize(size_t(m_signalNumbers.size()));
    for (qsizetype i = 0; i < m_signalNumbers.size(); ++i)
        ::sigaction(m_signalNumbers.at(i), &action, &m_previous[size_t(i)]);
}

SignalWatcher::~SignalWatcher()
{
    if (!m_notifier)
        return;
    for (qsizetype i = 0; i < m_signalNumbers.size(); ++i)
        ::sigaction(m_signalNumbers.at(i), &m_previous[size_t(i)], nullptr);
    s_writeFd.store(-1);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

void SignalWatcher::handle(int signalNumber)
{
    const int savedErrno = errno;
    const char byte = char(signalNumber);
    const ssize_t written = ::write(s_writeFd.load(), &byte, 1);
    Q_UNUSED(written)
    errno = savedErrno;
}

void SignalWatcher::readPending()
{
    char buffer[16];
    const ssize_t n = ::read(m_fds[1], buffer, sizeof buffer);
    for (ssize_t i = 0; i < n; ++i)
        Q_EMIT received(int(buffer[i]));
}

QString SignalWatcher::signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGHUP:
        return QStringLiteral("SIGHUP");
    default:
        return QStringLiteral("signal %1").arg(signalNumber);
    }
}

} // namespace betthat::server
