#include "account.h"

#include "jsoncodec.h"

namespace betthat::json {

QJsonObject encode(const Account &account)
{
    QJsonObject o;
    o.insert(QStringLiteral("user"), encode(account.user));
    o.insert(QStringLiteral("balance"), account.balance);
    o.insert(QStringLiteral("currency"), account.user.currency);
    return o;
}

Result<Account> decodeAccount(const QJsonObject &o)
{
    const QJsonValue inner = o.value(QStringLiteral("user"));
    if (!inner.isObject())
        return makeError(ErrorCode::BadRequest, QStringLiteral("user must be an object"));
    const auto user = decodeUser(inner.toObject());
    if (!user)
        return makeError(ErrorCode::BadRequest, QStringLiteral("user: %1").arg(user.error().message));
    const auto balance = requireInteger(o, QStringLiteral("balance"));
    if (!balance)
        return balance.error();
    const QJsonValue currency = o.value(QStringLiteral("currency"));
    if (!currency.isUndefined() && currency.toString() != user->currency)
        return makeError(ErrorCode::BadRequest,
                         QStringLiteral("currency must be the user's currency (%1)").arg(user->currency));
    return Account{*user, *balance};
}

} // namespace betthat::json
