#pragma once

// The pending queue as the operator narrows it: exact event, market and bettor filters, sorting by any
// column.

#include <QSortFilterProxyModel>

namespace betthat::app {

class PendingBetsFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PendingBetsFilterModel(QObject *parent = nullptr);

    // Empty: any. Exact matches, because "every bet on this market" must not catch "Match winner (2nd half)".
    void setEventFilter(const QString &eventName);
    void setMarketFilter(const QString &market);
    void setUserFilter(const QString &userId);
    void clearFilters();
    QString eventFilter() const { return m_event; }
    QString marketFilter() const { return m_market; }
    QString userFilter() const { return m_user; }
    bool isFiltered() const { return !m_event.isEmpty() || !m_market.isEmpty() || !m_user.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void setFilter(QString &field, const QString &value);

    QString m_event;
    QString m_market;
    QString m_user;
};

} // namespace betthat::app
