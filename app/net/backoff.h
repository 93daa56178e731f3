#pragma once

// Exponential backoff with full jitter: the delay before retry n is uniform in [0, min(cap, base * 2^n)].

#include <functional>

namespace betthat::app {

class Backoff
{
public:
    // Returns a number in [0, 1); injectable so tests assert exact delays.
    using RandomSource = std::function<double()>;

    Backoff(int baseMs = 1000, int capMs = 30000, RandomSource random = {});

    // The upper bound for attempt n (0-based): min(cap, base * 2^n), overflow-safe.
    static int ceilingFor(int attempt, int baseMs, int capMs);

    // Draws the delay for the current attempt and advances to the next one.
    int next();
    // The delay at the ceiling (used while polling: the WebSocket is retried at the cap); does not advance.
    int atCap();
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }

    void setRandomSource(RandomSource random);
    void setBounds(int baseMs, int capMs);

private:
    int draw(int ceiling);

    int m_baseMs;
    int m_capMs;
    int m_attempt = 0;
    RandomSource m_random;
};

} // namespace betthat::app
