#pragma once

// Keeps the admin window's pending queue and disputes list true: a paged load, then every live event applied.

#include "common/bet.h"
#include "common/betevent.h"
#include "common/error.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace betthat::app {

class ApiPort;
class DisputesModel;
class PendingBetsModel;
class RealTimeClient;

class AdminQueueSync : public QObject
{
    Q_OBJECT
public:
    // realtime may be null (then only reload() and applyBet() change the lists). The models must outlive
    // this.
    AdminQueueSync(ApiPort *api, RealTimeClient *realtime, PendingBetsModel *pending,
        DisputesModel *disputes, QObject *parent = nullptr);

    // Page size of the initial load; the server caps it at 500.
    void setPageSize(int size) { m_pageSize = size; }

    bool isLoading() const { return m_loadsRunning > 0; }
    bool hasLoaded() const { return m_loaded; }
    int fetchesInFlight() const { return static_cast<int>(m_fetching.size()); }

public Q_SLOTS:
    // Loads every pending bet and every open dispute again (start, F5, resync_required).
    void reload();
    // What we learnt about a bet first hand (our own resolve or decision): applied at once, feed or not.
    void applyBet(const betthat::Bet &bet);
    // One live event: a bet leaving a list leaves it at once; one entering is fetched (events carry no stake,
    // market or event name) and shown when the fetch answers.
    void applyEvent(const betthat::BetEvent &event);

Q_SIGNALS:
    void loaded();
    void loadFailed(const betthat::Error &error);
    // A bet entered or left a list because of the live feed (for a status line and tests).
    void queueChanged();

private:
    void loadPage(int generation, BetStatus status, const QString &cursor, QList<Bet> *into);
    void pageLoaded(int generation);
    void fetch(const QString &betId, BetStatus wanted);
    bool isWanted(const QString &betId, BetStatus wanted) const;
    void leavePending(const QString &betId);
    void leaveDisputes(const QString &betId);

    QPointer<ApiPort> m_api;
    PendingBetsModel *m_pending;
    DisputesModel *m_disputes;
    int m_pageSize = 500;
    int m_generation = 0;
    int m_loadsRunning = 0;
    bool m_loaded = false;
    bool m_failed = false;
    bool m_operatorConfirmed = false; // GET /me said so once; roles do not change under a token
    QList<Bet> m_loadingPending;
    QList<Bet> m_loadingDisputes;
    // Monotone facts from the feed: a bet never returns to pending, and a decided dispute never reopens. They
    // let a page or a fetch answered before an event not undo what the event said.
    QSet<QString> m_leftPending;
    QSet<QString> m_leftDisputes;
    // Asked for while a load ran, with the status the latest event announced; done after the load if still
    // needed.
    QHash<QString, BetStatus> m_deferredFetches;
    QSet<QString> m_fetching;
    QSet<QString> m_refetch; // an event arrived while its bet's fetch was in flight: fetch again after it
};

} // namespace betthat::app
