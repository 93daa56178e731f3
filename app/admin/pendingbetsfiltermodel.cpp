#include "pendingbetsfiltermodel.h"

#include "bettablemodel.h"

namespace betthat::app {

PendingBetsFilterModel::PendingBetsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(BetTableModel::SortRole);
    setDynamicSortFilter(true);
    setSortLocaleAware(true);
}

void PendingBetsFilterModel::setEventFilter(const QString &eventName)
{
    setFilter(m_event, eventName);
}

void PendingBetsFilterModel::setMarketFilter(const QString &market)
{
    setFilter(m_market, market);
}

void PendingBetsFilterModel::setUserFilter(const QString &userId)
{
    setFilter(m_user, userId);
}

void PendingBetsFilterModel::clearFilters()
{
    if (!isFiltered())
        return;
    m_event.clear();
    m_market.clear();
    m_user.clear();
    invalidateRowsFilter();
}

void PendingBetsFilterModel::setFilter(QString &field, const QString &value)
{
    if (field == value)
        return;
    field = value;
    invalidateRowsFilter();
}

bool PendingBetsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto matches = [&index](const QString &filter, int role) {
        return filter.isEmpty() || index.data(role).toString() == filter;
    };
    return matches(m_event, BetTableModel::EventNameRole) && matches(m_market, BetTableModel::MarketRole)
        && matches(m_user, BetTableModel::UserIdRole);
}

} // namespace betthat::app
