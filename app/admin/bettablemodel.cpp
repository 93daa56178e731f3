#include "bettablemodel.h"

#include "app/models/betformatter.h"

#include <QSet>
#include <algorithm>

namespace betthat::app {

BetTableModel::BetTableModel(int columnCount, int ageColumn, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columnCount(columnCount)
    , m_ageColumn(ageColumn)
{ }

int BetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int BetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

QVariant BetTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bet &bet = m_rows.at(index.row());
    if (index.column() == m_ageColumn) {
        switch (role) {
        case Qt::DisplayRole:
            return BetFormatter::age(waitingSince(bet), m_clock());
        // Sorted as an age: the one waiting longest has the largest.
        case SortRole:
            return -waitingSince(bet).toMSecsSinceEpoch();
        case Qt::TextAlignmentRole:
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        default:
            break;
        }
    }
    switch (role) {
    case BetIdRole:
        return bet.id;
    case UserIdRole:
        return bet.userId;
    case EventNameRole:
        return bet.eventName;
    case MarketRole:
        return bet.market;
    case SortRole: {
        const QVariant key = cellData(bet, index.column(), SortRole);
        return key.isValid() ? key : cellData(bet, index.column(), Qt::DisplayRole);
    }
    default:
        return cellData(bet, index.column(), role);
    }
}

void BetTableModel::setBets(const QList<Bet> &bets)
{
    beginResetModel();
    m_rows.assign(bets);
    endResetModel();
}

void BetTableModel::upsert(const Bet &bet)
{
    const int row = rowOf(bet.id);
    if (row >= 0) {
        m_rows.replace(row, bet);
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    const int newRow = m_rows.size();
    beginInsertRows(QModelIndex(), newRow, newRow);
    m_rows.append(bet);
    endInsertRows();
}

bool BetTableModel::remove(const QString &betId)
{
    const int row = rowOf(betId);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    return true;
}

void BetTableModel::clear()
{
    setBets({});
}

void BetTableModel::refreshAges()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, m_ageColumn), index(rowCount() - 1, m_ageColumn), { Qt::DisplayRole });
}

QStringList BetTableModel::distinctValues(int role) const
{
    QSet<QString> seen;
    for (const Bet &bet : m_rows.all()) {
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

} // namespace betthat::app
