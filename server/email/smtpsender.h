#pragma once

// Sends composed messages over SMTP with libcurl, keeping one connection open across a batch.

#include "server/email/emailmessage.h"
#include "server/serverconfig.h"

#include <QByteArray>
#include <QString>
#include <atomic>

namespace betthat::server {

// What one send attempt came to, in the terms the outbox needs.
struct SendOutcome
{
    enum class Kind {
        Sent,
        Transient, // try again later: a 4xx reply, refused connection, timeout, broken TLS or connection
        Permanent, // a 5xx reply: the server refused this message for good
        Aborted, // the worker is stopping; the message was not (knowingly) delivered
    };
    Kind kind = Kind::Sent;
    int smtpCode = 0; // the last SMTP reply code; 0 when the server never answered
    bool serverUnreachable = false; // no SMTP verdict on this message: the next one would fail the same way
    QString error; // for logs and outbox.last_error; never contains the password
};

class SmtpSender
{
public:
    explicit SmtpSender(EmailConfig config);
    ~SmtpSender();
    SmtpSender(const SmtpSender &) = delete;
    SmtpSender &operator=(const SmtpSender &) = delete;

    // Blocks for at most config.timeoutMs (connect included). Reuses the open connection when there is one.
    SendOutcome send(const EmailMessage &message);
    // Closes the connection (QUIT); the next send opens a new one.
    void disconnect();
    // While *flag is true a running send gives up within about a second (curl's progress callback).
    void setAbortFlag(const std::atomic<bool> *flag) { m_abort = flag; }

    // smtp://host:port or smtps://host:port, as configured.
    QString url() const;

    // Header helpers, public for tests.
    // Printable ASCII stays as is; anything else becomes RFC 2047 encoded words (UTF-8, base64), folded.
    // Control characters (CR, LF, ...) become spaces first, so no value can inject a header.
    static QByteArray encodeHeaderText(const QString &text);
    // "Name" <addr> or =?UTF-8?B?...?= <addr>; just <addr> without a name.
    static QByteArray formatAddress(const QString &name, const QString &address);
    // RFC 5322 date in UTC: "Mon, 15 Jan 2024 10:30:00 +0000".
    static QByteArray formatDate(const QDateTime &time);
    // The password replaced by "***" wherever it occurs (curl's messages, server replies).
    static QString scrub(QString text, const QString &password);

private:
    SendOutcome classify(int curlCode, long smtpCode, const QString &detail) const;

    EmailConfig m_config;
    void *m_curl = nullptr; // CURL* (libcurl's CURL is void); one handle = one cached connection
    const std::atomic<bool> *m_abort = nullptr;
};

} // namespace betthat::server
