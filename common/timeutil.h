#pragma once

// UTC timestamps with millisecond precision, the only time format on the wire and in storage.

#include <QDateTime>
#include <QString>
#include <functional>

namespace betthat {

// "2024-01-15T10:30:00.000Z"
QString toIsoUtc(const QDateTime &time);
// Accepts ISO 8601 with or without milliseconds and with Z or an offset; invalid QDateTime on failure.
QDateTime parseIsoUtc(const QString &text);

// Injectable clock: production uses the system clock, tests pin or advance time.
using Clock = std::function<QDateTime()>;
Clock systemClock();

} // namespace betthat
