#pragma once

// Paints each bet as a card (palette colours, so dark mode works) with its action buttons, and turns clicks
// on those buttons into actionTriggered().

#include "common/bet.h"
#include "common/accesspolicy.h"
#include "common/timeutil.h"

#include <QSet>
#include <QStyledItemDelegate>

namespace betthat::app {

class BetCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class Action { Details, Dispute, Resolve, ReviewDispute };
    Q_ENUM(Action)

    // Who looks at the cards decides which actions they offer.
    struct Viewer
    {
        QString userId;
        bool isOperator = false;
        QSet<QString> actingFor; // users the app can act for (their own token): they may dispute
    };

    explicit BetCardDelegate(QObject *parent = nullptr);

    void setViewer(const Viewer &viewer) { m_viewer = viewer; }
    const Viewer &viewer() const { return m_viewer; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }
    void setHighlightDuration(int ms) { m_highlightMs = ms; }
    int highlightDuration() const { return m_highlightMs; }

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The actions a card offers this viewer, in button order (left to right).
    QList<Action> actionsFor(const Bet &bet) const;
    static QString actionText(Action action);
    // Where each action's button is on a card painted into `itemRect` (tests click there).
    QList<QPair<Action, QRect>> buttonRects(
        const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // 1 right after the bet changed, fading to 0 over the highlight duration.
    qreal highlightIntensity(const QModelIndex &index) const;

Q_SIGNALS:
    void actionTriggered(betthat::app::BetCardDelegate::Action action, const QString &betId);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

private:
    Viewer m_viewer;
    Clock m_clock = systemClock();
    int m_highlightMs = 1500;
};

} // namespace betthat::app
