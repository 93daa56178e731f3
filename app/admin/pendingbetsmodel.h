#pragma once

// The operator's queue of pending bets as a table: who, which event and market, stake, odds, potential
// return, age.

#include "bettablemodel.h"

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

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QVariant cellData(const Bet &bet, int column, int role) const override;
    QDateTime waitingSince(const Bet &bet) const override;
};

} // namespace betthat::app
