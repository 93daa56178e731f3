#pragma once

// POSTs one signed event to one endpoint with libcurl; refuses non-public addresses after DNS resolution.

#include "server/serverconfig.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <optional>

namespace betthat::server {

struct WebhookRequest
{
    QString url;
    QByteArray body; // the event frame, exactly as /ws/bet-updates sends it
    QByteArray id; // Webhook-Id
    qint64 timestamp = 0; // Webhook-Timestamp, unix seconds
    QByteArray signature; // Webhook-Signature
};

struct WebhookResponse
{
    int status = 0; // 0: no HTTP answer
    qint64 latencyMs = 0;
    QString error; // empty for a 2xx
    std::optional<qint64> retryAfterMs; // from Retry-After (seconds or an HTTP date)
    bool aborted = false; // the worker is stopping

    bool delivered() const { return status >= 200 && status < 300; }
};

class WebhookSender
{
public:
    explicit WebhookSender(WebhookConfig config);
    ~WebhookSender();
    WebhookSender(const WebhookSender &) = delete;
    WebhookSender &operator=(const WebhookSender &) = delete;

    // Blocks for at most config.timeoutMs. Keeps connections open across calls (one curl handle).
    WebhookResponse post(const WebhookRequest &request);
    // While *flag is true a running request gives up within about a second.
    void setAbortFlag(const std::atomic<bool> *flag) { m_abort = flag; }

    // "120" or "Wed, 21 Oct 2015 07:28:00 GMT" -> milliseconds from `now`; nullopt when unreadable.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);

private:
    WebhookConfig m_config;
    void *m_curl = nullptr; // CURL*
    const std::atomic<bool> *m_abort = nullptr;
};

} // namespace betthat::server
