#include "settingsdialog.h"

#include "app/net/apiclient.h"
#include "app/net/serverendpoint.h"
#include "app/settings/appsettings.h"
#include "app/settings/credentialstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

QUrl normalisedUrl(const QString &text)
{
    return QUrl::fromUserInput(text.trimmed());
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings *settings, CredentialStore *credentials, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_credentials(credentials)
    , m_local(new QRadioButton(tr("&Bundled local server on this computer"), this))
    , m_remote(new QRadioButton(tr("&Remote server"), this))
    , m_port(new QSpinBox(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_webSocket(new QLabel(this))
    , m_tokenStorage(new QLabel(this))
    , m_testResult(new QLabel(this))
    , m_toastSeconds(new QSpinBox(this))
    , m_desktop(
          new QCheckBox(tr("Also show &desktop notifications while the window is in the background"), this))
    , m_pollSeconds(new QSpinBox(this))
    , m_language(new QComboBox(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("SettingsDialog"));
    setWindowTitle(tr("Settings"));
    m_local->setObjectName(QStringLiteral("localOption"));
    m_remote->setObjectName(QStringLiteral("remoteOption"));
    m_port->setObjectName(QStringLiteral("portField"));
    m_port->setRange(1, 65535);
    m_url->setObjectName(QStringLiteral("urlField"));
    m_url->setPlaceholderText(QStringLiteral("https://bets.example.com"));
    m_token->setObjectName(QStringLiteral("tokenField"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("API token"));
    m_webSocket->setObjectName(QStringLiteral("webSocketUrl"));
    m_webSocket->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_webSocket->setForegroundRole(QPalette::PlaceholderText);
    m_tokenStorage->setForegroundRole(QPalette::PlaceholderText);
    m_tokenStorage->setWordWrap(true);
    m_testResult->setWordWrap(true);
    m_toastSeconds->setObjectName(QStringLiteral("toastSeconds"));
    m_toastSeconds->setRange(1, 120);
    m_toastSeconds->setSuffix(tr(" s"));
    m_pollSeconds->setObjectName(QStringLiteral("pollSeconds"));
    m_pollSeconds->setRange(1, 300);
    m_pollSeconds->setSuffix(tr(" s"));
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));

    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(m_local);
    serverForm->addRow(tr("&Port on 127.0.0.1:"), m_port);
    serverForm->addRow(m_remote);
    serverForm->addRow(tr("Server &URL:"), m_url);
    serverForm->addRow(tr("&Token:"), m_token);
    serverForm->addRow(tr("WebSocket:"), m_webSocket);
    serverForm->addRow(m_tokenStorage);
    auto *test = new QPushButton(tr("&Test connection"), this);
    test->setObjectName(QStringLiteral("testConnection"));
    serverForm->addRow(test, m_testResult);

    auto *notifications = new QGroupBox(tr("Notifications"), this);
    auto *notificationsForm = new QFormLayout(notifications);
    notificationsForm->addRow(tr("Toasts stay for:"), m_toastSeconds);
    notificationsForm->addRow(m_desktop);

    auto *general = new QGroupBox(tr("General"), this);
    auto *generalForm = new QFormLayout(general);
    generalForm->addRow(tr("Poll every (without WebSocket):"), m_pollSeconds);
    generalForm->addRow(tr("&Language (after a restart):"), m_language);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(notifications);
    layout->addWidget(general);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // Current values.
    (settings->isLocalMode() ? m_local : m_remote)->setChecked(true);
    m_port->setValue(settings->localPort());
    m_url->setText(settings->value(AppSettings::Key::ServerUrl).toString());
    if (!m_url->text().isEmpty()) {
        m_originalToken
            = credentials->readToken(ServerEndpoint(normalisedUrl(m_url->text()), {}).serverKey());
        m_token->setText(m_originalToken);
    }
    m_toastSeconds->setValue(settings->toastDurationMs() / 1000);
    m_desktop->setChecked(settings->value(AppSettings::Key::DesktopNotifications).toBool());
    m_pollSeconds->setValue(settings->pollIntervalMs() / 1000);
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(settings->value(AppSettings::Key::Language))));

    connect(m_local, &QRadioButton::toggled, this, &SettingsDialog::updateState);
    connect(m_url, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    updateState();
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SettingsDialog::updateState()
{
    const bool remote = m_remote->isChecked();
    m_port->setEnabled(!remote);
    m_url->setEnabled(remote);
    m_token->setEnabled(remote);
    const ServerEndpoint endpoint(normalisedUrl(m_url->text()), {});
    m_webSocket->setText(remote && endpoint.isValid() ? ServerEndpoint::redacted(endpoint.webSocketUrl())
                                                      : QStringLiteral("—"));
    m_tokenStorage->setText(CredentialStore::keychainCompiledIn()
            ? tr("The token is kept in the desktop keychain, or in a file only you can read "
                 "when there is none.")
            : tr("The token is kept in a file only you can read."));
    m_tokenStorage->setVisible(remote);
}

QString SettingsDialog::validate() const
{
    if (!m_remote->isChecked())
        return {};
    const QUrl url = normalisedUrl(m_url->text());
    if (m_url->text().trimmed().isEmpty() || !ServerEndpoint(url, {}).isValid())
        return tr("Enter the server's address, starting with http:// or https://.");
    if (m_token->text().trimmed().isEmpty())
        return tr("Enter your API token.");
    return {};
}

void SettingsDialog::testConnection()
{
    const QString problem = validate();
    if (!m_remote->isChecked()) {
        m_testResult->setText(tr("The local server is started by the app."));
        return;
    }
    if (!problem.isEmpty()) {
        m_testResult->setText(problem);
        return;
    }
    delete m_testClient;
    m_testClient
        = new ApiClient(ServerEndpoint(normalisedUrl(m_url->text()), m_token->text().trimmed()), this);
    m_testClient->setTimeout(10000);
    m_testResult->setText(tr("Connecting…"));
    m_testClient->me(this, [this](const Result<UserAccount> &me) {
        if (me)
            m_testResult->setText(tr("Signed in as %1 (%2).").arg(me->user.displayName, me->user.id));
        else
            m_testResult->setText(tr("Failed: %1").arg(me.error().message));
    });
}

void SettingsDialog::accept()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->setVisible(true);
        return;
    }
    const bool wasLocal = m_settings->isLocalMode();
    const quint16 oldPort = m_settings->localPort();
    const QString oldUrl = m_settings->value(AppSettings::Key::ServerUrl).toString();

    const bool local = m_local->isChecked();
    m_settings->setValue(AppSettings::Key::Mode,
        QString::fromLatin1(local ? AppSettings::kLocalMode : AppSettings::kRemoteMode));
    m_settings->setValue(AppSettings::Key::LocalPort, m_port->value());
    if (!local) {
        const QUrl url = normalisedUrl(m_url->text());
        m_settings->setValue(AppSettings::Key::ServerUrl, url.toString());
        const QString token = m_token->text().trimmed();
        if (!m_credentials->writeToken(ServerEndpoint(url, {}).serverKey(), token)) {
            m_error->setText(tr("Could not store the token: %1").arg(m_credentials->lastError()));
            m_error->setVisible(true);
            return;
        }
        m_connectionChanged = wasLocal || url.toString() != oldUrl || token != m_originalToken;
    } else {
        m_connectionChanged = !wasLocal || m_port->value() != oldPort;
    }
    m_settings->setValue(AppSettings::Key::ToastDurationMs, m_toastSeconds->value() * 1000);
    m_settings->setValue(AppSettings::Key::DesktopNotifications, m_desktop->isChecked());
    m_settings->setValue(AppSettings::Key::PollIntervalMs, m_pollSeconds->value() * 1000);
    m_settings->setValue(AppSettings::Key::Language, m_language->currentData());
    m_settings->sync();
    QDialog::accept();
}

} // namespace betthat::app
