#include "connectionstatuswidget.h"

#include "toastpalette.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <cmath>

namespace betthat::app {

namespace {

// A round dot in the indicator's colour.
class StatusDot : public QWidget
{
public:
    explicit StatusDot(QWidget *parent)
        : QWidget(parent)
    {
        setFixedSize(12, 12);
    }
    QColor color;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.setBrush(color);
        p.drawEllipse(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5));
    }
};

} // namespace

ConnectionStatusWidget::ConnectionStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_dot(new StatusDot(this))
    , m_label(new QLabel(this))
    , m_countdown(new QTimer(this))
{
    setObjectName(QStringLiteral("ConnectionStatus"));
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::TabFocus);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    m_label->setObjectName(QStringLiteral("connectionStatusText"));
    m_countdown->setInterval(250);
    connect(m_countdown, &QTimer::timeout, this, &ConnectionStatusWidget::updateText);
    setStatus(RealTimeClient::State::Stopped);
}

void ConnectionStatusWidget::setClient(RealTimeClient *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (!client) {
        setStatus(RealTimeClient::State::Stopped);
        return;
    }
    connect(client, &RealTimeClient::stateChanged, this, &ConnectionStatusWidget::refreshFromClient);
    connect(client, &RealTimeClient::lastErrorChanged, this, &ConnectionStatusWidget::refreshFromClient);
    connect(client, &RealTimeClient::retryScheduled, this, &ConnectionStatusWidget::refreshFromClient);
    connect(client, &RealTimeClient::pollFinished, this, &ConnectionStatusWidget::refreshFromClient);
    refreshFromClient();
}

void ConnectionStatusWidget::refreshFromClient()
{
    if (!m_client)
        return;
    setStatus(
        m_client->state(), m_client->lastError(), m_client->nextRetryIn(), m_client->config().pollIntervalMs);
}

QColor ConnectionStatusWidget::colorFor(RealTimeClient::State state)
{
    switch (state) {
    case RealTimeClient::State::Live:
        return ToastPalette::success();
    case RealTimeClient::State::Polling:
        return ToastPalette::warning();
    case RealTimeClient::State::Reconnecting:
        return QColor(0xf2, 0xb7, 0x05);
    case RealTimeClient::State::Offline:
    case RealTimeClient::State::AuthFailed:
        return ToastPalette::error();
    case RealTimeClient::State::Connecting:
        return ToastPalette::info();
    case RealTimeClient::State::Stopped:
        return QColor(0x90, 0x96, 0xa0);
    }
    return QColor(0x90, 0x96, 0xa0);
}

void ConnectionStatusWidget::setStatus(
    RealTimeClient::State state, const QString &lastError, int nextRetryMs, int pollIntervalMs)
{
    m_state = state;
    m_lastError = lastError;
    m_pollIntervalMs = pollIntervalMs;
    m_retryDeadline = nextRetryMs >= 0 ? QDateTime::currentMSecsSinceEpoch() + nextRetryMs : -1;
    m_color = colorFor(state);
    static_cast<StatusDot *>(m_dot)->color = m_color;
    m_dot->update();
    if (state == RealTimeClient::State::Reconnecting && m_retryDeadline >= 0)
        m_countdown->start();
    else
        m_countdown->stop();
    updateText();
}

QString ConnectionStatusWidget::text() const
{
    return m_label->text();
}

void ConnectionStatusWidget::updateText()
{
    QString text;
    QString explanation;
    switch (m_state) {
    case RealTimeClient::State::Stopped:
        text = tr("Not connected");
        explanation = tr("Not connected to a server.");
        break;
    case RealTimeClient::State::Connecting:
        text = tr("Connecting…");
        explanation = tr("Opening the real-time connection.");
        break;
    case RealTimeClient::State::Live:
        text = tr("Live (WebSocket)");
        explanation = tr("Changes arrive the moment they happen.");
        break;
    case RealTimeClient::State::Reconnecting: {
        if (m_retryDeadline >= 0) {
            const qint64 left = std::max<qint64>(0, m_retryDeadline - QDateTime::currentMSecsSinceEpoch());
            const int seconds = static_cast<int>(std::ceil(static_cast<double>(left) / 1000.0));
            text = tr("Reconnecting in %n s", nullptr, seconds);
        } else {
            text = tr("Reconnecting…");
        }
        explanation
            = tr("The real-time connection was lost. Nothing is missed: changes made meanwhile arrive "
                 "when it is back.");
        break;
    }
    case RealTimeClient::State::Polling:
        text = m_pollIntervalMs > 0 ? tr("Polling every %n s", nullptr, std::max(1, m_pollIntervalMs / 1000))
                                    : tr("Polling");
        explanation = tr("WebSockets are unavailable, so the app asks the server for changes regularly. It "
                         "switches back to live updates as soon as it can.");
        break;
    case RealTimeClient::State::Offline:
        text = tr("Offline");
        explanation = tr("The server cannot be reached. The app keeps trying.");
        break;
    case RealTimeClient::State::AuthFailed:
        text = tr("Sign-in needed");
        explanation = tr("The server refused the token. Click to open the settings and sign in again.");
        break;
    }
    m_label->setText(text);
    QString tip = explanation;
    if (!m_lastError.isEmpty() && m_state != RealTimeClient::State::Live)
        tip += QStringLiteral("\n") + tr("Last error: %1").arg(m_lastError);
    if (m_state != RealTimeClient::State::Live && m_state != RealTimeClient::State::AuthFailed
        && m_state != RealTimeClient::State::Stopped)
        tip += QStringLiteral("\n") + tr("Click to retry now.");
    setToolTip(tip);
    setAccessibleName(tr("Connection: %1").arg(text));
    setAccessibleDescription(tip);
}

void ConnectionStatusWidget::activate()
{
    if (m_state == RealTimeClient::State::AuthFailed) {
        Q_EMIT signInRequested();
        return;
    }
    if (m_client)
        m_client->retryNow();
    Q_EMIT retryRequested();
}

void ConnectionStatusWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        activate();
    QWidget::mouseReleaseEvent(event);
}

void ConnectionStatusWidget::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        activate();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ConnectionStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_dot->update();
    QWidget::changeEvent(event);
}

} // namespace betthat::app
