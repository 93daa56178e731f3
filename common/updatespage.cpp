#include "updatespage.h"

#include "jsoncodec.h"
#include "timeutil.h"

#include <QJsonArray>

namespace betthat {

bool UpdatesPage::operator==(const UpdatesPage &o) const
{
    return updates == o.updates && lastSeq == o.lastSeq && lastUpdate == o.lastUpdate && hasMore == o.hasMore
        && resyncRequired == o.resyncRequired;
}

namespace json {

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

Result<bool> requireBool(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (!v.isBool())
        return bad(QStringLiteral("%1 must be true or false").arg(key));
    return v.toBool();
}

} // namespace

QJsonObject encode(const UpdatesPage &page)
{
    QJsonArray updates;
    for (const BetEvent &event : page.updates)
        updates.append(encode(event));
    QJsonObject body;
    body.insert(QStringLiteral("updates"), updates);
    body.insert(QStringLiteral("last_update"),
                page.lastUpdate.isValid() ? QJsonValue(toIsoUtc(page.lastUpdate)) : QJsonValue());
    body.insert(QStringLiteral("last_seq"), page.lastSeq);
    body.insert(QStringLiteral("count"), static_cast<int>(page.updates.size()));
    body.insert(QStringLiteral("has_more"), page.hasMore);
    body.insert(QStringLiteral("resync_required"), page.resyncRequired);
    return body;
}

Result<UpdatesPage> decodeUpdatesPage(const QJsonObject &o)
{
    UpdatesPage page;
    const QJsonValue updates = o.value(QStringLiteral("updates"));
    if (!updates.isArray())
        return bad(QStringLiteral("updates must be an array"));
    const QJsonArray array = updates.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return bad(QStringLiteral("updates[%1] must be an object").arg(i));
        auto event = decodeEvent(array.at(i).toObject());
        if (!event)
            return bad(QStringLiteral("updates[%1]: %2").arg(i).arg(event.error().message));
        // A page out of order would move the client's cursor past events it has not seen.
        if (!page.updates.isEmpty() && event->seq <= page.updates.constLast().seq)
            return bad(QStringLiteral("updates must be in ascending seq order"));
        page.updates.append(std::move(event.value()));
    }
    const auto lastSeq = requireInteger(o, QStringLiteral("last_seq"));
    if (!lastSeq)
        return lastSeq.error();
    if (*lastSeq < 0)
        return bad(QStringLiteral("last_seq must not be negative"));
    page.lastSeq = *lastSeq;
    const QJsonValue lastUpdate = o.value(QStringLiteral("last_update"));
    if (!lastUpdate.isNull() && !lastUpdate.isUndefined()) {
        page.lastUpdate = parseIsoUtc(lastUpdate.toString());
        if (!page.lastUpdate.isValid())
            return bad(QStringLiteral("last_update must be an ISO 8601 UTC timestamp or null"));
    }
    const QJsonValue count = o.value(QStringLiteral("count"));
    if (!count.isUndefined()) {
        const auto n = requireInteger(o, QStringLiteral("count"));
        if (!n)
            return n.error();
        if (*n != page.updates.size())
            return bad(QStringLiteral("count %1 does not match the %2 updates").arg(*n).arg(page.updates.size()));
    }
    const auto hasMore = requireBool(o, QStringLiteral("has_more"));
    if (!hasMore)
        return hasMore.error();
    page.hasMore = *hasMore;
    const auto resync = requireBool(o, QStringLiteral("resync_required"));
    if (!resync)
        return resync.error();
    page.resyncRequired = *resync;
    return page;
}

} // namespace json

} // namespace betthat
