#pragma once

// A table of bets keyed by id: O(1) lookup, per-row updates, inserts and removals; subclasses choose the
// columns.

#include "common/bet.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace betthat::app {

class BetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value a column sorts by (numbers, timestamps)
        BetIdRole,
        UserIdRole,
        EventNameRole,
        MarketRole,
    };

    explicit BetTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // A full (re)load: the one place that resets the model.
    void setBets(const QList<Bet> &bets);
    // Inserts a new bet at the end, or replaces a known one and emits dataChanged for its row only.
    void upsert(const Bet &bet);
    // Returns whether the bet was there.
    bool remove(const QString &betId);
    void clear();

    bool contains(const QString &betId) const { return m_rowById.contains(betId); }
    int rowOf(const QString &betId) const { return m_rowById.value(betId, -1); }
    const Bet &betAt(int row) const { return m_bets.at(row); }
    const QList<Bet> &bets() const { return m_bets; }
    // The distinct values of one role (UserIdRole, EventNameRole, MarketRole), sorted: the filter choices.
    QStringList distinctValues(int role) const;

protected:
    // The cell of `column` for `bet`; called only for valid indexes and roles other than the ones handled
    // here.
    virtual QVariant cellData(const Bet &bet, int column, int role) const = 0;

private:
    void reindexFrom(int row);

    QList<Bet> m_bets;
    QHash<QString, int> m_rowById;
};

} // namespace betthat::app
