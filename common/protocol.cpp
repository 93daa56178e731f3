#include "protocol.h"

#include "jsoncodec.h"
#include "timeutil.h"

namespace betthat::protocol {

bool closeCodeMeansReconnect(int code)
{
    return code != Unauthorized && code != Forbidden;
}

Result<ClientMessage> parseClientMessage(const QByteArray &frame)
{
    if (frame.size() > kMaxClientMessageBytes)
        return makeError(ErrorCode::PayloadTooLarge, QStringLiteral("message larger than 4 KiB"));
    const auto object = json::parseObject(frame);
    if (!object)
        return object.error();
    const QString type = object->value(QStringLiteral("type")).toString();
    ClientMessage message;
    if (type == QLatin1String("ping")) {
        message.type = ClientMessageType::Ping;
    } else if (type == QLatin1String("resume")) {
        message.type = ClientMessageType::Resume;
        const auto since = json::requireInteger(*object, QStringLiteral("since_seq"));
        if (!since)
            return since.error();
        if (*since < 0)
            return makeError(ErrorCode::BadRequest, QStringLiteral("since_seq must not be negative"));
        message.sinceSeq = *since;
    } else if (type == QLatin1String("subscribe")) {
        message.type = ClientMessageType::Subscribe;
        const QJsonValue user = object->value(QStringLiteral("user_id"));
        if (!user.isUndefined() && !user.isNull() && !user.isString())
            return makeError(ErrorCode::BadRequest, QStringLiteral("user_id must be a string or null"));
        message.userId = user.toString();
        const auto filter = json::decodeEventFilter(object->value(QStringLiteral("filter")));
        if (!filter)
            return filter.error();
        message.filter = *filter;
    } else if (type.isEmpty()) {
        return makeError(ErrorCode::BadRequest, QStringLiteral("message has no type"));
    } else {
        return makeError(ErrorCode::BadRequest, QStringLiteral("unknown message type \"%1\"").arg(type.left(40)));
    }
    return message;
}

QJsonObject connectionEstablished(
    const QString &userId, qint64 lastSeq, const QDateTime &serverTime, int reconnectJitterMs)
{
    QJsonObject message {{QStringLiteral("type"), QStringLiteral("connection_established")},
        {QStringLiteral("user_id"), userId.isEmpty() ? QJsonValue() : QJsonValue(userId)},
        {QStringLiteral("last_seq"), lastSeq},
        {QStringLiteral("server_time"), toIsoUtc(serverTime)}};
    if (reconnectJitterMs > 0)
        message.insert(QStringLiteral("reconnect_jitter_ms"), reconnectJitterMs);
    return message;
}

QJsonObject pong(const QDateTime &serverTime)
{
    return {{QStringLiteral("type"), QStringLiteral("pong")}, {QStringLiteral("timestamp"), toIsoUtc(serverTime)}};
}

QJsonObject resyncRequired(const QString &reason, qint64 lastSeq)
{
    return {{QStringLiteral("type"), QStringLiteral("resync_required")},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("last_seq"), lastSeq}};
}

QJsonObject errorMessage(const QString &code, const QString &message)
{
    return {{QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("code"), code},
            {QStringLiteral("message"), message}};
}

QJsonObject errorMessage(const Error &error)
{
    return errorMessage(errorCodeName(error.code), error.message);
}

QJsonObject subscribed(const QString &userId, qint64 lastSeq, const EventFilter &filter)
{
    QJsonObject message {{QStringLiteral("type"), QStringLiteral("subscribed")},
        {QStringLiteral("user_id"), userId.isEmpty() ? QJsonValue() : QJsonValue(userId)},
        {QStringLiteral("last_seq"), lastSeq}};
    if (!filter.isEmpty())
        message.insert(QStringLiteral("filter"), json::encode(filter));
    return message;
}

QString messageType(const QJsonObject &message)
{
    return message.value(QStringLiteral("type")).toString();
}

} // namespace betthat::protocol
