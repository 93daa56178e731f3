#pragma once

// The operator's queue of pending bets as a table: who, which event and market, stake, odds, potential
// return, age.

#include "bettablemodel.h"
#include "common/timeutil.h"

namespace betthat::app {

class PendingBetsModel : public BetTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        UserColumn,
        EventColumn,
        MarketColumn,
        SelectionColumn,
        StakeColumn,
        OddsColumn,
        PotentialReturnColumn,
        PlacedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit PendingBetsModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Placed" shows how long a bet has waited; tests pin the clock.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // The waiting times moved on: dataChanged for the Placed column only.
    void refreshAges();

protected:
    QVariant cellData(const Bet &bet, int column, int role) const override;

private:
    Clock m_clock;
};

} // namespace betthat::app
