#include "servercommandline.h"

#include "common/logging.h"
#include "common/money.h"
#include "common/user.h"
#include "server/auth/authenticator.h"
#include "server/core/accounts.h"
#include "server/betthatserver.h"
#include "server/cli/duration.h"
#include "server/cli/signalwatcher.h"
#include "server/core/demoseed.h"
#include "server/email/emailoptions.h"
#include "server/logcategories.h"
#include "server/storage/databaselocation.h"
#include "server/storage/repository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUrl>
#include <csignal>
#include <utility>
#include <cstdio>

namespace betthat::server {

namespace {

// For the banner: the file as the platform writes paths, a PostgreSQL URL without its password.
QString databaseName(const DatabaseLocation &location)
{
    return location.isPostgres() ? location.displayName() : QDir::toNativeSeparators(location.path);
}

constexpr int kMaxDisplayNameLength = 200;

// "100", "100.5", "100.50" -> minor units. No sign, at most two decimals, at most ten integer digits.
std::optional<qint64> parseAmount(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,10})(?:\\.([0-9]{1,2}))?$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QString fraction = match.captured(2).leftJustified(2, QLatin1Char('0'));
    return match.captured(1).toLongLong() * 100 + fraction.toLongLong();
}

QHostAddress connectableAddress(const QHostAddress &bind)
{
    // A wildcard bind is reachable on loopback; print that rather than an address nobody can connect to.
    if (bind == QHostAddress(QHostAddress::AnyIPv6))
        return QHostAddress(QHostAddress::LocalHostIPv6);
    if (bind == QHostAddress(QHostAddress::Any) || bind == QHostAddress(QHostAddress::AnyIPv4))
        return QHostAddress(QHostAddress::LocalHost);
    return bind;
}

QString urlFor(const QString &scheme, const QHostAddress &bind, quint16 port)
{
    QUrl url;
    url.setScheme(scheme);
    url.setHost(connectableAddress(bind).toString());
    url.setPort(port);
    return url.toString();
}

QString padded(const QString &text, qsizetype width)
{
    return text.leftJustified(width, QLatin1Char(' '));
}

} // namespace

ServerCommandLine::ServerCommandLine()
    : m_out(stdout)
    , m_err(stderr)
{
}

QString ServerCommandLine::defaultDatabasePath()
{
    return BetThatServer::defaultDatabasePath();
}

int ServerCommandLine::usageError(const QString &message)
{
    m_err << m_program << ": " << message << "\n"
          << "Run '" << m_program << " --help' for usage.\n";
    m_err.flush();
    return UsageError;
}

int ServerCommandLine::failure(const QString &message)
{
    m_err << m_program << ": " << message << "\n";
    m_err.flush();
    return Failure;
}

int ServerCommandLine::run(const QStringList &arguments)
{
    m_program = arguments.isEmpty() ? QCoreApplication::applicationName()
                                    : QFileInfo(arguments.constFirst()).fileName();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Bet That server: the REST + polling API and WebSocket bet updates.\n\n"
                       "Commands (omit to run the server):\n"
                       "  user add <id> --name N --email E --role bettor|operator [--deposit 100.00]\n"
                       "  user list\n"
                       "  user token <id>     issue a new token (the old one stops working)\n"
                       "Run '%1 user --help' for their options.")
            .arg(m_program));
    // Options after the command belong to the command: `user add alice --name ...` is parsed by its own
    // parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption bind(QStringLiteral("bind"),
        QStringLiteral("Address to listen on (default 127.0.0.1; 0.0.0.0 listens on "
                       "every interface)."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
        QStringLiteral("Port to listen on (default 8000; 0 picks a free port, and the "
                       "one chosen is printed)."),
        QStringLiteral("port"), QStringLiteral("8000"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("SQLite database file, created if missing (default %1), or a PostgreSQL server: "
                       "postgres://user:password@host:port/dbname (what the URL leaves out comes from the "
                       "PG* environment variables and the password file, as with psql).")
            .arg(QDir::toNativeSeparators(defaultDatabasePath())),
        QStringLiteral("path|url"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QStringLiteral("Seed demo users and bets into an empty database and print "
                       "ready-to-paste examples. The demo tokens are public: demos "
                       "only, never with real users."));
    const QCommandLineOption disputeWindow(QStringLiteral("dispute-window"),
        QStringLiteral("How long after resolution a bettor may dispute: "
                       "e.g. 7d, 48h, 90m, 3600s (default 7d)."),
        QStringLiteral("duration"), QStringLiteral("7d"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
        QStringLiteral("DEBUG, INFO, WARNING or ERROR (default: $LOG_LEVEL, else "
                       "INFO). DEBUG logs requests, connections and deliveries."),
        QStringLiteral("level"));
    const QCommandLineOption hooksAllowPrivate(QStringLiteral("webhooks-allow-private"),
        QStringLiteral("Let webhooks reach private, loopback and link-local addresses (default: refused, "
                       "at registration and after DNS at delivery)."));
    const QCommandLineOption hooksRetryBase(QStringLiteral("webhooks-retry-base"),
        QStringLiteral("Webhook backoff after the first failure, doubled per failure (default 1s)."),
        QStringLiteral("duration"), QStringLiteral("1s"));
    const QCommandLineOption hooksRetryCap(QStringLiteral("webhooks-retry-cap"),
        QStringLiteral("Longest webhook backoff (default 1h)."), QStringLiteral("duration"), QStringLiteral("1h"));
    const QCommandLineOption hooksThreshold(QStringLiteral("webhooks-failure-threshold"),
        QStringLiteral("Consecutive failed deliveries after which an endpoint is disabled (default 25)."),
        QStringLiteral("count"), QStringLiteral("25"));
    const QCommandLineOption hooksTimeout(QStringLiteral("webhooks-timeout"),
        QStringLiteral("Time limit of one webhook request, connect included (default 10s)."),
        QStringLiteral("duration"), QStringLiteral("10s"));
    parser.addOptions({ bind, port, db, demo, disputeWindow, logLevel, hooksAllowPrivate, hooksRetryBase,
        hooksRetryCap, hooksThreshold, hooksTimeout });
    addEmailOptions(parser);
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral("'user' and its arguments, or nothing "
                       "to run the server."),
        QStringLiteral("[user ...]"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all"))) {
        m_out << parser.helpText();
        m_out.flush();
        return Success;
    }
    if (parser.isSet(version)) {
        m_out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
        m_out.flush();
        return Success;
    }

    const QString levelText = parser.isSet(logLevel) ? parser.value(logLevel) : logLevelFromEnvironment();
    const auto level
        = levelText.isEmpty() ? std::optional<LogLevel>(LogLevel::Info) : logLevelFromName(levelText);
    if (!level)
        return usageError(QStringLiteral("invalid log level '%1'%2: use DEBUG, INFO, WARNING or ERROR")
                              .arg(levelText.left(32),
                                  parser.isSet(logLevel) ? QString() : QStringLiteral(" in LOG_LEVEL")));
    installLogging(*level);

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.constFirst() != QLatin1String("user"))
            return usageError(QStringLiteral("unknown command '%1' (the only command is 'user')")
                                  .arg(positional.constFirst().left(64)));
        const QStringList userOptions = db.names() + logLevel.names();
        for (const QString &option : parser.optionNames())
            if (!userOptions.contains(option))
                return usageError(QStringLiteral("--%1 applies only when running the server, not to 'user'")
                                      .arg(option));
        return runUserCommand(positional.mid(1), parser.value(db));
    }

    ServerConfig config;
    const QString bindText = parser.value(bind).trimmed();
    if (bindText == QLatin1String("localhost"))
        config.bind = QHostAddress::LocalHost;
    else if (!config.bind.setAddress(bindText))
        return usageError(
            QStringLiteral("invalid --bind '%1': give an IP address such as 127.0.0.1 or 0.0.0.0")
                .arg(bindText.left(64)));
    bool portOk = false;
    const uint portValue = parser.value(port).toUInt(&portOk);
    if (!portOk || portValue > 65535)
        return usageError(
            QStringLiteral("invalid --port '%1': give a number from 0 to 65535 (0: any free port)")
                .arg(parser.value(port).left(32)));
    config.port = quint16(portValue);
    const auto window = parseDurationMs(parser.value(disputeWindow));
    if (!window)
        return usageError(QStringLiteral("--dispute-window: %1").arg(window.error().message));
    config.disputeWindowMs = *window;
    config.demo = parser.isSet(demo);
    config.webhooks.allowPrivate = parser.isSet(hooksAllowPrivate);
    // At most a day each: they are int milliseconds, and a longer pause is no longer a retry.
    const auto readHookDuration = [&parser](const QCommandLineOption &option, int &target) -> Status {
        const auto ms = parseDurationMs(parser.value(option));
        if (!ms)
            return makeError(ErrorCode::BadRequest,
                QStringLiteral("--%1: %2").arg(option.names().constFirst(), ms.error().message));
        if (*ms > 24LL * 3600 * 1000)
            return makeError(ErrorCode::BadRequest,
                QStringLiteral("--%1: at most 24h").arg(option.names().constFirst()));
        target = int(*ms);
        return Ok {};
    };
    for (const auto &[option, target] : { std::pair { &hooksRetryBase, &config.webhooks.retryBaseMs },
             std::pair { &hooksRetryCap, &config.webhooks.retryCapMs },
             std::pair { &hooksTimeout, &config.webhooks.timeoutMs } })
        if (const auto read = readHookDuration(*option, *target); !read)
            return usageError(read.error().message);
    if (config.webhooks.retryCapMs < config.webhooks.retryBaseMs)
        return usageError(QStringLiteral("--webhooks-retry-cap must not be shorter than --webhooks-retry-base"));
    bool thresholdOk = false;
    const int threshold = parser.value(hooksThreshold).toInt(&thresholdOk);
    if (!thresholdOk || threshold < 1 || threshold > 10000)
        return usageError(QStringLiteral("invalid --webhooks-failure-threshold '%1': give a number from 1 to 10000")
                              .arg(parser.value(hooksThreshold).left(32)));
    config.webhooks.failureThreshold = threshold;
    config.dbPath = parser.isSet(db) ? parser.value(db) : defaultDatabasePath();
    if (config.dbPath.trimmed().isEmpty())
        return usageError(QStringLiteral("--db needs a file path or a postgres:// URL"));
    if (const auto location = DatabaseLocation::parse(config.dbPath); !location)
        return usageError(location.error().message);
    // SMTP_* variables first, then the --smtp-* options over them.
    const auto emailFromEnvironment =
        emailConfigFromEnvironment(QProcessEnvironment::systemEnvironment(), config.email);
    if (!emailFromEnvironment)
        return usageError(emailFromEnvironment.error().message);
    const auto email = emailConfigFromOptions(parser, *emailFromEnvironment);
    if (!email)
        return usageError(email.error().message);
    config.email = *email;
    return serve(config);
}

int ServerCommandLine::serve(const ServerConfig &config)
{
    const auto location = DatabaseLocation::parse(config.dbPath);
    if (!location)
        return usageError(location.error().message);
    if (!location->isPostgres() && !QDir().mkpath(QFileInfo(location->path).absolutePath()))
        return failure(QStringLiteral("cannot create the directory for the database %1").arg(location->path));

    // Installed before start(): a SIGTERM during startup waits in the pipe and shuts down cleanly once
    // the event loop runs, instead of killing the process half-way through a migration or the demo seed.
    SignalWatcher signalWatcher({ SIGINT, SIGTERM });
    BetThatServer server(config);
    if (const auto started = server.start(); !started)
        return failure(started.error().message);

    const QString baseUrl = urlFor(QStringLiteral("http"), config.bind, server.port());
    if (config.demo) {
        printDemoBanner(server, baseUrl);
    } else {
        m_out << "Bet That server listening on " << baseUrl << " (database " << databaseName(*location)
              << "); Ctrl+C stops it.\n";
        m_out.flush();
    }

    QObject::connect(&signalWatcher, &SignalWatcher::received, &server, [&server](int signalNumber) {
        qCInfo(lcCli).noquote() << "received" << SignalWatcher::signalName(signalNumber) << "- shutting down";
        server.stop();
        QCoreApplication::exit(Success);
    });
    const int code = QCoreApplication::exec();
    server.stop();
    qCInfo(lcCli) << "stopped";
    return code;
}

void ServerCommandLine::printDemoBanner(BetThatServer &server, const QString &baseUrl)
{
    const quint16 port = server.port();
    const QString wsUrl = urlFor(QStringLiteral("ws"), server.config().bind, port);
    const QList<DemoUser> demoUsers = DemoSeed::users();

    // stdout, never the log: the tokens are meant to be copied, and the log must never carry tokens.
    QTextStream &out = m_out;
    out << "\n=== Bet That demo server: " << baseUrl << " ===\n"
        << "Database: " << databaseName(DatabaseLocation::parse(server.config().dbPath).value()) << "\n"
        << "The demo tokens are public: --demo is for demos only, never for real users or money.\n";
    bool tokensWork = true;
    for (const DemoUser &demo : demoUsers)
        tokensWork = tokensWork && server.authenticator().authenticate(demo.token).ok();
    if (!tokensWork)
        out << "NOTE: this database already had users, so no demo data was added and some demo tokens "
               "below do not work here. Use a fresh --db for the demo.\n";

    out << "\nDemo users:\n";
    qsizetype idWidth = 0;
    qsizetype nameWidth = 0;
    for (const DemoUser &demo : demoUsers) {
        idWidth = qMax(idWidth, demo.user.id.size());
        nameWidth = qMax(nameWidth, demo.user.displayName.size());
    }
    for (const DemoUser &demo : demoUsers)
        out << "  " << padded(demo.user.id, idWidth + 2) << padded(roleName(demo.user.role), 10)
            << padded(demo.user.displayName, nameWidth + 2) << "token: " << demo.token << "\n";

    const auto pendingRead = DemoSeed::pendingBetId(server.repository(), QStringLiteral("alice"));
    QString pendingId = pendingRead ? *pendingRead : QString();
    if (pendingId.isEmpty())
        pendingId = QStringLiteral("<pending bet id>");
    out << "\nAlice's bets:\n"
        << "  curl -H \"Authorization: Bearer demo-alice\" " << baseUrl << "/api/v1/bets\n"
        << "\nResolve one of Alice's pending bets as the operator:\n"
        << "  curl -X POST -H \"Authorization: Bearer demo-operator\" -H \"Content-Type: application/json\" "
           "-d '{\"result\":\"win\",\"notes\":\"Final score 2-1\"}' "
        << baseUrl << "/api/v1/bets/" << pendingId << "/resolve\n"
        << "\nPoll for changes (send the last_seq you got as since_seq next time):\n"
        << "  curl -H \"Authorization: Bearer demo-alice\" \"" << baseUrl
        << "/api/v1/bets/updates?since_seq=0\"\n"
        << "\nLive updates over WebSocket:\n"
        << "  wscat -c \"" << wsUrl << "/ws/bet-updates?user_id=alice&token=demo-alice\"\n"
        << "  then send: {\"type\":\"ping\"}\n"
        << "\nPress Ctrl+C to stop.\n";
    // A parent process (scripts/run, the tests) reads this through a pipe: it must not sit in a buffer.
    out.flush();
}

int ServerCommandLine::runUserCommand(const QStringList &arguments, const QString &dbFromGlobalOptions)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Manage users of a Bet That database (the server may be running on it).\n\n"
                       "  user add <id> --name N --email E --role bettor|operator [--deposit 100.00]\n"
                       "      creates the user and prints its API token, once\n"
                       "  user list\n"
                       "  user token <id>\n"
                       "      issues a new token and prints it; the old one stops working"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Display name (user add)."), QStringLiteral("name"));
    const QCommandLineOption email(
        QStringLiteral("email"), QStringLiteral("Email address (user add)."), QStringLiteral("email"));
    const QCommandLineOption role(
        QStringLiteral("role"), QStringLiteral("bettor or operator (user add)."), QStringLiteral("role"));
    const QCommandLineOption deposit(QStringLiteral("deposit"),
        QStringLiteral("Opening balance of a bettor, e.g. 100.00 (user add)."), QStringLiteral("amount"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("SQLite database file (default %1) or postgres:// URL.")
            .arg(QDir::toNativeSeparators(defaultDatabasePath())),
        QStringLiteral("path|url"));
    parser.addOptions({ name, email, role, deposit, db });
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add, list or token"),
        QStringLiteral("user <add|list|token>"));
    parser.addPositionalArgument(
        QStringLiteral("id"), QStringLiteral("The user id (add, token)."), QStringLiteral("[<id>]"));

    if (!parser.parse(QStringList { m_program } + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        m_out.flush();
        return Success;
    }
    const auto location = DatabaseLocation::parse(parser.isSet(db) ? parser.value(db)
            : !dbFromGlobalOptions.isEmpty()                       ? dbFromGlobalOptions
                                                                   : defaultDatabasePath());
    if (!location)
        return usageError(location.error().message);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("'user' needs an action: add, list or token"));
    const QString action = positional.constFirst();
    const bool takesId = action == QLatin1String("add") || action == QLatin1String("token");
    if (!takesId && action != QLatin1String("list"))
        return usageError(
            QStringLiteral("unknown user action '%1': use add, list or token").arg(action.left(32)));
    if (takesId && positional.size() < 2)
        return usageError(QStringLiteral("'user %1' needs a user id").arg(action));
    if (positional.size() > (takesId ? 2 : 1))
        return usageError(
            QStringLiteral("unexpected argument '%1'").arg(positional.at(takesId ? 2 : 1).left(64)));
    if (action != QLatin1String("add")) {
        for (const QCommandLineOption &addOnly : { name, email, role, deposit })
            if (parser.isSet(addOnly))
                return usageError(
                    QStringLiteral("--%1 applies only to 'user add'").arg(addOnly.names().constFirst()));
    }

    if (action == QLatin1String("add"))
        return userAdd(parser, positional.at(1), *location);
    if (action == QLatin1String("token"))
        return userToken(positional.at(1), *location);
    return userList(*location);
}

int ServerCommandLine::userAdd(const QCommandLineParser &parser, const QString &id, const DatabaseLocation &database)
{
    // Every check before the database is touched: bad input changes nothing.
    if (!isValidUserId(id))
        return usageError(QStringLiteral("invalid user id '%1': 1-64 characters, lowercase letters, digits, "
                                         "'_', '.', '-', starting with a letter or digit")
                              .arg(id.left(64)));
    const QString displayName = parser.value(QStringLiteral("name")).trimmed();
    if (displayName.isEmpty())
        return usageError(QStringLiteral("'user add' needs --name"));
    if (displayName.size() > kMaxDisplayNameLength)
        return usageError(QStringLiteral("--name must be at most %1 characters").arg(kMaxDisplayNameLength));
    const QString emailText = parser.value(QStringLiteral("email")).trimmed();
    if (emailText.isEmpty())
        return usageError(QStringLiteral("'user add' needs --email"));
    if (!isValidEmail(emailText))
        return usageError(QStringLiteral("invalid --email '%1'").arg(emailText.left(254)));
    if (!parser.isSet(QStringLiteral("role")))
        return usageError(QStringLiteral("'user add' needs --role bettor or --role operator"));
    const auto userRole = roleFromName(parser.value(QStringLiteral("role")).trimmed().toLower());
    if (!userRole)
        return usageError(QStringLiteral("invalid --role '%1': use bettor or operator")
                              .arg(parser.value(QStringLiteral("role")).left(32)));
    qint64 amount = 0;
    if (parser.isSet(QStringLiteral("deposit"))) {
        const auto parsed = parseAmount(parser.value(QStringLiteral("deposit")));
        if (!parsed)
            return usageError(QStringLiteral("invalid --deposit '%1': give an amount such as 100 or 100.00")
                                  .arg(parser.value(QStringLiteral("deposit")).left(32)));
        if (*userRole == Role::Operator && *parsed > 0)
            return usageError(QStringLiteral("operators have no balance: --deposit is for bettors"));
        amount = *parsed;
    }

    User user;
    user.id = id;
    user.displayName = displayName;
    user.email = emailText;
    user.role = *userRole;

    if (!database.isPostgres() && !QDir().mkpath(QFileInfo(database.path).absolutePath()))
        return failure(QStringLiteral("cannot create the directory for the database %1").arg(database.path));
    auto opened = openRepository(database, QStringLiteral("cli"));
    if (!opened)
        return failure(opened.error().message);
    Repository &repository = *opened.value();
    const auto existing = repository.userById(id);
    if (existing && existing->has_value()) {
        repository.close();
        return failure(
            QStringLiteral("user '%1' already exists (use 'user token %1' for a new token)").arg(id));
    }
    const auto added = Accounts(repository).addUser(user);
    if (!added) {
        repository.close();
        return failure(QStringLiteral("cannot add user '%1': %2").arg(id, added.error().message));
    }
    const QString token = added->token;
    QString depositError;
    if (amount > 0) {
        if (const auto deposited = repository.deposit(id, amount, user.currency); !deposited)
            depositError = deposited.error().message;
    }
    const auto balanceRead = user.isOperator() ? Result<qint64>(qint64(0)) : repository.balance(id);
    repository.close();
    if (!balanceRead)
        return failure(QStringLiteral("the user was created but the balance cannot be read: %1")
                           .arg(balanceRead.error().message));
    const qint64 balance = *balanceRead;
    qCInfo(lcCli).noquote() << "added user" << id << "role" << roleName(user.role);

    // The explanation on stderr, the token alone on stdout: TOKEN=$(betthat-server user add ...) just works.
    m_err << "Created " << roleName(user.role) << " '" << id << "' (" << displayName << ", " << emailText
          << ")";
    if (!user.isOperator())
        m_err << " with a balance of " << formatMoney(balance, user.currency);
    m_err << ".\nIts API token follows; it is shown only this once and stored only as a hash:\n";
    m_err.flush();
    m_out << token << "\n";
    m_out.flush();
    if (!depositError.isEmpty())
        return failure(QStringLiteral("the user was created but the deposit failed: %1").arg(depositError));
    return Success;
}

int ServerCommandLine::userList(const DatabaseLocation &database)
{
    // Reading must not leave an empty database file behind where none was.
    if (!database.isPostgres() && !QFileInfo::exists(database.path))
        return failure(QStringLiteral("no database at %1 (create a user with 'user add' or start the server)")
                           .arg(database.path));
    auto opened = openRepository(database, QStringLiteral("cli"));
    if (!opened)
        return failure(opened.error().message);
    Repository &repository = *opened.value();
    struct Row
    {
        QStringList cells;
    };
    QList<Row> rows { { { QStringLiteral("ID"), QStringLiteral("ROLE"), QStringLiteral("NAME"),
        QStringLiteral("EMAIL"), QStringLiteral("BALANCE") } } };
    const auto users = repository.users();
    if (!users) {
        repository.close();
        return failure(users.error().message);
    }
    for (const User &user : *users) {
        QString balance = QStringLiteral("-");
        if (!user.isOperator()) {
            const auto read = repository.balance(user.id);
            balance = read ? formatMoney(*read, user.currency) : QStringLiteral("(unreadable)");
        }
        rows.append({ { user.id, roleName(user.role), user.displayName, user.email, balance } });
    }
    repository.close();

    QList<qsizetype> widths(5, 0);
    for (const Row &row : rows)
        for (int c = 0; c < 5; ++c)
            widths[c] = qMax(widths.at(c), row.cells.at(c).size());
    for (const Row &row : rows) {
        QString line;
        for (int c = 0; c < 4; ++c)
            line += padded(row.cells.at(c), widths.at(c) + 2);
        line += row.cells.at(4);
        m_out << line << "\n";
    }
    if (rows.size() == 1)
        m_out << "(no users yet: add one with '" << m_program << " user add')\n";
    m_out.flush();
    return Success;
}

int ServerCommandLine::userToken(const QString &id, const DatabaseLocation &database)
{
    if (!database.isPostgres() && !QFileInfo::exists(database.path))
        return failure(QStringLiteral("no database at %1").arg(database.path));
    auto opened = openRepository(database, QStringLiteral("cli"));
    if (!opened)
        return failure(opened.error().message);
    Repository &repository = *opened.value();
    const auto issued = Accounts(repository).issueToken(id);
    repository.close();
    if (!issued && issued.error().code == ErrorCode::NotFound)
        return failure(QStringLiteral("no user '%1' (see 'user list')").arg(id.left(64)));
    if (!issued)
        return failure(QStringLiteral("cannot issue a token for '%1': %2").arg(id, issued.error().message));
    const QString token = issued->token;
    qCInfo(lcCli).noquote() << "issued a new token for user" << id;

    m_err << "New API token for '" << id << "' (the previous one no longer works); shown only this once:\n";
    m_err.flush();
    m_out << token << "\n";
    m_out.flush();
    return Success;
}

int runServerCommandLine(const QStringList &arguments)
{
    return ServerCommandLine().run(arguments);
}

} // namespace betthat::server
