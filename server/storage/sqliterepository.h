#pragma once

// Every storage port on a SQLite file through Qt Sql: WAL, foreign keys, versioned migrations, one connection per
// thread.

#include "server/storage/repository.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace betthat::server {

class SqliteRepository final : public Repository
{
public:
    // connectionName must be unique per thread: Qt Sql connections belong to the thread that opened them.
    SqliteRepository(QString path, QString connectionName);
    ~SqliteRepository() override;

    static constexpr int kSchemaVersion = 5;

    // A Qt Sql connection name no other connection of this process has ("betthat-<purpose>-<n>"): each thread
    // opens its own connection, and names must not collide.
    static QString uniqueConnectionName(const QString &purpose);

    Status open() override;
    void close() override;
    Status probeWritable() override;
    Status backupTo(const QString &target) override;
    QString path() const { return m_path; }

    // UserStore
    Status addUser(const User &user, const QByteArray &tokenHash) override;
    Status setTokenHash(const QString &userId, const QByteArray &tokenHash) override;
    Status updateUser(const User &user) override;
    Result<std::optional<User>> userById(const QString &id) override;
    Result<std::optional<User>> userByTokenHash(const QByteArray &tokenHash) override;
    Result<QList<User>> users() override;
    Status deposit(const QString &userId, qint64 amount, const QString &currency) override;
    Result<qint64> balance(const QString &userId) override;

    // NotificationPreferenceStore
    Result<std::optional<NotificationPreferences>> notificationPreferences(const QString &userId) override;
    Status setNotificationPreferences(const QString &userId, const NotificationPreferences &preferences) override;

    // BetStore
    Result<std::optional<Bet>> betById(const QString &id) override;
    Result<QList<Bet>> bets(const BetQuery &query) override;
    Result<Transition> commit(const Transition &transition, const QList<OutboxMessage> &outbox = {},
        const std::optional<IdempotencyKey> &idempotency = std::nullopt) override;

    // EventLog
    Result<QList<BetEvent>> events(const EventQuery &query) override;
    Result<QList<BetEvent>> eventsForBet(const QString &betId) override;
    Result<qint64> lastSeq() override;
    Result<qint64> firstRetainedSeq() override;
    Result<int> pruneEvents(qint64 upToSeq) override;

    // IdempotencyStore
    Result<std::optional<IdempotentAnswer>> idempotentAnswer(const QString &userId, const QString &key) override;
    Status storeIdempotentAnswer(const QString &userId, const QString &key, const IdempotentAnswer &answer) override;

    // OutboxStore
    Result<QList<OutboxMessage>> dueOutbox(const QDateTime &now, int limit) override;
    Status markOutboxSent(qint64 id, const QDateTime &now) override;
    Status markOutboxRetry(qint64 id, int attempts, const QDateTime &nextAttemptAt, const QString &error) override;
    Status markOutboxFailed(qint64 id, int attempts, const QString &error) override;
    Result<int> outboxCount(const QString &state) override;

    // WebhookStore
    Result<Webhook> addWebhook(const Webhook &webhook) override;
    Result<std::optional<Webhook>> webhookById(const QString &id) override;
    Result<QList<Webhook>> webhooks() override;
    Status updateWebhook(const Webhook &webhook) override;
    Status removeWebhook(const QString &id) override;
    Status setWebhookCursor(const QString &id, qint64 seq) override;
    Result<bool> advanceWebhookCursor(const QString &id, qint64 from, qint64 to) override;
    Result<Webhook> recordWebhookAttempt(const WebhookAttempt &attempt) override;
    Result<QList<WebhookDelivery>> webhookDeliveries(const QString &id, int limit) override;

    // For tests: the database handle (query plans, fault injection).
    QSqlDatabase database() const;
    // For tests: the EXPLAIN QUERY PLAN detail lines of the exact statement events()/bets() would run.
    QStringList explainEvents(const EventQuery &query) const;
    QStringList explainBets(const BetQuery &query) const;

private:
    QString m_path;
    QString m_connectionName;
};

} // namespace betthat::server
