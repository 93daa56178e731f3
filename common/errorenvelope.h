#pragma once

// The one error shape of the HTTP API, {"error":{"code","message"}}: encoded by the server, decoded by clients.

#include "error.h"

#include <QJsonObject>

namespace betthat {

// What the server said went wrong (a wrapper: the decoder's own failure is an Error too).
struct ErrorEnvelope
{
    Error error;
};

namespace json {

QJsonObject encodeErrorEnvelope(const Error &error);
// Refuses anything that is not an envelope; a code this build does not know becomes Internal, its message kept.
Result<ErrorEnvelope> decodeErrorEnvelope(const QJsonObject &object);

} // namespace json

} // namespace betthat
