// AppSettings: defaults on first start, typed values, and clamping of hand-edited nonsense.
#include "app/settings/appsettings.h"

#include <QSettings>
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
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
