#pragma once

// /api/v1/webhooks: operators register, change, replay and remove webhook endpoints and read their attempts.

#include "server/http/apirequest.h"
#include "server/serverconfig.h"

#include <QHttpServerResponse>
#include <functional>

namespace betthat::server {

class EventLog;
class WebhookStore;

class WebhooksController
{
public:
    // changed: called after a change the delivery worker should see now (new endpoint, enable, replay).
    WebhooksController(WebhookStore &webhooks, EventLog &log, const WebhookConfig &config,
        std::function<void()> changed)
        : m_webhooks(webhooks)
        , m_log(log)
        , m_config(config)
        , m_changed(std::move(changed))
    { }

    QHttpServerResponse list(const ApiRequest &request) const;
    QHttpServerResponse create(const ApiRequest &request) const;
    QHttpServerResponse get(const ApiRequest &request) const;
    QHttpServerResponse patch(const ApiRequest &request) const;
    QHttpServerResponse remove(const ApiRequest &request) const;
    QHttpServerResponse deliveries(const ApiRequest &request) const;
    QHttpServerResponse replay(const ApiRequest &request) const;

    static constexpr int kMaxUserIds = 100;
    static constexpr int kMaxSecretLength = 100;

private:
    void notify() const
    {
        if (m_changed)
            m_changed();
    }

    WebhookStore &m_webhooks;
    EventLog &m_log;
    WebhookConfig m_config;
    std::function<void()> m_changed;
};

} // namespace betthat::server
