#pragma once

// A real SMTP server for the email tests: smtpd_fixture.py (aiosmtpd) in a child process on 127.0.0.1.

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace betthat::test {

class SmtpFixture
{
public:
    struct Options
    {
        QString tls = QStringLiteral("none"); // none | starttls | ssl (needs certificate())
        QString user; // non-empty: AUTH required
        QString password;
        QString rejectRcpt; // regex: 550 to RCPT TO
        QString tempfailRcpt; // regex: 451 to RCPT TO
        QString rejectData; // regex on recipients: 554 after DATA
    };

    SmtpFixture();
    ~SmtpFixture();
    SmtpFixture(const SmtpFixture &) = delete;
    SmtpFixture &operator=(const SmtpFixture &) = delete;

    // Starts the server on port() and waits for its READY line. False (with the reason in error()) when it
    // cannot start: the tests must fail then, not skip.
    bool start(const Options &options);
    bool start(); // no TLS, no AUTH, accepts everything
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QString error() const { return m_error; }

    // Chosen once per fixture, so a stopped server comes back where clients expect it.
    quint16 port() const { return m_port; }

    // Parsed summaries (smtpd_fixture.py's NNNN.json) of every message received so far, in order.
    QList<QJsonObject> messages() const;
    bool waitForMessages(int count, int timeoutMs = 15000) const;
    // TCP connections accepted since the last start().
    int connectionCount();

    // A self-signed certificate for 127.0.0.1 (with subjectAltName), made with openssl once per fixture.
    // The same file serves the server and, as the CA, the client.
    bool makeCertificate();
    QString certificate() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString key() const { return m_dir.filePath(QStringLiteral("key.pem")); }

    static quint16 freePort();

private:
    void readOutput();

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
    QByteArray m_stdout;
    int m_connections = 0;
};

} // namespace betthat::test
