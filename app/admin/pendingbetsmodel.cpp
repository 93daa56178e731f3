#include "pendingbetsmodel.h"

#include "app/models/betformatter.h"

namespace betthat::app {

PendingBetsModel::PendingBetsModel(QObject *parent)
    : BetTableModel(ColumnCount, PlacedColumn, parent)
{ }

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

QDateTime PendingBetsModel::waitingSince(const Bet &bet) const
{
    return bet.createdAt;
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
            return BetFormatter::money(bet.stake, bet.currency);
        case OddsColumn:
            return BetFormatter::odds(bet.odds);
        case PotentialReturnColumn:
            return BetFormatter::money(bet.potentialReturn, bet.currency);
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
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && column == PlacedColumn)
        return tr("Placed %1").arg(BetFormatter::dateTime(bet.createdAt));
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case IdColumn:
        case StakeColumn:
        case OddsColumn:
        case PotentialReturnColumn:
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    return {};
}

} // namespace betthat::app
