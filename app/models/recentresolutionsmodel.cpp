#include "recentresolutionsmodel.h"

#include "betformatter.h"
#include "betlistmodel.h"
#include "common/betchange.h"

#include <QStringList>

#include <algorithm>

namespace betthat::app {

RecentResolutionsModel::RecentResolutionsModel(int capacity, QObject *parent)
    : QAbstractListModel(parent)
    , m_capacity(std::max(1, capacity))
{ }

int RecentResolutionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant RecentResolutionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Resolution &r = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QString what = r.eventName.isEmpty() ? BetFormatter::tr("Bet #%1").arg(r.betId) : r.eventName;
        QString text;
        if (r.result == BetResult::Win)
            text = tr("%1 — won %2").arg(what, BetFormatter::money(r.payout, r.currency));
        else if (r.result == BetResult::Loss)
            text = tr("%1 — lost").arg(what);
        else if (r.result == BetResult::Push)
            text = tr("%1 — push, %2 back").arg(what, BetFormatter::money(r.payout, r.currency));
        else
            text = tr("%1 — void, %2 refunded").arg(what, BetFormatter::money(r.payout, r.currency));
        // The list is read at a glance: a correction or a provisional result must not pass for a plain one.
        if (r.supersedesSeq > 0)
            text = tr("Correction: %1").arg(text);
        if (r.certainty == Certainty::Provisional)
            text = tr("%1 (provisional)").arg(text);
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList lines { r.selection };
        if (!r.terms.isEmpty())
            lines << r.terms;
        if (!r.notes.isEmpty())
            lines << r.notes;
        return lines.join(QLatin1Char('\n'));
    }
    case BetIdRole:
        return r.betId;
    case SeqRole:
        return r.seq;
    case ResultRole:
        return static_cast<int>(r.result);
    case PayoutRole:
        return r.payout;
    case CurrencyRole:
        return r.currency;
    case EventNameRole:
        return r.eventName;
    case SelectionRole:
        return r.selection;
    case NotesRole:
        return r.notes;
    case ResolvedAtRole:
        return r.resolvedAt;
    case UserIdRole:
        return r.userId;
    default:
        return {};
    }
}

QHash<int, QByteArray> RecentResolutionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(BetIdRole, "betId");
    names.insert(SeqRole, "seq");
    names.insert(ResultRole, "result");
    names.insert(PayoutRole, "payout");
    names.insert(CurrencyRole, "currency");
    names.insert(EventNameRole, "eventName");
    names.insert(SelectionRole, "selection");
    names.insert(NotesRole, "notes");
    names.insert(ResolvedAtRole, "resolvedAt");
    names.insert(UserIdRole, "userId");
    return names;
}

bool RecentResolutionsModel::addResolution(const Resolution &resolution)
{
    // Position in seq-descending order; almost always 0 (live events are newest).
    const auto pos = std::lower_bound(m_items.begin(), m_items.end(), resolution.seq,
        [](const Resolution &item, qint64 seq) { return item.seq > seq; });
    if (pos != m_items.end() && pos->seq == resolution.seq)
        return false;
    const int row = static_cast<int>(pos - m_items.begin());
    if (row >= m_capacity)
        return false;
    beginInsertRows(QModelIndex(), row, row);
    m_items.insert(row, resolution);
    endInsertRows();
    if (m_items.size() > m_capacity) {
        const int first = m_capacity;
        const int last = static_cast<int>(m_items.size()) - 1;
        beginRemoveRows(QModelIndex(), first, last);
        m_items.erase(m_items.begin() + first, m_items.end());
        endRemoveRows();
    }
    return true;
}

void RecentResolutionsModel::setResolutions(QList<Resolution> resolutions)
{
    std::sort(resolutions.begin(), resolutions.end(),
        [](const Resolution &a, const Resolution &b) { return a.seq > b.seq; });
    resolutions.erase(std::unique(resolutions.begin(), resolutions.end(),
                          [](const Resolution &a, const Resolution &b) { return a.seq == b.seq; }),
        resolutions.end());
    if (resolutions.size() > m_capacity)
        resolutions.erase(resolutions.begin() + m_capacity, resolutions.end());
    beginResetModel();
    m_items = std::move(resolutions);
    endResetModel();
}

void RecentResolutionsModel::describeBet(const Bet &bet)
{
    for (int row = 0; row < m_items.size(); ++row) {
        Resolution &r = m_items[row];
        if (r.betId != bet.id || (r.eventName == bet.eventName && r.selection == bet.selection))
            continue;
        r.eventName = bet.eventName;
        r.selection = bet.selection;
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed);
    }
}

std::optional<Resolution> RecentResolutionsModel::fromEvent(const BetEvent &event, const Bet *bet)
{
    if (event.type != EventType::BetResolved)
        return std::nullopt;
    const Bet after = BetListModel::appliedEvent(bet ? *bet : Bet {}, event);
    Resolution r;
    r.seq = event.seq;
    r.betId = event.betId;
    r.userId = event.userId;
    r.result = after.result;
    r.status = after.status;
    r.payout = after.payout;
    r.currency = after.currency;
    r.notes = after.resolutionNotes;
    r.resolvedAt = BetListModel::eventTime(event);
    r.certainty = after.certainty;
    r.terms = BetFormatter::terms(after);
    if (const auto change = json::decodeBetChange(event.data))
        r.supersedesSeq = change->supersedesSeq;
    if (bet) {
        r.eventName = bet->eventName;
        r.selection = bet->selection;
    }
    return r;
}

} // namespace betthat::app
