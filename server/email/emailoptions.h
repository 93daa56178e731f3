#pragma once

// Email settings from the environment (SMTP_SERVER, SMTP_PORT, ...) and from betthat-server's options.

#include "common/error.h"
#include "server/serverconfig.h"

class QCommandLineParser;
class QProcessEnvironment;

namespace betthat::server {

// SMTP_SERVER, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, FROM_EMAIL, FROM_NAME, SMTP_TLS=starttls|ssl|none,
// EMAIL_NOTIFICATIONS=on|off over `base`. Unset variables keep base's values. A TLS mode without a port
// picks that mode's usual port (25, 587, 465). Email is enabled when a server is set and notifications
// are on. Bad values fail with a message naming the variable.
Result<EmailConfig> emailConfigFromEnvironment(const QProcessEnvironment &env, EmailConfig base = {});

// --smtp-server --smtp-port --smtp-username --smtp-password --from-email --from-name --smtp-tls
// --email-notifications: the same settings, given on the command line, override the environment.
void addEmailOptions(QCommandLineParser &parser);
Result<EmailConfig> emailConfigFromOptions(const QCommandLineParser &parser, EmailConfig base);

// The checks both of the above apply; for configs built in code (the app, tests).
Status validateEmailConfig(const EmailConfig &config);

} // namespace betthat::server
