#include "servermessage.h"

#include "jsoncodec.h"
#include "protocol.h"
#include "timeutil.h"

namespace betthat::protocol {

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

// null or absent = the global feed; anything else must be a string.
Result<QString> feedUser(const QJsonObject &o)
{
    const QJsonValue v = o.value(QStringLiteral("user_id"));
    if (v.isNull() || v.isUndefined())
        return QString();
    if (!v.isString())
        return bad(QStringLiteral("user_id must be a string or null"));
    return v.toString();
}

Result<qint64> lastSeqOf(const QJsonObject &o)
{
    const auto seq = json::requireInteger(o, QStringLiteral("last_seq"));
    if (seq && *seq < 0)
        return bad(QStringLiteral("last_seq must not be negative"));
    return seq;
}

Result<QDateTime> timeOf(const QJsonObject &o, const QString &key)
{
    const QDateTime t = parseIsoUtc(o.value(key).toString());
    if (!t.isValid())
        return bad(QStringLiteral("%1 must be an ISO 8601 UTC timestamp").arg(key));
    return t;
}

} // namespace

bool ServerMessage::operator==(const ServerMessage &o) const
{
    return type == o.type && userId == o.userId && lastSeq == o.lastSeq && time == o.time && reconnectJitterMs == o.reconnectJitterMs
        && reason == o.reason
        && error.code == o.error.code && error.message == o.error.message && event == o.event && filter == o.filter;
}

QString serverMessageTypeName(ServerMessageType type)
{
    switch (type) {
    case ServerMessageType::ConnectionEstablished: return QStringLiteral("connection_established");
    case ServerMessageType::Event: return QStringLiteral("event");
    case ServerMessageType::Pong: return QStringLiteral("pong");
    case ServerMessageType::Subscribed: return QStringLiteral("subscribed");
    case ServerMessageType::ResyncRequired: return QStringLiteral("resync_required");
    case ServerMessageType::Error: return QStringLiteral("error");
    }
    return {};
}

Result<ServerMessage> parseServerMessage(const QByteArray &frame)
{
    const auto object = json::parseObject(frame);
    if (!object)
        return object.error();
    return decodeServerMessage(*object);
}

Result<ServerMessage> decodeServerMessage(const QJsonObject &o)
{
    const QJsonValue typeValue = o.value(QStringLiteral("type"));
    if (!typeValue.isString() || typeValue.toString().isEmpty())
        return bad(QStringLiteral("message has no type"));
    const QString type = typeValue.toString();
    ServerMessage m;
    if (eventTypeFromName(type)) {
        auto event = json::decodeEvent(o);
        if (!event)
            return event.error();
        m.type = ServerMessageType::Event;
        m.event = std::move(event.value());
        return m;
    }
    if (type == QLatin1String("connection_established") || type == QLatin1String("subscribed")) {
        m.type = type == QLatin1String("subscribed") ? ServerMessageType::Subscribed
                                                      : ServerMessageType::ConnectionEstablished;
        const auto user = feedUser(o);
        if (!user)
            return user.error();
        m.userId = *user;
        const auto seq = lastSeqOf(o);
        if (!seq)
            return seq.error();
        m.lastSeq = *seq;
        if (m.type == ServerMessageType::ConnectionEstablished) {
            const auto serverTime = timeOf(o, QStringLiteral("server_time"));
            if (!serverTime)
                return serverTime.error();
            m.time = *serverTime;
            // Optional (older servers send none); a whole number of milliseconds within reason.
            const QJsonValue jitter = o.value(QStringLiteral("reconnect_jitter_ms"));
            if (!jitter.isUndefined()) {
                const double ms = jitter.toDouble(-1);
                if (!jitter.isDouble() || ms < 0 || ms > kMaxReconnectJitterMs || ms != double(qint64(ms)))
                    return bad(QStringLiteral("reconnect_jitter_ms must be a whole number from 0 to %1")
                                   .arg(kMaxReconnectJitterMs));
                m.reconnectJitterMs = int(ms);
            }
        } else {
            const auto filter = json::decodeEventFilter(o.value(QStringLiteral("filter")));
            if (!filter)
                return filter.error();
            m.filter = *filter;
        }
        return m;
    }
    if (type == QLatin1String("pong")) {
        m.type = ServerMessageType::Pong;
        const auto timestamp = timeOf(o, QStringLiteral("timestamp"));
        if (!timestamp)
            return timestamp.error();
        m.time = *timestamp;
        return m;
    }
    if (type == QLatin1String("resync_required")) {
        m.type = ServerMessageType::ResyncRequired;
        const auto seq = lastSeqOf(o);
        if (!seq)
            return seq.error();
        m.lastSeq = *seq;
        const QJsonValue reason = o.value(QStringLiteral("reason"));
        if (!reason.isString())
            return bad(QStringLiteral("reason must be a string"));
        m.reason = reason.toString();
        return m;
    }
    if (type == QLatin1String("error")) {
        m.type = ServerMessageType::Error;
        const auto code = json::requireString(o, QStringLiteral("code"));
        if (!code)
            return code.error();
        const QJsonValue message = o.value(QStringLiteral("message"));
        if (!message.isString())
            return bad(QStringLiteral("message must be a string"));
        m.error = makeError(errorCodeFromName(*code).value_or(ErrorCode::Internal), message.toString());
        return m;
    }
    return bad(QStringLiteral("unknown message type \"%1\"").arg(type.left(40)));
}

QJsonObject encode(const ServerMessage &m)
{
    switch (m.type) {
    case ServerMessageType::ConnectionEstablished: return connectionEstablished(m.userId, m.lastSeq, m.time, m.reconnectJitterMs);
    case ServerMessageType::Event: return json::encode(m.event);
    case ServerMessageType::Pong: return pong(m.time);
    case ServerMessageType::Subscribed: return subscribed(m.userId, m.lastSeq, m.filter);
    case ServerMessageType::ResyncRequired: return resyncRequired(m.reason, m.lastSeq);
    case ServerMessageType::Error: return errorMessage(m.error);
    }
    return {};
}

} // namespace betthat::protocol
