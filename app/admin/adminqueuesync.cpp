#include "adminqueuesync.h"

#include "app/logcategories.h"
#include "app/net/apiport.h"
#include "app/net/realtimeclient.h"
#include "common/betchange.h"
#include "disputesmodel.h"
#include "pendingbetsmodel.h"

#include <utility>

namespace betthat::app {

namespace {

bool hasOpenDispute(const Bet &bet)
{
    return bet.status == BetStatus::Disputed && bet.dispute && bet.dispute->state == DisputeState::Open;
}

} // namespace

AdminQueueSync::AdminQueueSync(ApiPort *api, RealTimeClient *realtime, PendingBetsModel *pending,
    DisputesModel *disputes, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_pending(pending)
    , m_disputes(disputes)
{
    if (realtime) {
        connect(realtime, &RealTimeClient::eventReceived, this, &AdminQueueSync::applyEvent);
        // The feed cannot replay what we missed: the lists may be stale, so load them again.
        connect(realtime, &RealTimeClient::resyncRequired, this, &AdminQueueSync::reload);
    }
}

void AdminQueueSync::reload()
{
    if (!m_api)
        return;
    const int generation = ++m_generation;
    m_loadsRunning = 2;
    m_failed = false;
    m_loadingPending.clear();
    m_loadingDisputes.clear();
    if (m_operatorConfirmed) {
        loadPage(generation, BetStatus::Pending, {}, &m_loadingPending);
        loadPage(generation, BetStatus::Disputed, {}, &m_loadingDisputes);
        return;
    }
    // A bettor's token lists the bettor's own bets without complaint: that must not pass for the operator
    // queue.
    m_api->me(this, [this, generation](const Result<UserAccount> &me) {
        if (generation != m_generation)
            return;
        if (!me || !me->user.isOperator()) {
            m_failed = true;
            m_loadsRunning = 0;
            const Error error = me
                ? makeError(ErrorCode::Forbidden, tr("only operators can use the admin window"))
                : me.error();
            qCWarning(lcAppAdmin) << "admin window not loaded:" << error.message;
            Q_EMIT loadFailed(error);
            return;
        }
        m_operatorConfirmed = true;
        loadPage(generation, BetStatus::Pending, {}, &m_loadingPending);
        loadPage(generation, BetStatus::Disputed, {}, &m_loadingDisputes);
    });
}

void AdminQueueSync::loadPage(int generation, BetStatus status, const QString &cursor, QList<Bet> *into)
{
    BetFilter filter;
    filter.status = status;
    filter.limit = m_pageSize;
    filter.cursor = cursor;
    m_api->bets(filter, this, [this, generation, status, into](const Result<BetPage> &page) {
        if (generation != m_generation || m_failed)
            return; // a newer reload runs, or the other half of this one failed
        if (!page) {
            m_failed = true;
            m_loadsRunning = 0;
            qCWarning(lcAppAdmin) << "loading" << statusName(status)
                                  << "bets failed:" << page.error().message;
            Q_EMIT loadFailed(page.error());
            return;
        }
        into->append(page->bets);
        if (!page->nextCursor.isEmpty())
            loadPage(generation, status, page->nextCursor, into);
        else
            pageLoaded(generation);
    });
}

void AdminQueueSync::pageLoaded(int generation)
{
    if (generation != m_generation || --m_loadsRunning > 0)
        return;
    QList<Bet> pending;
    for (const Bet &bet : std::as_const(m_loadingPending)) {
        if (bet.status == BetStatus::Pending && !m_leftPending.contains(bet.id))
            pending.append(bet);
    }
    QList<Bet> disputes;
    for (const Bet &bet : std::as_const(m_loadingDisputes)) {
        if (hasOpenDispute(bet) && !m_leftDisputes.contains(bet.id))
            disputes.append(bet);
    }
    m_loadingPending.clear();
    m_loadingDisputes.clear();
    m_pending->setBets(pending);
    m_disputes->setBets(disputes);
    m_loaded = true;
    qCDebug(lcAppAdmin) << "loaded" << pending.size() << "pending bets and" << disputes.size() << "disputes";

    const QHash<QString, BetStatus> deferred = std::exchange(m_deferredFetches, {});
    for (auto it = deferred.cbegin(); it != deferred.cend(); ++it) {
        if (isWanted(it.key(), it.value()))
            fetch(it.key(), it.value());
    }
    Q_EMIT loaded();
}

void AdminQueueSync::applyBet(const Bet &bet)
{
    bool changed = false;
    if (bet.status == BetStatus::Pending) {
        if (!m_leftPending.contains(bet.id)) {
            changed = !m_pending->contains(bet.id);
            m_pending->upsert(bet);
            if (isLoading())
                m_loadingPending.append(bet); // the load's reset must not drop it
        }
    } else {
        m_leftPending.insert(bet.id);
        changed = m_pending->remove(bet.id);
    }

    if (hasOpenDispute(bet)) {
        if (!m_leftDisputes.contains(bet.id)) {
            changed = changed || !m_disputes->contains(bet.id);
            m_disputes->upsert(bet);
            if (isLoading())
                m_loadingDisputes.append(bet);
        }
    } else if (bet.dispute && bet.dispute->state != DisputeState::Open) {
        m_leftDisputes.insert(bet.id);
        changed = m_disputes->remove(bet.id) || changed;
    }
    if (changed)
        Q_EMIT queueChanged();
}

void AdminQueueSync::applyEvent(const BetEvent &event)
{
    const QString betId = event.betId;
    const auto change = json::decodeBetChange(event.data);
    if (betId.isEmpty() || !change) {
        if (!change)
            qCInfo(lcAppAdmin) << "ignoring event" << event.seq << ":" << change.error().message;
        return;
    }
    const BetStatus status = change->status;

    if (status != BetStatus::Pending)
        leavePending(betId);
    if (change->previousStatus == BetStatus::Disputed && status != BetStatus::Disputed)
        leaveDisputes(betId);

    if (isWanted(betId, status))
        fetch(betId, status);
}

bool AdminQueueSync::isWanted(const QString &betId, BetStatus wanted) const
{
    if (wanted == BetStatus::Pending)
        return !m_pending->contains(betId) && !m_leftPending.contains(betId);
    if (wanted == BetStatus::Disputed)
        return !m_disputes->contains(betId) && !m_leftDisputes.contains(betId);
    return false;
}

void AdminQueueSync::fetch(const QString &betId, BetStatus wanted)
{
    if (!m_api)
        return;
    if (!m_loaded || isLoading()) {
        // The load's answer may already hold the bet; decide when it is in.
        m_deferredFetches.insert(betId, wanted);
        return;
    }
    if (m_fetching.contains(betId)) {
        m_refetch.insert(betId);
        return;
    }
    m_fetching.insert(betId);
    m_api->bet(betId, this, [this, betId](const Result<Bet> &bet) {
        m_fetching.remove(betId);
        if (bet)
            applyBet(*bet);
        else
            qCInfo(lcAppAdmin) << "fetching bet" << betId << "failed:" << bet.error().message;
        // The bet changed while we asked: ask again, the answer may predate the change.
        if (m_refetch.remove(betId))
            m_api->bet(betId, this, [this](const Result<Bet> &again) {
                if (again)
                    applyBet(*again);
            });
    });
}

void AdminQueueSync::leavePending(const QString &betId)
{
    m_leftPending.insert(betId);
    if (m_pending->remove(betId))
        Q_EMIT queueChanged();
}

void AdminQueueSync::leaveDisputes(const QString &betId)
{
    m_leftDisputes.insert(betId);
    if (m_disputes->remove(betId))
        Q_EMIT queueChanged();
}

} // namespace betthat::app
