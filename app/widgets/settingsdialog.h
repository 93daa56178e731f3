#pragma once

// Settings: bundled local server or a remote one (URL and token), notifications, polling, language.

#include "app/net/apiclient.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace betthat::app {

class AppSettings;
class CredentialStore;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSettings *settings, CredentialStore *credentials, QWidget *parent = nullptr);

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

private:
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
    QPointer<ApiClient> m_testClient;
    QString m_originalToken;
    bool m_connectionChanged = false;
};

} // namespace betthat::app
