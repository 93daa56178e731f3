#include "userview.h"

#include "common/jsoncodec.h"

namespace betthat::server {

QJsonObject UserView::withBalance(const User &user, qint64 balance)
{
    QJsonObject o;
    o.insert(QStringLiteral("user"), json::encode(user));
    o.insert(QStringLiteral("balance"), balance);
    o.insert(QStringLiteral("currency"), user.currency);
    return o;
}

} // namespace betthat::server
