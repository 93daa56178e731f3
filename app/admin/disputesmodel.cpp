#include "disputesmodel.h"

#include "app/models/betformatter.h"

namespace betthat::app {

DisputesModel::DisputesModel(QObject *parent)
    : BetTableModel(ColumnCount, AgeColumn, parent)
{ }

QVariant DisputesModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    case SelectionColumn:
        return tr("Selection");
    case ResultColumn:
        return tr("Result");
    case PayoutColumn:
        return tr("Payout");
    case ReasonColumn:
        return tr("Reason");
    case AgeColumn:
        return tr("Age");
    default:
        return {};
    }
}

QDateTime DisputesModel::waitingSince(const Bet &bet) const
{
    return bet.dispute ? bet.dispute->raisedAt : QDateTime();
}

QVariant DisputesModel::cellData(const Bet &bet, int column, int role) const
{
    const QString reason = bet.dispute ? bet.dispute->reason : QString();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case IdColumn:
            return bet.id;
        case UserColumn:
            return bet.userId;
        case EventColumn:
            return bet.eventName;
        case SelectionColumn:
            return bet.selection;
        case ResultColumn:
            return BetFormatter::verdict(bet.result);
        case PayoutColumn:
            return BetFormatter::money(bet.payout, bet.currency);
        // One line in the table; the tooltip has all of it.
        case ReasonColumn:
            return reason.simplified();
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (column) {
        case IdColumn:
            return bet.id.toLongLong();
        case PayoutColumn:
            return bet.payout;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == ReasonColumn)
            return reason;
        if (column == AgeColumn)
            return tr("Raised %1").arg(BetFormatter::dateTime(waitingSince(bet)));
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case IdColumn:
        case PayoutColumn:
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    return {};
}

} // namespace betthat::app
