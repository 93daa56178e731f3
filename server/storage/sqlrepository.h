#pragma once

// Every storage port on a Qt Sql connection, written once for both backends: SQLite (SqliteRepository) and
// PostgreSQL (PostgresRepository) differ in how they open, migrate and reconnect, and in the few statements
// sqlsupport.h branches on (the write lock, new row ids, how the event seq is assigned). Row mapping, queries,
// validation and the one commit() are shared.

#include "server/storage/repository.h"
#include "server/storage/sqlsupport.h"

#include <QSqlDatabase>
#include <QString>

namespace betthat::server {

class SqlRepository : public Repository
{
public:
    ~SqlRepository() override;

    // The schema version of both backends' migrations.
    static constexpr int kSchemaVersion = 5;

    // A Qt Sql connection name no other connection of this process has ("betthat-<purpose>-<n>"): each thread
    // opens its own connection, and names must not collide.
    static QString uniqueConnectionName(const QString &purpose);

    void close() override;

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

    // The connection, reconnected first if the backend lost it (see reconnectIfLost). For tests as well
    // (query plans, fault injection).
    QSqlDatabase database() const;
    QString connectionName() const { return m_connectionName; }

protected:
    // connectionName must be unique per thread: Qt Sql connections belong to the thread that opened them.
    explicit SqlRepository(QString connectionName);

    // Called by database() when the connection is registered but not open. A backend that can reconnect on
    // its own (PostgreSQL after a server restart) does so here; SQLite never loses its file handle.
    virtual void reconnectIfLost(QSqlDatabase &db) const;

    // The statements events() and bets() run, for the backends' query-plan helpers.
    static sql::Statement eventsStatement(const EventQuery &query, int limit);
    static sql::Statement betsStatement(const BetQuery &query, int limit);

private:
    QString m_connectionName;
};

} // namespace betthat::server
