#include "userscontroller.h"

#include "server/http/apiresponse.h"
#include "common/account.h"
#include "common/jsoncodec.h"
#include "server/storage/userstore.h"

#include <QJsonArray>

namespace betthat::server {

QHttpServerResponse UsersController::list(const ApiRequest &request) const
{
    if (!request.user.isOperator())
        return ApiResponse::error(ErrorCode::Forbidden, QStringLiteral("only operators may list users"));
    QJsonArray users;
    const auto all = m_users.users();
    if (!all)
        return ApiResponse::error(all.error());
    for (const User &user : *all) {
        const auto balance = m_users.balance(user.id);
        if (!balance)
            return ApiResponse::error(balance.error());
        users.append(json::encode(Account { user, *balance }));
    }
    return ApiResponse::json(QJsonObject { { QStringLiteral("users"), users } });
}

} // namespace betthat::server
