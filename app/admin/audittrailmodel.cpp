#include "audittrailmodel.h"

#include "app/models/betformatter.h"
#include "common/timeutil.h"

#include <QJsonValue>

namespace betthat::app {

namespace {

QString field(const BetEvent &event, const char *name)
{
    return event.data.value(QLatin1String(name)).toString();
}

QString statusText(const QString &wireName)
{
    const auto status = statusFromName(wireName);
    return status ? BetFormatter::status(*status) : AuditTrailModel::tr("—");
}

QString resultText(const QString &wireName)
{
    const auto result = resultFromName(wireName);
    return result ? BetFormatter::verdict(*result) : AuditTrailModel::tr("—");
}

bool isDecision(const BetEvent &event)
{
    // A decision is the event that takes the bet out of "disputed".
    return field(event, "previous_status") == statusName(BetStatus::Disputed)
        && field(event, "status") != statusName(BetStatus::Disputed);
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
    if (role == SeqRole)
        return event.seq;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeqColumn:
            return QString::number(event.seq);
        case WhenColumn:
            return BetFormatter::dateTime(event.timestamp);
        case WhoColumn:
            return field(event, "actor_id");
        case ActionColumn:
            return actionText(event);
        case StatusColumn:
            return statusChange(event);
        case ResultColumn:
            return resultChange(event);
        case PayoutColumn:
            return BetFormatter::money(
                event.data.value(QLatin1String("payout")).toInteger(), field(event, "currency"));
        case NotesColumn:
            return notesOf(event).simplified();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == WhenColumn)
            return toIsoUtc(event.timestamp);
        if (index.column() == NotesColumn)
            return notesOf(event);
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
    endResetModel();
}

QString AuditTrailModel::actionText(const BetEvent &event)
{
    const QString status = field(event, "status");
    if (field(event, "previous_status").isEmpty())
        return tr("Placed");
    switch (event.type) {
    case EventType::BetDisputed:
        return tr("Disputed");
    case EventType::BetResolved:
        return isDecision(event) ? tr("Dispute upheld") : tr("Resolved");
    case EventType::BetUpdated:
        if (isDecision(event))
            return tr("Dispute rejected");
        if (status == statusName(BetStatus::Cancelled))
            return tr("Cancelled");
        return tr("Updated");
    }
    return {};
}

QString AuditTrailModel::statusChange(const BetEvent &event)
{
    return tr("%1 → %2").arg(statusText(field(event, "previous_status")), statusText(field(event, "status")));
}

QString AuditTrailModel::resultChange(const BetEvent &event)
{
    const QString before = field(event, "previous_result");
    const QString after = field(event, "result");
    if (before.isEmpty() && after.isEmpty())
        return tr("—");
    return tr("%1 → %2").arg(resultText(before), resultText(after));
}

QString AuditTrailModel::notesOf(const BetEvent &event)
{
    if (event.type == EventType::BetDisputed)
        return field(event, "dispute_reason");
    if (isDecision(event))
        return field(event, "decision_notes");
    if (event.type == EventType::BetResolved)
        return field(event, "resolution_notes");
    return {};
}

} // namespace betthat::app
