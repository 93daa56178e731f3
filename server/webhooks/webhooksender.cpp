#include "webhooksender.h"

#include "server/webhooks/destinationguard.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QLocale>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <sys/socket.h>

namespace betthat::server {

namespace {

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

void append(Slist &list, const QByteArray &line)
{
    if (curl_slist *grown = curl_slist_append(list.get(), line.constData())) {
        (void)list.release();
        list.reset(grown);
    }
}

// What one transfer collects from the callbacks.
struct Transfer
{
    bool allowPrivate = false;
    QString refusedAddress; // set when the open-socket check refused the resolved address
    QByteArray retryAfter;
    QByteArray bodyStart; // the first bytes of the answer, for the error text
    qint64 bodyBytes = 0;
    const std::atomic<bool> *abort = nullptr;
};

constexpr qint64 kMaxResponseBytes = 64 * 1024; // a receiver's answer is read up to this and then cut off
constexpr int kErrorBodyBytes = 200;

// The address curl is about to connect to, after DNS: the one check a DNS answer cannot get around.
curl_socket_t openSocket(void *clientp, curlsocktype, struct curl_sockaddr *address)
{
    auto *transfer = static_cast<Transfer *>(clientp);
    const QHostAddress target(&address->addr);
    if (!transfer->allowPrivate && !DestinationGuard::isPublic(target)) {
        transfer->refusedAddress = target.toString();
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype, address->protocol);
}

size_t onHeader(char *buffer, size_t size, size_t count, void *userdata)
{
    auto *transfer = static_cast<Transfer *>(userdata);
    const QByteArray line = QByteArray(buffer, qsizetype(size * count)).trimmed();
    const int colon = int(line.indexOf(':'));
    if (colon > 0 && line.left(colon).trimmed().toLower() == "retry-after")
        transfer->retryAfter = line.mid(colon + 1).trimmed();
    if (line.startsWith("HTTP/")) // a new response (after 100 Continue): forget the earlier one's headers
        transfer->retryAfter.clear();
    return size * count;
}

size_t onBody(char *data, size_t size, size_t count, void *userdata)
{
    auto *transfer = static_cast<Transfer *>(userdata);
    const qint64 n = qint64(size * count);
    if (transfer->bodyStart.size() < kErrorBodyBytes)
        transfer->bodyStart.append(data, qMin<qsizetype>(n, kErrorBodyBytes - transfer->bodyStart.size()));
    transfer->bodyBytes += n;
    // A hostile receiver may answer forever: stop reading (the status is already known).
    return transfer->bodyBytes > kMaxResponseBytes ? 0 : size * count;
}

int onProgress(void *clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *transfer = static_cast<const Transfer *>(clientp);
    return transfer->abort && transfer->abort->load() ? 1 : 0;
}

QString printable(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes).simplified();
    for (QChar &c : text)
        if (!c.isPrint())
            c = QLatin1Char('?');
    return text;
}

} // namespace

WebhookSender::WebhookSender(WebhookConfig config)
    : m_config(std::move(config))
{
    ensureCurlInitialised();
}

WebhookSender::~WebhookSender()
{
    if (m_curl)
        curl_easy_cleanup(m_curl);
}

std::optional<qint64> WebhookSender::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(qMin<qint64>(seconds, 365LL * 86400) * 1000);
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid())
        return std::nullopt;
    at.setTimeSpec(Qt::UTC);
    return qMax<qint64>(0, now.msecsTo(at));
}

WebhookResponse WebhookSender::post(const WebhookRequest &request)
{
    WebhookResponse response;
    if (!m_curl)
        m_curl = curl_easy_init();
    CURL *curl = m_curl;
    if (!curl) {
        response.error = QStringLiteral("cannot create a curl handle");
        return response;
    }
    curl_easy_reset(curl); // options of the previous request go; its open connections stay in the cache

    Transfer transfer;
    transfer.allowPrivate = m_config.allowPrivate;
    transfer.abort = m_abort;
    Slist headers;
    append(headers, QByteArrayLiteral("Content-Type: application/json"));
    append(headers, "Webhook-Id: " + request.id);
    append(headers, "Webhook-Timestamp: " + QByteArray::number(request.timestamp));
    append(headers, "Webhook-Signature: " + request.signature);
    append(headers, QByteArrayLiteral("Expect:")); // no 100-continue round trip for a small body

    const QByteArray url = request.url.toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L); // a redirect could lead past the destination check
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // we are on a worker thread
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(qMax(1, m_config.timeoutMs)));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(qMax(1, m_config.timeoutMs)));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "BetThat-Webhooks/1");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.constData());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, openSocket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);

    QElapsedTimer timer;
    timer.start();
    const CURLcode code = curl_easy_perform(curl);
    response.latencyMs = timer.elapsed();
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = int(status);
    if (!transfer.retryAfter.isEmpty())
        response.retryAfterMs = parseRetryAfter(transfer.retryAfter, QDateTime::currentDateTimeUtc());

    if (code == CURLE_ABORTED_BY_CALLBACK && m_abort && m_abort->load()) {
        response.aborted = true;
        response.status = 0;
        response.error = QStringLiteral("interrupted by shutdown");
        return response;
    }
    if (!transfer.refusedAddress.isEmpty()) {
        response.status = 0;
        response.error = QStringLiteral("refused destination %1: a private, loopback or link-local address "
                                        "(allowed only with --webhooks-allow-private)")
                             .arg(transfer.refusedAddress);
        return response;
    }
    // A cut-off answer body (CURLE_WRITE_ERROR) still has its status: judge by the status then.
    if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && status > 0)) {
        response.status = 0;
        const QString detail = QString::fromLocal8Bit(errorBuffer).trimmed();
        response.error = detail.isEmpty() ? QString::fromUtf8(curl_easy_strerror(code)) : detail;
        return response;
    }
    if (!response.delivered()) {
        response.error = QStringLiteral("HTTP %1").arg(status);
        if (!transfer.bodyStart.isEmpty())
            response.error += QStringLiteral(": ") + printable(transfer.bodyStart);
    }
    return response;
}

} // namespace betthat::server
