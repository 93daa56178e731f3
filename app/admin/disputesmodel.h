#pragma once

// The open disputes as a table: the bet, its current result and payout, the bettor's reason and how old it
// is.

#include "bettablemodel.h"

namespace betthat::app {

class DisputesModel : public BetTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        UserColumn,
        EventColumn,
        SelectionColumn,
        ResultColumn,
        PayoutColumn,
        ReasonColumn,
        AgeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit DisputesModel(QObject *parent = nullptr);

    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QVariant cellData(const Bet &bet, int column, int role) const override;
    QDateTime waitingSince(const Bet &bet) const override;
};

} // namespace betthat::app
