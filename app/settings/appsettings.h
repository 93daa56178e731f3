#pragma once

// The app's preferences as one table of keys (path, default, scope) with typed accessors and a changed(key)
// signal the views subscribe to. What the app writes for itself (window layout, the viewed user, the live
// feeds' cursors) lives in a state file of its own, not in the user's settings file.

#include <QObject>
#include <QSettings>
#include <QString>
#include <QVariant>
#include <memory>

namespace betthat::app {

class AppSettings : public QObject
{
    Q_OBJECT
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
        WindowGeometry, // state
        WindowState, // state
        ViewAsUser, // state; local mode: whose bets the operator was viewing
    };
    Q_ENUM(Key)

    // User: chosen by the user (the settings file). State: written by the app for itself (the state file).
    enum class Scope { User, State };

    static constexpr const char *kLocalMode = "local";
    static constexpr const char *kRemoteMode = "remote";

    // fileName empty: the application's default QSettings (organisation/application) and the state file in
    // the application's data directory; else an INI file (tests) and "<name>.state.ini" next to it. Values of
    // state keys an older version left in the settings file move to the state file once.
    explicit AppSettings(const QString &fileName = {}, QObject *parent = nullptr);
    ~AppSettings() override;

    QVariant value(Key key) const;
    // Emits changed(key) when the stored value changes.
    void setValue(Key key, const QVariant &value);
    void remove(Key key);
    void sync();

    // Typed accessors.
    bool isLocalMode() const;
    quint16 localPort() const;
    QString serverUrl() const;
    int toastDurationMs() const;
    int pollIntervalMs() const;
    QString language() const;
    bool desktopNotifications() const;
    bool showFilters() const;

    static QString path(Key key);
    static QVariant defaultValue(Key key);
    static Scope scope(Key key);
    QString fileName() const;
    // Where the app's own state goes (also the live feeds' cursors: CursorStore on this file).
    QString stateFileName() const;

Q_SIGNALS:
    void changed(betthat::app::AppSettings::Key key);

private:
    QSettings &store(Key key) const;
    void migrateState();

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QSettings> m_state;
};

} // namespace betthat::app
