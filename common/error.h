#pragma once

// One error vocabulary for the domain, the storage and the wire; HTTP maps it to status codes.

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace betthat {

enum class ErrorCode {
    BadRequest,        // malformed or invalid input (400)
    Unauthorized,      // no or bad credentials (401)
    Forbidden,         // authenticated, not allowed (403)
    NotFound,          // (404)
    MethodNotAllowed,  // the path exists, not with this method (405)
    Conflict,          // illegal transition or lost a race (409)
    InsufficientFunds, // placing more than the balance (409)
    PayloadTooLarge,   // (413)
    RateLimited,       // too many requests for now; Retry-After says when to come back (429)
    Unavailable,       // storage down, shutting down (503)
    Internal,          // a bug or an unexpected storage failure (500)
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    // Unavailable and RateLimited: how long to wait before retrying (Retry-After), -1 = not said.
    int retryAfterMs = -1;
};

// Stable snake_case name used on the wire: {"error":{"code":"conflict",...}}.
QString errorCodeName(ErrorCode code);
// The code for a wire name; nullopt for a name this build does not know.
std::optional<ErrorCode> errorCodeFromName(const QString &name);
int httpStatusFor(ErrorCode code);

// Either a value or an Error. Small on purpose: no exceptions cross our layers.
template<typename T>
class Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_data); }
    T &value() { return std::get<T>(m_data); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok
{
};
using Status = Result<Ok>;

inline Error makeError(ErrorCode code, const QString &message)
{
    return Error{code, message};
}

} // namespace betthat
