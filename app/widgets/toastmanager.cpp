#include "toastmanager.h"

#include "app/models/betformatter.h"
#include "app/models/betlistmodel.h"
#include "common/betchange.h"

#include <QEvent>
#include <QSet>
#include <QTimer>
#include <QWidget>
#include <algorithm>

namespace betthat::app {

namespace {

constexpr int kMargin = 16;
constexpr int kSpacing = 8;
constexpr int kMaxWidth = 380;

constexpr int kRememberedOutcomes = 200;

qint64 supersededSeq(const BetEvent &event)
{
    const auto change = json::decodeBetChange(event.data);
    return change ? change->supersedesSeq : 0;
}

QString categoryOf(const BetEvent &event, const Bet &bet)
{
    // A correction is news of its own kind: "7 won · 1 corrected" must not read as eight wins.
    if (supersededSeq(event) > 0)
        return QStringLiteral("corrected");
    switch (event.type) {
    case EventType::BetResolved:
        switch (bet.result) {
        case BetResult::Win:
            return QStringLiteral("won");
        case BetResult::Loss:
            return QStringLiteral("lost");
        case BetResult::Push:
            return QStringLiteral("push");
        case BetResult::Void:
        case BetResult::None:
            return QStringLiteral("void");
        }
        break;
    case EventType::BetDisputed:
        return QStringLiteral("disputed");
    case EventType::BetUpdated:
        return QStringLiteral("updated");
    }
    return QStringLiteral("updated");
}

} // namespace

ToastManager::ToastManager(QWidget *host)
    : QObject(host)
    , m_host(host)
    , m_coalesce(new QTimer(this))
{
    m_clock.start();
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(120);
    connect(m_coalesce, &QTimer::timeout, this, &ToastManager::flush);
    host->installEventFilter(this);
}

void ToastManager::setCoalesceInterval(int ms)
{
    m_coalesce->setInterval(std::max(0, ms));
}

void ToastManager::setBurstLimit(int threshold, int windowMs)
{
    m_burstThreshold = std::max(1, threshold);
    m_burstWindowMs = std::max(0, windowMs);
}

void ToastManager::setViewer(const QString &userId, bool isOperator)
{
    m_viewerId = userId;
    m_viewerIsOperator = isOperator;
}

QString ToastManager::actionText(const QString &actionId)
{
    if (actionId == QLatin1String("view"))
        return tr("View bet");
    if (actionId == QLatin1String("review"))
        return tr("Review dispute");
    return actionId;
}

ToastManager::Content ToastManager::contentFor(const BetEvent &event, const Bet &knownBet) const
{
    // The event's own data decides the wording, even when the fetched bet has moved on since.
    const Bet bet = BetListModel::appliedEvent(knownBet, event);
    const bool own = !m_viewerId.isEmpty() && bet.userId == m_viewerId;
    const QString who = bet.userId.isEmpty() ? tr("A bettor") : bet.userId;
    const QString amount = BetFormatter::money(bet.payout, bet.currency);
    QString details = BetFormatter::title(bet);

    Content c;
    c.actions = { QStringLiteral("view") };
    switch (event.type) {
    case EventType::BetResolved: {
        const auto change = json::decodeBetChange(event.data);
        c.supersedesSeq = change ? change->supersedesSeq : 0;
        switch (bet.result) {
        case BetResult::Win:
            c.kind = Toast::Kind::Success;
            break;
        case BetResult::Loss:
            c.kind = Toast::Kind::Error;
            break;
        case BetResult::Push:
        case BetResult::Void:
        case BetResult::None:
            c.kind = Toast::Kind::Info;
            break;
        }
        const bool upheldDispute = bet.resolutionSource == QLatin1String("dispute");
        if (c.supersedesSeq > 0 && !upheldDispute) {
            // Say what changed, and by how much when this window showed the result it replaces.
            const BetResult from = change->previousResult;
            const auto shown = m_shownBySeq.constFind(c.supersedesSeq);
            const QString delta = shown != m_shownBySeq.cend() && shown->currency == bet.currency
                ? BetFormatter::signedMoney(bet.payout - shown->payout, bet.currency)
                : QString();
            const QString what = bet.selection.isEmpty() ? tr("bet %1").arg(bet.id) : bet.selection;
            if (own && from != bet.result)
                c.title = tr("Correction: your bet on %1 was re-settled from %2 to %3")
                              .arg(what, BetFormatter::outcomeWord(from), BetFormatter::outcomeWord(bet.result));
            else if (own)
                c.title = tr("Correction: your bet on %1 was re-settled (%2, %3)")
                              .arg(what, BetFormatter::outcomeWord(bet.result), amount);
            else
                c.title = tr("Correction: %1's bet on %2 was re-settled from %3 to %4")
                              .arg(who, what, BetFormatter::outcomeWord(from), BetFormatter::outcomeWord(bet.result));
            if (!delta.isEmpty())
                c.title = tr("%1 (%2)").arg(c.title, delta);
        } else if (bet.certainty == Certainty::Provisional) {
            switch (bet.result) {
            case BetResult::Win:
                c.title = tr("Provisional result: won %1").arg(amount);
                break;
            case BetResult::Loss:
                c.title = tr("Provisional result: lost");
                break;
            case BetResult::Push:
                c.title = tr("Provisional result: push, %1 returned").arg(amount);
                break;
            case BetResult::Void:
            case BetResult::None:
                c.title = tr("Provisional result: void, %1 refunded").arg(amount);
                break;
            }
            if (!own)
                details = tr("Bettor: %1").arg(who) + QLatin1Char('\n') + details;
            details += QLatin1Char('\n') + tr("It may still change; you will be told when it is confirmed.");
        } else {
            switch (bet.result) {
            case BetResult::Win:
                c.title = own ? tr("You won %1").arg(amount) : tr("%1 won %2").arg(who, amount);
                break;
            case BetResult::Loss:
                c.title = own ? tr("Bet lost") : tr("%1 lost a bet").arg(who);
                break;
            case BetResult::Push:
                c.title = tr("Push: %1 stake returned").arg(amount);
                break;
            case BetResult::Void:
            case BetResult::None:
                c.title = tr("Bet voided: %1 refunded").arg(amount);
                break;
            }
        }
        const QString terms = BetFormatter::terms(bet);
        if (!terms.isEmpty())
            c.title = tr("%1 — %2").arg(c.title, terms);
        if (upheldDispute)
            details = tr("Re-settled after the dispute") + QLatin1Char('\n') + details;
        if (!bet.resolutionNotes.isEmpty())
            details += QLatin1Char('\n') + bet.resolutionNotes;
        break;
    }
    case EventType::BetDisputed:
        c.kind = Toast::Kind::Warning;
        c.title = own ? tr("Dispute submitted") : tr("%1 disputed a bet").arg(who);
        if (bet.dispute && !bet.dispute->reason.isEmpty())
            details += QLatin1Char('\n') + bet.dispute->reason;
        if (m_viewerIsOperator)
            c.actions.append(QStringLiteral("review"));
        break;
    case EventType::BetUpdated: {
        c.kind = Toast::Kind::Info;
        const auto change = json::decodeBetChange(event.data);
        const bool placed = change && change->isPlacement();
        c.supersedesSeq = change ? change->supersedesSeq : 0;
        const bool confirmed = change && !placed && change->certainty == Certainty::Confirmed
            && change->previousStatus == change->status && c.supersedesSeq == 0
            && (bet.status == BetStatus::Settled || bet.status == BetStatus::Voided)
            && !(bet.dispute && bet.dispute->state == DisputeState::Rejected);
        if (c.supersedesSeq > 0 && bet.status == BetStatus::Pending) {
            // The notes are the reason, and the reason is the news: "Rolled back to pending: sent in error".
            c.title = bet.resolutionNotes.isEmpty()
                ? tr("Rolled back to pending")
                : tr("Rolled back to pending: %1").arg(bet.resolutionNotes);
        } else if (confirmed) {
            c.title = bet.result == BetResult::Win
                ? tr("Result confirmed: won %1").arg(amount)
                : tr("Result confirmed: %1").arg(BetFormatter::outcomeWord(bet.result));
        } else if (placed)
            c.title = own ? tr("Bet placed") : tr("%1 placed a bet").arg(who);
        else if (bet.dispute && bet.dispute->state == DisputeState::Rejected)
            c.title = tr("Dispute rejected");
        else if (bet.status == BetStatus::Cancelled)
            c.title = tr("Bet cancelled");
        else
            c.title = tr("Bet updated");
        if (bet.dispute && !bet.dispute->decisionNotes.isEmpty())
            details += QLatin1Char('\n') + bet.dispute->decisionNotes;
        break;
    }
    }
    c.message = details;
    if (event.type != EventType::BetDisputed) {
        const auto change = json::decodeBetChange(event.data);
        c.decidesDispute = change && change->previousStatus == BetStatus::Disputed
            && change->status != BetStatus::Disputed;
    }
    return c;
}

Toast *ToastManager::showToast(Toast::Kind kind, const QString &title, const QString &message,
    const QString &betId, const QStringList &actions)
{
    auto *toast = new Toast(kind, title, message, m_host);
    toast->setBetId(betId);
    for (const QString &action : actions)
        toast->addAction(action, actionText(action));
    return addToast(toast);
}

Toast *ToastManager::addToast(Toast *toast, bool replaces, const QString &eventType, bool urgent)
{
    toast->setDuration(m_durationMs);
    toast->setFadeDuration(m_fadeMs);
    connect(toast, &Toast::actionTriggered, this, [this, toast](const QString &actionId) {
        if (!toast->betId().isEmpty())
            Q_EMIT betActionRequested(toast->betId(), actionId);
    });
    connect(toast, &Toast::dismissed, this, [this, toast] { forget(toast); });
    connect(toast, &QObject::destroyed, this, [this] {
        m_toasts.removeAll(QPointer<Toast>());
        layoutToasts();
    });
    m_toasts.append(toast);
    // The oldest make room: a flood never covers the whole window.
    while (toasts().size() > m_maxVisible) {
        Toast *oldest = toasts().constFirst();
        forget(oldest);
        oldest->dismiss();
    }
    // Placed before it appears: shown at (0,0) first, it would catch the pointer there and pause itself.
    layoutToasts();
    toast->show();
    toast->raise();
    toast->restartTimer();
    layoutToasts();
    Q_EMIT toastShown(
        toast->kind(), toast->title(), toast->message(), toast->betId(), replaces, eventType, urgent);
    return toast;
}

void ToastManager::forget(Toast *toast)
{
    m_toasts.removeAll(toast);
    m_toasts.removeAll(QPointer<Toast>());
    layoutToasts();
}

QList<Toast *> ToastManager::toasts() const
{
    QList<Toast *> result;
    for (const QPointer<Toast> &toast : m_toasts) {
        if (toast && !toast->isDismissing())
            result.append(toast);
    }
    return result;
}

void ToastManager::dismissAll()
{
    m_pending.clear();
    m_coalesce->stop();
    for (Toast *toast : toasts())
        toast->dismiss();
}

void ToastManager::notifyBetEvent(const BetEvent &event, const Bet &bet)
{
    // Dropped before coalescing, so a silenced type neither shows nor counts towards a burst summary.
    if (!showsToastFor(event.type))
        return;
    m_pending.append({ event, bet });
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void ToastManager::flush()
{
    m_coalesce->stop();
    if (m_pending.isEmpty())
        return;
    QList<PendingEvent> pending = std::exchange(m_pending, {});
    const qint64 now = m_clock.elapsed();
    // A result and its correction in the same moment: only the correction is news.
    QSet<qint64> superseded;
    for (const PendingEvent &p : std::as_const(pending)) {
        if (const qint64 seq = supersededSeq(p.event))
            superseded.insert(seq);
    }
    pending.erase(std::remove_if(pending.begin(), pending.end(),
                      [&](const PendingEvent &p) { return superseded.contains(p.event.seq); }),
        pending.end());

    // Individual toasts of this burst window that are still on screen.
    m_recentBetToasts.erase(std::remove_if(m_recentBetToasts.begin(), m_recentBetToasts.end(),
                                [&](const RecentToast &entry) {
                                    return !entry.toast || entry.toast->isDismissing()
                                        || now - entry.shownAt > m_burstWindowMs;
                                }),
        m_recentBetToasts.end());

    const bool summaryLive
        = m_summary && !m_summary->isDismissing() && now - m_summaryUpdatedAt <= m_burstWindowMs;
    if (summaryLive) {
        showSummary(pending);
        return;
    }
    if (pending.size() + m_recentBetToasts.size() > m_burstThreshold) {
        // A burst: the few toasts it already produced are folded into one summary with the rest.
        QList<PendingEvent> all;
        for (const RecentToast &entry : std::as_const(m_recentBetToasts)) {
            all.append(entry.event);
            Toast *folded = entry.toast;
            forget(folded);
            folded->dismiss();
        }
        m_recentBetToasts.clear();
        all.append(pending);
        showSummary(all);
        return;
    }
    for (const PendingEvent &p : std::as_const(pending)) {
        const Content content = contentFor(p.event, p.bet);
        // A correction takes the place of the toast it corrects instead of contradicting it from below.
        const auto earlier = content.supersedesSeq > 0 ? m_shownBySeq.constFind(content.supersedesSeq)
                                                       : m_shownBySeq.cend();
        if (earlier != m_shownBySeq.cend() && earlier->toast && !earlier->toast->isDismissing()) {
            Toast *old = earlier->toast;
            forget(old);
            old->dismiss();
        }
        // A decided dispute withdraws the "disputed" toast: the question it raised has its answer now.
        const QPointer<Toast> disputed = content.decidesDispute ? m_disputeToasts.take(p.event.betId) : nullptr;
        if (disputed && !disputed->isDismissing()) {
            forget(disputed);
            disputed->dismiss();
        }
        auto *toast = new Toast(content.kind, content.title, content.message, m_host);
        toast->setBetId(p.event.betId);
        for (const QString &action : content.actions)
            toast->addAction(action, actionText(action));
        if (p.event.type == EventType::BetDisputed) {
            m_disputeToasts.removeIf([](const auto &entry) { return entry.value().isNull(); });
            m_disputeToasts.insert(p.event.betId, toast);
        }
        addToast(toast, content.supersedesSeq > 0 || content.decidesDispute, eventTypeName(p.event.type),
            content.decidesDispute);
        remember(p.event, p.bet, toast);
        m_recentBetToasts.append({ toast, now, p });
    }
}

void ToastManager::remember(const BetEvent &event, const Bet &knownBet, Toast *toast)
{
    if (m_shownBySeq.size() >= kRememberedOutcomes)
        m_shownBySeq.clear(); // old news: a correction of it simply shows without the amount
    const Bet bet = BetListModel::appliedEvent(knownBet, event);
    m_shownBySeq.insert(event.seq, { toast, bet.payout, bet.currency });
}

void ToastManager::showSummary(const QList<PendingEvent> &events)
{
    const qint64 now = m_clock.elapsed();
    const bool fresh = !m_summary || m_summary->isDismissing();
    if (fresh) {
        m_summaryCounts.clear();
        m_summaryTotal = 0;
        m_summaryResolved = 0;
    }
    for (const PendingEvent &p : events) {
        const Bet bet = BetListModel::appliedEvent(p.bet, p.event);
        m_summaryCounts[categoryOf(p.event, bet)] += 1;
        m_shownBySeq.insert(p.event.seq, { nullptr, bet.payout, bet.currency }); // a summary is never replaced
        ++m_summaryTotal;
        if (p.event.type == EventType::BetResolved)
            ++m_summaryResolved;
    }
    const QString title = m_summaryResolved == m_summaryTotal
        ? tr("%n bets resolved", nullptr, m_summaryTotal)
        : tr("%n bet updates", nullptr, m_summaryTotal);
    m_summaryUpdatedAt = now;
    if (fresh) {
        auto *toast = new Toast(Toast::Kind::Info, title, summaryMessage(), m_host);
        toast->setObjectName(QStringLiteral("SummaryToast"));
        m_summary = toast;
        addToast(toast);
    } else {
        m_summary->setTitle(title);
        m_summary->setMessage(summaryMessage());
        m_summary->restartTimer();
        layoutToasts();
    }
}

QString ToastManager::summaryMessage() const
{
    QStringList parts;
    const auto add = [&](const char *key, const QString &text) {
        const int n = m_summaryCounts.value(QString::fromLatin1(key));
        if (n > 0)
            parts.append(text.arg(n));
    };
    add("won", tr("%1 won"));
    add("lost", tr("%1 lost"));
    add("push", tr("%1 push"));
    add("void", tr("%1 void"));
    add("disputed", tr("%1 disputed"));
    add("corrected", tr("%1 corrected"));
    add("updated", tr("%1 updated"));
    return parts.join(QStringLiteral(" · "));
}

void ToastManager::layoutToasts()
{
    const QList<Toast *> visible = toasts();
    const int width = std::min(kMaxWidth, std::max(200, m_host->width() - 2 * kMargin));
    int bottom = m_host->height() - kMargin;
    // Newest at the bottom, older ones pushed up.
    for (auto it = visible.crbegin(); it != visible.crend(); ++it) {
        Toast *toast = *it;
        toast->setFixedWidth(width);
        const int height
            = toast->hasHeightForWidth() ? toast->heightForWidth(width) : toast->sizeHint().height();
        toast->setFixedHeight(std::max(height, toast->minimumSizeHint().height()));
        bottom -= toast->height();
        toast->move(m_host->width() - kMargin - width, bottom);
        toast->raise();
        bottom -= kSpacing;
    }
}

bool ToastManager::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_host && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        layoutToasts();
    return QObject::eventFilter(watched, event);
}

} // namespace betthat::app
