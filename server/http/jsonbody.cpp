#include "jsonbody.h"

#include "common/jsoncodec.h"
#include "common/textrules.h"

namespace betthat::server {

const QStringList &JsonBody::multiLineKeys()
{
    static const QStringList keys { QStringLiteral("notes"), QStringLiteral("reason") };
    return keys;
}

Result<QJsonObject> JsonBody::parse(const QByteArray &body, const QStringList &allowedKeys, bool emptyAllowed)
{
    if (body.trimmed().isEmpty()) {
        if (emptyAllowed)
            return QJsonObject();
        return makeError(ErrorCode::BadRequest, QStringLiteral("a JSON object body is required"));
    }
    auto object = json::parseObject(body);
    if (!object)
        return object.error();
    for (auto it = object->constBegin(); it != object->constEnd(); ++it) {
        if (!allowedKeys.contains(it.key())) {
            const QString expected = allowedKeys.isEmpty() ? QStringLiteral("no fields")
                                                           : allowedKeys.join(QStringLiteral(", "));
            return makeError(ErrorCode::BadRequest,
                QStringLiteral("unknown field \"%1\" (expected %2)").arg(it.key().left(64), expected));
        }
        // Every string of every body, checked once here: names end up in email headers, logs and labels.
        const text::Kind kind = multiLineKeys().contains(it.key()) ? text::Kind::MultiLine : text::Kind::SingleLine;
        if (auto clean = text::checkJson(it.key(), it.value(), kind); !clean)
            return clean.error();
    }
    return object;
}

Result<QString> JsonBody::optionalString(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return makeError(ErrorCode::BadRequest, QStringLiteral("%1 must be a string").arg(key));
    return value.toString();
}

} // namespace betthat::server
