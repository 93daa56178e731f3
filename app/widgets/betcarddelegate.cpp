#include "betcarddelegate.h"

#include "app/models/betformatter.h"
#include "app/models/betlistmodel.h"
#include "toastpalette.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCursor>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace betthat::app {

namespace {

constexpr int kOuterH = 10; // space left and right of a card
constexpr int kOuterV = 5; // space above and below
constexpr int kPadding = 12;
constexpr int kStripe = 5;
constexpr int kButtonHeight = 24;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
        static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
        static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}

Bet betOf(const QModelIndex &index)
{
    return index.data(BetListModel::BetRole).value<Bet>();
}

// The result's colour for the stripe and badge; pending bets use the palette's highlight.
QColor accentFor(const Bet &bet, const QPalette &palette)
{
    if (bet.status == BetStatus::Disputed)
        return ToastPalette::warning();
    switch (bet.result) {
    case BetResult::Win:
        return ToastPalette::success();
    case BetResult::Loss:
        return ToastPalette::error();
    case BetResult::Push:
    case BetResult::Void:
        return palette.color(QPalette::Mid);
    case BetResult::None:
        break;
    }
    return bet.status == BetStatus::Cancelled ? palette.color(QPalette::Mid)
                                              : palette.color(QPalette::Highlight);
}

QRect cardRect(const QRect &itemRect)
{
    return itemRect.adjusted(kOuterH, kOuterV, -kOuterH, -kOuterV);
}

} // namespace

BetCardDelegate::BetCardDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QString BetCardDelegate::actionText(Action action)
{
    switch (action) {
    case Action::Details:
        return tr("Details");
    case Action::Dispute:
        return tr("Dispute");
    case Action::Resolve:
        return tr("Resolve");
    case Action::ReviewDispute:
        return tr("Review dispute");
    }
    return {};
}

QList<BetCardDelegate::Action> BetCardDelegate::actionsFor(const Bet &bet) const
{
    QList<Action> actions { Action::Details };
    // The shared policy decides, from the server's dispute_deadline: the app never guesses the window.
    const QDateTime now = m_clock();
    User viewer;
    viewer.id = m_viewer.userId;
    viewer.role = m_viewer.isOperator ? Role::Operator : Role::Bettor;
    // Disputing is the bettor's act: an operator holding that bettor's token acts as the bettor.
    User owner;
    owner.id = bet.userId;
    const User &disputer = m_viewer.actingFor.contains(bet.userId) ? owner : viewer;
    if (AccessPolicy::may(BetAction::Dispute, disputer, bet, now))
        actions.append(Action::Dispute);
    const BetActions allowed = AccessPolicy::actionsFor(viewer, bet, now);
    if (allowed.testFlag(BetAction::Resolve))
        actions.append(Action::Resolve);
    if (allowed.testFlag(BetAction::ReviewDispute))
        actions.append(Action::ReviewDispute);
    return actions;
}

QSize BetCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    // Title, three lines of text, the button row, paddings.
    const int height
        = 2 * kOuterV + 2 * kPadding + (fm.height() + 4) + 3 * (fm.height() + 3) + kButtonHeight + 6;
    return QSize(360, height);
}

QList<QPair<BetCardDelegate::Action, QRect>> BetCardDelegate::buttonRects(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QList<QPair<Action, QRect>> result;
    const QRect card = cardRect(option.rect);
    const QFontMetrics fm(option.font);
    const QList<Action> actions = actionsFor(betOf(index));
    int right = card.right() - kPadding;
    const int top = card.bottom() - kPadding - kButtonHeight + 1;
    for (auto it = actions.crbegin(); it != actions.crend(); ++it) {
        const int width = fm.horizontalAdvance(actionText(*it)) + 22;
        result.prepend({ *it, QRect(right - width + 1, top, width, kButtonHeight) });
        right -= width + 6;
    }
    return result;
}

qreal BetCardDelegate::highlightIntensity(const QModelIndex &index) const
{
    const QDateTime changedAt = index.data(BetListModel::ChangedAtRole).toDateTime();
    if (!changedAt.isValid() || m_highlightMs <= 0)
        return 0;
    const qint64 elapsed = changedAt.msecsTo(m_clock());
    if (elapsed < 0 || elapsed >= m_highlightMs)
        return 0;
    return 1.0 - static_cast<qreal>(elapsed) / m_highlightMs;
}

void BetCardDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Bet bet = betOf(index);
    const QPalette &pal = option.palette;
    const QRect card = cardRect(option.rect);
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QColor accent = accentFor(bet, pal);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    QColor background = pal.color(QPalette::Base);
    if (hovered)
        background = mix(background, pal.color(QPalette::AlternateBase), 0.6);
    if (selected)
        background = mix(background, pal.color(QPalette::Highlight), 0.10);
    // The "it just changed" flash: a palette highlight that fades out.
    const qreal flash = highlightIntensity(index);
    if (flash > 0)
        background = mix(background, pal.color(QPalette::Highlight), 0.35 * flash);

    QPainterPath path;
    path.addRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);
    painter->fillPath(path, background);
    painter->setPen(
        QPen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), selected ? 1.5 : 1));
    painter->drawPath(path);
    painter->setClipPath(path);
    painter->fillRect(QRect(card.left(), card.top(), kStripe, card.height()), accent);
    painter->setClipping(false);

    const QFontMetrics fm(option.font);
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = mix(text, background, 0.4);
    const QRect content = card.adjusted(kStripe + kPadding, kPadding, -kPadding, -kPadding);
    int y = content.top();

    // Badge: status, and the result once there is one.
    QString badge = BetFormatter::status(bet.status);
    if (bet.result != BetResult::None)
        badge += QStringLiteral(" · ") + BetFormatter::result(bet.result);
    // A provisional result pays out but may still change: the badge must not read as final.
    if (bet.certainty == Certainty::Provisional && bet.result != BetResult::None)
        badge += QStringLiteral(" · ") + BetFormatter::certainty(bet.certainty);
    QFont badgeFont = option.font;
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(option.font.pointSizeF() * 0.9);
    const QFontMetrics bfm(badgeFont);
    const QRect badgeRect(content.right() - bfm.horizontalAdvance(badge) - 16 + 1, y,
        bfm.horizontalAdvance(badge) + 16, bfm.height() + 4);
    painter->setPen(QPen(accent, 1));
    painter->setBrush(mix(background, accent, 0.18));
    painter->drawRoundedRect(
        QRectF(badgeRect).adjusted(0.5, 0.5, -0.5, -0.5), badgeRect.height() / 2.0, badgeRect.height() / 2.0);
    painter->setFont(badgeFont);
    painter->setPen(text);
    painter->drawText(badgeRect, Qt::AlignCenter, badge);

    // Title: the event.
    QFont titleFont = option.font;
    titleFont.setBold(true);
    titleFont.setPointSizeF(option.font.pointSizeF() * 1.08);
    const QFontMetrics tfm(titleFont);
    painter->setFont(titleFont);
    painter->drawText(QRect(content.left(), y, badgeRect.left() - content.left() - 8, tfm.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        tfm.elidedText(bet.eventName, Qt::ElideRight, badgeRect.left() - content.left() - 8));
    y += std::max(tfm.height(), badgeRect.height()) + 3;

    painter->setFont(option.font);
    const auto line = [&](const QString &s, const QColor &color, bool italic = false) {
        QFont f = option.font;
        f.setItalic(italic);
        painter->setFont(f);
        painter->setPen(color);
        painter->drawText(QRect(content.left(), y, content.width(), fm.height()),
            Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(f).elidedText(s, Qt::ElideRight, content.width()));
        y += fm.height() + 3;
    };

    line(tr("%1: %2").arg(bet.market, bet.selection), text);

    QString money = tr("Stake %1 · Odds %2")
                        .arg(BetFormatter::money(bet.stake, bet.currency), BetFormatter::odds(bet.odds));
    if (bet.result == BetResult::None)
        money += QStringLiteral(" · ")
            + tr("Potential return %1").arg(BetFormatter::money(bet.potentialReturn, bet.currency));
    else
        money += QStringLiteral(" · ") + tr("Payout %1").arg(BetFormatter::money(bet.payout, bet.currency));
    line(money, text);

    QString notes = bet.resolutionNotes;
    // The terms explain a payout that is not simply stake x odds, so they come before the notes.
    const QString terms = bet.result == BetResult::None ? QString() : BetFormatter::terms(bet);
    if (!terms.isEmpty())
        notes = notes.isEmpty() ? terms : terms + QStringLiteral(" — ") + notes;
    if (bet.dispute) {
        const QString dispute
            = tr("Dispute (%1): %2").arg(BetFormatter::disputeState(bet.dispute->state), bet.dispute->reason);
        notes = notes.isEmpty() ? dispute : notes + QStringLiteral(" — ") + dispute;
    }
    line(notes, dim, true);

    // Bottom row: when, and the buttons.
    const QList<QPair<Action, QRect>> buttons = buttonRects(option, index);
    const int buttonsLeft = buttons.isEmpty() ? content.right() : buttons.constFirst().second.left();
    const QString when = tr("Updated %1").arg(BetFormatter::relativeTime(bet.updatedAt, m_clock()));
    painter->setFont(option.font);
    painter->setPen(dim);
    const QRect whenRect(content.left(), buttons.isEmpty() ? y : buttons.constFirst().second.top(),
        buttonsLeft - content.left() - 8, kButtonHeight);
    painter->drawText(
        whenRect, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(when, Qt::ElideRight, whenRect.width()));

    QPoint cursor(-1, -1);
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        cursor = view->viewport()->mapFromGlobal(QCursor::pos());
    for (const auto &[action, rect] : buttons) {
        const bool over = hovered && rect.contains(cursor);
        const bool primary
            = action == Action::Resolve || action == Action::ReviewDispute || action == Action::Dispute;
        painter->setPen(QPen(over ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), 1));
        painter->setBrush(over ? mix(pal.color(QPalette::Button), pal.color(QPalette::Highlight), 0.15)
                               : pal.color(QPalette::Button));
        painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
        QFont f = option.font;
        f.setBold(primary);
        painter->setFont(f);
        painter->setPen(pal.color(QPalette::ButtonText));
        painter->drawText(rect, Qt::AlignCenter, actionText(action));
    }

    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(card).adjusted(2.5, 2.5, -2.5, -2.5), 6, 6);
    }
    painter->restore();
}

bool BetCardDelegate::editorEvent(
    QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease || event->type() == QEvent::MouseButtonPress
        || event->type() == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton)
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        for (const auto &[action, rect] : buttonRects(option, index)) {
            if (!rect.contains(mouse->position().toPoint()))
                continue;
            // Press and double-click on a button are swallowed so only the release acts, once.
            if (event->type() == QEvent::MouseButtonRelease)
                Q_EMIT actionTriggered(action, index.data(BetListModel::BetIdRole).toString());
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace betthat::app
