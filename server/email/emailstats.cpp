#include "emailstats.h"

namespace betthat::server {

QJsonObject EmailStats::toJson(bool enabled) const
{
    return QJsonObject {
        { QStringLiteral("enabled"), enabled },
        { QStringLiteral("sent"), sent.load() },
        { QStringLiteral("failed"), failed.load() },
        { QStringLiteral("retried"), retried.load() },
        { QStringLiteral("queue_length"), queueLength.load() },
    };
}

} // namespace betthat::server
