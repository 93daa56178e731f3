#pragma once

// Keeps a BetListModel in step with the server: full reloads (all pages) and live events, fetching bets it
// does not know yet, and re-applying events that raced a reload.

#include "app/net/apiport.h"
#include "common/bet.h"
#include "common/betevent.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace betthat::app {

class BetListModel;

class BetSync : public QObject
{
    Q_OBJECT
public:
    BetSync(ApiPort *api, BetListModel *model, QObject *parent = nullptr);

    void setApi(ApiPort *api);
    // Whose bets: a bettor id, or empty for every bet (operators). Takes effect at the next reload(); a
    // reload still running for the previous filter is dropped.
    void setUserFilter(const QString &userId);
    QString userFilter() const { return m_userFilter; }
    void setPageSize(int size) { m_pageSize = size; }

    // Loads every page, then replaces the model's content at once (one reset).
    void reload();
    bool isLoading() const { return m_loading; }

    // A live event: updates its row, or fetches the bet first. eventApplied() follows either way.
    void applyEvent(const betthat::BetEvent &event);

Q_SIGNALS:
    // The event is in the model; bet is its state afterwards (as far as known when the fetch failed).
    void eventApplied(const betthat::BetEvent &event, const betthat::Bet &bet);
    void reloaded(bool ok, const QString &error);

private:
    void fetchPage(const QString &cursor, quint64 generation);
    void finishReload(bool ok, const QString &error);

    QPointer<ApiPort> m_api;
    BetListModel *m_model;
    QString m_userFilter;
    int m_pageSize = 200;
    bool m_loading = false;
    quint64 m_generation = 0;
    QList<Bet> m_loaded;
    QList<BetEvent> m_eventsDuringReload; // re-applied on top of the reloaded snapshot
};

} // namespace betthat::app
