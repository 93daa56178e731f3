#pragma once

// Reads a request body as a JSON object with a closed set of fields, so a typo is an error, not a no-op.

#include "common/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace betthat::server {

class JsonBody
{
public:
    // emptyAllowed: an empty body reads as {} (actions like cancel need no fields). Every string in the body
    // must be clean text (common/textrules.h): single-line, except the fields in multiLineKeys().
    static Result<QJsonObject> parse(
        const QByteArray &body, const QStringList &allowedKeys, bool emptyAllowed = false);

    // Optional string field: absent or null -> empty; anything but a string -> BadRequest.
    static Result<QString> optionalString(const QJsonObject &object, const QString &key);

    // Free-text fields where a newline means something (notes, reasons).
    static const QStringList &multiLineKeys();
};

} // namespace betthat::server
