#include "mecontroller.h"

#include "common/jsoncodec.h"
#include "server/http/apiresponse.h"
#include "server/http/jsonbody.h"
#include "common/account.h"
#include "common/jsoncodec.h"
#include "server/storage/userstore.h"

namespace betthat::server {

QHttpServerResponse MeController::get(const ApiRequest &request) const
{
    const auto balance = m_users.balance(request.user.id);
    if (!balance)
        return ApiResponse::error(balance.error());
    return ApiResponse::json(json::encode(Account { request.user, *balance }));
}

QHttpServerResponse MeController::patch(const ApiRequest &request) const
{
    const QString emailKey = QStringLiteral("email");
    const QString notificationsKey = QStringLiteral("email_notifications");
    const auto body = JsonBody::parse(request.http.body(), { emailKey, notificationsKey });
    if (!body)
        return ApiResponse::error(body.error());
    if (body->isEmpty())
        return ApiResponse::error(ErrorCode::BadRequest,
            QStringLiteral("nothing to change: send email and/or email_notifications"));

    User updated = request.user;
    if (body->contains(emailKey)) {
        const auto email = JsonBody::optionalString(*body, emailKey);
        if (!email)
            return ApiResponse::error(email.error());
        const QString trimmed = email->trimmed();
        if (!trimmed.isEmpty() && !isValidEmail(trimmed))
            return ApiResponse::error(ErrorCode::BadRequest,
                QStringLiteral("email is not a valid address (use \"\" or null to remove it)"));
        updated.email = trimmed;
    }
    if (body->contains(notificationsKey)) {
        const QJsonValue value = body->value(notificationsKey);
        if (!value.isBool())
            return ApiResponse::error(
                ErrorCode::BadRequest, QStringLiteral("email_notifications must be true or false"));
        updated.emailNotifications = value.toBool();
    }
    if (const auto saved = m_users.updateUser(updated); !saved)
        return ApiResponse::error(saved.error());
    const auto balance = m_users.balance(updated.id);
    if (!balance)
        return ApiResponse::error(balance.error());
    return ApiResponse::json(json::encode(Account { updated, *balance }));
}

} // namespace betthat::server
