#pragma once

// Settings: bundled local server or a remote one (URL and token), notifications, polling, language; with a
// signed-in client also the account's notification preferences (stored on the server).

#include "app/net/apiclient.h"
#include "common/notificationpreferences.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QTimeEdit;

namespace betthat::app {

class AppSettings;
class CredentialStore;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // api: the signed-in account's client; the Notifications page loads from it at once and saves to it on OK.
    // Without one (not signed in) that page only says so.
    SettingsDialog(AppSettings *settings, CredentialStore *credentials, ApiPort *api = nullptr,
        QWidget *parent = nullptr);

    // After accept(): whether the server, port, URL or token changed (the window reconnects).
    bool connectionChanged() const { return m_connectionChanged; }
    QString errorText() const;

    QRadioButton *localOption() const { return m_local; }
    QRadioButton *remoteOption() const { return m_remote; }
    QSpinBox *portField() const { return m_port; }
    QLineEdit *urlField() const { return m_url; }
    QLineEdit *tokenField() const { return m_token; }
    QSpinBox *toastSecondsField() const { return m_toastSeconds; }
    QSpinBox *pollSecondsField() const { return m_pollSeconds; }
    QLabel *webSocketLabel() const { return m_webSocket; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    // The server stored changed notification preferences (its answer); sent before the dialog closes.
    void notificationPreferencesSaved(const betthat::NotificationPreferences &preferences);

private:
    QWidget *createNotificationsPage();
    void loadNotificationPreferences();
    void showNotificationPreferences(const NotificationPreferences &preferences);
    NotificationPreferences shownNotificationPreferences() const;
    QString validateNotificationPreferences() const;
    void saveSettingsAndClose();
    void showError(const QString &text);
    void updateState();
    void testConnection();
    QString validate() const;

    AppSettings *m_settings;
    CredentialStore *m_credentials;
    QRadioButton *m_local;
    QRadioButton *m_remote;
    QSpinBox *m_port;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLabel *m_webSocket;
    QLabel *m_tokenStorage;
    QLabel *m_testResult;
    QSpinBox *m_toastSeconds;
    QCheckBox *m_desktop;
    QSpinBox *m_pollSeconds;
    QComboBox *m_language;
    QLabel *m_error;
    QDialogButtonBox *m_buttons = nullptr;
    QPointer<ApiPort> m_api;
    QWidget *m_preferencesPage = nullptr;
    QLabel *m_preferencesStatus = nullptr;
    QCheckBox *m_channelBoxes[kNotificationEventTypeCount][3] = {}; // socket, desktop, email
    QCheckBox *m_quietEnabled = nullptr;
    QTimeEdit *m_quietStart = nullptr;
    QTimeEdit *m_quietEnd = nullptr;
    QComboBox *m_quietZone = nullptr;
    std::optional<NotificationPreferences> m_loadedPreferences; // as the server last answered
    QPointer<ApiClient> m_testClient;
    QString m_originalToken;
    bool m_connectionChanged = false;
};

} // namespace betthat::app
