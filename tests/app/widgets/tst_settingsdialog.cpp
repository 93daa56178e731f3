// SettingsDialog: remote mode needs a URL and token, the WebSocket URL is derived (ws / wss), the token goes
// to the credential store (not the settings file), and a change of server is reported. The Notifications page
// against a real server: it loads the account's preferences, saves changes with PATCH on OK (GET then returns
// them, a new dialog shows them), and shows the server's refusal without closing.
#include "app/net/serverendpoint.h"
#include "app/settings/appsettings.h"
#include "app/settings/credentialstore.h"
#include "app/widgets/settingsdialog.h"
#include "tests/app/net/apitestutil.h"
#include "tests/support/testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>
#include <QTimeEdit>

using namespace betthat;
using namespace betthat::app;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<CredentialStore> m_credentials;

private Q_SLOTS:
    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
        QFile::remove(m_dir.filePath(QStringLiteral("credentials.ini")));
        m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
        m_credentials = std::make_unique<CredentialStore>(
            m_dir.filePath(QStringLiteral("credentials.ini")), CredentialStore::Backend::File);
    }

    void defaults_localServerOnPort8000()
    {
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        QVERIFY(dialog.localOption()->isChecked());
        QCOMPARE(dialog.portField()->value(), 8000);
        QVERIFY(!dialog.urlField()->isEnabled());
        QCOMPARE(dialog.toastSecondsField()->value(), 6);
        QCOMPARE(dialog.pollSecondsField()->value(), 5);
    }

    void webSocketUrl_isDerivedFromTheApiUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("webSocket");
        QTest::newRow("http") << "http://127.0.0.1:8000"
                              << "ws://127.0.0.1:8000/ws/bet-updates";
        QTest::newRow("https") << "https://bets.example.com"
                               << "wss://bets.example.com/ws/bet-updates";
        QTest::newRow("https with prefix") << "https://example.com/betthat/"
                                           << "wss://example.com/betthat/ws/bet-updates";
    }

    void webSocketUrl_isDerivedFromTheApiUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, webSocket);
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        dialog.remoteOption()->setChecked(true);
        dialog.urlField()->setText(url);
        QCOMPARE(dialog.webSocketLabel()->text(), webSocket);
    }

    void remoteWithoutToken_isRefusedAndNothingIsSaved()
    {
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        dialog.remoteOption()->setChecked(true);
        dialog.urlField()->setText(QStringLiteral("https://bets.example.com"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.errorText(), QStringLiteral("Enter your API token."));
        QVERIFY(m_settings->isLocalMode());
    }

    void remoteWithBadUrl_isRefused()
    {
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        dialog.remoteOption()->setChecked(true);
        dialog.urlField()->setText(QStringLiteral("ftp://example.com"));
        dialog.tokenField()->setText(QStringLiteral("secret"));
        dialog.accept();
        QVERIFY(dialog.errorText().startsWith(QStringLiteral("Enter the server's address")));
    }

    void remote_savesUrlInSettingsAndTokenInTheStore()
    {
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        dialog.remoteOption()->setChecked(true);
        dialog.urlField()->setText(QStringLiteral("https://bets.example.com"));
        dialog.tokenField()->setText(QStringLiteral("bt_secret_token"));
        dialog.toastSecondsField()->setValue(9);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.connectionChanged());
        QVERIFY(!m_settings->isLocalMode());
        QCOMPARE(m_settings->value(AppSettings::Key::ServerUrl).toString(),
            QStringLiteral("https://bets.example.com"));
        QCOMPARE(m_settings->toastDurationMs(), 9000);
        const QString account
            = ServerEndpoint(QUrl(QStringLiteral("https://bets.example.com")), {}).serverKey();
        QCOMPARE(m_credentials->readToken(account), QStringLiteral("bt_secret_token"));
        QFile settingsFile(m_settings->fileName());
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        QVERIFY2(!settingsFile.readAll().contains("bt_secret_token"),
            "the token must not be in the settings file");

        // Opening again shows what was saved; changing only the toast time is no change of server.
        SettingsDialog again(m_settings.get(), m_credentials.get());
        QVERIFY(again.remoteOption()->isChecked());
        QCOMPARE(again.tokenField()->text(), QStringLiteral("bt_secret_token"));
        again.toastSecondsField()->setValue(4);
        again.accept();
        QVERIFY(!again.connectionChanged());
    }

    void notifications_withoutClient_pageSaysToSignIn()
    {
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        auto *page = dialog.findChild<QWidget *>(QStringLiteral("notificationsPage"));
        QVERIFY(page);
        QVERIFY(!page->findChild<QCheckBox *>(QStringLiteral("notify_bet_resolved_socket"))->isEnabled());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("notificationsStatus"))->text(),
            QStringLiteral("Sign in to change which notifications you get."));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void notifications_changedAndSaved_areOnTheServerAndShownAgain()
    {
        test::TestServer server;
        QVERIFY(server.start());
        const test::TestUser alice = server.addUser(QStringLiteral("alice"));
        ApiClient api(ServerEndpoint(QUrl(server.baseUrl()), alice.token));

        SettingsDialog dialog(m_settings.get(), m_credentials.get(), &api);
        auto *disputedDesktop = dialog.findChild<QCheckBox *>(QStringLiteral("notify_bet_disputed_desktop"));
        QVERIFY(disputedDesktop);
        QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("notify_bet_resolved_webhook")));
        QTRY_VERIFY(disputedDesktop->isEnabled()); // loaded
        QVERIFY(disputedDesktop->isChecked());
        auto *quiet = dialog.findChild<QCheckBox *>(QStringLiteral("quietHoursEnabled"));
        auto *zone = dialog.findChild<QComboBox *>(QStringLiteral("quietHoursTimeZone"));
        QVERIFY(!quiet->isChecked());
        QCOMPARE(zone->currentText(), QString::fromUtf8(QTimeZone::systemTimeZoneId()));

        disputedDesktop->setChecked(false);
        quiet->setChecked(true);
        dialog.findChild<QTimeEdit *>(QStringLiteral("quietHoursStart"))->setTime(QTime(23, 30));
        dialog.findChild<QTimeEdit *>(QStringLiteral("quietHoursEnd"))->setTime(QTime(6, 15));
        zone->setCurrentText(QStringLiteral("Europe/Madrid"));
        QSignalSpy saved(&dialog, &SettingsDialog::notificationPreferencesSaved);
        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.accept();
        QVERIFY(finished.wait());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(saved.count(), 1);

        NotificationPreferences expected;
        expected.setEnabled(EventType::BetDisputed, NotificationChannel::Desktop, false);
        expected.quietHours = QuietHours { QTime(23, 30), QTime(6, 15), QStringLiteral("Europe/Madrid") };
        QCOMPARE(saved.constFirst().constFirst().value<NotificationPreferences>(), expected);
        const auto stored = test::awaitCall<NotificationPreferences>(
            [&](QObject *c, auto done) { api.notificationPreferences(c, done); });
        QVERIFY(stored.ok());
        QCOMPARE(*stored, expected);

        SettingsDialog again(m_settings.get(), m_credentials.get(), &api);
        auto *againBox = again.findChild<QCheckBox *>(QStringLiteral("notify_bet_disputed_desktop"));
        QTRY_VERIFY(againBox->isEnabled());
        QVERIFY(!againBox->isChecked());
        QVERIFY(again.findChild<QCheckBox *>(QStringLiteral("notify_bet_disputed_socket"))->isChecked());
        QVERIFY(again.findChild<QCheckBox *>(QStringLiteral("quietHoursEnabled"))->isChecked());
        QCOMPARE(again.findChild<QTimeEdit *>(QStringLiteral("quietHoursStart"))->time(), QTime(23, 30));
        QCOMPARE(again.findChild<QTimeEdit *>(QStringLiteral("quietHoursEnd"))->time(), QTime(6, 15));
        QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("quietHoursTimeZone"))->currentText(),
            QStringLiteral("Europe/Madrid"));
    }

    void notifications_refusedOrInvalid_stayOpenWithTheError()
    {
        test::TestServer server;
        QVERIFY(server.start());
        const test::TestUser alice = server.addUser(QStringLiteral("alice"));
        ApiClient api(ServerEndpoint(QUrl(server.baseUrl()), alice.token));
        SettingsDialog dialog(m_settings.get(), m_credentials.get(), &api);
        auto *quiet = dialog.findChild<QCheckBox *>(QStringLiteral("quietHoursEnabled"));
        QTRY_VERIFY(quiet->isEnabled());
        quiet->setChecked(true);
        dialog.findChild<QTimeEdit *>(QStringLiteral("quietHoursStart"))->setTime(QTime(7, 0));
        dialog.findChild<QTimeEdit *>(QStringLiteral("quietHoursEnd"))->setTime(QTime(7, 0));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.errorText(), QStringLiteral("Quiet hours need different start and end times."));

        dialog.findChild<QTimeEdit *>(QStringLiteral("quietHoursEnd"))->setTime(QTime(8, 0));
        dialog.findChild<QComboBox *>(QStringLiteral("quietHoursTimeZone"))->setCurrentText(QStringLiteral("Mars/Olympus"));
        dialog.accept();
        QCOMPARE(dialog.errorText(), QStringLiteral("Unknown time zone \"Mars/Olympus\"."));
        const auto stored = test::awaitCall<NotificationPreferences>(
            [&](QObject *c, auto done) { api.notificationPreferences(c, done); });
        QVERIFY(stored.ok());
        QCOMPARE(*stored, NotificationPreferences());
    }

    void notifications_serverDown_pageStaysDisabledAndOkKeepsTheStoredOnes()
    {
        test::TestServer server;
        QVERIFY(server.start());
        const test::TestUser alice = server.addUser(QStringLiteral("alice"));
        ApiClient api(ServerEndpoint(QUrl(server.baseUrl()), alice.token));
        server.stop();
        SettingsDialog dialog(m_settings.get(), m_credentials.get(), &api);
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("notificationsStatus"));
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Could not load your notification preferences")));
        QVERIFY(!dialog.findChild<QCheckBox *>(QStringLiteral("notify_bet_resolved_email"))->isEnabled());
        dialog.accept(); // the app's own settings still save; nothing is sent
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void localPortChange_isAChangeOfServer()
    {
        SettingsDialog dialog(m_settings.get(), m_credentials.get());
        dialog.portField()->setValue(8123);
        dialog.accept();
        QVERIFY(dialog.connectionChanged());
        QCOMPARE(m_settings->localPort(), 8123);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
