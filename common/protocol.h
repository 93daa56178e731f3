#pragma once

// The WebSocket wire protocol of /ws/bet-updates (docs/PROTOCOL.md): message builders, parsing, close codes.

#include "betevent.h"
#include "error.h"
#include "eventfilter.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace betthat::protocol {

inline constexpr char kBetUpdatesPath[] = "/ws/bet-updates";
inline constexpr char kStatusPath[] = "/ws/status";
inline constexpr int kMaxClientMessageBytes = 4096;

// Close codes are a contract: reconnect on the first group, stop and ask the user on the second.
enum CloseCode : quint16 {
    GoingAway = 1001,      // server shutting down: reconnect
    PolicyViolation = 1008,// junk kept coming: reconnect only after fixing the client
    MessageTooBig = 1009,  // a client message over 4 KiB
    InternalError = 1011,  // the server could not read the event log: reconnect and resume by seq
    TryAgainLater = 1013,  // connection limits: reconnect with backoff
    Unauthorized = 4401,   // missing or bad token: stop, sign in again
    Forbidden = 4403,      // asked for someone else's feed: stop
    SlowConsumer = 4008,   // fell too far behind: reconnect and resume by seq
};

bool closeCodeMeansReconnect(int code);

enum class ClientMessageType { Ping, Resume, Subscribe };

struct ClientMessage
{
    ClientMessageType type = ClientMessageType::Ping;
    qint64 sinceSeq = -1; // Resume
    QString userId;       // Subscribe: empty means the operators' global feed
    EventFilter filter;   // Subscribe: which events of that feed (empty: all); replaces the previous filter
};

// Parses a client text frame; the error's message is what goes back in {"type":"error"}.
Result<ClientMessage> parseClientMessage(const QByteArray &frame);

// reconnectJitterMs > 0 adds "reconnect_jitter_ms": the window over which a client spreads its first reconnect
// after a drop, so the clients of a node that went away do not all arrive at the others at once.
QJsonObject connectionEstablished(
    const QString &userId, qint64 lastSeq, const QDateTime &serverTime, int reconnectJitterMs = 0);
// The largest reconnect_jitter_ms a client accepts (a hostile or broken server must not park it for hours).
constexpr int kMaxReconnectJitterMs = 5 * 60 * 1000;
QJsonObject pong(const QDateTime &serverTime);
QJsonObject resyncRequired(const QString &reason, qint64 lastSeq);
QJsonObject errorMessage(const QString &code, const QString &message);
// {"type":"error"} with the API's code name for the error: the WebSocket's one error encoder.
QJsonObject errorMessage(const Error &error);
// Echoes the filter in effect (the key is left out when there is none).
QJsonObject subscribed(const QString &userId, qint64 lastSeq, const EventFilter &filter = {});

// Server -> client message type names.
QString messageType(const QJsonObject &message);

} // namespace betthat::protocol
