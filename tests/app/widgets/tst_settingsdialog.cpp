// SettingsDialog: remote mode needs a URL and token, the WebSocket URL is derived (ws / wss), the token goes
// to the credential store (not the settings file), and a change of server is reported.
#include "app/net/serverendpoint.h"
#include "app/settings/appsettings.h"
#include "app/settings/credentialstore.h"
#include "app/widgets/settingsdialog.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

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
