#pragma once

// The bets the app shows, one row per bet, with O(1) lookup by id; live events update exactly one row.

#include "betrows.h"
#include "common/bet.h"
#include "common/betevent.h"
#include "common/timeutil.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <optional>

namespace betthat::app {

class BetListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        BetIdRole = Qt::UserRole + 1,
        UserIdRole,
        EventNameRole,
        MarketRole,
        SelectionRole,
        OddsRole, // qint64, x kOddsScale
        StakeRole, // qint64 minor units
        PotentialReturnRole, // qint64 minor units
        PayoutRole, // qint64 minor units
        CurrencyRole,
        StatusRole, // int(BetStatus)
        ResultRole, // int(BetResult)
        ResolutionNotesRole,
        ResolvedAtRole,
        CreatedAtRole,
        UpdatedAtRole, // QDateTime, UTC
        DisputeReasonRole,
        DisputeStateRole, // int(DisputeState), or an invalid QVariant without a dispute
        ChangedAtRole, // QDateTime when the app last saw this bet change (the card's highlight)
        SearchTextRole, // event, market and selection in one string (the filter searches it)
        BetRole, // the whole betthat::Bet
    };
    Q_ENUM(Role)

    enum class ApplyResult {
        Applied, // the row changed
        Unknown, // no such bet in the model: the caller fetches it
        Stale, // the model already holds a newer state of that bet (a replayed event)
    };

    explicit BetListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A full reload: the only reset this model ever does.
    void setBets(const QList<Bet> &bets);
    void clear();
    // Inserts (beginInsertRows) or replaces (dataChanged on that row). Returns the bet's row.
    int upsertBet(const Bet &bet);
    // Applies an event's data (status, result, payout, notes, dispute, updated_at) to its bet's row.
    ApplyResult applyEvent(const BetEvent &event);

    int rowOf(const QString &betId) const { return m_rows.rowOf(betId); }
    bool contains(const QString &betId) const { return m_rows.contains(betId); }
    const Bet &betAt(int row) const { return m_rows.at(row); }
    std::optional<Bet> bet(const QString &betId) const { return m_rows.find(betId); }
    const QList<Bet> &bets() const { return m_rows.all(); }

    // The clock that stamps ChangedAtRole (tests pin it).
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // What an event does to a bet, without a model (also used for bets the model does not hold).
    static Bet appliedEvent(Bet bet, const BetEvent &event);
    static QDateTime eventTime(const BetEvent &event);

Q_SIGNALS:
    // After a row was inserted or changed by upsertBet/applyEvent (not by setBets): the card highlights.
    void betChanged(const QString &betId);

private:
    void replaceRow(int row, const Bet &bet);

    BetRows m_rows; // only ever appended to, so no row moves under a view
    QHash<QString, QDateTime> m_changedAt;
    Clock m_clock = systemClock();
};

} // namespace betthat::app

Q_DECLARE_METATYPE(betthat::Bet)
