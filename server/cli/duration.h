#pragma once

// Parses the command line's durations ("7d", "48h", "90m", "3600s") into milliseconds.

#include "common/error.h"

#include <QString>
#include <QtGlobal>

namespace betthat::server {

// A positive whole number followed by exactly one unit: d, h, m, s or ms. At most 3650 days.
// BadRequest with a message naming the accepted forms otherwise.
Result<qint64> parseDurationMs(const QString &text);

// The inverse: "7d", "90m", "1500ms"; parseDurationMs(formatDurationMs(ms)) == ms for every positive ms.
QString formatDurationMs(qint64 ms);

} // namespace betthat::server
