#include "upgraderequest.h"

#include "common/user.h"
#include "server/http/queryreader.h"

#include <QStringList>

#include <QSet>
#include <QUrlQuery>

namespace betthat::server {

namespace {

const QString kToken = QStringLiteral("token");
const QString kUserId = QStringLiteral("user_id");
const QString kSinceSeq = QStringLiteral("since_seq");

Error bad(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

} // namespace

Result<UpgradeRequest> UpgradeRequest::parse(const QUrl &url)
{
    UpgradeRequest request;
    QSet<QString> seen;
    // Read as polling reads its query ('+' is a space, a literal plus is %2B): the same filter in both URLs
    // must select the same events. A plain QUrlQuery kept '+' literal here (found by fuzz_query).
    const auto items = QueryReader(url).items();
    const QStringList filterNames = eventFilterQueryNames();
    for (const auto &[name, value] : items) {
        if (filterNames.contains(name))
            continue; // repeatable; read below by the filter's own parser
        if (name != kToken && name != kUserId && name != kSinceSeq)
            return bad(QStringLiteral("unknown query parameter \"%1\" (allowed: token, user_id, since_seq, "
                                      "type, status, market, event_name)")
                           .arg(name.left(40)));
        if (seen.contains(name))
            return bad(QStringLiteral("query parameter %1 is given more than once").arg(name));
        seen.insert(name);
        if (name == kToken) {
            request.token = value;
        } else if (name == kUserId) {
            if (!isValidUserId(value))
                return bad(QStringLiteral("user_id is not a valid user id"));
            request.userId = value;
        } else {
            bool ok = false;
            const qint64 since = value.toLongLong(&ok);
            if (!ok || since < 0 || value.startsWith(QLatin1Char('+')))
                return bad(QStringLiteral("since_seq must be a non-negative integer"));
            request.sinceSeq = since;
        }
    }
    const auto filter = eventFilterFromQuery(items);
    if (!filter)
        return filter.error();
    request.filter = *filter;
    return request;
}

} // namespace betthat::server
