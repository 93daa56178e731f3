#include "betfiltermodel.h"

#include "betlistmodel.h"

#include <QDateTime>

namespace betthat::app {

BetFilterModel::BetFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortRole(BetListModel::UpdatedAtRole);
    // Descending over lessThan's ascending order: the newest update first.
    sort(0, Qt::DescendingOrder);
}

void BetFilterModel::setStatusFilter(std::optional<BetStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

void BetFilterModel::setResultFilter(std::optional<BetResult> result)
{
    if (result == m_result)
        return;
    m_result = result;
    invalidateFilter();
}

void BetFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.simplified();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    m_words = trimmed.isEmpty() ? QStringList() : trimmed.split(QLatin1Char(' '));
    invalidateFilter();
}

bool BetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_status && index.data(BetListModel::StatusRole).toInt() != static_cast<int>(*m_status))
        return false;
    if (m_result && index.data(BetListModel::ResultRole).toInt() != static_cast<int>(*m_result))
        return false;
    if (!m_words.isEmpty()) {
        const QString haystack = index.data(BetListModel::SearchTextRole).toString();
        for (const QString &word : m_words) {
            if (!haystack.contains(word, Qt::CaseInsensitive))
                return false;
        }
    }
    return true;
}

bool BetFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QDateTime l = left.data(BetListModel::UpdatedAtRole).toDateTime();
    const QDateTime r = right.data(BetListModel::UpdatedAtRole).toDateTime();
    if (l != r)
        return l < r;
    // Same millisecond: the higher id is the newer bet; a stable order keeps cards from jumping.
    const QString li = left.data(BetListModel::BetIdRole).toString();
    const QString ri = right.data(BetListModel::BetIdRole).toString();
    if (li.size() != ri.size())
        return li.size() < ri.size();
    return li < ri;
}

} // namespace betthat::app
