#include "bettablemodel.h"

#include <QSet>
#include <algorithm>

namespace betthat::app {

BetTableModel::BetTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int BetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_bets.size());
}

QVariant BetTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bet &bet = m_bets.at(index.row());
    switch (role) {
    case BetIdRole:
        return bet.id;
    case UserIdRole:
        return bet.userId;
    case EventNameRole:
        return bet.eventName;
    case MarketRole:
        return bet.market;
    default:
        return cellData(bet, index.column(), role);
    }
}

void BetTableModel::setBets(const QList<Bet> &bets)
{
    beginResetModel();
    m_bets.clear();
    m_rowById.clear();
    for (const Bet &bet : bets) {
        if (m_rowById.contains(bet.id)) {
            m_bets[m_rowById.value(bet.id)] = bet;
            continue;
        }
        m_rowById.insert(bet.id, static_cast<int>(m_bets.size()));
        m_bets.append(bet);
    }
    endResetModel();
}

void BetTableModel::upsert(const Bet &bet)
{
    const int row = rowOf(bet.id);
    if (row >= 0) {
        m_bets[row] = bet;
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    const int newRow = static_cast<int>(m_bets.size());
    beginInsertRows(QModelIndex(), newRow, newRow);
    m_bets.append(bet);
    m_rowById.insert(bet.id, newRow);
    endInsertRows();
}

bool BetTableModel::remove(const QString &betId)
{
    const int row = rowOf(betId);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_bets.removeAt(row);
    m_rowById.remove(betId);
    reindexFrom(row);
    endRemoveRows();
    return true;
}

void BetTableModel::clear()
{
    setBets({});
}

QStringList BetTableModel::distinctValues(int role) const
{
    QSet<QString> seen;
    for (const Bet &bet : m_bets) {
        switch (role) {
        case UserIdRole:
            seen.insert(bet.userId);
            break;
        case EventNameRole:
            seen.insert(bet.eventName);
            break;
        case MarketRole:
            seen.insert(bet.market);
            break;
        default:
            break;
        }
    }
    QStringList values(seen.cbegin(), seen.cend());
    std::sort(values.begin(), values.end(),
        [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    return values;
}

void BetTableModel::reindexFrom(int row)
{
    for (int r = row; r < m_bets.size(); ++r)
        m_rowById[m_bets.at(r).id] = r;
}

} // namespace betthat::app
