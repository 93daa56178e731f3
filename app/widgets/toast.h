#pragma once

// One in-window notification: an accent by kind, title, message, action buttons and a close button; it
// dismisses itself after a while, and hovering pauses that.

#include <QFrame>
#include <QPointer>
#include <QStringList>

class QLabel;
class QHBoxLayout;
class QTimer;
class QPropertyAnimation;

namespace betthat::app {

class Toast : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Success, Error, Info, Warning };
    Q_ENUM(Kind)

    Toast(Kind kind, const QString &title, const QString &message, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString title() const;
    QString message() const;
    void setTitle(const QString &title);
    void setMessage(const QString &message);
    // The bet this toast is about (empty for connection and summary toasts).
    QString betId() const { return m_betId; }
    void setBetId(const QString &betId) { m_betId = betId; }
    // A button; a click emits actionTriggered(id) and dismisses the toast.
    void addAction(const QString &id, const QString &text);
    QStringList actionIds() const { return m_actionIds; }
    // Clicks the action as a user would (keyboard users, tests).
    bool triggerAction(const QString &id);

    // 0: stays until closed. Restarting (e.g. a summary that grew) gives the full time again.
    void setDuration(int ms);
    int duration() const { return m_durationMs; }
    void setFadeDuration(int ms) { m_fadeMs = ms; }
    void restartTimer();
    bool isPaused() const { return m_paused; }
    int remainingMs() const;
    bool isDismissing() const { return m_dismissing; }

    static QString kindName(Kind kind);

public Q_SLOTS:
    void dismiss(); // fades out, emits dismissed(), deletes itself

Q_SIGNALS:
    void actionTriggered(const QString &actionId);
    void dismissed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void moveEvent(QMoveEvent *event) override;

private:
    void pause();
    void resume();

    Kind m_kind;
    QString m_betId;
    QLabel *m_title;
    QLabel *m_message;
    QHBoxLayout *m_actions;
    QStringList m_actionIds;
    QTimer *m_timer;
    int m_durationMs = 6000;
    int m_remainingMs = 0;
    int m_fadeMs = 180;
    bool m_paused = false;
    bool m_dismissing = false;
};

} // namespace betthat::app
