#pragma once

// Bets in row order with O(1) lookup by id: the storage behind both bet models (the cards' list, the admin
// tables), which add the model signals around it.

#include "common/bet.h"

#include <QHash>
#include <QList>
#include <optional>

namespace betthat::app {

class BetRows
{
public:
    // Replaces everything. A bet listed twice (it moved between pages while loading) keeps its first row and
    // the later copy's data.
    void assign(const QList<Bet> &bets);
    void clear();
    // Adds a bet not held yet as the last row and returns that row.
    int append(const Bet &bet);
    // Replaces the bet at `row` (the same id).
    void replace(int row, const Bet &bet);
    // Removes a row; the rows after it move up by one.
    void removeAt(int row);

    int size() const { return static_cast<int>(m_bets.size()); }
    int rowOf(const QString &betId) const { return m_rowById.value(betId, -1); }
    bool contains(const QString &betId) const { return m_rowById.contains(betId); }
    const Bet &at(int row) const { return m_bets.at(row); }
    std::optional<Bet> find(const QString &betId) const;
    const QList<Bet> &all() const { return m_bets; }

private:
    QList<Bet> m_bets;
    QHash<QString, int> m_rowById;
};

} // namespace betthat::app
