#include "webhookservice.h"

#include "server/logcategories.h"
#include "server/webhooks/webhookworker.h"

#include <QThread>

namespace betthat::server {

WebhookService::WebhookService(WebhookConfig config, DatabaseLocation database, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_database(std::move(database))
{ }

WebhookService::~WebhookService()
{
    stop();
}

Status WebhookService::start()
{
    if (m_thread || !m_config.enabled)
        return Ok {};
    if (m_config.allowPrivate)
        qCWarning(lcWebhooks) << "webhooks may be delivered to private, loopback and link-local addresses "
                                 "(--webhooks-allow-private)";
    m_wakeQueued = false;
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("betthat-webhooks"));
    auto worker = std::make_unique<WebhookWorker>(m_config, m_database, m_stats, m_clock);
    worker->moveToThread(thread.get());
    thread->start();
    Status opened = Ok {};
    WebhookWorker *raw = worker.get();
    QMetaObject::invokeMethod(raw, [raw, &opened] { opened = raw->open(); }, Qt::BlockingQueuedConnection);
    if (!opened) {
        QThread *owner = QThread::currentThread();
        QMetaObject::invokeMethod(raw, [raw, owner] { raw->close(owner); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
        return makeError(opened.error().code,
            QStringLiteral("webhook delivery cannot open the database: %1").arg(opened.error().message));
    }
    m_thread = std::move(thread);
    m_worker = std::move(worker);
    wake(); // endpoints left behind by a previous run catch up now
    return Ok {};
}

void WebhookService::stop()
{
    if (!m_thread)
        return;
    WebhookWorker *raw = m_worker.get();
    raw->requestStop();
    QThread *owner = QThread::currentThread();
    QMetaObject::invokeMethod(raw, [raw, owner] { raw->close(owner); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_worker.reset();
    m_thread.reset();
}

void WebhookService::wake()
{
    if (!m_worker || m_wakeQueued.exchange(true))
        return;
    WebhookWorker *raw = m_worker.get();
    QMetaObject::invokeMethod(
        raw,
        [this, raw] {
            m_wakeQueued = false;
            raw->processDue();
        },
        Qt::QueuedConnection);
}

bool WebhookService::isWorkerAlive() const
{
    if (!m_config.enabled)
        return true;
    return m_thread && m_thread->isRunning();
}

} // namespace betthat::server
