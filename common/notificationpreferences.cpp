#include "notificationpreferences.h"

#include <QTimeZone>

namespace betthat {

namespace {

const NotificationChannel kChannels[] = { NotificationChannel::Socket, NotificationChannel::Desktop,
    NotificationChannel::Email, NotificationChannel::Webhook };
const EventType kTypes[] = { EventType::BetResolved, EventType::BetDisputed, EventType::BetUpdated };

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

int typeIndex(EventType type)
{
    switch (type) {
    case EventType::BetResolved: return 0;
    case EventType::BetDisputed: return 1;
    case EventType::BetUpdated: return 2;
    }
    return 0;
}

QString timeText(const QTime &t)
{
    return t.toString(QStringLiteral("HH:mm"));
}

Result<QTime> readTime(const QJsonObject &o, const QString &key, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return bad(QStringLiteral("%1 must be a time \"HH:MM\"").arg(where));
    const QTime t = QTime::fromString(v.toString(), QStringLiteral("HH:mm"));
    if (!t.isValid() || v.toString().size() != 5)
        return bad(QStringLiteral("%1 must be a time \"HH:MM\" (00:00 to 23:59)").arg(where));
    return t;
}

Result<std::optional<QuietHours>> readQuietHours(const QJsonValue &v)
{
    const QString field = QStringLiteral("quiet_hours");
    if (v.isNull())
        return std::optional<QuietHours>();
    if (!v.isObject())
        return bad(QStringLiteral("quiet_hours must be an object or null"));
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("start") && it.key() != QLatin1String("end")
            && it.key() != QLatin1String("time_zone"))
            return bad(QStringLiteral("quiet_hours.%1: unknown field (allowed: start, end, time_zone)")
                           .arg(it.key().left(40)));
    QuietHours q;
    const auto start = readTime(o, QStringLiteral("start"), field + QStringLiteral(".start"));
    if (!start)
        return start.error();
    const auto end = readTime(o, QStringLiteral("end"), field + QStringLiteral(".end"));
    if (!end)
        return end.error();
    if (*start == *end)
        return bad(QStringLiteral("quiet_hours.end must differ from quiet_hours.start"));
    const QJsonValue zone = o.value(QStringLiteral("time_zone"));
    if (!zone.isString() || zone.toString().isEmpty() || zone.toString().size() > 64
        || !QTimeZone::isTimeZoneIdAvailable(zone.toString().toUtf8()))
        return bad(QStringLiteral("quiet_hours.time_zone must be an IANA time zone such as Europe/Berlin"));
    q.start = *start;
    q.end = *end;
    q.timeZone = zone.toString();
    return std::optional<QuietHours>(q);
}

// Applies {"bet_resolved":{"email":false},...}; `complete` requires every type and channel (storage, GET).
Status applyChannels(NotificationPreferences &p, const QJsonValue &v, bool complete)
{
    if (!v.isObject())
        return bad(QStringLiteral("channels must be an object"));
    const QJsonObject types = v.toObject();
    for (auto it = types.begin(); it != types.end(); ++it) {
        const QString where = QStringLiteral("channels.") + it.key().left(40);
        const auto type = eventTypeFromName(it.key());
        if (!type)
            return bad(QStringLiteral("%1: unknown event type (one of bet_resolved, bet_disputed, bet_updated)")
                           .arg(where));
        if (!it.value().isObject())
            return bad(QStringLiteral("%1 must be an object of channels").arg(where));
        const QJsonObject channels = it.value().toObject();
        for (auto c = channels.begin(); c != channels.end(); ++c) {
            const QString at = where + QLatin1Char('.') + c.key().left(40);
            const auto channel = channelFromName(c.key());
            if (!channel)
                return bad(QStringLiteral("%1: unknown channel (one of socket, desktop, email, webhook)").arg(at));
            if (!c.value().isBool())
                return bad(QStringLiteral("%1 must be true or false").arg(at));
            p.setEnabled(*type, *channel, c.value().toBool());
        }
        if (complete && channels.size() != kNotificationChannelCount)
            return bad(QStringLiteral("%1 must name every channel").arg(where));
    }
    if (complete && types.size() != kNotificationEventTypeCount)
        return bad(QStringLiteral("channels must name every event type"));
    return Ok {};
}

} // namespace

QString channelName(NotificationChannel channel)
{
    switch (channel) {
    case NotificationChannel::Socket: return QStringLiteral("socket");
    case NotificationChannel::Desktop: return QStringLiteral("desktop");
    case NotificationChannel::Email: return QStringLiteral("email");
    case NotificationChannel::Webhook: return QStringLiteral("webhook");
    }
    return {};
}

std::optional<NotificationChannel> channelFromName(const QString &name)
{
    for (NotificationChannel c : kChannels)
        if (channelName(c) == name)
            return c;
    return std::nullopt;
}

bool QuietHours::contains(const QDateTime &instant) const
{
    const QTimeZone zone(timeZone.toUtf8());
    if (!zone.isValid() || !instant.isValid() || start == end)
        return false;
    const QTime local = instant.toTimeZone(zone).time();
    if (start < end)
        return local >= start && local < end;
    return local >= start || local < end; // wraps midnight
}

QDateTime QuietHours::endOfWindow(const QDateTime &instant) const
{
    if (!contains(instant))
        return {};
    const QTimeZone zone(timeZone.toUtf8());
    const QDateTime local = instant.toTimeZone(zone);
    QDate day = local.date();
    if (start > end && local.time() >= start)
        day = day.addDays(1); // 23:00 in 22:00-07:00 ends tomorrow morning
    return QDateTime(day, end, zone).toUTC();
}

bool QuietHours::operator==(const QuietHours &o) const
{
    return start == o.start && end == o.end && timeZone == o.timeZone;
}

NotificationPreferences::NotificationPreferences()
{
    for (auto &row : m_enabled)
        for (int c = 0; c < kNotificationChannelCount; ++c)
            row[c] = c != int(NotificationChannel::Webhook);
}

bool NotificationPreferences::isEnabled(EventType type, NotificationChannel channel) const
{
    return m_enabled[typeIndex(type)][int(channel)];
}

void NotificationPreferences::setEnabled(EventType type, NotificationChannel channel, bool enabled)
{
    m_enabled[typeIndex(type)][int(channel)] = enabled;
}

bool NotificationPreferences::allowsNow(EventType type, NotificationChannel channel, const QDateTime &now) const
{
    if (!isEnabled(type, channel))
        return false;
    const bool quietable = channel == NotificationChannel::Desktop || channel == NotificationChannel::Email;
    return !(quietable && quietHours && quietHours->contains(now));
}

bool NotificationPreferences::operator==(const NotificationPreferences &o) const
{
    for (EventType t : kTypes)
        for (NotificationChannel c : kChannels)
            if (isEnabled(t, c) != o.isEnabled(t, c))
                return false;
    return quietHours == o.quietHours;
}

namespace json {

QJsonObject encode(const NotificationPreferences &p)
{
    QJsonObject channels;
    for (EventType t : kTypes) {
        QJsonObject row;
        for (NotificationChannel c : kChannels)
            row.insert(channelName(c), p.isEnabled(t, c));
        channels.insert(eventTypeName(t), row);
    }
    QJsonValue quiet;
    if (p.quietHours)
        quiet = QJsonObject { { QStringLiteral("start"), timeText(p.quietHours->start) },
            { QStringLiteral("end"), timeText(p.quietHours->end) },
            { QStringLiteral("time_zone"), p.quietHours->timeZone } };
    return { { QStringLiteral("channels"), channels }, { QStringLiteral("quiet_hours"), quiet } };
}

Result<NotificationPreferences> decodeNotificationPreferences(const QJsonObject &object)
{
    NotificationPreferences p;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.key() != QLatin1String("channels") && it.key() != QLatin1String("quiet_hours"))
            return bad(QStringLiteral("%1: unknown field (allowed: channels, quiet_hours)").arg(it.key().left(40)));
    if (const auto applied = applyChannels(p, object.value(QStringLiteral("channels")), true); !applied)
        return applied.error();
    if (!object.contains(QStringLiteral("quiet_hours")))
        return bad(QStringLiteral("quiet_hours is missing (null for none)"));
    const auto quiet = readQuietHours(object.value(QStringLiteral("quiet_hours")));
    if (!quiet)
        return quiet.error();
    p.quietHours = *quiet;
    return p;
}

Result<NotificationPreferences> applyNotificationPatch(const NotificationPreferences &current, const QJsonObject &patch)
{
    if (patch.isEmpty())
        return bad(QStringLiteral("nothing to change: send channels and/or quiet_hours"));
    NotificationPreferences p = current;
    for (auto it = patch.begin(); it != patch.end(); ++it)
        if (it.key() != QLatin1String("channels") && it.key() != QLatin1String("quiet_hours"))
            return bad(QStringLiteral("%1: unknown field (allowed: channels, quiet_hours)").arg(it.key().left(40)));
    if (patch.contains(QStringLiteral("channels")))
        if (const auto applied = applyChannels(p, patch.value(QStringLiteral("channels")), false); !applied)
            return applied.error();
    if (patch.contains(QStringLiteral("quiet_hours"))) {
        const auto quiet = readQuietHours(patch.value(QStringLiteral("quiet_hours")));
        if (!quiet)
            return quiet.error();
        p.quietHours = *quiet;
    }
    return p;
}

} // namespace json

} // namespace betthat
