#include "webhookreceiver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTcpServer>
#include <QTest>

namespace betthat::test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

WebhookReceiver::WebhookReceiver()
    : m_port(freePort())
{ }

WebhookReceiver::~WebhookReceiver()
{
    stop();
}

QString WebhookReceiver::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
}

bool WebhookReceiver::start()
{
    stop();
    m_error.clear();
    // Debian's interpreter: another python3 earlier on PATH is not what the build was tested with.
    m_process.start(QStringLiteral(BETTHAT_PYTHON),
        { QStringLiteral(BETTHAT_WEBHOOK_RECEIVER), QStringLiteral("--port"), QString::number(m_port),
            QStringLiteral("--out"), m_dir.path() });
    if (!m_process.waitForStarted(10000)) {
        m_error = m_process.errorString();
        return false;
    }
    QByteArray out;
    const QDeadlineTimer deadline(20000);
    while (!out.contains("READY")) {
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
            m_error = QStringLiteral("webhook_receiver.py did not start: %1")
                          .arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
            stop();
            return false;
        }
        m_process.waitForReadyRead(100);
        out += m_process.readAllStandardOutput();
    }
    return true;
}

void WebhookReceiver::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void WebhookReceiver::setMode(const QJsonObject &mode)
{
    QSaveFile file(m_dir.filePath(QStringLiteral("mode.json"))); // atomic: the receiver never reads half
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(mode).toJson(QJsonDocument::Compact));
        file.commit();
    }
}

QList<ReceivedRequest> WebhookReceiver::requests() const
{
    QList<ReceivedRequest> out;
    QFile file(m_dir.filePath(QStringLiteral("requests.jsonl")));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.isEmpty())
            continue; // a line being written
        ReceivedRequest r;
        r.path = o.value(QStringLiteral("path")).toString();
        r.headers = o.value(QStringLiteral("headers")).toObject();
        r.body = o.value(QStringLiteral("body")).toString().toUtf8();
        r.answered = o.value(QStringLiteral("answered")).toInt();
        out << r;
    }
    return out;
}

QList<ReceivedRequest> WebhookReceiver::requests(const QString &path) const
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : requests())
        if (r.path == path)
            out << r;
    return out;
}

QList<ReceivedRequest> WebhookReceiver::accepted(const QString &path) const
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : requests(path))
        if (r.answered >= 200 && r.answered < 300)
            out << r;
    return out;
}

bool WebhookReceiver::waitForAccepted(int count, const QString &path, int timeoutMs) const
{
    // Polled slowly: the record is re-read each time, and thousands of requests make that a few megabytes.
    const QDeadlineTimer deadline(timeoutMs);
    while (accepted(path).size() < count) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(100);
    }
    return true;
}

bool WebhookReceiver::waitForRequests(int count, const QString &path, int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    while (requests(path).size() < count) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(50);
    }
    return true;
}

} // namespace betthat::test
