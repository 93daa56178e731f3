#pragma once

// The wait before retrying a delivery (email, webhook): exponential from `baseMs`, capped at `capMs`, with
// "equal jitter" (a random point in the upper half) so that receivers that came back are not hit in lockstep.

#include <QtGlobal>

namespace betthat::server {

// failures: how many attempts failed so far (1 = the first retry).
qint64 retryDelayMs(int baseMs, int capMs, int failures);

} // namespace betthat::server
