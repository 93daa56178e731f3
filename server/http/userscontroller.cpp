#include "userscontroller.h"

#include "server/http/apiresponse.h"
#include "server/http/userview.h"
#include "server/storage/repository.h"

#include <QJsonArray>

namespace betthat::server {

QHttpServerResponse UsersController::list(const ApiRequest &request) const
{
    if (!request.user.isOperator())
        return ApiResponse::error(ErrorCode::Forbidden, QStringLiteral("only operators may list users"));
    QJsonArray users;
    const QList<User> all = m_repository.users();
    for (const User &user : all)
        users.append(UserView::withBalance(user, m_repository.balance(user.id)));
    return ApiResponse::json(QJsonObject { { QStringLiteral("users"), users } });
}

} // namespace betthat::server
