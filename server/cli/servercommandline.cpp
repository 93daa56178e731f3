#include "servercommandline.h"

#include "common/logging.h"
#include "common/money.h"
#include "common/textrules.h"
#include "common/user.h"
#include "server/auth/authenticator.h"
#include "server/core/accounts.h"
#include "server/betthatserver.h"
#include "server/cli/duration.h"
#include "server/cli/signalwatcher.h"
#include "server/core/demoseed.h"
#include "server/cli/serveroptions.h"
#include "server/logcategories.h"
#include "server/storage/databaselocation.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"

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
                       "  backup --to FILE    consistent online copy of the database (the server may run)\n"
                       "Run '%1 user --help' or '%1 backup --help' for their options.")
            .arg(m_program));
    // Options after the command belong to the command: `user add alice --name ...` is parsed by its own
    // parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    // Every server option comes from the one table (serveroptions.h): the command line, the environment and
    // the --config file resolve through it.
    addServerOptions(parser);
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

    // A command and its allowed options are checked before anything is resolved or created.
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.constFirst() != QLatin1String("user") && positional.constFirst() != QLatin1String("backup"))
            return usageError(QStringLiteral("unknown command '%1' (the commands are 'user' and 'backup')")
                                  .arg(positional.constFirst().left(64)));
        const QStringList userOptions { QStringLiteral("db"), QStringLiteral("log-level"),
            QStringLiteral("log-format"), QStringLiteral("config") };
        for (const QString &option : parser.optionNames())
            if (!userOptions.contains(option))
                return usageError(QStringLiteral("--%1 applies only when running the server, not to '%2'")
                                      .arg(option, positional.constFirst()));
    }

    const auto resolved = resolveServerSettings(parser, QProcessEnvironment::systemEnvironment());
    if (!resolved)
        return usageError(resolved.error().message);
    const ServerSettings &settings = resolved->settings;
    installLogging(settings.logLevel, settings.logFormat);
    addLogSecret(settings.config.email.password);

    if (!positional.isEmpty() && positional.constFirst() == QLatin1String("backup"))
        return runBackupCommand(positional.mid(1), settings.config.dbPath);
    if (!positional.isEmpty())
        return runUserCommand(positional.mid(1), settings.config.dbPath);

    if (parser.isSet(QStringLiteral("print-config"))) {
        m_out << formatEffectiveConfig(*resolved);
        m_out.flush();
        return Success;
    }
    return serve(settings.config);
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

int ServerCommandLine::runBackupCommand(const QStringList &arguments, const QString &dbFromGlobalOptions)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Copy a Bet That database consistently while the server keeps running (SQLite's VACUUM "
                       "INTO: one read snapshot, compacted). Restore by stopping the server and putting the "
                       "copy in place of the database file."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("The copy to write; must not exist yet."), QStringLiteral("file"));
    const QCommandLineOption db(QStringLiteral("db"),
        QStringLiteral("SQLite database file (default %1).").arg(QDir::toNativeSeparators(defaultDatabasePath())),
        QStringLiteral("path"));
    parser.addOptions({ to, db });
    if (!parser.parse(QStringList { m_program } + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        m_out << parser.helpText();
        m_out.flush();
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst().left(64)));
    const QString target = parser.value(to).trimmed();
    if (target.isEmpty())
        return usageError(QStringLiteral("'backup' needs --to FILE"));
    const QString dbPath = parser.isSet(db) ? parser.value(db) : dbFromGlobalOptions;
    if (const auto location = DatabaseLocation::parse(dbPath); location && location->isPostgres())
        return failure(QStringLiteral("'backup' copies a SQLite database; back up PostgreSQL with pg_dump "
                                      "(docs/OPERATIONS.md)"));
    // Backing up must not leave an empty database behind where none was.
    if (!QFileInfo::exists(dbPath))
        return failure(QStringLiteral("no database at %1").arg(dbPath));
    if (QFileInfo::exists(target))
        return failure(QStringLiteral("%1 already exists; back up to a new file").arg(target));
    if (QFileInfo(QFileInfo(target).absolutePath()).isDir() == false)
        return failure(QStringLiteral("the directory of %1 does not exist").arg(target));

    SqliteRepository repository(dbPath, QStringLiteral("betthat-backup"));
    if (const auto opened = repository.open(); !opened)
        return failure(opened.error().message);
    const auto lastSeq = repository.lastSeq();
    const auto copied = repository.backupTo(target);
    repository.close();
    if (!copied)
        return failure(copied.error().message);
    qCInfo(lcCli).noquote() << "backed up" << dbPath << "to" << target;
    m_err << "Backed up " << QDir::toNativeSeparators(dbPath) << " to " << QDir::toNativeSeparators(target) << " ("
          << QFileInfo(target).size() << " bytes";
    if (lastSeq)
        m_err << ", event log up to seq " << *lastSeq << " or later";
    m_err << ").\n";
    m_err.flush();
    return Success;
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
    if (const auto clean = text::check(QStringLiteral("--name"), displayName, text::Kind::SingleLine); !clean)
        return usageError(clean.error().message);
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
