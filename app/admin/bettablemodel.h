#pragma once

// A table of bets keyed by id: O(1) lookup, per-row updates, inserts and removals, and an age column that
// follows a clock; subclasses choose the columns.

#include "app/models/betrows.h"
#include "common/bet.h"
#include "common/timeutil.h"

#include <QAbstractTableModel>

namespace betthat::app {

class BetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value a column sorts by (numbers, timestamps); else the text
        BetIdRole,
        UserIdRole,
        EventNameRole,
        MarketRole,
    };

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // A full (re)load: the one place that resets the model.
    void setBets(const QList<Bet> &bets);
    // Inserts a new bet at the end, or replaces a known one and emits dataChanged for its row only.
    void upsert(const Bet &bet);
    // Returns whether the bet was there.
    bool remove(const QString &betId);
    void clear();

    bool contains(const QString &betId) const { return m_rows.contains(betId); }
    int rowOf(const QString &betId) const { return m_rows.rowOf(betId); }
    const Bet &betAt(int row) const { return m_rows.at(row); }
    const QList<Bet> &bets() const { return m_rows.all(); }
    // The distinct values of one role (UserIdRole, EventNameRole, MarketRole), sorted: the filter choices.
    QStringList distinctValues(int role) const;

    // Ages are relative to this clock; tests pin it.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    // Time moved on: dataChanged for the age column only.
    void refreshAges();

protected:
    // `ageColumn` shows how long each bet has waited since waitingSince() (its text, sort key and alignment
    // come from here; refreshAges() repaints it).
    BetTableModel(int columnCount, int ageColumn, QObject *parent);

    // The cell of `column` for `bet`; called only for valid indexes and roles other than the ones handled
    // here. An invalid SortRole value sorts by the DisplayRole text.
    virtual QVariant cellData(const Bet &bet, int column, int role) const = 0;
    virtual QDateTime waitingSince(const Bet &bet) const = 0;

private:
    BetRows m_rows;
    int m_columnCount;
    int m_ageColumn;
    Clock m_clock = systemClock();
};

} // namespace betthat::app
