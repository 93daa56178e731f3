#pragma once

// The status bar's connection indicator: Live / Polling / Reconnecting in N s / Offline / Sign-in needed,
// with a coloured dot, the last error in the tooltip, and a click that retries at once.

#include "app/net/realtimeclient.h"

#include <QColor>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTimer;

namespace betthat::app {

class ConnectionStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionStatusWidget(QWidget *parent = nullptr);

    // Follows the client's state, errors and scheduled retries; a click calls its retryNow().
    void setClient(RealTimeClient *client);
    RealTimeClient *client() const { return m_client; }

    // What is shown; setClient() calls it, tests may call it directly.
    void setStatus(RealTimeClient::State state, const QString &lastError = {}, int nextRetryMs = -1,
        int pollIntervalMs = 0);

    RealTimeClient::State state() const { return m_state; }
    QString text() const;
    QColor indicatorColor() const { return m_color; }
    static QColor colorFor(RealTimeClient::State state);

Q_SIGNALS:
    void retryRequested();
    // Clicked while the server refuses our credentials: the window opens the settings.
    void signInRequested();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refreshFromClient();
    void updateText();
    void activate();

    QPointer<RealTimeClient> m_client;
    QWidget *m_dot;
    QLabel *m_label;
    QTimer *m_countdown;
    RealTimeClient::State m_state = RealTimeClient::State::Stopped;
    QString m_lastError;
    qint64 m_retryDeadline = -1; // ms since epoch of the scheduled retry
    int m_pollIntervalMs = 0;
    QColor m_color;
};

} // namespace betthat::app
