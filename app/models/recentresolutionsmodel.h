#pragma once

// The last resolutions (20 by default), newest first: what the Recent Resolutions dock lists.

#include "common/bet.h"
#include "common/betevent.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <optional>

namespace betthat::app {

struct Resolution
{
    qint64 seq = 0; // the event's seq: orders and de-duplicates
    QString betId;
    QString userId;
    BetResult result = BetResult::None;
    BetStatus status = BetStatus::Settled;
    qint64 payout = 0;
    QString currency = QStringLiteral("EUR");
    QString eventName; // may be empty until the bet is known
    QString selection;
    QString notes;
    QDateTime resolvedAt;
    Certainty certainty = Certainty::None;
    QString terms;          // BetFormatter::terms of the result, empty without terms
    qint64 supersedesSeq = 0; // a correction of the resolution with this seq
};

class RecentResolutionsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        BetIdRole = Qt::UserRole + 1,
        SeqRole,
        ResultRole, // int(BetResult)
        PayoutRole,
        CurrencyRole,
        EventNameRole,
        SelectionRole,
        NotesRole,
        ResolvedAtRole,
        UserIdRole,
    };
    Q_ENUM(Role)

    explicit RecentResolutionsModel(int capacity = 20, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int capacity() const { return m_capacity; }
    // Inserts in seq order (newest first) and drops the oldest beyond capacity. A seq already listed, or one
    // older than a full list's oldest, is ignored: returns false.
    bool addResolution(const Resolution &resolution);
    // A full reload (the newest `capacity` of the given ones).
    void setResolutions(QList<Resolution> resolutions);
    // Fills in the event and selection of entries that arrived before their bet was known.
    void describeBet(const Bet &bet);
    const Resolution &at(int row) const { return m_items.at(row); }

    // A bet_resolved event as a Resolution (nullopt for other events); bet adds the names when known.
    static std::optional<Resolution> fromEvent(const BetEvent &event, const Bet *bet = nullptr);

private:
    int m_capacity;
    QList<Resolution> m_items; // seq descending
};

} // namespace betthat::app
