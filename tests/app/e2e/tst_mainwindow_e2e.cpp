// End to end under a real X server: the app's own start-up path (launcher, bundled server on its thread, demo
// data, local operator), a bet resolved through the HTTP API as the demo operator, the card and the toast on
// screen, and screenshots of the main window in light and dark under <build>/screenshots/.
#include "app/host/applauncher.h"
#include "app/host/localserverhost.h"
#include "app/models/betlistmodel.h"
#include "app/models/betsync.h"
#include "app/models/recentresolutionsmodel.h"
#include "app/net/realtimeclient.h"
#include "app/settings/appsettings.h"
#include "app/widgets/accountheader.h"
#include "app/widgets/betlist.h"
#include "app/widgets/connectionstatuswidget.h"
#include "app/widgets/mainwindow.h"
#include "app/widgets/toast.h"
#include "app/widgets/toastmanager.h"
#include "tests/support/httpclient.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QListView>
#include <QLocale>
#include <QScreen>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestMainWindowE2e : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<AppLauncher> m_launcher;
    MainWindow *m_window = nullptr;
    QString m_baseUrl;

    static QPalette lightPalette()
    {
        return QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
    }

    static QPalette darkPalette()
    {
        QPalette p;
        const QColor window(0x1f, 0x21, 0x25), base(0x27, 0x2a, 0x30), text(0xe6, 0xe8, 0xeb);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, QColor(0x30, 0x33, 0x3a));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x32, 0x35, 0x3c));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7b, 0xf0));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Mid, QColor(0x4a, 0x4e, 0x56));
        p.setColor(QPalette::Dark, QColor(0x15, 0x16, 0x19));
        p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x46));
        p.setColor(QPalette::ToolTipBase, base);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa8));
        p.setColor(QPalette::Link, QColor(0x6f, 0xa8, 0xff));
        return p;
    }

    // The newest pending bet of a demo bettor, read like any API client would.
    QString pendingBetOf(const QString &userId)
    {
        HttpClient http(m_baseUrl);
        const HttpReply reply = http.get(QStringLiteral("/api/v1/bets?status=pending&user_id=%1").arg(userId),
            QStringLiteral("demo-operator"));
        if (reply.status != 200)
            return {};
        const QJsonArray bets = reply.json.value(QStringLiteral("bets")).toArray();
        return bets.isEmpty() ? QString() : bets.first().toObject().value(QStringLiteral("id")).toString();
    }

    Toast *toastTitled(const QString &title) const
    {
        for (Toast *toast : m_window->toastManager()->toasts()) {
            if (toast->title() == title)
                return toast;
        }
        return nullptr;
    }

    QImage screenshot(const QString &name)
    {
        // Let everything settle: the card's highlight fades and the toast has been painted.
        QTest::qWait(1800);
        QApplication::processEvents();
        QScreen *screen = m_window->screen();
        QImage image = screen ? screen->grabWindow(m_window->winId()).toImage() : QImage();
        if (image.isNull() || image.size() != m_window->size() * m_window->devicePixelRatio())
            image = m_window->grab().toImage(); // a window manager may decorate; the widget is what matters
        const QString dir = qEnvironmentVariable("BETTHAT_BINARY_DIR", QDir::currentPath())
            + QStringLiteral("/screenshots");
        QDir().mkpath(dir);
        const QString path = dir + QLatin1Char('/') + name;
        if (!image.save(path))
            qWarning("could not save %s", qPrintable(path));
        else
            qInfo("screenshot: %s", qPrintable(path));
        return image;
    }

    static double meanLightness(const QImage &image)
    {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                sum += image.pixelColor(x, y).lightnessF();
                ++n;
            }
        }
        return n ? sum / n : 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
        // The app's settings, cursors and data go to a throwaway home.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toLocal8Bit());
        QCoreApplication::setOrganizationName(QStringLiteral("BetThatE2e"));
        QCoreApplication::setApplicationName(QStringLiteral("betthat"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();

        StartupOptions options = StartupOptions::parse({ QStringLiteral("betthat"), QStringLiteral("--local"),
            QStringLiteral("--port"), QString::number(port), QStringLiteral("--data-dir"),
            m_home.filePath(QStringLiteral("server")) });
        QVERIFY2(options.ok(), qPrintable(options.error));
        m_settings = std::make_unique<AppSettings>(m_home.filePath(QStringLiteral("settings.ini")));
        m_launcher = std::make_unique<AppLauncher>(options, m_settings.get());
        m_launcher->setPortConflictHandler([](quint16, quint16, const QString &message) -> quint16 {
            qWarning("unexpected port conflict: %s", qPrintable(message));
            return 0;
        });
        m_launcher->setWindowSetup([](MainWindow *window) {
            window->setDesktopNotificationsEnabled(false);
            window->toastManager()->setDuration(60000); // still there for the screenshot
            window->resize(1280, 820);
        });
        QSignalSpy windowReady(m_launcher.get(), &AppLauncher::windowReady);
        QSignalSpy failed(m_launcher.get(), &AppLauncher::failed);
        m_launcher->launch();
        QVERIFY(QTest::qWaitFor([&] { return windowReady.count() + failed.count() > 0; }, 30000));
        QCOMPARE(failed.count(), 0);
        m_window = m_launcher->mainWindow();
        QVERIFY(m_window);
        QVERIFY(m_launcher->localServer()->serverThread() != QThread::currentThread());
        m_baseUrl = m_launcher->localServer()->info().baseUrl;
        QCOMPARE(m_baseUrl, QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isReady(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->realTimeClient()->state(), RealTimeClient::State::Live, 20000);
    }

    void firstStart_showsTheDemoBetsAsTheLocalOperator()
    {
        QVERIFY(m_window->signedInUser().has_value());
        QVERIFY(m_window->signedInUser()->user.isOperator());
        QCOMPARE(m_window->betModel()->rowCount(), 12); // the demo seed
        QVERIFY(m_window->adminAction()->isEnabled());
        QCOMPARE(m_window->connectionStatus()->text(), QStringLiteral("Live (WebSocket)"));
        QTRY_VERIFY(m_window->recentModel()->rowCount() > 0); // the demo's resolutions
    }

    void resolvedThroughTheApi_updatesTheCardAndShowsAToast_light()
    {
        QSignalSpy viewed(m_window->betSync(), &BetSync::reloaded);
        m_window->viewAs(QStringLiteral("alice"));
        QVERIFY(viewed.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->realTimeClient()->state(), RealTimeClient::State::Live, 10000);
        QTRY_VERIFY(!m_window->accountHeader()->balanceText().isEmpty());

        const QString betId = pendingBetOf(QStringLiteral("alice"));
        QVERIFY(!betId.isEmpty());
        HttpClient http(m_baseUrl);
        const HttpReply reply = http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(betId),
            QJsonObject { { "result", "win" }, { "notes", "Alcaraz won in four sets" } },
            QStringLiteral("demo-operator"));
        QCOMPARE(reply.status, 200);
        const qint64 payout = reply.json.value(QStringLiteral("payout")).toInteger();
        QVERIFY(payout > 0);

        // The card: settled and won, on screen.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->betModel()->bet(betId)->status, BetStatus::Settled, 5000);
        QCOMPARE(m_window->betModel()->bet(betId)->payout, payout);
        const QModelIndex card = m_window->betList()->indexOf(betId);
        QVERIFY(card.isValid());
        QCOMPARE(card.row(), 0); // the latest change on top
        QVERIFY(m_window->betList()->view()->isVisible());
        // The toast, on screen.
        const QString title = QStringLiteral("You won %1")
                                  .arg(QLocale().toCurrencyString(payout / 100.0, QStringLiteral("€"), 2));
        QTRY_VERIFY_WITH_TIMEOUT(toastTitled(title), 5000);
        Toast *toast = toastTitled(title);
        QCOMPARE(toast->kind(), Toast::Kind::Success);
        QVERIFY(toast->isVisible());
        QVERIFY(m_window->rect().contains(toast->mapTo(m_window, toast->rect().bottomRight())));
        QCOMPARE(m_window->recentModel()->index(0).data(RecentResolutionsModel::BetIdRole).toString(), betId);

        const QImage image = screenshot(QStringLiteral("main-light.png"));
        QVERIFY(!image.isNull());
        QVERIFY(meanLightness(image) > 0.6);
    }

    void darkPalette_repaintsEverything_andStillShowsTheToast()
    {
        m_window->toastManager()->dismissAll();
        QSignalSpy viewed(m_window->betSync(), &BetSync::reloaded);
        m_window->viewAs(QString()); // the operator's overview
        QVERIFY(viewed.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->realTimeClient()->state(), RealTimeClient::State::Live, 10000);
        QApplication::setPalette(darkPalette());

        const QString betId = pendingBetOf(QStringLiteral("bob"));
        QVERIFY(!betId.isEmpty());
        HttpClient http(m_baseUrl);
        QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(betId),
                         QJsonObject { { "result", "loss" }, { "notes", "Celtics lost 98-104" } },
                         QStringLiteral("demo-operator"))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->betModel()->bet(betId)->result, BetResult::Loss, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(toastTitled(QStringLiteral("bob lost a bet")), 5000);
        QCOMPARE(toastTitled(QStringLiteral("bob lost a bet"))->kind(), Toast::Kind::Error);

        const QImage image = screenshot(QStringLiteral("main-dark.png"));
        QVERIFY(!image.isNull());
        QVERIFY2(meanLightness(image) < 0.35, "the dark palette must make the whole window dark");
    }

    void cleanupTestCase()
    {
        m_launcher.reset(); // the window, then the server and its thread
        QApplication::setPalette(lightPalette());
    }
};

QTEST_MAIN(TestMainWindowE2e)
#include "tst_mainwindow_e2e.moc"
