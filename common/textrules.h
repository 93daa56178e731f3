#pragma once

// What text a person may put into the system: no control characters (but a newline where lines mean
// something), no lone surrogates. Names end up in email headers, logs and labels; a newline or an escape
// there is an injection, and a lone surrogate does not survive a round trip through UTF-8.

#include "common/error.h"

#include <QJsonValue>
#include <QString>

namespace betthat::text {

enum class Kind {
    SingleLine, // names, ids, addresses, currencies: every control character refused
    MultiLine,  // notes and reasons: newline and tab allowed, the other control characters refused
};

// Ok, or BadRequest naming `field` and what is wrong with the first offending character.
Status check(const QString &field, const QString &value, Kind kind);

// Checks every string in a JSON value (object values, array items; keys too) as `kind`; `field` names the
// top-level key, nested ones are named with their path ("items[2]").
Status checkJson(const QString &field, const QJsonValue &value, Kind kind);

// For places that must render text that was stored before these rules (email subjects, log lines): every
// control character and line or paragraph separator becomes a space, lone surrogates become U+FFFD.
QString singleLine(const QString &value);

} // namespace betthat::text
