#pragma once

// The plain values the storage ports take and give: queries, outbox rows, idempotency keys and answers.
// Nothing here knows HTTP: an idempotent answer is a status number and the bet it reports, encoded by storage.

#include "common/bet.h"
#include "common/user.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace betthat::server {

struct BetQuery
{
    QString userId; // empty: every user (operators only; the access policy enforces it above storage)
    std::optional<BetStatus> status;
    std::optional<BetResult> result;
    QString market;    // exact match, empty: any
    QString eventName; // exact match, empty: any
    // Placed within [createdFrom, createdBefore); an invalid bound is open.
    QDateTime createdFrom;
    QDateTime createdBefore;
    int limit = 100;
    // Keyset pagination, newest first by (updated_at, id): the cursor is the last row of the previous page.
    QDateTime beforeUpdatedAt;
    QString beforeId;
};

struct EventQuery
{
    qint64 afterSeq = 0; // events with seq > afterSeq, ascending
    QDateTime afterTime; // if valid: events with timestamp > afterTime (ascending by seq)
    QString userId;      // empty: every user's events
    int limit = 100;
    bool newest = false; // true: the newest `limit` events (still returned ascending)
};

// Where a resume cursor stands against the retained log: one rule for polling and the WebSocket.
struct CursorState
{
    enum Kind {
        Ok,     // every event after the cursor is still in the log: continue exactly
        Ahead,  // the cursor is beyond the log's end (another database, a restore): resync
        Pruned, // events after the cursor were pruned: resync
    };
    Kind kind = Ok;
    qint64 lastSeq = 0;          // the last seq handed out
    qint64 firstRetainedSeq = 0; // the oldest seq still in the log (0: empty log)
};

// An email to send after commit, written in the same transaction as its event (the outbox).
struct OutboxMessage
{
    qint64 id = 0;
    QString kind;      // "bet_resolved", "dispute_raised", "dispute_decided", ...
    QString recipient; // an address, validated
    QString userId;
    QString betId;
    qint64 eventSeq = 0;
    QJsonObject payload; // what the template needs
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString state; // pending | sent | failed
    QString lastError;
};

// The answer to a mutating request, kept so a retry with the same Idempotency-Key gets it again.
struct StoredResponse
{
    int status = 200;
    QByteArray body;
};

// A stored Idempotency-Key: which request it was used for, and the answer that request got.
struct IdempotentAnswer
{
    QString requestHash;
    StoredResponse response;
};

// The Idempotency-Key of a single-bet change, handed to BetStore::commit as a plain value. Storage writes
// {user, key, request hash, successStatus, the committed bet encoded as JSON} in the change's own
// transaction: after a crash either both exist (a retry gets the answer) or neither (a retry runs the request
// again), never a change without its answer (a retried place would bet twice).
struct IdempotencyKey
{
    QString userId;
    QString key;
    QString requestHash;
    int successStatus = 200; // what the caller answers when the change commits (201 for a new bet)
};

} // namespace betthat::server
