#pragma once

// Filters the bet list by status, result and free text, and keeps the most recently updated bet on top.

#include "common/bet.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace betthat::app {

class BetFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit BetFilterModel(QObject *parent = nullptr);

    // nullopt: any. Results include BetResult::None ("not resolved yet").
    void setStatusFilter(std::optional<BetStatus> status);
    std::optional<BetStatus> statusFilter() const { return m_status; }
    void setResultFilter(std::optional<BetResult> result);
    std::optional<BetResult> resultFilter() const { return m_result; }
    // Case-insensitive; every whitespace-separated word must occur in the event, market or selection.
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    std::optional<BetStatus> m_status;
    std::optional<BetResult> m_result;
    QString m_search;
    QStringList m_words;
};

} // namespace betthat::app
