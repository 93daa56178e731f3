#pragma once

// The opaque page cursor of GET /api/v1/bets: the (updated_at, id) of the last bet on the previous page.

#include "common/error.h"

#include <QDateTime>
#include <QString>

namespace betthat::server {

struct BetCursor
{
    QDateTime updatedAt;
    QString id;

    // base64url (no padding) of "<updated_at ms since epoch>:<id>".
    QString encode() const;
    static Result<BetCursor> decode(const QString &text);
};

} // namespace betthat::server
