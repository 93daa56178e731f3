#pragma once

// Typed access to the app's preferences (QSettings): one enum of keys, each with its path and default.

#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

namespace betthat::app {

class AppSettings
{
public:
    enum class Key {
        Mode, // "local" (bundled server, the default) or "remote"
        LocalPort, // the bundled server's port on 127.0.0.1
        ServerUrl, // remote mode: the API base URL
        ToastDurationMs, // how long a toast stays (hover pauses it)
        PollIntervalMs, // the polling fallback's interval
        Language, // "" (system), "en", "de", "es"
        DesktopNotifications, // also notify the desktop when the window is not active
        ShowFilters, // the bet list's filter bar
        WindowGeometry,
        WindowState,
        ViewAsUser, // local mode: whose bets the operator was viewing
    };

    static constexpr const char *kLocalMode = "local";
    static constexpr const char *kRemoteMode = "remote";

    // fileName empty: the application's default QSettings (organisation/application); else an INI file
    // (tests).
    explicit AppSettings(const QString &fileName = {});

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void remove(Key key);
    void sync();

    // Typed shortcuts for the values read in many places.
    bool isLocalMode() const;
    quint16 localPort() const;
    int toastDurationMs() const;
    int pollIntervalMs() const;

    static QString path(Key key);
    static QVariant defaultValue(Key key);
    QString fileName() const;

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace betthat::app
