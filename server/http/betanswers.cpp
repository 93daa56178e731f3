#include "betanswers.h"

#include "common/jsoncodec.h"
#include "server/http/apiresponse.h"

#include <QRegularExpression>

namespace betthat::server {

Error badRequest(const QString &message)
{
    return makeError(ErrorCode::BadRequest, message);
}

bool isBetId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[1-9][0-9]{0,18}$"));
    return re.match(id).hasMatch();
}

Error betNotFound(const QString &id)
{
    return makeError(ErrorCode::NotFound, QStringLiteral("bet %1 not found").arg(id.left(64)));
}

QHttpServerResponse betResponse(const Result<Bet> &bet, int status)
{
    if (!bet)
        return ApiResponse::error(bet.error());
    return ApiResponse::json(json::encode(*bet), status);
}

QJsonObject betOutcomeJson(const QString &betId, const Result<Bet> &outcome)
{
    QJsonObject o { { QStringLiteral("bet_id"), betId }, { QStringLiteral("ok"), outcome.ok() } };
    if (outcome)
        o.insert(QStringLiteral("bet"), json::encode(*outcome));
    else
        o.insert(QStringLiteral("error"), ApiResponse::errorBody(outcome.error()).value(QStringLiteral("error")));
    return o;
}

} // namespace betthat::server
