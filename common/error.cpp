#include "error.h"

namespace betthat {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return QStringLiteral("bad_request");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::MethodNotAllowed: return QStringLiteral("method_not_allowed");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::InsufficientFunds: return QStringLiteral("insufficient_funds");
    case ErrorCode::PayloadTooLarge: return QStringLiteral("payload_too_large");
    case ErrorCode::RateLimited: return QStringLiteral("rate_limited");
    case ErrorCode::Unavailable: return QStringLiteral("unavailable");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (ErrorCode code : {ErrorCode::BadRequest, ErrorCode::Unauthorized, ErrorCode::Forbidden,
                           ErrorCode::NotFound, ErrorCode::Conflict, ErrorCode::InsufficientFunds,
                           ErrorCode::MethodNotAllowed, ErrorCode::PayloadTooLarge, ErrorCode::RateLimited,
                           ErrorCode::Unavailable, ErrorCode::Internal})
        if (errorCodeName(code) == name)
            return code;
    return std::nullopt;
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return 400;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::InsufficientFunds: return 409;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

} // namespace betthat
