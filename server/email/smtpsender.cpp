#include "smtpsender.h"

#include "server/logcategories.h"

#include <QLocale>
#include <QUrl>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace betthat::server {

namespace {

// curl_global_init is not guaranteed thread-safe everywhere; do it once, before any handle exists.
void ensureCurlInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct MimeDeleter
{
    void operator()(curl_mime *mime) const { curl_mime_free(mime); }
};
using Mime = std::unique_ptr<curl_mime, MimeDeleter>;

void append(Slist &list, const QByteArray &line)
{
    curl_slist *grown = curl_slist_append(list.get(), line.constData());
    if (grown) {
        (void)list.release(); // curl_slist_append returns the same head (or a new one for an empty list)
        list.reset(grown);
    }
}

int onProgress(void *clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *abort = static_cast<const std::atomic<bool> *>(clientp);
    return abort && abort->load() ? 1 : 0;
}

bool isPrintableAscii(const QString &text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    return true;
}

QString withoutControlCharacters(const QString &text)
{
    QString clean = text;
    for (QChar &c : clean)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph)
            c = QLatin1Char(' ');
    return clean;
}

bool isUtf8Continuation(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xc0) == 0x80;
}

} // namespace

SmtpSender::SmtpSender(EmailConfig config)
    : m_config(std::move(config))
{
    ensureCurlInitialised();
}

SmtpSender::~SmtpSender()
{
    disconnect();
}

void SmtpSender::disconnect()
{
    if (m_curl) {
        curl_easy_cleanup(m_curl); // sends QUIT on a live connection
        m_curl = nullptr;
    }
}

QString SmtpSender::url() const
{
    QUrl url;
    url.setScheme(m_config.tls == QLatin1String("ssl") ? QStringLiteral("smtps") : QStringLiteral("smtp"));
    url.setHost(m_config.server);
    url.setPort(m_config.port);
    return url.toString(QUrl::FullyEncoded);
}

QByteArray SmtpSender::encodeHeaderText(const QString &text)
{
    const QString clean = withoutControlCharacters(text);
    if (isPrintableAscii(clean))
        return clean.toLatin1();
    // Encoded words are at most 75 characters: "=?UTF-8?B?" + base64 of <= 45 bytes (60 chars) + "?=".
    // A word must hold whole UTF-8 characters, so cut only before a lead byte.
    constexpr int kMaxBytes = 45;
    const QByteArray utf8 = clean.toUtf8();
    QList<QByteArray> words;
    int start = 0;
    while (start < utf8.size()) {
        int end = qMin(start + kMaxBytes, int(utf8.size()));
        while (end < utf8.size() && end > start + 1 && isUtf8Continuation(utf8.at(end)))
            --end;
        words.append("=?UTF-8?B?" + utf8.mid(start, end - start).toBase64() + "?=");
        start = end;
    }
    // Folding whitespace between encoded words is not displayed (RFC 2047 section 6.2).
    return words.join("\r\n ");
}

QByteArray SmtpSender::formatAddress(const QString &name, const QString &address)
{
    const QByteArray addr = '<' + address.toUtf8() + '>';
    const QString clean = withoutControlCharacters(name).trimmed();
    if (clean.isEmpty())
        return addr;
    if (isPrintableAscii(clean)) {
        QString quoted = clean;
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        return '"' + quoted.toLatin1() + "\" " + addr;
    }
    return encodeHeaderText(clean) + ' ' + addr;
}

QByteArray SmtpSender::formatDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toLatin1()
        + " +0000";
}

QString SmtpSender::scrub(QString text, const QString &password)
{
    if (!password.isEmpty())
        text.replace(password, QStringLiteral("***"));
    return text;
}

SendOutcome SmtpSender::classify(int curlCode, long smtpCode, const QString &detail) const
{
    SendOutcome outcome;
    outcome.smtpCode = int(smtpCode);
    outcome.error = scrub(QStringLiteral("%1 (curl %2%3)")
                              .arg(detail)
                              .arg(curlCode)
                              .arg(smtpCode > 0 ? QStringLiteral(", SMTP %1").arg(smtpCode) : QString()),
        m_config.password);
    if (curlCode == CURLE_ABORTED_BY_CALLBACK) {
        outcome.kind = SendOutcome::Kind::Aborted;
    } else if (smtpCode >= 500) {
        // The server's last word on this message was "never": 550 mailbox, 554 content, 535 credentials.
        outcome.kind = SendOutcome::Kind::Permanent;
    } else if (smtpCode >= 400) {
        outcome.kind = SendOutcome::Kind::Transient;
        outcome.serverUnreachable = smtpCode == 421; // "service not available, closing channel"
    } else {
        // No SMTP verdict at all: refused, timed out, TLS failed, connection dropped.
        outcome.kind = SendOutcome::Kind::Transient;
        outcome.serverUnreachable = true;
    }
    return outcome;
}

SendOutcome SmtpSender::send(const EmailMessage &message)
{
    if (!m_curl)
        m_curl = curl_easy_init();
    if (!m_curl)
        return SendOutcome { SendOutcome::Kind::Transient, 0, true, QStringLiteral("curl_easy_init failed") };
    CURL *curl = m_curl;
    // reset() clears the options of the previous message but keeps its connection for this one.
    curl_easy_reset(curl);

    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray urlBytes = url().toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // we run on a worker thread: no SIGALRM for timeouts
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(m_config.timeoutMs));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(m_config.timeoutMs));
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, m_abort);

    if (m_config.tls == QLatin1String("starttls") || m_config.tls == QLatin1String("ssl"))
        curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL)); // never fall back to plain text
    else
        curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_NONE));
    const QByteArray caFile = m_config.caFile.toLocal8Bit();
    if (!caFile.isEmpty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, caFile.constData());
    const QByteArray username = m_config.username.toUtf8();
    QByteArray password = m_config.password.toUtf8();
    if (!username.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, username.constData()); // curl copies option strings
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    password.fill('\0');

    const QByteArray from = '<' + m_config.fromEmail.toUtf8() + '>';
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    Slist recipients;
    append(recipients, '<' + message.to.toUtf8() + '>');
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());

    Slist headers;
    append(headers,
        "Date: " + formatDate(message.date.isValid() ? message.date : QDateTime::currentDateTimeUtc()));
    append(headers, "From: " + formatAddress(m_config.fromName, m_config.fromEmail));
    append(headers, "To: " + formatAddress(message.toName, message.to));
    append(headers, "Subject: " + encodeHeaderText(message.subject));
    if (!message.messageId.isEmpty())
        append(headers, "Message-ID: <" + message.messageId.toUtf8() + '>');
    // The top level is the alternative itself (curl would say multipart/mixed); curl adds the boundary.
    append(headers, "Content-Type: multipart/alternative");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

    // Plain text first: clients show the last alternative they understand, so HTML wins where it can.
    Mime mime(curl_mime_init(curl));
    const QByteArray text = message.text.toUtf8();
    curl_mimepart *textPart = curl_mime_addpart(mime.get());
    curl_mime_data(textPart, text.constData(), size_t(text.size()));
    curl_mime_type(textPart, "text/plain; charset=utf-8");
    curl_mime_encoder(textPart, "quoted-printable");
    const QByteArray html = message.html.toUtf8();
    curl_mimepart *htmlPart = curl_mime_addpart(mime.get());
    curl_mime_data(htmlPart, html.constData(), size_t(html.size()));
    curl_mime_type(htmlPart, "text/html; charset=utf-8");
    curl_mime_encoder(htmlPart, "quoted-printable");
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime.get());

    const CURLcode code = curl_easy_perform(curl);
    long smtpCode = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtpCode);
    // Nothing in the handle may point at what is freed at the end of this scope.
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, static_cast<curl_mime *>(nullptr));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, static_cast<curl_slist *>(nullptr));
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, static_cast<curl_slist *>(nullptr));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, static_cast<char *>(nullptr));

    if (code == CURLE_OK) {
        qCDebug(lcEmail).noquote() << "sent" << message.messageId << "to" << message.to;
        return SendOutcome { SendOutcome::Kind::Sent, int(smtpCode), false, {} };
    }
    const QString detail
        = errorBuffer[0] ? QString::fromUtf8(errorBuffer) : QString::fromUtf8(curl_easy_strerror(code));
    // After a failure the connection's state is the server's guess; start the next message afresh.
    disconnect();
    return classify(int(code), smtpCode, detail);
}

} // namespace betthat::server
