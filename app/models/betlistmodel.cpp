#include "betlistmodel.h"

#include "app/logcategories.h"
#include "common/betchange.h"
#include "common/timeutil.h"

#include <QJsonValue>

namespace betthat::app {

BetListModel::BetListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int BetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

QVariant BetListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bet &bet = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 · %2: %3").arg(bet.eventName, bet.market, bet.selection);
    case Qt::ToolTipRole:
        return bet.resolutionNotes.isEmpty() ? QVariant() : QVariant(bet.resolutionNotes);
    case BetIdRole:
        return bet.id;
    case UserIdRole:
        return bet.userId;
    case EventNameRole:
        return bet.eventName;
    case MarketRole:
        return bet.market;
    case SelectionRole:
        return bet.selection;
    case OddsRole:
        return bet.odds;
    case StakeRole:
        return bet.stake;
    case PotentialReturnRole:
        return bet.potentialReturn;
    case PayoutRole:
        return bet.payout;
    case CurrencyRole:
        return bet.currency;
    case StatusRole:
        return static_cast<int>(bet.status);
    case ResultRole:
        return static_cast<int>(bet.result);
    case ResolutionNotesRole:
        return bet.resolutionNotes;
    case ResolvedAtRole:
        return bet.resolvedAt;
    case CreatedAtRole:
        return bet.createdAt;
    case UpdatedAtRole:
        return bet.updatedAt;
    case DisputeReasonRole:
        return bet.dispute ? QVariant(bet.dispute->reason) : QVariant();
    case DisputeStateRole:
        return bet.dispute ? QVariant(static_cast<int>(bet.dispute->state)) : QVariant();
    case ChangedAtRole:
        return m_changedAt.value(bet.id);
    case SearchTextRole:
        return QString(bet.eventName + QLatin1Char('\n') + bet.market + QLatin1Char('\n') + bet.selection);
    case BetRole:
        return QVariant::fromValue(bet);
    default:
        return {};
    }
}

QHash<int, QByteArray> BetListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(BetIdRole, "betId");
    names.insert(UserIdRole, "userId");
    names.insert(EventNameRole, "eventName");
    names.insert(MarketRole, "market");
    names.insert(SelectionRole, "selection");
    names.insert(OddsRole, "odds");
    names.insert(StakeRole, "stake");
    names.insert(PotentialReturnRole, "potentialReturn");
    names.insert(PayoutRole, "payout");
    names.insert(CurrencyRole, "currency");
    names.insert(StatusRole, "status");
    names.insert(ResultRole, "result");
    names.insert(ResolutionNotesRole, "resolutionNotes");
    names.insert(ResolvedAtRole, "resolvedAt");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(UpdatedAtRole, "updatedAt");
    names.insert(DisputeReasonRole, "disputeReason");
    names.insert(DisputeStateRole, "disputeState");
    names.insert(ChangedAtRole, "changedAt");
    names.insert(SearchTextRole, "searchText");
    names.insert(BetRole, "bet");
    return names;
}

void BetListModel::setBets(const QList<Bet> &bets)
{
    beginResetModel();
    m_rows.assign(bets);
    m_changedAt.clear();
    endResetModel();
}

void BetListModel::clear()
{
    setBets({});
}

int BetListModel::upsertBet(const Bet &bet)
{
    const int row = rowOf(bet.id);
    if (row >= 0) {
        replaceRow(row, bet);
        return row;
    }
    const int newRow = m_rows.size();
    beginInsertRows(QModelIndex(), newRow, newRow);
    m_rows.append(bet);
    m_changedAt.insert(bet.id, m_clock());
    endInsertRows();
    Q_EMIT betChanged(bet.id);
    return newRow;
}

void BetListModel::replaceRow(int row, const Bet &bet)
{
    m_rows.replace(row, bet);
    m_changedAt.insert(bet.id, m_clock());
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
    Q_EMIT betChanged(bet.id);
}

BetListModel::ApplyResult BetListModel::applyEvent(const BetEvent &event)
{
    const int row = rowOf(event.betId);
    if (row < 0)
        return ApplyResult::Unknown;
    const Bet &current = m_rows.at(row);
    // A replayed event older than what a reload already brought must not roll the card back.
    const QDateTime at = eventTime(event);
    if (at.isValid() && current.updatedAt.isValid() && at < current.updatedAt)
        return ApplyResult::Stale;
    replaceRow(row, appliedEvent(current, event));
    return ApplyResult::Applied;
}

QDateTime BetListModel::eventTime(const BetEvent &event)
{
    const QDateTime at = parseIsoUtc(event.data.value(QStringLiteral("updated_at")).toString());
    return at.isValid() ? at : event.timestamp;
}

Bet BetListModel::appliedEvent(Bet bet, const BetEvent &event)
{
    if (bet.id.isEmpty())
        bet.id = event.betId;
    if (bet.userId.isEmpty())
        bet.userId = event.userId;
    const auto decoded = json::decodeBetChange(event.data);
    if (!decoded) {
        // Nothing trustworthy to apply: the bet's next fetch or reload brings its state.
        qCWarning(lcAppModels).noquote() << "event" << event.seq << "has unreadable data:"
                                            << decoded.error().message;
        return bet;
    }
    const BetChange &d = *decoded;
    bet.status = d.status;
    bet.result = d.result;
    bet.payout = d.payout;
    if (!d.currency.isEmpty())
        bet.currency = d.currency;
    bet.resolutionNotes = d.resolutionNotes;
    bet.resolutionSource = d.resolutionSource;
    // Events older than the settlement terms read as "no terms", which is what those settlements had.
    bet.voidFactor = d.voidFactor;
    bet.deadHeatFactor = d.deadHeatFactor;
    bet.deduction = d.deduction;
    bet.certainty = d.certainty;
    if (d.hasDisputeDeadline)
        bet.disputeDeadline = d.disputeDeadline;
    else if (bet.status != BetStatus::Settled && bet.status != BetStatus::Voided)
        bet.disputeDeadline = QDateTime(); // an older server's event: at least never disputable in this state

    const QDateTime at = eventTime(event);
    if (event.type == EventType::BetResolved) {
        bet.resolvedAt = at;
        bet.resolvedBy = d.actorId;
    }
    if (d.disputeState || !d.disputeReason.isEmpty()) {
        Dispute dispute = bet.dispute.value_or(Dispute {});
        if (!d.disputeReason.isEmpty())
            dispute.reason = d.disputeReason;
        const DisputeState state = d.disputeState.value_or(DisputeState::Open);
        if (event.type == EventType::BetDisputed && !dispute.raisedAt.isValid())
            dispute.raisedAt = at;
        if (state != DisputeState::Open && dispute.state == DisputeState::Open) {
            dispute.decidedAt = at;
            dispute.decidedBy = d.actorId;
        }
        dispute.state = state;
        dispute.decisionNotes = d.decisionNotes;
        bet.dispute = dispute;
    }
    if (at.isValid())
        bet.updatedAt = at;
    return bet;
}

} // namespace betthat::app
