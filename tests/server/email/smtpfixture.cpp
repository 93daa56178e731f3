#include "smtpfixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

namespace betthat::test {

SmtpFixture::SmtpFixture()
    : m_port(freePort())
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
}

SmtpFixture::~SmtpFixture()
{
    stop();
}

quint16 SmtpFixture::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

bool SmtpFixture::makeCertificate()
{
    if (QFile::exists(certificate()))
        return true;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
            QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
            QStringLiteral("-keyout"), key(), QStringLiteral("-out"), certificate() });
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl failed: %1 %2")
                      .arg(openssl.errorString(), QString::fromLocal8Bit(openssl.readAllStandardError()));
        return false;
    }
    return true;
}

bool SmtpFixture::start()
{
    return start(Options());
}

bool SmtpFixture::start(const Options &options)
{
    stop();
    m_error.clear();
    m_stdout.clear();
    m_connections = 0;
    if (m_port == 0) {
        m_error = QStringLiteral("no free port");
        return false;
    }
    QStringList args { QStringLiteral(BETTHAT_SMTPD_FIXTURE), QStringLiteral("--port"),
        QString::number(m_port), QStringLiteral("--out"), m_dir.filePath(QStringLiteral("mail")),
        QStringLiteral("--tls"), options.tls };
    if (options.tls != QLatin1String("none"))
        args << QStringLiteral("--cert") << certificate() << QStringLiteral("--key") << key();
    if (!options.user.isEmpty())
        args << QStringLiteral("--user") << options.user << QStringLiteral("--password") << options.password;
    if (!options.rejectRcpt.isEmpty())
        args << QStringLiteral("--reject-rcpt") << options.rejectRcpt;
    if (!options.tempfailRcpt.isEmpty())
        args << QStringLiteral("--tempfail-rcpt") << options.tempfailRcpt;
    if (!options.rejectData.isEmpty())
        args << QStringLiteral("--reject-data") << options.rejectData;

    // Debian's interpreter: a python3 earlier on PATH (pyenv) may not have python3-aiosmtpd.
    m_process.start(QStringLiteral(BETTHAT_PYTHON), args);
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot run %1: %2")
                      .arg(QStringLiteral(BETTHAT_PYTHON), m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(20000);
    while (!m_stdout.contains("READY")) {
        if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
            m_error
                = QStringLiteral("smtpd_fixture.py did not become ready (is python3-aiosmtpd installed?): %1")
                      .arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
            stop();
            return false;
        }
        m_process.waitForReadyRead(100);
        readOutput();
    }
    return true;
}

void SmtpFixture::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: the script closes its listener and exits
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void SmtpFixture::readOutput()
{
    m_stdout += m_process.readAllStandardOutput();
    m_connections = int(m_stdout.count("CONNECT\n"));
}

int SmtpFixture::connectionCount()
{
    if (m_process.state() != QProcess::NotRunning)
        m_process.waitForReadyRead(0);
    readOutput();
    return m_connections;
}

QList<QJsonObject> SmtpFixture::messages() const
{
    QList<QJsonObject> out;
    const QDir dir(m_dir.filePath(QStringLiteral("mail")));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            out.append(QJsonDocument::fromJson(file.readAll()).object());
    }
    return out;
}

bool SmtpFixture::waitForMessages(int count, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return messages().size() >= count; }, timeoutMs);
}

} // namespace betthat::test
