#include "appsettings.h"

#include "app/logcategories.h"
#include "app/net/cursorstore.h"

#include <QDir>
#include <QFileInfo>
#include <QtGlobal>
#include <iterator>

namespace betthat::app {

namespace {

struct Entry
{
    AppSettings::Key key;
    const char *path;
    QVariant (*defaultValue)();
    AppSettings::Scope scope;
};

using Scope = AppSettings::Scope;
using Key = AppSettings::Key;

// The one table: every key with its path in the file, its default and who writes it.
const Entry kEntries[] = {
    { Key::Mode, "server/mode", [] { return QVariant(QString::fromLatin1(AppSettings::kLocalMode)); }, Scope::User },
    { Key::LocalPort, "server/localPort", [] { return QVariant(8000); }, Scope::User },
    { Key::ServerUrl, "server/url", [] { return QVariant(QString()); }, Scope::User },
    { Key::ToastDurationMs, "notifications/toastDurationMs", [] { return QVariant(6000); }, Scope::User },
    { Key::PollIntervalMs, "server/pollIntervalMs", [] { return QVariant(5000); }, Scope::User },
    { Key::Language, "ui/language", [] { return QVariant(QString()); }, Scope::User },
    { Key::DesktopNotifications, "notifications/desktop", [] { return QVariant(true); }, Scope::User },
    { Key::ShowFilters, "ui/showFilters", [] { return QVariant(true); }, Scope::User },
    { Key::WindowGeometry, "window/geometry", [] { return QVariant(QByteArray()); }, Scope::State },
    { Key::WindowState, "window/state", [] { return QVariant(QByteArray()); }, Scope::State },
    { Key::ViewAsUser, "ui/viewAsUser", [] { return QVariant(QString()); }, Scope::State },
};

const Entry &entry(Key key)
{
    for (const Entry &e : kEntries) {
        if (e.key == key)
            return e;
    }
    Q_UNREACHABLE();
    return kEntries[0];
}

// The cursors' group (CursorStore), state an older version wrote into the settings file.
const QString kCursorGroup = QStringLiteral("realtime-cursors");

QString stateFileFor(const QString &settingsFile)
{
    if (settingsFile.isEmpty())
        return CursorStore::defaultFile();
    const QFileInfo info(settingsFile);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".state.ini"));
}

} // namespace

AppSettings::AppSettings(const QString &fileName, QObject *parent)
    : QObject(parent)
    , m_settings(fileName.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
    , m_state(std::make_unique<QSettings>(stateFileFor(fileName), QSettings::IniFormat))
{
    migrateState();
}

AppSettings::~AppSettings() = default;

void AppSettings::migrateState()
{
    // Once: what the app wrote for itself into the user's file moves to the state file (the state file's own
    // value wins if both exist), and leaves the user's file.
    QStringList moved;
    for (const Entry &e : kEntries) {
        const QString path = QString::fromLatin1(e.path);
        if (e.scope != Scope::State || !m_settings->contains(path))
            continue;
        if (!m_state->contains(path))
            m_state->setValue(path, m_settings->value(path));
        m_settings->remove(path);
        moved.append(path);
    }
    m_settings->beginGroup(kCursorGroup);
    const QStringList cursors = m_settings->childKeys();
    m_settings->endGroup();
    for (const QString &cursor : cursors) {
        const QString path = kCursorGroup + QLatin1Char('/') + cursor;
        if (!m_state->contains(path))
            m_state->setValue(path, m_settings->value(path));
        m_settings->remove(path);
        moved.append(path);
    }
    if (moved.isEmpty())
        return;
    m_state->sync();
    m_settings->sync();
    qCInfo(lcAppSettings) << "moved" << moved.size() << "state values to" << m_state->fileName();
}

QString AppSettings::path(Key key)
{
    return QString::fromLatin1(entry(key).path);
}

QVariant AppSettings::defaultValue(Key key)
{
    return entry(key).defaultValue();
}

AppSettings::Scope AppSettings::scope(Key key)
{
    return entry(key).scope;
}

QSettings &AppSettings::store(Key key) const
{
    return scope(key) == Scope::State ? *m_state : *m_settings;
}

QVariant AppSettings::value(Key key) const
{
    return store(key).value(path(key), defaultValue(key));
}

void AppSettings::setValue(Key key, const QVariant &value)
{
    const QVariant before = this->value(key);
    store(key).setValue(path(key), value);
    if (this->value(key) != before)
        Q_EMIT changed(key);
}

void AppSettings::remove(Key key)
{
    const QVariant before = value(key);
    store(key).remove(path(key));
    if (value(key) != before)
        Q_EMIT changed(key);
}

void AppSettings::sync()
{
    m_settings->sync();
    m_state->sync();
}

bool AppSettings::isLocalMode() const
{
    return value(Key::Mode).toString() != QLatin1String(kRemoteMode);
}

quint16 AppSettings::localPort() const
{
    bool ok = false;
    const int port = value(Key::LocalPort).toInt(&ok);
    return ok && port > 0 && port <= 65535 ? static_cast<quint16>(port) : quint16(8000);
}

QString AppSettings::serverUrl() const
{
    return value(Key::ServerUrl).toString();
}

int AppSettings::toastDurationMs() const
{
    // Clamped so a hand-edited settings file cannot make toasts vanish at once or stay for hours.
    return qBound(1000, value(Key::ToastDurationMs).toInt(), 120000);
}

int AppSettings::pollIntervalMs() const
{
    return qBound(1000, value(Key::PollIntervalMs).toInt(), 300000);
}

QString AppSettings::language() const
{
    return value(Key::Language).toString();
}

bool AppSettings::desktopNotifications() const
{
    return value(Key::DesktopNotifications).toBool();
}

bool AppSettings::showFilters() const
{
    return value(Key::ShowFilters).toBool();
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

QString AppSettings::stateFileName() const
{
    return m_state->fileName();
}

} // namespace betthat::app
