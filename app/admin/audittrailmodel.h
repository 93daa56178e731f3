#pragma once

// One bet's audit trail as a table: every event with when, who, what, status and result from -> to, payout,
// notes.

#include "common/betchange.h"
#include "common/betevent.h"

#include <QAbstractTableModel>
#include <QList>

namespace betthat::app {

class AuditTrailModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SeqColumn,
        WhenColumn,
        WhoColumn,
        ActionColumn,
        StatusColumn,
        ResultColumn,
        PayoutColumn,
        NotesColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role { SeqRole = Qt::UserRole + 1 };

    explicit AuditTrailModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the trail (it is loaded whole, oldest first).
    void setEvents(const QList<BetEvent> &events);
    const QList<BetEvent> &events() const { return m_events; }

    // What happened, in the operator's words: "Placed", "Resolved", "Disputed", "Dispute upheld", ...
    static QString actionText(EventType type, const BetChange &change);
    // "pending → settled"; "— → pending" for a new bet.
    static QString statusChange(const BetChange &change);
    static QString resultChange(const BetChange &change);
    // The notes that belong to the event: the resolution notes, the dispute reason or the decision notes.
    static QString notesOf(EventType type, const BetChange &change);

private:
    QList<BetEvent> m_events;
    QList<BetChange> m_changes; // m_events' data, decoded once
};

} // namespace betthat::app
