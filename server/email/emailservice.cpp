#include "emailservice.h"

#include "server/email/outboxbuilder.h"
#include "server/email/outboxworker.h"
#include "server/email/smtpsender.h"
#include "server/logcategories.h"

#include <QThread>

namespace betthat::server {

EmailService::EmailService(EmailConfig config, DatabaseLocation database, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_database(std::move(database))
{ }

EmailService::~EmailService()
{
    stop();
}

Status EmailService::start()
{
    if (m_thread)
        return Ok {};
    if (!m_config.enabled) {
        if (m_config.server.isEmpty())
            qCInfo(lcEmail) << "email notifications are off: SMTP_SERVER (--smtp-server) is not set";
        else
            qCInfo(lcEmail) << "email notifications are off: EMAIL_NOTIFICATIONS=off";
        return Ok {};
    }
    if (m_config.tls == QLatin1String("none") && !m_config.username.isEmpty())
        qCWarning(lcEmail)
            << "SMTP_TLS=none with SMTP_USERNAME: the password crosses the network unencrypted";

    m_wakeQueued = false;
    auto thread = std::make_unique<QThread>();
    thread->setObjectName(QStringLiteral("betthat-email"));
    auto worker = std::make_unique<OutboxWorker>(m_config, m_database, m_stats, m_clock);
    worker->moveToThread(thread.get());
    thread->start();
    Status opened = Ok {};
    OutboxWorker *raw = worker.get();
    QMetaObject::invokeMethod(
        raw, [raw, &opened] { opened = raw->open(); }, Qt::BlockingQueuedConnection);
    if (!opened) {
        QThread *owner = QThread::currentThread();
        QMetaObject::invokeMethod(
            raw, [raw, owner] { raw->close(owner); }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
        return makeError(opened.error().code,
            QStringLiteral("email outbox cannot open the database: %1").arg(opened.error().message));
    }
    m_thread = std::move(thread);
    m_worker = std::move(worker);
    const SmtpSender sender(m_config);
    qCInfo(lcEmail).noquote() << "email notifications via" << sender.url() << "tls" << m_config.tls << "from"
                              << m_config.fromEmail
                              << (m_config.username.isEmpty() ? QStringLiteral("without AUTH")
                                                              : QStringLiteral("as ") + m_config.username);
    wake(); // mail left pending by a previous run goes out now, not at the first poll
    return Ok {};
}

void EmailService::stop()
{
    if (!m_thread)
        return;
    OutboxWorker *raw = m_worker.get();
    raw->requestStop(); // a send in progress gives up, so the blocking call below returns promptly
    QThread *owner = QThread::currentThread();
    QMetaObject::invokeMethod(
        raw, [raw, owner] { raw->close(owner); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_worker.reset();
    m_thread.reset();
    qCInfo(lcEmail) << "email worker stopped;" << m_stats.queueLength.load() << "email(s) pending";
}

BetService::OutboxBuilder EmailService::outboxBuilder(UserStore &users, NotificationPreferenceStore &preferences) const
{
    if (!m_config.enabled)
        return {};
    const auto builder = std::make_shared<OutboxBuilder>(users, preferences, m_clock, m_config.notifyProvisional);
    return [builder](const Transition &transition) { return builder->build(transition); };
}

void EmailService::wake()
{
    if (!m_worker || m_wakeQueued.exchange(true))
        return;
    OutboxWorker *raw = m_worker.get();
    QMetaObject::invokeMethod(
        raw,
        [this, raw] {
            m_wakeQueued = false;
            raw->processDue();
        },
        Qt::QueuedConnection);
}

bool EmailService::isWorkerAlive() const
{
    if (!m_config.enabled)
        return true;
    return m_thread && m_thread->isRunning();
}

} // namespace betthat::server
