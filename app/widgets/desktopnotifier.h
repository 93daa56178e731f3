#pragma once

// Notifies the desktop while the window is not active: freedesktop notifications over D-Bus where a
// notification server runs, else the system tray's balloon.

#include "toast.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QSystemTrayIcon;

namespace betthat::app {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Backend { None, Freedesktop, Tray };
    Q_ENUM(Backend)

    explicit DesktopNotifier(QObject *parent = nullptr);

    // Decided once, on first use: what this desktop offers.
    Backend backend();
    bool notify(Toast::Kind kind, const QString &title, const QString &message);
    int sentCount() const { return m_sent; }

Q_SIGNALS:
    // The user clicked the notification (tray balloon or a freedesktop "default" action).
    void activated();

private:
    bool notifyFreedesktop(Toast::Kind kind, const QString &title, const QString &message);

    std::optional<Backend> m_backend;
    QPointer<QSystemTrayIcon> m_tray;
    int m_sent = 0;
};

} // namespace betthat::app
