#pragma once

// Sends due outbox rows on its own thread with its own database connection; retries, backs off, gives up.

#include "server/storage/databaselocation.h"
#include "common/error.h"
#include "common/timeutil.h"
#include "server/email/emailcomposer.h"
#include "server/email/emailstats.h"
#include "server/serverconfig.h"

#include <QDateTime>
#include <QObject>
#include <atomic>
#include <memory>

class QTimer;

namespace betthat::server {

class Repository;
class SmtpSender;
struct SendOutcome;

class OutboxWorker : public QObject
{
    Q_OBJECT
public:
    OutboxWorker(EmailConfig config, DatabaseLocation database, EmailStats &stats, Clock clock);
    ~OutboxWorker() override;

    // Both in the worker's thread: open() connects to the database (a connection belongs to the thread
    // that opened it) and starts polling; close() undoes that and hands the object to `owner` so it can be
    // deleted there once the thread has stopped.
    Status open();
    void close(QThread *owner);
    // Any thread: the current send gives up within about a second and no further one starts.
    void requestStop() { m_stopping = true; }

    // One pass: send what is due, batch after batch over one connection, until nothing is due.
    void processDue();

    // The pause before the next attempt after `attempts` failed ones: base x 2^(attempts-1), at most cap,
    // then a random point in its upper half so a crowd of retries does not arrive together.
    static qint64 retryDelayMs(const EmailConfig &config, int attempts);

private:
    // Returns false when the pass should end: the server cannot be reached, the worker is stopping, or the
    // database did not take the outcome. The rest of the batch waits for a later pass.
    bool deliver(const OutboxMessage &message);
    Status recordFailure(const OutboxMessage &message, const SendOutcome &outcome);
    bool recorded(const Status &marked, const OutboxMessage &message);
    // Nothing is sent before the backoff for the current streak of server or storage trouble has passed.
    void pause();
    void refreshQueueLength();

    EmailConfig m_config;
    DatabaseLocation m_database;
    EmailStats &m_stats;
    Clock m_clock;
    EmailComposer m_composer;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<SmtpSender> m_sender;
    QTimer *m_timer = nullptr; // child
    std::atomic<bool> m_stopping { false };
    // While the server is unreachable the whole queue waits, and only one message per pass pays an attempt.
    // Storage failures pause the same way.
    int m_unreachableStreak = 0;
    QDateTime m_notBefore;
};

} // namespace betthat::server
