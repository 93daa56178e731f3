#include "outboxworker.h"

#include "server/email/smtpsender.h"
#include "server/logcategories.h"
#include "server/retrydelay.h"
#include "server/storage/databaselocation.h"
#include "server/storage/repository.h"

#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

namespace betthat::server {

namespace {

const QString kPending = QStringLiteral("pending");


} // namespace

OutboxWorker::OutboxWorker(EmailConfig config, DatabaseLocation database, EmailStats &stats, Clock clock)
    : m_config(std::move(config))
    , m_database(std::move(database))
    , m_stats(stats)
    , m_clock(std::move(clock))
{ }

OutboxWorker::~OutboxWorker() = default;

qint64 OutboxWorker::retryDelayMs(const EmailConfig &config, int attempts)
{
    return server::retryDelayMs(config.retryBaseMs, config.retryCapMs, attempts);
}

Status OutboxWorker::open()
{
    m_repository = makeRepository(m_database, QStringLiteral("email")); // this thread's own connection
    if (const auto opened = m_repository->open(); !opened) {
        m_repository.reset();
        return opened.error();
    }
    m_sender = std::make_unique<SmtpSender>(m_config);
    m_sender->setAbortFlag(&m_stopping);
    m_timer = new QTimer(this);
    m_timer->setInterval(qMax(1, m_config.pollIntervalMs));
    connect(m_timer, &QTimer::timeout, this, &OutboxWorker::processDue);
    m_timer->start();
    refreshQueueLength();
    if (const qint64 pending = m_stats.queueLength.load(); pending > 0)
        qCInfo(lcEmail) << "resuming" << pending << "pending email(s)";
    return Ok {};
}

void OutboxWorker::close(QThread *owner)
{
    m_stopping = true;
    if (m_timer) {
        m_timer->stop();
        delete m_timer;
        m_timer = nullptr;
    }
    m_sender.reset();
    if (m_repository) {
        m_repository->close();
        m_repository.reset();
    }
    moveToThread(owner);
}

void OutboxWorker::refreshQueueLength()
{
    if (!m_repository)
        return;
    // An unreadable count keeps the last known length rather than reporting an empty queue.
    if (const auto count = m_repository->outboxCount(kPending))
        m_stats.queueLength = *count;
}

void OutboxWorker::processDue()
{
    if (!m_repository || m_stopping)
        return;
    if (m_notBefore.isValid() && m_clock() < m_notBefore)
        return;
    const int batchSize = qMax(1, m_config.batchSize);
    bool reachable = true;
    while (reachable && !m_stopping) {
        const auto read = m_repository->dueOutbox(m_clock(), batchSize);
        if (!read) {
            qCWarning(lcEmail).noquote() << "cannot read the outbox; trying again at the next poll:"
                                         << read.error().message;
            return;
        }
        const QList<OutboxMessage> &batch = *read;
        for (const OutboxMessage &message : batch) {
            if (m_stopping || !(reachable = deliver(message)))
                break;
        }
        if (batch.size() < batchSize)
            break;
    }
    // One connection per pass: an idle SMTP session would only be dropped by the server later.
    if (m_sender)
        m_sender->disconnect();
    refreshQueueLength();
}

bool OutboxWorker::deliver(const OutboxMessage &message)
{
    auto composed = m_composer.compose(message);
    if (!composed) {
        // A template or payload bug: retrying cannot help, and it must not block the queue.
        qCWarning(lcEmail).noquote() << "email" << message.id
                                     << "cannot be composed:" << composed.error().message;
        const bool marked = recorded(
            m_repository->markOutboxFailed(message.id, message.attempts, composed.error().message), message);
        ++m_stats.failed;
        return marked;
    }
    EmailMessage email = composed.value();
    const QString domain = m_config.fromEmail.section(QLatin1Char('@'), 1);
    // Stable per row: if a crash re-sends a message, clients can tell it is the same one.
    email.messageId = QStringLiteral("betthat.%1.%2@%3").arg(message.id).arg(message.eventSeq).arg(domain);
    email.date = m_clock();

    const SendOutcome outcome = m_sender->send(email);
    switch (outcome.kind) {
    case SendOutcome::Kind::Sent: {
        m_unreachableStreak = 0;
        m_notBefore = QDateTime();
        // Marked right after its own send: a crash in between re-sends this one message, never more.
        const bool marked = recorded(m_repository->markOutboxSent(message.id, m_clock()), message);
        ++m_stats.sent; // counted after the row, so a reader of the counter finds the row marked
        qCInfo(lcEmail).noquote() << "sent" << message.kind << "email" << message.id << "for bet"
                                  << message.betId;
        return marked;
    }
    case SendOutcome::Kind::Aborted:
        // Left pending and its attempt not counted: the next start sends it.
        qCInfo(lcEmail) << "email" << message.id << "interrupted by shutdown; it stays pending";
        return false;
    case SendOutcome::Kind::Transient:
    case SendOutcome::Kind::Permanent:
        break;
    }
    if (!recorded(recordFailure(message, outcome), message))
        return false;
    if (outcome.serverUnreachable) {
        pause();
        return false;
    }
    return true;
}

bool OutboxWorker::recorded(const Status &marked, const OutboxMessage &message)
{
    if (marked)
        return true;
    // The row still looks due: going on would send it again and again. Pause like for an unreachable server.
    qCWarning(lcEmail).noquote() << "cannot record the outcome of email" << message.id
                                 << "(it may be sent again):" << marked.error().message;
    pause();
    return false;
}

void OutboxWorker::pause()
{
    ++m_unreachableStreak;
    m_notBefore = m_clock().addMSecs(retryDelayMs(m_config, m_unreachableStreak));
}

Status OutboxWorker::recordFailure(const OutboxMessage &message, const SendOutcome &outcome)
{
    const int attempts = message.attempts + 1;
    if (outcome.kind == SendOutcome::Kind::Permanent || attempts >= m_config.maxAttempts) {
        const QString why = outcome.kind == SendOutcome::Kind::Permanent
            ? outcome.error
            : QStringLiteral("gave up after %1 attempts: %2").arg(attempts).arg(outcome.error);
        qCWarning(lcEmail).noquote() << "email" << message.id << "to" << message.recipient
                                     << "failed:" << why;
        const Status marked = m_repository->markOutboxFailed(message.id, attempts, why);
        ++m_stats.failed;
        return marked;
    }
    const qint64 delay = retryDelayMs(m_config, attempts);
    qCInfo(lcEmail).noquote() << "email" << message.id << "attempt" << attempts << "failed, retry in" << delay
                              << "ms:" << outcome.error;
    const Status marked
        = m_repository->markOutboxRetry(message.id, attempts, m_clock().addMSecs(delay), outcome.error);
    ++m_stats.retried;
    return marked;
}

} // namespace betthat::server
