#pragma once

// The real betthat-server executable as a child process on a free port: latency and memory are measured
// across a process boundary, with nothing of the benchmark's own work counted against the server.

#include <QObject>
#include <QProcess>
#include <QString>

namespace betthat::bench {

class ServerProcess : public QObject
{
    Q_OBJECT
public:
    // eventDispatcher: epoll or qt, passed as BETTHAT_EVENT_DISPATCHER.
    ServerProcess(QString program, QString eventDispatcher, QObject *parent = nullptr);
    ~ServerProcess() override;

    // Starts `program --port 0 --db dbPath --log-level WARNING` with QT_NO_GLIB=1 (for the qt
    // dispatcher) and the chosen event dispatcher, and waits for the line that
    // names the port. False with errorString() when it does not come up within timeoutMs.
    bool start(const QString &dbPath, int timeoutMs = 20000);
    // SIGTERM (the server closes every socket with 1001), then SIGKILL if it has not exited within timeoutMs.
    void stop(int timeoutMs = 15000);

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    qint64 residentKb() const;
    QString errorString() const { return m_error; }

private:
    QString m_program;
    QString m_eventDispatcher;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace betthat::bench
