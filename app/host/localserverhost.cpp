#include "localserverhost.h"

#include "localserverworker.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

namespace betthat::app {

LocalServerHost::LocalServerHost(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
{
    m_thread->setObjectName(QStringLiteral("betthat-local-server"));
}

LocalServerHost::~LocalServerHost()
{
    stop();
    if (m_worker) {
        // The worker belongs to the server thread: it is deleted there, as that thread's last act.
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker.data()] { delete worker; }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
}

QString LocalServerHost::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool LocalServerHost::isPortFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

quint16 LocalServerHost::suggestFreePort(quint16 taken)
{
    for (int candidate = taken + 1; candidate <= taken + 20 && candidate <= 65535; ++candidate) {
        if (isPortFree(static_cast<quint16>(candidate)))
            return static_cast<quint16>(candidate);
    }
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : quint16(0);
}

void LocalServerHost::start(LocalServerConfig config)
{
    if (config.dataDir.isEmpty())
        config.dataDir = defaultDataDir();
    if (!m_thread->isRunning())
        m_thread->start();
    if (!m_worker) {
        // Created here, then handed to the server thread before it does anything.
        auto *worker = new LocalServerWorker;
        worker->moveToThread(m_thread);
        m_worker = worker;
    }
    // Checked here so the user gets "port taken" rather than a generic listen failure.
    if (config.port != 0 && !isPortFree(config.port)) {
        const QString message
            = tr("Port %1 on 127.0.0.1 is already in use (another Bet That or another program "
                 "is listening there).")
                  .arg(config.port);
        QMetaObject::invokeMethod(
            this, [this, message] { Q_EMIT failed(message, true); }, Qt::QueuedConnection);
        return;
    }
    const quint64 generation = ++m_generation;
    QPointer<LocalServerHost> self(this);
    QMetaObject::invokeMethod(
        m_worker,
        [self, generation, worker = m_worker.data(), config] {
            // On the server thread: the server and all its sockets are created here.
            const auto result = worker->start(config);
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self,
                [self, generation, result, port = config.port] {
                    if (!self || generation != self->m_generation)
                        return;
                    if (result) {
                        self->m_info = *result;
                        self->m_running = true;
                        Q_EMIT self->started(self->m_info);
                    } else {
                        const bool portTaken = port != 0 && !isPortFree(port);
                        Q_EMIT self->failed(result.error().message, portTaken);
                    }
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void LocalServerHost::stop()
{
    ++m_generation;
    if (!m_worker || !m_thread->isRunning())
        return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker.data()] { worker->stop(); }, Qt::BlockingQueuedConnection);
    if (m_running) {
        m_running = false;
        Q_EMIT stopped();
    }
}

} // namespace betthat::app
