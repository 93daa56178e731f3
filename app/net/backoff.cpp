#include "backoff.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace betthat::app {

namespace {

double systemRandom()
{
    return QRandomGenerator::global()->generateDouble();
}

} // namespace

Backoff::Backoff(int baseMs, int capMs, RandomSource random)
    : m_baseMs(baseMs)
    , m_capMs(capMs)
{
    setRandomSource(std::move(random));
}

int Backoff::ceilingFor(int attempt, int baseMs, int capMs)
{
    if (baseMs <= 0 || capMs <= 0)
        return 0;
    // Doubling stops as soon as the cap is reached, so large attempt numbers cannot overflow.
    qint64 ceiling = baseMs;
    for (int i = 0; i < attempt && ceiling < capMs; ++i)
        ceiling *= 2;
    return static_cast<int>(std::min<qint64>(ceiling, capMs));
}

int Backoff::next()
{
    const int delay = draw(ceilingFor(m_attempt, m_baseMs, m_capMs));
    if (m_attempt < 62)
        ++m_attempt;
    return delay;
}

int Backoff::atCap()
{
    return draw(std::max(m_capMs, 0));
}

void Backoff::setRandomSource(RandomSource random)
{
    m_random = random ? std::move(random) : RandomSource(systemRandom);
}

void Backoff::setBounds(int baseMs, int capMs)
{
    m_baseMs = baseMs;
    m_capMs = capMs;
}

int Backoff::draw(int ceiling)
{
    // Full jitter (uniform in [0, ceiling]) spreads a crowd of clients that lost the same server.
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return static_cast<int>(std::llround(r * ceiling));
}

} // namespace betthat::app
