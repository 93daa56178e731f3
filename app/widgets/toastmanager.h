#pragma once

// Shows toasts stacked in the window's bottom-right corner: one per bet event, or one summary for a burst,
// plus connection toasts; emits which bet a toast action asks to open.

#include "common/bet.h"
#include "common/betevent.h"
#include "common/notificationpreferences.h"
#include "toast.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QTimer;

namespace betthat::app {

class ToastManager : public QObject
{
    Q_OBJECT
public:
    // The text of a toast for one bet event.
    struct Content
    {
        Toast::Kind kind = Toast::Kind::Info;
        QString title;
        QString message;
        QStringList actions; // action ids: "view", "review"
        // A correction: the seq of the event whose toast (and desktop notification) this one replaces.
        qint64 supersedesSeq = 0;
        // A dispute decided (upheld or rejected): replaces the bet's "disputed" toast and is urgent on the
        // desktop.
        bool decidesDispute = false;
    };

    explicit ToastManager(QWidget *host);

    // Auto-dismiss time of every toast from now on (hover pauses it).
    void setDuration(int ms) { m_durationMs = ms; }
    int duration() const { return m_durationMs; }
    void setFadeDuration(int ms) { m_fadeMs = ms; }
    // Events arriving within this time are shown together (or as a summary); small enough to feel instant.
    void setCoalesceInterval(int ms);
    // More than `threshold` bet toasts within `windowMs` collapse into one summary toast.
    void setBurstLimit(int threshold, int windowMs);
    void setMaxVisible(int count) { m_maxVisible = count; }
    // Whose view this is: texts say "You won" to the bet's owner, and operators get "Review dispute".
    void setViewer(const QString &userId, bool isOperator);

    // The user's choices: a bet event whose socket channel is off shows no toast (the models still update;
    // that is the caller's business).
    void setPreferences(const NotificationPreferences &preferences) { m_preferences = preferences; }
    const NotificationPreferences &preferences() const { return m_preferences; }
    bool showsToastFor(EventType type) const
    {
        return m_preferences.isEnabled(type, NotificationChannel::Socket);
    }

    // A toast right away (connection lost/restored, errors).
    Toast *showToast(Toast::Kind kind, const QString &title, const QString &message = {},
        const QString &betId = {}, const QStringList &actions = {});
    // A bet event (coalesced): an individual toast, or part of a summary during a burst; nothing when the
    // preferences switch toasts off for its type.
    void notifyBetEvent(const BetEvent &event, const Bet &bet);
    // Shows what is waiting now instead of after the coalescing interval.
    void flush();

    QList<Toast *> toasts() const; // visible ones, oldest first
    void dismissAll();

    Content contentFor(const BetEvent &event, const Bet &bet) const;
    static QString actionText(const QString &actionId);

Q_SIGNALS:
    // A toast's "View bet" ("view") or "Review dispute" ("review") was clicked.
    void betActionRequested(const QString &betId, const QString &actionId);
    // Every toast shown (the main window mirrors them to the desktop while it is not active).
    // betId is empty for connection and summary toasts; `replaces` is set for a correction, whose desktop
    // notification should take the place of the one shown for the same bet. eventType is the wire name
    // ("bet_resolved") for a bet event's own toast, else empty.
    void toastShown(betthat::app::Toast::Kind kind, const QString &title, const QString &message,
        const QString &betId = {}, bool replaces = false, const QString &eventType = {}, bool urgent = false);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct PendingEvent
    {
        BetEvent event;
        Bet bet;
    };
    Toast *addToast(Toast *toast, bool replaces = false, const QString &eventType = {}, bool urgent = false);
    void remember(const BetEvent &event, const Bet &bet, Toast *toast);
    void showSummary(const QList<PendingEvent> &events);
    QString summaryMessage() const;
    void layoutToasts();
    void forget(Toast *toast);

    QWidget *m_host;
    QTimer *m_coalesce;
    int m_durationMs = 6000;
    int m_fadeMs = 180;
    int m_burstThreshold = 3;
    int m_burstWindowMs = 1000;
    int m_maxVisible = 5;
    NotificationPreferences m_preferences;
    QString m_viewerId;
    bool m_viewerIsOperator = false;

    QList<PendingEvent> m_pending;
    QList<QPointer<Toast>> m_toasts; // oldest first
    // Individual bet toasts of the current burst window: folded into the summary if the burst goes on.
    struct RecentToast
    {
        QPointer<Toast> toast;
        qint64 shownAt = 0;
        PendingEvent event;
    };
    QList<RecentToast> m_recentBetToasts;
    QPointer<Toast> m_summary;
    qint64 m_summaryUpdatedAt = 0;
    QHash<QString, int> m_summaryCounts; // "won", "lost", ... -> count
    int m_summaryTotal = 0;
    int m_summaryResolved = 0;
    QElapsedTimer m_clock;
    // What each recent outcome event told the bettor, by seq: a correction replaces that toast and says by
    // how much the payout changed. Trimmed to the newest entries.
    struct Shown
    {
        QPointer<Toast> toast;
        qint64 payout = 0;
        QString currency;
    };
    QHash<qint64, Shown> m_shownBySeq;
    QHash<QString, QPointer<Toast>> m_disputeToasts; // by bet id: the "disputed" toast a decision replaces
};

} // namespace betthat::app
