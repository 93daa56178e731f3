#include "pendingbetsmodel.h"

#include "adminformat.h"

namespace betthat::app {

PendingBetsModel::PendingBetsModel(QObject *parent)
    : BetTableModel(parent)
    , m_clock(systemClock())
{ }

int PendingBetsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PendingBetsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return BetTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Bet");
    case UserColumn:
        return tr("Bettor");
    case EventColumn:
        return tr("Event");
    case MarketColumn:
        return tr("Market");
    case SelectionColumn:
        return tr("Selection");
    case StakeColumn:
        return tr("Stake");
    case OddsColumn:
        return tr("Odds");
    case PotentialReturnColumn:
        return tr("Potential return");
    case PlacedColumn:
        return tr("Waiting");
    default:
        return {};
    }
}

void PendingBetsModel::refreshAges()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, PlacedColumn), index(rowCount() - 1, PlacedColumn), { Qt::DisplayRole });
}

QVariant PendingBetsModel::cellData(const Bet &bet, int column, int role) const
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case IdColumn:
            return bet.id;
        case UserColumn:
            return bet.userId;
        case EventColumn:
            return bet.eventName;
        case MarketColumn:
            return bet.market;
        case SelectionColumn:
            return bet.selection;
        case StakeColumn:
            return AdminFormat::money(bet.stake, bet.currency);
        case OddsColumn:
            return AdminFormat::odds(bet.odds);
        case PotentialReturnColumn:
            return AdminFormat::money(bet.potentialReturn, bet.currency);
        case PlacedColumn:
            return AdminFormat::age(bet.createdAt, m_clock());
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        // Ids are decimal strings: compare them as numbers so 10 sorts after 9.
        case IdColumn:
            return bet.id.toLongLong();
        case StakeColumn:
            return bet.stake;
        case OddsColumn:
            return bet.odds;
        case PotentialReturnColumn:
            return bet.potentialReturn;
        // Sorted as a waiting time: the oldest bet has the largest.
        case PlacedColumn:
            return -bet.createdAt.toMSecsSinceEpoch();
        default:
            return cellData(bet, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && column == PlacedColumn)
        return tr("Placed %1").arg(AdminFormat::dateTime(bet.createdAt));
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case IdColumn:
        case StakeColumn:
        case OddsColumn:
        case PotentialReturnColumn:
        case PlacedColumn:
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    return {};
}

} // namespace betthat::app
