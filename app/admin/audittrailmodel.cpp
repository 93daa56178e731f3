#include "audittrailmodel.h"

#include "app/models/betformatter.h"
#include "common/timeutil.h"

#include <QJsonValue>

namespace betthat::app {

namespace {

QString statusText(const std::optional<BetStatus> &status)
{
    return status ? BetFormatter::status(*status) : AuditTrailModel::tr("—");
}

QString resultText(BetResult result)
{
    return result != BetResult::None ? BetFormatter::verdict(result) : AuditTrailModel::tr("—");
}

bool isDecision(const BetChange &change)
{
    // A decision is the event that takes the bet out of "disputed".
    return change.previousStatus == BetStatus::Disputed && change.status != BetStatus::Disputed;
}

// An event whose data this build cannot read still gets a row: the status it names, if any.
BetChange changeOf(const BetEvent &event)
{
    const auto change = json::decodeBetChange(event.data);
    return change ? *change : BetChange {};
}

} // namespace

AuditTrailModel::AuditTrailModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int AuditTrailModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int AuditTrailModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTrailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeqColumn:
        return tr("Seq");
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case StatusColumn:
        return tr("Status");
    case ResultColumn:
        return tr("Result");
    case PayoutColumn:
        return tr("Payout");
    case NotesColumn:
        return tr("Notes");
    default:
        return {};
    }
}

QVariant AuditTrailModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BetEvent &event = m_events.at(index.row());
    const BetChange &change = m_changes.at(index.row());
    if (role == SeqRole)
        return event.seq;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeqColumn:
            return QString::number(event.seq);
        case WhenColumn:
            return BetFormatter::dateTime(event.timestamp);
        case WhoColumn:
            return change.actorId;
        case ActionColumn:
            return actionText(event.type, change);
        case StatusColumn:
            return statusChange(change);
        case ResultColumn:
            return resultChange(change);
        case PayoutColumn:
            return BetFormatter::money(change.payout, change.currency);
        case NotesColumn:
            return notesOf(event.type, change).simplified();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == WhenColumn)
            return toIsoUtc(event.timestamp);
        if (index.column() == NotesColumn)
            return notesOf(event.type, change);
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == SeqColumn || index.column() == PayoutColumn))
        return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

void AuditTrailModel::setEvents(const QList<BetEvent> &events)
{
    beginResetModel();
    m_events = events;
    m_changes.clear();
    m_changes.reserve(events.size());
    for (const BetEvent &event : events)
        m_changes.append(changeOf(event));
    endResetModel();
}

QString AuditTrailModel::actionText(EventType type, const BetChange &change)
{
    if (change.isPlacement())
        return tr("Placed");
    switch (type) {
    case EventType::BetDisputed:
        return tr("Disputed");
    case EventType::BetResolved:
        return isDecision(change) ? tr("Dispute upheld") : tr("Resolved");
    case EventType::BetUpdated:
        if (isDecision(change))
            return tr("Dispute rejected");
        if (change.status == BetStatus::Cancelled)
            return tr("Cancelled");
        return tr("Updated");
    }
    return {};
}

QString AuditTrailModel::statusChange(const BetChange &change)
{
    return tr("%1 → %2").arg(statusText(change.previousStatus), statusText(change.status));
}

QString AuditTrailModel::resultChange(const BetChange &change)
{
    if (change.previousResult == BetResult::None && change.result == BetResult::None)
        return tr("—");
    return tr("%1 → %2").arg(resultText(change.previousResult), resultText(change.result));
}

QString AuditTrailModel::notesOf(EventType type, const BetChange &change)
{
    if (type == EventType::BetDisputed)
        return change.disputeReason;
    if (isDecision(change))
        return change.decisionNotes;
    if (type == EventType::BetResolved)
        return change.resolutionNotes;
    return {};
}

} // namespace betthat::app
