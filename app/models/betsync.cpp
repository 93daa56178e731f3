#include "betsync.h"

#include "app/logcategories.h"
#include "app/net/apiport.h"
#include "betlistmodel.h"

namespace betthat::app {

BetSync::BetSync(ApiPort *api, BetListModel *model, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_model(model)
{ }

void BetSync::setApi(ApiPort *api)
{
    m_api = api;
}

void BetSync::setUserFilter(const QString &userId)
{
    if (userId == m_userFilter)
        return;
    m_userFilter = userId;
    if (m_loading) {
        ++m_generation; // its pages belong to the old filter
        m_loading = false;
        m_loaded.clear();
        m_eventsDuringReload.clear();
    }
}

void BetSync::reload()
{
    if (!m_api)
        return;
    // A reload supersedes one in flight: its pages are for an older filter or an older state.
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_loaded.clear();
    m_eventsDuringReload.clear();
    fetchPage(QString(), generation);
}

void BetSync::fetchPage(const QString &cursor, quint64 generation)
{
    BetFilter filter;
    filter.userId = m_userFilter;
    filter.limit = m_pageSize;
    filter.cursor = cursor;
    m_api->bets(filter, this, [this, generation](const Result<BetPage> &page) {
        if (generation != m_generation)
            return;
        if (!page) {
            finishReload(false, page.error().message);
            return;
        }
        m_loaded.append(page->bets);
        if (!page->nextCursor.isEmpty()) {
            fetchPage(page->nextCursor, generation);
            return;
        }
        finishReload(true, QString());
    });
}

void BetSync::finishReload(bool ok, const QString &error)
{
    m_loading = false;
    if (ok) {
        m_model->setBets(m_loaded);
        // Events that arrived while the pages were loading may be newer than the page that held their bet.
        for (const BetEvent &event : std::as_const(m_eventsDuringReload))
            m_model->applyEvent(event);
        qCDebug(lcAppModels) << "loaded" << m_loaded.size() << "bets";
    } else {
        qCWarning(lcAppModels).noquote() << "loading the bets failed:" << error;
    }
    m_loaded.clear();
    m_eventsDuringReload.clear();
    Q_EMIT reloaded(ok, error);
}

void BetSync::applyEvent(const BetEvent &event)
{
    if (m_loading)
        m_eventsDuringReload.append(event);
    if (!m_userFilter.isEmpty() && !event.userId.isEmpty() && event.userId != m_userFilter)
        return; // another bettor's event on an operator's feed while viewing one bettor
    switch (m_model->applyEvent(event)) {
    case BetListModel::ApplyResult::Applied:
    case BetListModel::ApplyResult::Stale:
        Q_EMIT eventApplied(event, *m_model->bet(event.betId));
        return;
    case BetListModel::ApplyResult::Unknown:
        break;
    }
    // A bet placed elsewhere (or beyond the loaded pages): its current state comes from the server.
    if (!m_api) {
        Q_EMIT eventApplied(event, BetListModel::appliedEvent(Bet {}, event));
        return;
    }
    m_api->bet(event.betId, this, [this, event](const Result<Bet> &bet) {
        if (!bet) {
            qCWarning(lcAppModels).noquote()
                << "cannot fetch bet" << event.betId << ":" << bet.error().message;
            Q_EMIT eventApplied(event, BetListModel::appliedEvent(Bet {}, event));
            return;
        }
        // The fetched state is at least as new as the event, unless a reload brought a newer one meanwhile.
        const auto known = m_model->bet(bet->id);
        if (!known || !known->updatedAt.isValid() || bet->updatedAt >= known->updatedAt)
            m_model->upsertBet(*bet);
        Q_EMIT eventApplied(event, m_model->bet(bet->id).value_or(*bet));
    });
}

} // namespace betthat::app
