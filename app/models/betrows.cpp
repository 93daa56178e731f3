#include "betrows.h"

namespace betthat::app {

void BetRows::assign(const QList<Bet> &bets)
{
    clear();
    m_bets.reserve(bets.size());
    for (const Bet &bet : bets) {
        const auto existing = m_rowById.constFind(bet.id);
        if (existing != m_rowById.constEnd()) {
            m_bets[*existing] = bet; // the later copy is the newer state
            continue;
        }
        append(bet);
    }
}

void BetRows::clear()
{
    m_bets.clear();
    m_rowById.clear();
}

int BetRows::append(const Bet &bet)
{
    const int row = size();
    m_bets.append(bet);
    m_rowById.insert(bet.id, row);
    return row;
}

void BetRows::replace(int row, const Bet &bet)
{
    m_bets[row] = bet;
}

void BetRows::removeAt(int row)
{
    m_rowById.remove(m_bets.at(row).id);
    m_bets.removeAt(row);
    for (int r = row; r < size(); ++r)
        m_rowById[m_bets.at(r).id] = r;
}

std::optional<Bet> BetRows::find(const QString &betId) const
{
    const int row = rowOf(betId);
    if (row < 0)
        return std::nullopt;
    return m_bets.at(row);
}

} // namespace betthat::app
