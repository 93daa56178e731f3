// AppSettings: defaults on first start, typed values, clamping of hand-edited nonsense, changed(key) once per
// real change, and the app's own state kept apart from the user's settings (with the one-time move).
#include "app/settings/appsettings.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat::app;

class TestAppSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstStart_isLocalOnPort8000()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        QVERIFY(settings.isLocalMode());
        QCOMPARE(settings.localPort(), 8000);
        QCOMPARE(settings.toastDurationMs(), 6000);
        QCOMPARE(settings.pollIntervalMs(), 5000);
        QCOMPARE(settings.value(AppSettings::Key::ShowFilters).toBool(), true);
        QCOMPARE(settings.value(AppSettings::Key::DesktopNotifications).toBool(), true);
    }

    void values_roundTripThroughTheFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            AppSettings settings(file);
            settings.setValue(AppSettings::Key::Mode, QString::fromLatin1(AppSettings::kRemoteMode));
            settings.setValue(AppSettings::Key::LocalPort, 8123);
            settings.setValue(AppSettings::Key::ServerUrl, QStringLiteral("https://bets.example.com"));
            settings.sync();
        }
        AppSettings settings(file);
        QVERIFY(!settings.isLocalMode());
        QCOMPARE(settings.localPort(), 8123);
        QCOMPARE(settings.value(AppSettings::Key::ServerUrl).toString(),
            QStringLiteral("https://bets.example.com"));
        QCOMPARE(
            QSettings(file, QSettings::IniFormat).value(QStringLiteral("server/localPort")).toInt(), 8123);
    }

    void nonsense_isClamped_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("toast");
        QTest::addColumn<int>("poll");
        QTest::addColumn<int>("port");
        QTest::newRow("toast zero") << "notifications/toastDurationMs" << QVariant(0) << 1000 << 5000 << 8000;
        QTest::newRow("toast a day") << "notifications/toastDurationMs" << QVariant(86400000) << 120000
                                     << 5000 << 8000;
        QTest::newRow("poll negative") << "server/pollIntervalMs" << QVariant(-5) << 6000 << 1000 << 8000;
        QTest::newRow("port text") << "server/localPort" << QVariant(QStringLiteral("eighty")) << 6000 << 5000
                                   << 8000;
        QTest::newRow("port too big") << "server/localPort" << QVariant(99999) << 6000 << 5000 << 8000;
    }

    void nonsense_isClamped()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(int, toast);
        QFETCH(int, poll);
        QFETCH(int, port);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings raw(file, QSettings::IniFormat);
            raw.setValue(key, value);
        }
        AppSettings settings(file);
        QCOMPARE(settings.toastDurationMs(), toast);
        QCOMPARE(settings.pollIntervalMs(), poll);
        QCOMPARE(int(settings.localPort()), port);
    }

    void change_isSignalledOncePerRealChange()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        QSignalSpy changed(&settings, &AppSettings::changed);
        settings.setValue(AppSettings::Key::ToastDurationMs, 9000);
        settings.setValue(AppSettings::Key::ToastDurationMs, 9000); // the same again: no change
        settings.setValue(AppSettings::Key::ShowFilters, true); // the default: no change
        settings.remove(AppSettings::Key::ToastDurationMs); // back to the default: a change
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).value<AppSettings::Key>(), AppSettings::Key::ToastDurationMs);
        QCOMPARE(changed.at(1).at(0).value<AppSettings::Key>(), AppSettings::Key::ToastDurationMs);
        QCOMPARE(settings.toastDurationMs(), 6000);
    }

    void everyKey_hasOneScope_data()
    {
        QTest::addColumn<AppSettings::Key>("key");
        QTest::addColumn<bool>("state");
        QTest::newRow("mode") << AppSettings::Key::Mode << false;
        QTest::newRow("toast duration") << AppSettings::Key::ToastDurationMs << false;
        QTest::newRow("show filters") << AppSettings::Key::ShowFilters << false;
        QTest::newRow("window geometry") << AppSettings::Key::WindowGeometry << true;
        QTest::newRow("window state") << AppSettings::Key::WindowState << true;
        QTest::newRow("view as") << AppSettings::Key::ViewAsUser << true;
    }

    void everyKey_hasOneScope()
    {
        QFETCH(AppSettings::Key, key);
        QFETCH(bool, state);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        AppSettings settings(file);
        QCOMPARE(AppSettings::scope(key), state ? AppSettings::Scope::State : AppSettings::Scope::User);
        settings.setValue(key, QStringLiteral("x"));
        settings.sync();
        QCOMPARE(settings.stateFileName(), dir.filePath(QStringLiteral("s.state.ini")));
        // Written to exactly one of the two files.
        QCOMPARE(QSettings(file, QSettings::IniFormat).contains(AppSettings::path(key)), !state);
        QCOMPARE(QSettings(settings.stateFileName(), QSettings::IniFormat).contains(AppSettings::path(key)), state);
    }

    void oldStateInTheSettingsFile_movesOnce()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            // What an older version wrote: the layout, the viewed user and a feed cursor among the preferences.
            QSettings old(file, QSettings::IniFormat);
            old.setValue(QStringLiteral("window/geometry"), QByteArray("geometry"));
            old.setValue(QStringLiteral("ui/viewAsUser"), QStringLiteral("alice"));
            old.setValue(QStringLiteral("realtime-cursors/abc"), 42);
            old.setValue(QStringLiteral("notifications/toastDurationMs"), 9000);
        }
        {
            AppSettings settings(file);
            QCOMPARE(settings.value(AppSettings::Key::WindowGeometry).toByteArray(), QByteArray("geometry"));
            QCOMPARE(settings.value(AppSettings::Key::ViewAsUser).toString(), QStringLiteral("alice"));
            QCOMPARE(settings.toastDurationMs(), 9000);
            settings.setValue(AppSettings::Key::ViewAsUser, QStringLiteral("bob"));
            settings.sync();
        }
        const QSettings user(file, QSettings::IniFormat);
        QCOMPARE(user.allKeys(), QStringList { QStringLiteral("notifications/toastDurationMs") });
        const QSettings state(dir.filePath(QStringLiteral("s.state.ini")), QSettings::IniFormat);
        QCOMPARE(state.value(QStringLiteral("realtime-cursors/abc")).toInt(), 42);
        // Once: a later start keeps what the state file says now.
        AppSettings again(file);
        QCOMPARE(again.value(AppSettings::Key::ViewAsUser).toString(), QStringLiteral("bob"));
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
