#include "emailoptions.h"

#include "common/user.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QUrl>
#include <functional>
#include <optional>

namespace betthat::server {

namespace {

// One setting under its two names; applySettings reads and checks its value.
struct Setting
{
    const char *env;
    const char *option;
    const char *valueName;
    const char *help;
};

constexpr Setting kServer { "SMTP_SERVER", "smtp-server", "host", "SMTP server; email is off without one." };
constexpr Setting kPort { "SMTP_PORT", "smtp-port", "port",
    "SMTP port (default by TLS mode: 25, 587, 465)." };
constexpr Setting kUsername { "SMTP_USERNAME", "smtp-username", "user", "SMTP AUTH user name." };
constexpr Setting kPassword { "SMTP_PASSWORD", "smtp-password", "password",
    "SMTP AUTH password (prefer the SMTP_PASSWORD variable: options show in ps)." };
constexpr Setting kFromEmail { "FROM_EMAIL", "from-email", "address",
    "Sender address of notification emails." };
constexpr Setting kFromName { "FROM_NAME", "from-name", "name", "Sender display name." };
constexpr Setting kTls { "SMTP_TLS", "smtp-tls", "mode", "starttls, ssl (implicit TLS) or none." };
constexpr Setting kNotifications { "EMAIL_NOTIFICATIONS", "email-notifications", "on|off",
    "Send notification emails (default on when a server is set)." };
constexpr Setting kProvisional { "EMAIL_PROVISIONAL", "email-provisional", "on|off",
    "Also mail provisional settlements (default off: mail goes out when a result is confirmed)." };
constexpr Setting kAll[]
    = { kServer, kPort, kUsername, kPassword, kFromEmail, kFromName, kTls, kNotifications, kProvisional };

// "on"/"off" and their usual spellings; nullopt for anything else.
std::optional<bool> parseSwitch(const QString &text)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("on") || value == QLatin1String("true") || value == QLatin1String("1")
        || value == QLatin1String("yes"))
        return true;
    if (value == QLatin1String("off") || value == QLatin1String("false") || value == QLatin1String("0")
        || value == QLatin1String("no"))
        return false;
    return std::nullopt;
}

int defaultPortFor(const QString &tls)
{
    if (tls == QLatin1String("ssl"))
        return 465;
    if (tls == QLatin1String("starttls"))
        return 587;
    return 25;
}

Error bad(const QString &name, const QString &message)
{
    return makeError(ErrorCode::BadRequest, QStringLiteral("%1 %2").arg(name, message));
}

// Applies the values `lookup` finds; `nameOf` says how to call a setting in an error (variable or option).
Result<EmailConfig> applySettings(EmailConfig config,
    const std::function<std::optional<QString>(const Setting &)> &lookup,
    const std::function<QString(const Setting &)> &nameOf)
{
    const int previousDefaultPort = defaultPortFor(config.tls);
    bool portGiven = false;
    if (const auto v = lookup(kServer))
        config.server = v->trimmed();
    if (const auto v = lookup(kPort)) {
        bool ok = false;
        const int port = v->trimmed().toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return bad(nameOf(kPort),
                QStringLiteral("must be a port number from 1 to 65535 (got \"%1\")").arg(v->left(20)));
        config.port = port;
        portGiven = true;
    }
    if (const auto v = lookup(kUsername))
        config.username = *v;
    if (const auto v = lookup(kPassword))
        config.password = *v; // never echoed, not even in an error
    if (const auto v = lookup(kFromEmail))
        config.fromEmail = v->trimmed();
    if (const auto v = lookup(kFromName))
        config.fromName = v->trimmed();
    if (const auto v = lookup(kTls)) {
        const QString mode = v->trimmed().toLower();
        if (mode != QLatin1String("starttls") && mode != QLatin1String("ssl")
            && mode != QLatin1String("none"))
            return bad(
                nameOf(kTls), QStringLiteral("must be starttls, ssl or none (got \"%1\")").arg(v->left(20)));
        config.tls = mode;
        // A mode without a port means that mode's usual port, unless a port was chosen before.
        if (!portGiven && config.port == previousDefaultPort)
            config.port = defaultPortFor(mode);
    }
    for (const auto &[setting, target] :
        { std::pair { kNotifications, &config.notifications }, { kProvisional, &config.notifyProvisional } }) {
        const auto v = lookup(setting);
        if (!v)
            continue;
        const auto on = parseSwitch(*v);
        if (!on)
            return bad(nameOf(setting), QStringLiteral("must be on or off (got \"%1\")").arg(v->left(20)));
        *target = *on;
    }
    config.enabled = config.notifications && !config.server.isEmpty();
    if (const auto valid = validateEmailConfig(config); !valid)
        return valid.error();
    return config;
}

QString bothNames(const Setting &s)
{
    return QStringLiteral("%1 (--%2)").arg(QLatin1String(s.env), QLatin1String(s.option));
}

} // namespace

Status validateEmailConfig(const EmailConfig &config)
{
    if (!config.server.isEmpty()) {
        QUrl url;
        url.setHost(config.server, QUrl::StrictMode);
        if (url.host().isEmpty() || config.server.contains(QLatin1Char('/')))
            return bad(bothNames(kServer),
                QStringLiteral("must be a host name or an IP address (got \"%1\")")
                    .arg(config.server.left(100)));
    }
    if (config.port < 1 || config.port > 65535)
        return bad(bothNames(kPort), QStringLiteral("must be from 1 to 65535"));
    if (config.tls != QLatin1String("starttls") && config.tls != QLatin1String("ssl")
        && config.tls != QLatin1String("none"))
        return bad(bothNames(kTls), QStringLiteral("must be starttls, ssl or none"));
    if (!isValidEmail(config.fromEmail))
        return bad(bothNames(kFromEmail),
            QStringLiteral("must be an email address (got \"%1\")").arg(config.fromEmail.left(100)));
    if (config.fromName.size() > 200)
        return bad(bothNames(kFromName), QStringLiteral("must be at most 200 characters"));
    if (config.maxAttempts < 1 || config.retryBaseMs < 1 || config.retryCapMs < config.retryBaseMs
        || config.pollIntervalMs < 1 || config.timeoutMs < 1 || config.batchSize < 1)
        return makeError(ErrorCode::BadRequest,
            QStringLiteral("email retry, poll, timeout and batch settings must be positive"
                           " (and the retry cap at least the base)"));
    return Ok {};
}

Result<EmailConfig> emailConfigFromEnvironment(const QProcessEnvironment &env, EmailConfig base)
{
    return applySettings(
        std::move(base),
        [&env](const Setting &s) -> std::optional<QString> {
            const QString name = QLatin1String(s.env);
            if (!env.contains(name))
                return std::nullopt;
            return env.value(name);
        },
        [](const Setting &s) { return QString::fromLatin1(s.env); });
}

void addEmailOptions(QCommandLineParser &parser)
{
    for (const Setting &s : kAll)
        parser.addOption(QCommandLineOption(QString::fromLatin1(s.option),
            QStringLiteral("%1 [%2]").arg(QLatin1String(s.help), QLatin1String(s.env)),
            QString::fromLatin1(s.valueName)));
}

Result<EmailConfig> emailConfigFromOptions(const QCommandLineParser &parser, EmailConfig base)
{
    return applySettings(
        std::move(base),
        [&parser](const Setting &s) -> std::optional<QString> {
            const QString name = QString::fromLatin1(s.option);
            if (!parser.isSet(name))
                return std::nullopt;
            return parser.value(name);
        },
        [](const Setting &s) { return QStringLiteral("--%1").arg(QLatin1String(s.option)); });
}

} // namespace betthat::server
