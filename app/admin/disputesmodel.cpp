#include "disputesmodel.h"

#include "adminformat.h"

namespace betthat::app {

DisputesModel::DisputesModel(QObject *parent)
    : BetTableModel(parent)
    , m_clock(systemClock())
{ }

int DisputesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

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

void DisputesModel::refreshAges()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn), { Qt::DisplayRole });
}

QVariant DisputesModel::cellData(const Bet &bet, int column, int role) const
{
    const QDateTime raisedAt = bet.dispute ? bet.dispute->raisedAt : QDateTime();
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
            return AdminFormat::result(bet.result);
        case PayoutColumn:
            return AdminFormat::money(bet.payout, bet.currency);
        // One line in the table; the tooltip has all of it.
        case ReasonColumn:
            return reason.simplified();
        case AgeColumn:
            return AdminFormat::age(raisedAt, m_clock());
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
        // Sorted as an age: the oldest dispute has the largest.
        case AgeColumn:
            return -raisedAt.toMSecsSinceEpoch();
        default:
            return cellData(bet, column, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (column == ReasonColumn)
            return reason;
        if (column == AgeColumn)
            return tr("Raised %1").arg(AdminFormat::dateTime(raisedAt));
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case IdColumn:
        case PayoutColumn:
        case AgeColumn:
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    return {};
}

} // namespace betthat::app
