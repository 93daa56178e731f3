#include "appsettings.h"

#include <QtGlobal>

namespace betthat::app {

AppSettings::AppSettings(const QString &fileName)
    : m_settings(fileName.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{ }

QString AppSettings::path(Key key)
{
    switch (key) {
    case Key::Mode:
        return QStringLiteral("server/mode");
    case Key::LocalPort:
        return QStringLiteral("server/localPort");
    case Key::ServerUrl:
        return QStringLiteral("server/url");
    case Key::ToastDurationMs:
        return QStringLiteral("notifications/toastDurationMs");
    case Key::PollIntervalMs:
        return QStringLiteral("server/pollIntervalMs");
    case Key::Language:
        return QStringLiteral("ui/language");
    case Key::DesktopNotifications:
        return QStringLiteral("notifications/desktop");
    case Key::ShowFilters:
        return QStringLiteral("ui/showFilters");
    case Key::WindowGeometry:
        return QStringLiteral("window/geometry");
    case Key::WindowState:
        return QStringLiteral("window/state");
    case Key::ViewAsUser:
        return QStringLiteral("ui/viewAsUser");
    }
    return {};
}

QVariant AppSettings::defaultValue(Key key)
{
    switch (key) {
    case Key::Mode:
        return QString::fromLatin1(kLocalMode);
    case Key::LocalPort:
        return 8000;
    case Key::ServerUrl:
        return QString();
    case Key::ToastDurationMs:
        return 6000;
    case Key::PollIntervalMs:
        return 5000;
    case Key::Language:
        return QString();
    case Key::DesktopNotifications:
        return true;
    case Key::ShowFilters:
        return true;
    case Key::WindowGeometry:
        return QByteArray();
    case Key::WindowState:
        return QByteArray();
    case Key::ViewAsUser:
        return QString();
    }
    return {};
}

QVariant AppSettings::value(Key key) const
{
    return m_settings->value(path(key), defaultValue(key));
}

void AppSettings::setValue(Key key, const QVariant &value)
{
    m_settings->setValue(path(key), value);
}

void AppSettings::remove(Key key)
{
    m_settings->remove(path(key));
}

void AppSettings::sync()
{
    m_settings->sync();
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

int AppSettings::toastDurationMs() const
{
    // Clamped so a hand-edited settings file cannot make toasts vanish at once or stay for hours.
    return qBound(1000, value(Key::ToastDurationMs).toInt(), 120000);
}

int AppSettings::pollIntervalMs() const
{
    return qBound(1000, value(Key::PollIntervalMs).toInt(), 300000);
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace betthat::app
