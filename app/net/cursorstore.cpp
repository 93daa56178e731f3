#include "cursorstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace betthat::app {

namespace {

// QSettings keys treat '/' as groups and some backends mangle ':'; hash the free-form key into a safe one.
QString settingsKey(const QString &key)
{
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("realtime-cursors/") + QString::fromLatin1(digest);
}

} // namespace

CursorStore::CursorStore(const QString &stateFile, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(stateFile.isEmpty() ? defaultFile() : stateFile, QSettings::IniFormat))
{ }

QString CursorStore::defaultFile()
{
    // The app's state file (AppSettings keeps the window layout there too), never the user's settings.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("state.ini"));
}

CursorStore::~CursorStore() = default;

qint64 CursorStore::load(const QString &key) const
{
    bool ok = false;
    const qint64 seq = m_settings->value(settingsKey(key)).toLongLong(&ok);
    return ok && seq >= 0 ? seq : -1;
}

void CursorStore::save(const QString &key, qint64 seq)
{
    m_settings->setValue(settingsKey(key), seq);
    m_settings->sync();
}

void CursorStore::remove(const QString &key)
{
    m_settings->remove(settingsKey(key));
    m_settings->sync();
}

QString CursorStore::keyFor(const QString &serverKey, const QString &feedUserId)
{
    return serverKey + QStringLiteral("|feed=") + (feedUserId.isEmpty() ? QStringLiteral("*") : feedUserId);
}

} // namespace betthat::app
