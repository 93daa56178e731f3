#pragma once

// Every message the server sends on /ws/bet-updates, parsed once into a typed value (docs/PROTOCOL.md §2).

#include "betevent.h"
#include "error.h"
#include "eventfilter.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace betthat::protocol {

enum class ServerMessageType { ConnectionEstablished, Event, Pong, Subscribed, ResyncRequired, Error };

struct ServerMessage
{
    ServerMessageType type = ServerMessageType::Pong;
    QString userId;     // ConnectionEstablished, Subscribed: the feed; empty = an operator's global feed
    qint64 lastSeq = 0; // ConnectionEstablished, Subscribed, ResyncRequired
    QDateTime time;     // ConnectionEstablished: server_time; Pong: timestamp
    int reconnectJitterMs = 0; // ConnectionEstablished: reconnect_jitter_ms, 0 when the server sent none
    QString reason;     // ResyncRequired
    Error error;        // Error: the code (unknown names become Internal) and the message
    BetEvent event;     // Event
    EventFilter filter; // Subscribed: the filter in effect

    bool operator==(const ServerMessage &other) const;
};

QString serverMessageTypeName(ServerMessageType type); // "connection_established", "event" for any event, ...

// A text frame from the server; refuses non-JSON, unknown types and missing or mistyped fields with a reason.
Result<ServerMessage> parseServerMessage(const QByteArray &frame);
Result<ServerMessage> decodeServerMessage(const QJsonObject &object);
// The frame for a message: exactly what the builders in protocol.h (and json::encode(BetEvent)) produce.
QJsonObject encode(const ServerMessage &message);

} // namespace betthat::protocol
