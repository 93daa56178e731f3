#pragma once

// The open disputes as a table: the bet, its current result and payout, the bettor's reason and how old it
// is.

#include "bettablemodel.h"
#include "common/timeutil.h"

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

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Ages are relative to this clock; tests pin it.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Time moved on: dataChanged for the Age column only.
    void refreshAges();

protected:
    QVariant cellData(const Bet &bet, int column, int role) const override;

private:
    Clock m_clock;
};

} // namespace betthat::app
