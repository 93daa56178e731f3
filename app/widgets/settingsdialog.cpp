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
#include <QGridLayout>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

QUrl normalisedUrl(const QString &text)
{
    return QUrl::fromUserInput(text.trimmed());
}

constexpr EventType kShownTypes[] = { EventType::BetResolved, EventType::BetDisputed, EventType::BetUpdated };
// The webhook channel is left out: this build does not act on it, and a box that does nothing misleads.
constexpr NotificationChannel kShownChannels[]
    = { NotificationChannel::Socket, NotificationChannel::Desktop, NotificationChannel::Email };

} // namespace

SettingsDialog::SettingsDialog(
    AppSettings *settings, CredentialStore *credentials, ApiPort *api, QWidget *parent)
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
    , m_api(api)
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

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *app = new QWidget(this);
    auto *appLayout = new QVBoxLayout(app);
    appLayout->addWidget(server);
    appLayout->addWidget(notifications);
    appLayout->addWidget(general);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    tabs->addTab(app, tr("App"));
    tabs->addTab(createNotificationsPage(), tr("Notifications"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

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
    loadNotificationPreferences();
}

QWidget *SettingsDialog::createNotificationsPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("notificationsPage"));
    auto *layout = new QVBoxLayout(page);
    m_preferencesStatus = new QLabel(page);
    m_preferencesStatus->setObjectName(QStringLiteral("notificationsStatus"));
    m_preferencesStatus->setWordWrap(true);
    layout->addWidget(m_preferencesStatus);

    m_preferencesPage = new QWidget(page);
    auto *content = new QVBoxLayout(m_preferencesPage);
    content->setContentsMargins(0, 0, 0, 0);
    auto *matrix = new QGroupBox(tr("Notify me about"), m_preferencesPage);
    auto *grid = new QGridLayout(matrix);
    const QString channelTitles[] = { tr("Toasts"), tr("Desktop"), tr("Email") };
    for (int c = 0; c < 3; ++c)
        grid->addWidget(new QLabel(channelTitles[c], matrix), 0, c + 1, Qt::AlignHCenter);
    const QString typeTitles[] = { tr("Results"), tr("Disputes"), tr("Other changes") };
    for (int t = 0; t < kNotificationEventTypeCount; ++t) {
        grid->addWidget(new QLabel(typeTitles[t], matrix), t + 1, 0);
        for (int c = 0; c < 3; ++c) {
            auto *box = new QCheckBox(matrix);
            box->setObjectName(QStringLiteral("notify_%1_%2")
                                   .arg(eventTypeName(kShownTypes[t]), channelName(kShownChannels[c])));
            box->setAccessibleName(typeTitles[t] + QStringLiteral(": ") + channelTitles[c]);
            m_channelBoxes[t][c] = box;
            grid->addWidget(box, t + 1, c + 1, Qt::AlignHCenter);
        }
    }
    content->addWidget(matrix);

    auto *quiet = new QGroupBox(tr("Quiet hours"), m_preferencesPage);
    auto *quietForm = new QFormLayout(quiet);
    m_quietEnabled = new QCheckBox(tr("No desktop notifications or emails during quiet hours"), quiet);
    m_quietEnabled->setObjectName(QStringLiteral("quietHoursEnabled"));
    m_quietStart = new QTimeEdit(QTime(22, 0), quiet);
    m_quietStart->setObjectName(QStringLiteral("quietHoursStart"));
    m_quietStart->setDisplayFormat(QStringLiteral("HH:mm"));
    m_quietEnd = new QTimeEdit(QTime(7, 0), quiet);
    m_quietEnd->setObjectName(QStringLiteral("quietHoursEnd"));
    m_quietEnd->setDisplayFormat(QStringLiteral("HH:mm"));
    m_quietZone = new QComboBox(quiet);
    m_quietZone->setObjectName(QStringLiteral("quietHoursTimeZone"));
    m_quietZone->setEditable(true);
    m_quietZone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_quietZone->addItem(QString::fromUtf8(id));
    m_quietZone->setCurrentText(QString::fromUtf8(QTimeZone::systemTimeZoneId()));
    quietForm->addRow(m_quietEnabled);
    quietForm->addRow(tr("&From:"), m_quietStart);
    quietForm->addRow(tr("&Until:"), m_quietEnd);
    quietForm->addRow(tr("Time &zone:"), m_quietZone);
    auto *emailNote = new QLabel(tr("Emails are sent when the quiet hours end. Toasts in the window are not "
                                    "affected."),
        quiet);
    emailNote->setWordWrap(true);
    emailNote->setForegroundRole(QPalette::PlaceholderText);
    quietForm->addRow(emailNote);
    content->addWidget(quiet);
    content->addStretch();
    layout->addWidget(m_preferencesPage);

    const auto updateQuiet = [this] {
        const bool on = m_quietEnabled->isChecked();
        m_quietStart->setEnabled(on);
        m_quietEnd->setEnabled(on);
        m_quietZone->setEnabled(on);
    };
    connect(m_quietEnabled, &QCheckBox::toggled, this, updateQuiet);
    updateQuiet();
    m_preferencesPage->setEnabled(false);
    return page;
}

void SettingsDialog::loadNotificationPreferences()
{
    if (!m_api) {
        m_preferencesStatus->setText(tr("Sign in to change which notifications you get."));
        return;
    }
    m_preferencesStatus->setText(tr("Loading…"));
    m_api->notificationPreferences(this, [this](const Result<NotificationPreferences> &preferences) {
        if (!preferences) {
            // Failure is not "the defaults": the page stays disabled so OK cannot overwrite what is stored.
            m_preferencesStatus->setText(
                tr("Could not load your notification preferences: %1").arg(preferences.error().message));
            return;
        }
        m_loadedPreferences = *preferences;
        showNotificationPreferences(*preferences);
        m_preferencesStatus->setText(tr("Stored with your account on the server."));
        m_preferencesPage->setEnabled(true);
    });
}

void SettingsDialog::showNotificationPreferences(const NotificationPreferences &preferences)
{
    for (int t = 0; t < kNotificationEventTypeCount; ++t)
        for (int c = 0; c < 3; ++c)
            m_channelBoxes[t][c]->setChecked(preferences.isEnabled(kShownTypes[t], kShownChannels[c]));
    m_quietEnabled->setChecked(preferences.quietHours.has_value());
    if (preferences.quietHours) {
        m_quietStart->setTime(preferences.quietHours->start);
        m_quietEnd->setTime(preferences.quietHours->end);
        m_quietZone->setCurrentText(preferences.quietHours->timeZone);
    }
}

NotificationPreferences SettingsDialog::shownNotificationPreferences() const
{
    NotificationPreferences preferences = m_loadedPreferences.value_or(NotificationPreferences());
    for (int t = 0; t < kNotificationEventTypeCount; ++t)
        for (int c = 0; c < 3; ++c)
            preferences.setEnabled(kShownTypes[t], kShownChannels[c], m_channelBoxes[t][c]->isChecked());
    preferences.quietHours.reset();
    if (m_quietEnabled->isChecked()) {
        const QTime start = m_quietStart->time();
        const QTime end = m_quietEnd->time();
        preferences.quietHours = QuietHours { QTime(start.hour(), start.minute()), QTime(end.hour(), end.minute()),
            m_quietZone->currentText().trimmed() };
    }
    return preferences;
}

QString SettingsDialog::validateNotificationPreferences() const
{
    if (!m_loadedPreferences || !m_quietEnabled->isChecked())
        return {};
    const NotificationPreferences shown = shownNotificationPreferences();
    if (shown.quietHours->start == shown.quietHours->end)
        return tr("Quiet hours need different start and end times.");
    if (!QTimeZone(shown.quietHours->timeZone.toUtf8()).isValid())
        return tr("Unknown time zone \"%1\".").arg(shown.quietHours->timeZone);
    return {};
}

void SettingsDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(true);
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
    QString problem = validate();
    if (problem.isEmpty())
        problem = validateNotificationPreferences();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    const NotificationPreferences shown
        = m_loadedPreferences ? shownNotificationPreferences() : NotificationPreferences();
    if (!m_api || !m_loadedPreferences || shown == *m_loadedPreferences) {
        saveSettingsAndClose();
        return;
    }
    // The server first: if it refuses, the dialog stays open with its message and nothing is half-saved.
    m_buttons->setEnabled(false);
    m_error->setVisible(false);
    m_api->updateNotificationPreferences(json::encode(shown), this,
        [this](const Result<NotificationPreferences> &saved) {
            m_buttons->setEnabled(true);
            if (!saved) {
                showError(tr("Could not save your notification preferences: %1").arg(saved.error().message));
                return;
            }
            m_loadedPreferences = *saved;
            Q_EMIT notificationPreferencesSaved(*saved);
            saveSettingsAndClose();
        });
}

void SettingsDialog::saveSettingsAndClose()
{
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
            showError(tr("Could not store the token: %1").arg(m_credentials->lastError()));
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
