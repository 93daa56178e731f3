#pragma once

// Persists the last applied event seq per server and feed, so a restarted client resumes exactly where it
// stopped.

#include <QObject>
#include <QString>
#include <memory>

class QSettings;

namespace betthat::app {

class CursorStore : public QObject
{
    Q_OBJECT
public:
    // stateFile empty: the app's state file (defaultFile()); otherwise that INI file (tests use a temp file).
    explicit CursorStore(const QString &stateFile = {}, QObject *parent = nullptr);
    ~CursorStore() override;

    // key: see keyFor(); -1 when nothing (valid) was stored: "no cursor", which is not "cursor 0".
    qint64 load(const QString &key) const;
    // Written through at once (sync), so a crash right after applying an event does not replay it.
    void save(const QString &key, qint64 seq);
    void remove(const QString &key);

    // The key RealTimeClient uses: server + feed user ("*" for an operator's global feed).
    static QString keyFor(const QString &serverKey, const QString &feedUserId);
    // The app's state file in its data directory (not the user's settings file).
    static QString defaultFile();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace betthat::app
