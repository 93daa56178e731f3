// The one table of server options: every option through the config file, unknown keys, precedence of the
// command line over the environment over the file over the defaults, and --print-config.
#include "server/cli/serveroptions.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace betthat;
using namespace betthat::server;

namespace {

// A value for every key that differs from its default, as the option prints it back.
QHash<QString, QString> samples()
{
    return {
        { QStringLiteral("http/bind"), QStringLiteral("0.0.0.0") },
        { QStringLiteral("http/port"), QStringLiteral("9123") },
        { QStringLiteral("http/max_body_bytes"), QStringLiteral("131072") },
        { QStringLiteral("http/listen_backlog"), QStringLiteral("2048") },
        { QStringLiteral("database/path"), QStringLiteral("/var/lib/betthat/bt.sqlite") },
        { QStringLiteral("bets/dispute_window"), QStringLiteral("36h") },
        { QStringLiteral("server/demo"), QStringLiteral("on") },
        { QStringLiteral("log/level"), QStringLiteral("DEBUG") },
        { QStringLiteral("log/format"), QStringLiteral("json") },
        { QStringLiteral("metrics/bind"), QStringLiteral("::1") },
        { QStringLiteral("metrics/port"), QStringLiteral("9464") },
        { QStringLiteral("realtime/enabled"), QStringLiteral("off") },
        { QStringLiteral("realtime/ping_interval"), QStringLiteral("15s") },
        { QStringLiteral("realtime/max_pending_bytes"), QStringLiteral("2097152") },
        { QStringLiteral("realtime/max_queued_messages"), QStringLiteral("500") },
        { QStringLiteral("realtime/max_connections"), QStringLiteral("300") },
        { QStringLiteral("realtime/max_connections_per_user"), QStringLiteral("3") },
        { QStringLiteral("realtime/new_connections_per_user_per_second"), QStringLiteral("0.5") },
        { QStringLiteral("realtime/new_connections_per_user_burst"), QStringLiteral("7") },
        { QStringLiteral("edge/max_request_line_bytes"), QStringLiteral("4096") },
        { QStringLiteral("edge/max_header_bytes"), QStringLiteral("4096") },
        { QStringLiteral("edge/max_header_fields"), QStringLiteral("77") },
        { QStringLiteral("edge/header_timeout"), QStringLiteral("3s") },
        { QStringLiteral("edge/body_timeout"), QStringLiteral("3s") },
        { QStringLiteral("edge/idle_timeout"), QStringLiteral("3s") },
        { QStringLiteral("edge/max_pending_answer_bytes"), QStringLiteral("2097152") },
        { QStringLiteral("edge/pipeline_stall_timeout"), QStringLiteral("3s") },
        { QStringLiteral("edge/handshake_timeout"), QStringLiteral("3s") },
        { QStringLiteral("edge/linger"), QStringLiteral("3s") },
        { QStringLiteral("edge/max_http_connections"), QStringLiteral("77") },
        { QStringLiteral("edge/max_http_connections_per_address"), QStringLiteral("77") },
        { QStringLiteral("edge/accept_retry"), QStringLiteral("3s") },
        { QStringLiteral("realtime/allowed_origins"), QStringLiteral("https://bets.example.test,https://ops.example.test") },
        { QStringLiteral("limits/requests_per_second"), QStringLiteral("2.5") },
        { QStringLiteral("limits/requests_burst"), QStringLiteral("40") },
        { QStringLiteral("limits/operator_requests_per_second"), QStringLiteral("50") },
        { QStringLiteral("limits/operator_requests_burst"), QStringLiteral("90") },
        { QStringLiteral("limits/failed_auth_per_second"), QStringLiteral("0.1") },
        { QStringLiteral("limits/failed_auth_burst"), QStringLiteral("4") },
        { QStringLiteral("realtime/replay_batch"), QStringLiteral("50") },
        { QStringLiteral("realtime/replay_retry_delay"), QStringLiteral("250ms") },
        { QStringLiteral("realtime/replay_max_failures"), QStringLiteral("3") },
        { QStringLiteral("realtime/feed_poll_interval"), QStringLiteral("2s") },
        { QStringLiteral("realtime/reconnect_jitter"), QStringLiteral("3s") },
        { QStringLiteral("realtime/max_invalid_messages"), QStringLiteral("4") },
        { QStringLiteral("realtime/close_grace"), QStringLiteral("1s") },
        { QStringLiteral("realtime/socket_send_buffer_bytes"), QStringLiteral("65536") },
        { QStringLiteral("email/server"), QStringLiteral("mail.example.test") },
        { QStringLiteral("email/tls"), QStringLiteral("ssl") },
        { QStringLiteral("email/port"), QStringLiteral("2525") },
        { QStringLiteral("email/username"), QStringLiteral("bob") },
        { QStringLiteral("email/password"), QStringLiteral("s3cret-pw") },
        { QStringLiteral("email/from_email"), QStringLiteral("ops@example.test") },
        { QStringLiteral("email/from_name"), QStringLiteral("Bet That Ops") },
        { QStringLiteral("email/notifications"), QStringLiteral("off") },
        { QStringLiteral("email/provisional"), QStringLiteral("on") },
        { QStringLiteral("email/ca_file"), QStringLiteral("/etc/ssl/ca.pem") },
        { QStringLiteral("email/max_attempts"), QStringLiteral("5") },
        { QStringLiteral("email/retry_base"), QStringLiteral("5s") },
        { QStringLiteral("email/retry_cap"), QStringLiteral("10m") },
        { QStringLiteral("email/poll_interval"), QStringLiteral("3s") },
        { QStringLiteral("email/timeout"), QStringLiteral("20s") },
        { QStringLiteral("email/batch_size"), QStringLiteral("10") },
        { QStringLiteral("webhooks/enabled"), QStringLiteral("off") },
        { QStringLiteral("webhooks/allow_private"), QStringLiteral("on") },
        { QStringLiteral("webhooks/retry_base"), QStringLiteral("2s") },
        { QStringLiteral("webhooks/retry_cap"), QStringLiteral("30m") },
        { QStringLiteral("webhooks/failure_threshold"), QStringLiteral("7") },
        { QStringLiteral("webhooks/timeout"), QStringLiteral("5s") },
        { QStringLiteral("webhooks/poll_interval"), QStringLiteral("4s") },
        { QStringLiteral("webhooks/batch_size"), QStringLiteral("20") },
        { QStringLiteral("webhooks/keep_deliveries"), QStringLiteral("30") },
        { QStringLiteral("webhooks/max_endpoints"), QStringLiteral("12") },
    };
}

const EffectiveOption *findEffective(const ResolvedSettings &resolved, const QString &key)
{
    for (const EffectiveOption &effective : resolved.effective)
        if (effective.option->key == key)
            return &effective;
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(betthat::server::OptionSource)

class TestServerOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void table_everyOptionHasUniqueNamesAndASample();
    void file_everyOptionRoundTrips_data();
    void file_everyOptionRoundTrips();
    void file_unknownKey_failsNamingIt();
    void file_badValue_failsNamingKeyAndFile();
    void file_missing_fails();
    void precedence_commandLineOverEnvironmentOverFileOverDefault_data();
    void precedence_commandLineOverEnvironmentOverFileOverDefault();
    void printConfig_masksSecretsAndReadsBackAsTheSameConfig();
    void docs_operationsListsEveryOption();
    void smtpTls_withoutAPort_meansThatModesPort_data();
    void smtpTls_withoutAPort_meansThatModesPort();

private:
    Result<ResolvedSettings> resolve(const QStringList &arguments, const QStringList &environment = {});
    QString writeFile(const QString &contents);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_files = 0;
};

void TestServerOptions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Result<ResolvedSettings> TestServerOptions::resolve(const QStringList &arguments, const QStringList &environment)
{
    QCommandLineParser parser;
    addServerOptions(parser);
    if (!parser.parse(QStringList { QStringLiteral("betthat-server") } + arguments))
        return makeError(ErrorCode::BadRequest, parser.errorText());
    QProcessEnvironment env; // empty: the test machine's variables must not leak in
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    return resolveServerSettings(parser, env);
}

QString TestServerOptions::writeFile(const QString &contents)
{
    const QString path = m_dir->filePath(QStringLiteral("server%1.conf").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(contents.toUtf8());
    return path;
}

void TestServerOptions::table_everyOptionHasUniqueNamesAndASample()
{
    QSet<QString> names, envs, keys;
    const auto known = samples();
    for (const ServerOption &option : serverOptions()) {
        QVERIFY2(!names.contains(option.name), qPrintable(option.name));
        QVERIFY2(!envs.contains(option.env), qPrintable(option.env));
        QVERIFY2(!keys.contains(option.key), qPrintable(option.key));
        names.insert(option.name);
        envs.insert(option.env);
        keys.insert(option.key);
        QVERIFY2(option.key.count(QLatin1Char('/')) == 1, qPrintable(option.key));
        QVERIFY2(!option.help.isEmpty(), qPrintable(option.name));
        // A new row needs a sample here, so the round trip below covers it.
        QVERIFY2(known.contains(option.key), qPrintable(QStringLiteral("no sample for ") + option.key));
    }
    QCOMPARE(keys.size(), known.size());
}

void TestServerOptions::file_everyOptionRoundTrips_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    const auto known = samples();
    for (const ServerOption &option : serverOptions())
        QTest::newRow(qPrintable(option.key)) << option.key << known.value(option.key);
}

void TestServerOptions::file_everyOptionRoundTrips()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QString path = writeFile(QStringLiteral("[%1]\n%2=%3\n")
                                       .arg(key.section(QLatin1Char('/'), 0, 0), key.section(QLatin1Char('/'), 1),
                                           value));
    const auto resolved = resolve({ QStringLiteral("--config"), path });
    QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().message));
    const EffectiveOption *effective = findEffective(*resolved, key);
    QVERIFY(effective);
    QCOMPARE(effective->source, OptionSource::File);
    // Applied to the configuration and read back from it: the same text, and not the default.
    QCOMPARE(effective->value, value);
    QVERIFY(effective->option->current(ServerSettings {}) != value);
    // The same value through the environment and the command line lands in the same place.
    const auto fromEnv = resolve({}, { effective->option->env + QLatin1Char('=') + value });
    QVERIFY2(fromEnv.ok(), fromEnv.ok() ? "" : qPrintable(fromEnv.error().message));
    QCOMPARE(findEffective(*fromEnv, key)->value, value);
    const QStringList cli = effective->option->valueName.isEmpty()
        ? QStringList { QStringLiteral("--") + effective->option->name }
        : QStringList { QStringLiteral("--") + effective->option->name, value };
    if (!effective->option->valueName.isEmpty() || value == QLatin1String("on")) {
        const auto fromCli = resolve(cli);
        QVERIFY2(fromCli.ok(), fromCli.ok() ? "" : qPrintable(fromCli.error().message));
        QCOMPARE(findEffective(*fromCli, key)->value, value);
        QCOMPARE(findEffective(*fromCli, key)->source, OptionSource::CommandLine);
    }
}

void TestServerOptions::file_unknownKey_failsNamingIt()
{
    const QString path = writeFile(QStringLiteral("[http]\nport=8001\nprot=8002\n"));
    const auto resolved = resolve({ QStringLiteral("--config"), path });
    QVERIFY(!resolved.ok());
    QVERIFY2(resolved.error().message.contains(QStringLiteral("unknown key 'http/prot'")),
        qPrintable(resolved.error().message));
    QVERIFY(resolved.error().message.contains(path));

    // A key outside any section is unknown too (every option lives in a section).
    const auto general = resolve({ QStringLiteral("--config"), writeFile(QStringLiteral("port=8001\n")) });
    QVERIFY(!general.ok());
    QVERIFY2(general.error().message.contains(QStringLiteral("unknown key 'port'")), qPrintable(general.error().message));
}

void TestServerOptions::file_badValue_failsNamingKeyAndFile()
{
    const QString path = writeFile(QStringLiteral("[realtime]\nmax_connections=lots\n"));
    const auto resolved = resolve({ QStringLiteral("--config"), path });
    QVERIFY(!resolved.ok());
    QVERIFY2(resolved.error().message.contains(QStringLiteral("realtime/max_connections")),
        qPrintable(resolved.error().message));
    QVERIFY(resolved.error().message.contains(path));
    QVERIFY(resolved.error().message.contains(QStringLiteral("'lots'")));
}

void TestServerOptions::file_missing_fails()
{
    const QString path = m_dir->filePath(QStringLiteral("nope.conf"));
    const auto viaOption = resolve({ QStringLiteral("--config"), path });
    QVERIFY(!viaOption.ok());
    QVERIFY2(viaOption.error().message.contains(QStringLiteral("cannot read the config file")),
        qPrintable(viaOption.error().message));
    const auto viaEnv = resolve({}, { QStringLiteral("BETTHAT_CONFIG=") + path });
    QVERIFY(!viaEnv.ok());
}

void TestServerOptions::precedence_commandLineOverEnvironmentOverFileOverDefault_data()
{
    QTest::addColumn<bool>("cli");
    QTest::addColumn<bool>("env");
    QTest::addColumn<bool>("file");
    QTest::addColumn<QString>("port");
    QTest::addColumn<OptionSource>("source");
    QTest::newRow("nothing: default") << false << false << false << QStringLiteral("8000") << OptionSource::Default;
    QTest::newRow("file") << false << false << true << QStringLiteral("3333") << OptionSource::File;
    QTest::newRow("environment over file") << false << true << true << QStringLiteral("2222")
                                           << OptionSource::Environment;
    QTest::newRow("environment alone") << false << true << false << QStringLiteral("2222")
                                       << OptionSource::Environment;
    QTest::newRow("command line over all") << true << true << true << QStringLiteral("1111")
                                           << OptionSource::CommandLine;
    QTest::newRow("command line over file") << true << false << true << QStringLiteral("1111")
                                            << OptionSource::CommandLine;
}

void TestServerOptions::precedence_commandLineOverEnvironmentOverFileOverDefault()
{
    QFETCH(bool, cli);
    QFETCH(bool, env);
    QFETCH(bool, file);
    QFETCH(QString, port);
    QFETCH(OptionSource, source);
    QStringList arguments;
    QStringList environment;
    if (file)
        arguments << QStringLiteral("--config") << writeFile(QStringLiteral("[http]\nport=3333\n[log]\nlevel=ERROR\n"));
    if (env)
        environment << QStringLiteral("BETTHAT_PORT=2222") << QStringLiteral("LOG_LEVEL=WARNING");
    if (cli)
        arguments << QStringLiteral("--port") << QStringLiteral("1111") << QStringLiteral("--log-level")
                  << QStringLiteral("DEBUG");
    const auto resolved = resolve(arguments, environment);
    QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().message));
    QCOMPARE(QString::number(resolved->settings.config.port), port);
    QCOMPARE(findEffective(*resolved, QStringLiteral("http/port"))->source, source);
    // Another option follows the same order.
    const LogLevel level = cli ? LogLevel::Debug : env ? LogLevel::Warning : file ? LogLevel::Error : LogLevel::Info;
    QCOMPARE(resolved->settings.logLevel, level);
}

void TestServerOptions::printConfig_masksSecretsAndReadsBackAsTheSameConfig()
{
    const QString path = writeFile(QStringLiteral("[email]\nserver=mail.example.test\npassword=\"pa;ss, word\"\n"
                                                  "from_name=\"Bet That, Ops\"\n[realtime]\nmax_connections=42\n"));
    const auto resolved = resolve({ QStringLiteral("--config"), path, QStringLiteral("--port"), QStringLiteral("0") },
        { QStringLiteral("SMTP_USERNAME=carol") });
    QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().message));
    QCOMPARE(resolved->settings.config.email.password, QStringLiteral("pa;ss, word"));
    QCOMPARE(resolved->settings.config.email.fromName, QStringLiteral("Bet That, Ops"));
    const QString printed = formatEffectiveConfig(*resolved);
    QVERIFY2(!printed.contains(QStringLiteral("pa;ss")), qPrintable(printed));
    QVERIFY(printed.contains(QStringLiteral("password=********")));
    QVERIFY(printed.contains(QStringLiteral("; from the environment: SMTP_USERNAME")));
    QVERIFY(printed.contains(QStringLiteral("; from the command line: --port")));
    QVERIFY(printed.contains(QStringLiteral("max_connections=42")));

    // The printout is itself a valid config file: reading it back gives the same effective values (the
    // masked secret aside).
    const QString again = writeFile(printed);
    const auto reread = resolve({ QStringLiteral("--config"), again });
    QVERIFY2(reread.ok(), reread.ok() ? "" : qPrintable(reread.error().message));
    for (int i = 0; i < resolved->effective.size(); ++i) {
        const EffectiveOption &first = resolved->effective.at(i);
        if (first.option->secret)
            continue;
        QCOMPARE(reread->effective.at(i).value, first.value);
    }
}

void TestServerOptions::docs_operationsListsEveryOption()
{
    // docs/OPERATIONS.md's table: a row per option with its three names and its default.
    QFile doc(qEnvironmentVariable("BETTHAT_SOURCE_DIR") + QStringLiteral("/docs/OPERATIONS.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
    const QStringList lines = QString::fromUtf8(doc.readAll()).split(QLatin1Char('\n'));
    const ServerSettings defaults;
    for (const ServerOption &option : serverOptions()) {
        const QString prefix = QStringLiteral("| `--%1").arg(option.name);
        const auto row = std::find_if(lines.cbegin(), lines.cend(), [&prefix](const QString &line) {
            return line.startsWith(prefix + QLatin1Char('`')) || line.startsWith(prefix + QLatin1Char(' '));
        });
        QVERIFY2(row != lines.cend(), qPrintable(QStringLiteral("no row for --") + option.name));
        QVERIFY2(row->contains(QStringLiteral("| `%1` | `%2` |").arg(option.env, option.key)), qPrintable(*row));
        const QString byDefault = option.current(defaults);
        if (!byDefault.isEmpty() && option.key != QLatin1String("database/path"))
            QVERIFY2(row->contains(QStringLiteral("| `%1` |").arg(byDefault)), qPrintable(*row));
    }
}

void TestServerOptions::smtpTls_withoutAPort_meansThatModesPort_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("port");
    QTest::newRow("nothing: 25") << QStringList {} << QStringList {} << QString() << 25;
    QTest::newRow("ssl: 465") << QStringList {} << QStringList { QStringLiteral("SMTP_TLS=ssl") } << QString() << 465;
    QTest::newRow("starttls in the file: 587") << QStringList {} << QStringList {}
                                               << QStringLiteral("[email]\ntls=starttls\n") << 587;
    QTest::newRow("a port wins over the mode's") << QStringList {}
                                                 << QStringList { QStringLiteral("SMTP_TLS=ssl"), QStringLiteral("SMTP_PORT=2525") }
                                                 << QString() << 2525;
    QTest::newRow("port from the file, mode from the command line")
        << QStringList { QStringLiteral("--smtp-tls"), QStringLiteral("starttls") } << QStringList {}
        << QStringLiteral("[email]\nport=2626\n") << 2626;
}

void TestServerOptions::smtpTls_withoutAPort_meansThatModesPort()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, file);
    QFETCH(int, port);
    if (!file.isEmpty())
        arguments << QStringLiteral("--config") << writeFile(file);
    const auto resolved = resolve(arguments, environment);
    QVERIFY2(resolved.ok(), resolved.ok() ? "" : qPrintable(resolved.error().message));
    QCOMPARE(resolved->settings.config.email.port, port);
}

QTEST_GUILESS_MAIN(TestServerOptions)
#include "tst_serveroptions.moc"
