#include "serverprocess.h"

#include "bench/support/procstatus.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace betthat::bench {

ServerProcess::ServerProcess(QString program, QString eventDispatcher, QObject *parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_eventDispatcher(std::move(eventDispatcher))
    , m_process(this)
{ }

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &dbPath, int timeoutMs)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
    environment.insert(QStringLiteral("BETTHAT_EVENT_DISPATCHER"), m_eventDispatcher);
    environment.remove(QStringLiteral("LOG_LEVEL"));
    m_process.setProcessEnvironment(environment);
    // Warnings and errors of the server show up in the benchmark's output; its stdout is ours to parse.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(m_program,
        { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), dbPath,
            QStringLiteral("--log-level"), QStringLiteral("WARNING") });
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(m_program, m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on http://[^ ]+:(\\d+)"));
    QByteArray seen;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("%1 exited with code %2 before listening")
                          .arg(m_program)
                          .arg(m_process.exitCode());
            return false;
        }
        if (!m_process.canReadLine()
            && !m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            continue;
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine();
            seen += line;
            const auto match = listening.match(QString::fromUtf8(line));
            if (match.hasMatch()) {
                m_port = quint16(match.captured(1).toUInt());
                return m_port != 0;
            }
        }
    }
    m_error = QStringLiteral("%1 did not report its port within %2 ms; it printed: %3")
                  .arg(m_program)
                  .arg(timeoutMs)
                  .arg(QString::fromUtf8(seen.left(500)));
    return false;
}

void ServerProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

qint64 ServerProcess::residentKb() const
{
    return ProcStatus::residentKb(pid());
}

} // namespace betthat::bench
