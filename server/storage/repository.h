#pragma once

// The storage boundary: everything the server persists goes through this interface (SQLite now, PostgreSQL next).

#include "common/bet.h"
#include "common/betevent.h"
#include "common/betrules.h"
#include "common/error.h"
#include "common/user.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace betthat::server {

struct BetQuery
{
    QString userId;                  // empty: every user (operators only; the HTTP layer enforces it)
    std::optional<BetStatus> status;
    std::optional<BetResult> result;
    QString market;                  // exact match, empty: any
    QString eventName;               // exact match, empty: any
    int limit = 100;
    // Keyset pagination, newest first by (updated_at, id): the cursor is the last row of the previous page.
    QDateTime beforeUpdatedAt;
    QString beforeId;
};

struct EventQuery
{
    qint64 afterSeq = 0;      // events with seq > afterSeq, ascending
    QDateTime afterTime;      // if valid: events with timestamp > afterTime (ascending by seq)
    QString userId;           // empty: every user's events
    int limit = 100;
    bool newest = false;      // true: the newest `limit` events (still returned ascending)
};

// An email to send after commit, written in the same transaction as its event (the outbox).
struct OutboxMessage
{
    qint64 id = 0;
    QString kind;        // "bet_resolved", "dispute_raised", "dispute_decided", ...
    QString recipient;   // an address, validated
    QString userId;
    QString betId;
    qint64 eventSeq = 0;
    QJsonObject payload; // what the template needs
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString state;       // pending | sent | failed
    QString lastError;
};

// The answer to a mutating request, kept so a retry with the same Idempotency-Key gets it again.
struct StoredResponse
{
    int status = 200;
    QByteArray body;
};

// An Idempotency-Key answer written in the same transaction as the change it answers: after a crash either
// both exist (a retry gets the answer) or neither (a retry runs the request again), never a change without
// its answer (a retried place would bet twice).
struct IdempotencyRecord
{
    QString userId;
    QString key;
    QString requestHash;
    // Builds the answer from the committed transition (ids and seq assigned), inside the transaction.
    std::function<StoredResponse(const Transition &committed)> respond;
};

class Repository
{
public:
    virtual ~Repository() = default;

    // Opens or creates the database and migrates it; refuses a schema newer than this build knows.
    virtual Status open() = 0;
    virtual void close() = 0;

    // --- users and tokens (tokens are stored as SHA-256 hashes)
    virtual Status addUser(const User &user, const QByteArray &tokenHash) = 0;
    virtual Status setTokenHash(const QString &userId, const QByteArray &tokenHash) = 0;
    virtual Status updateUser(const User &user) = 0;
    virtual std::optional<User> userById(const QString &id) = 0;
    virtual std::optional<User> userByTokenHash(const QByteArray &tokenHash) = 0;
    virtual QList<User> users() = 0;
    virtual Status deposit(const QString &userId, qint64 amount, const QString &currency) = 0;
    virtual qint64 balance(const QString &userId) = 0;

    // --- bets
    virtual std::optional<Bet> betById(const QString &id) = 0;
    virtual QList<Bet> bets(const BetQuery &query) = 0;

    // The only way a bet changes. In ONE transaction: insert or update the bet (update only if its stored
    // version is still transition.before.version, else Conflict), append the ledger entries, check
    // requiredBalance, append the event (assigning seq) and the outbox messages, and, if given, the
    // idempotency record's answer (Conflict if its key is already taken). Returns the committed transition
    // with ids and seq filled in. Nothing is written when it fails.
    virtual Result<Transition> commit(const Transition &transition, const QList<OutboxMessage> &outbox = {},
        const std::optional<IdempotencyRecord> &idempotency = std::nullopt) = 0;

    // --- event log
    // Reads report failure (Unavailable) instead of answering "nothing": an empty list means "caught up",
    // and a reader that took a failed read for that would skip events (a gap) once the log is readable again.
    virtual Result<QList<BetEvent>> events(const EventQuery &query) = 0;
    virtual Result<QList<BetEvent>> eventsForBet(const QString &betId) = 0;
    // The last seq handed out (0 before the first event), even if pruning has emptied the log since.
    virtual Result<qint64> lastSeq() = 0;
    // Oldest seq still retained (0 when the log is empty); a resume from before it needs a resync.
    virtual Result<qint64> firstRetainedSeq() = 0;
    // Retention: drops events with seq <= upToSeq; returns how many went. Bets and ledger are never pruned.
    virtual Result<int> pruneEvents(qint64 upToSeq) = 0;

    // --- idempotency
    virtual std::optional<StoredResponse> idempotentResponse(const QString &userId, const QString &key) = 0;
    virtual Status storeIdempotentResponse(const QString &userId, const QString &key, const QString &requestHash,
                                           const StoredResponse &response) = 0;
    virtual QString idempotentRequestHash(const QString &userId, const QString &key) = 0;

    // --- outbox (email)
    virtual QList<OutboxMessage> dueOutbox(const QDateTime &now, int limit) = 0;
    virtual Status markOutboxSent(qint64 id, const QDateTime &now) = 0;
    virtual Status markOutboxRetry(qint64 id, int attempts, const QDateTime &nextAttemptAt, const QString &error) = 0;
    virtual Status markOutboxFailed(qint64 id, int attempts, const QString &error) = 0;
    virtual int outboxCount(const QString &state) = 0;
};

} // namespace betthat::server
