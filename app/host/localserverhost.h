#pragma once

// Runs the bundled server in-process on its own thread (local mode); the GUI thread only posts requests to
// it.

#include "localserverconfig.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace betthat::app {

class LocalServerWorker;

class LocalServerHost : public QObject
{
    Q_OBJECT
public:
    explicit LocalServerHost(QObject *parent = nullptr);
    ~LocalServerHost() override; // stops the server and joins its thread

    // Asynchronous: started() or failed() follows. dataDir empty: the platform's app data directory.
    void start(LocalServerConfig config);
    // Blocks until the server closed its sockets and storage (a second or less).
    void stop();

    bool isRunning() const { return m_running; }
    const LocalServerInfo &info() const { return m_info; }
    // The thread the server lives on (tests assert it is not the GUI thread).
    QThread *serverThread() const { return m_thread; }

    static QString defaultDataDir();
    static bool isPortFree(quint16 port);
    // The first free port after `taken` (within a small range), else any free port; 0 if none.
    static quint16 suggestFreePort(quint16 taken);

Q_SIGNALS:
    void started(const betthat::app::LocalServerInfo &info);
    // portTaken: the configured port is in use (the UI offers another one).
    void failed(const QString &message, bool portTaken);
    void stopped();

private:
    QThread *m_thread;
    QPointer<LocalServerWorker> m_worker;
    LocalServerInfo m_info;
    bool m_running = false;
    quint64 m_generation = 0; // answers of a start() superseded by stop() are dropped
};

} // namespace betthat::app
