#include "toast.h"

#include "toastpalette.h"

#include <QCursor>
#include <QGraphicsOpacityEffect>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPropertyAnimation>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace betthat::app {

Toast::Toast(Kind kind, const QString &title, const QString &message, QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_title(new QLabel(title, this))
    , m_message(new QLabel(message, this))
    , m_actions(new QHBoxLayout)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("Toast"));
    setAttribute(Qt::WA_StyledBackground, false);
    setFocusPolicy(Qt::NoFocus);
    setAccessibleName(tr("Notification: %1").arg(title));
    // Toasts announce themselves to screen readers like a tooltip would.
    setAccessibleDescription(message);

    auto *icon = new QLabel(this);
    icon->setPixmap(ToastPalette::icon(kind).pixmap(22, 22));
    icon->setAlignment(Qt::AlignTop);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("toastTitle"));
    m_title->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("toastMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(!message.isEmpty());
    m_message->setTextFormat(Qt::PlainText);
    m_title->setTextFormat(Qt::PlainText);

    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("toastClose"));
    close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close"));
    close->setAccessibleName(tr("Close notification"));
    connect(close, &QToolButton::clicked, this, &Toast::dismiss);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_message);
    m_actions->setSpacing(6);
    m_actions->addStretch();
    text->addLayout(m_actions);

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(14, 10, 6, 10);
    row->setSpacing(10);
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    row->addWidget(close, 0, Qt::AlignTop);

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &Toast::dismiss);
}

QString Toast::title() const
{
    return m_title->text();
}

QString Toast::message() const
{
    return m_message->text();
}

void Toast::setTitle(const QString &title)
{
    m_title->setText(title);
    setAccessibleName(tr("Notification: %1").arg(title));
}

void Toast::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    setAccessibleDescription(message);
}

QString Toast::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Success:
        return QStringLiteral("success");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Info:
        return QStringLiteral("info");
    case Kind::Warning:
        return QStringLiteral("warning");
    }
    return {};
}

void Toast::addAction(const QString &id, const QString &text)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(QStringLiteral("toastAction_") + id);
    button->setCursor(Qt::PointingHandCursor);
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, [this, id] { triggerAction(id); });
    m_actions->insertWidget(m_actions->count() - 1, button);
    m_actionIds.append(id);
}

bool Toast::triggerAction(const QString &id)
{
    if (!m_actionIds.contains(id))
        return false;
    Q_EMIT actionTriggered(id);
    dismiss();
    return true;
}

void Toast::setDuration(int ms)
{
    m_durationMs = ms;
}

void Toast::restartTimer()
{
    if (m_dismissing)
        return;
    m_remainingMs = m_durationMs;
    if (m_durationMs <= 0) {
        m_timer->stop();
        return;
    }
    if (m_paused)
        return;
    m_timer->start(m_durationMs);
}

int Toast::remainingMs() const
{
    return m_timer->isActive() ? m_timer->remainingTime() : m_remainingMs;
}

void Toast::pause()
{
    if (m_paused || m_dismissing)
        return;
    m_paused = true;
    if (m_timer->isActive()) {
        m_remainingMs = m_timer->remainingTime();
        m_timer->stop();
    }
}

void Toast::resume()
{
    if (!m_paused || m_dismissing)
        return;
    m_paused = false;
    // Reading a toast should not cost its whole time: at least a second remains after the pointer leaves.
    if (m_durationMs > 0)
        m_timer->start(std::max(m_remainingMs, std::min(1000, m_durationMs)));
}

void Toast::enterEvent(QEnterEvent *event)
{
    pause();
    QFrame::enterEvent(event);
}

void Toast::leaveEvent(QEvent *event)
{
    resume();
    QFrame::leaveEvent(event);
}

void Toast::moveEvent(QMoveEvent *event)
{
    // Restacking moves toasts away from a still pointer without a Leave event: check where the pointer is.
    if (m_paused && !rect().contains(mapFromGlobal(QCursor::pos())))
        resume();
    QFrame::moveEvent(event);
}

void Toast::dismiss()
{
    if (m_dismissing)
        return;
    m_dismissing = true;
    m_timer->stop();
    if (m_fadeMs <= 0 || !isVisible()) {
        Q_EMIT dismissed();
        hide();
        deleteLater();
        return;
    }
    auto *effect = new QGraphicsOpacityEffect(this);
    setGraphicsEffect(effect);
    auto *fade = new QPropertyAnimation(effect, "opacity", this);
    fade->setDuration(m_fadeMs);
    fade->setStartValue(1.0);
    fade->setEndValue(0.0);
    connect(fade, &QPropertyAnimation::finished, this, [this] {
        Q_EMIT dismissed();
        hide();
        deleteLater();
    });
    fade->start();
}

void Toast::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath card;
    card.addRoundedRect(r, 8, 8);
    // Palette colours, so the toast follows light and dark themes; only the accent stripe is the kind's
    // colour.
    p.fillPath(card, palette().color(QPalette::Base));
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.drawPath(card);
    p.save();
    p.setClipPath(card);
    p.fillRect(QRectF(r.left(), r.top(), 5, r.height()), ToastPalette::accent(m_kind));
    p.restore();
}

} // namespace betthat::app
