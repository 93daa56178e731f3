#include "startupoptions.h"

#include <QCommandLineParser>

namespace betthat::app {

StartupOptions StartupOptions::parse(const QStringList &arguments, const QString &logLevelEnvironment)
{
    StartupOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Bet That: watch your bets resolve in real time. Without options the app starts its bundled local "
           "server (first start: demo data) or connects to the server chosen in Settings."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
        tr("Connect to the Bet That server at <url> (e.g. https://bets.example.com)."), tr("url"));
    const QCommandLineOption token(
        QStringLiteral("token"), tr("The API token to sign in with (remote server)."), tr("token"));
    const QCommandLineOption local(
        QStringLiteral("local"), tr("Use the bundled local server (the default on first start)."));
    const QCommandLineOption headless(QStringLiteral("headless"),
        tr("Run only the server, without a window (same options as betthat-server)."));
    const QCommandLineOption lang(
        QStringLiteral("lang"), tr("User interface language: en, de or es."), tr("language"));
    const QCommandLineOption port(
        QStringLiteral("port"), tr("Port of the bundled local server on 127.0.0.1."), tr("port"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"), tr("Directory of the bundled server's database and token."), tr("path"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
        tr("DEBUG, INFO, WARNING or ERROR: what the app logs on stderr (default: $LOG_LEVEL, else INFO)."),
        tr("level"));
    parser.addOptions({ server, token, local, headless, lang, port, dataDir, logLevel });

    options.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    options.showHelp = parser.isSet(help);
    options.showVersion = parser.isSet(version);
    if (!parser.positionalArguments().isEmpty()) {
        options.error = tr("unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return options;
    }
    if (parser.isSet(local) && parser.isSet(server)) {
        options.error = tr("--local and --server exclude each other");
        return options;
    }
    if (parser.isSet(server)) {
        const QUrl url = QUrl::fromUserInput(parser.value(server));
        if (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty()) {
            options.error
                = tr("--server needs an http:// or https:// URL, got \"%1\"").arg(parser.value(server));
            return options;
        }
        options.serverUrl = url;
        options.mode = Mode::Remote;
    }
    if (parser.isSet(local))
        options.mode = Mode::Local;
    options.token = parser.value(token).trimmed();
    if (parser.isSet(lang)) {
        options.language = parser.value(lang).trimmed().toLower();
        static const QStringList known { QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es") };
        if (!known.contains(options.language)) {
            options.error = tr("--lang must be one of en, de, es; got \"%1\"").arg(parser.value(lang));
            return options;
        }
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const int value = parser.value(port).toInt(&ok);
        if (!ok || value < 1 || value > 65535) {
            options.error = tr("--port must be a number from 1 to 65535, got \"%1\"").arg(parser.value(port));
            return options;
        }
        options.port = static_cast<quint16>(value);
    }
    options.dataDir = parser.value(dataDir);
    // The same switch as betthat-server's, refused the same way: a typo must not silently mean INFO.
    const bool levelOption = parser.isSet(logLevel);
    const QString levelText = levelOption ? parser.value(logLevel) : logLevelEnvironment;
    if (!levelText.isEmpty()) {
        const auto level = logLevelFromName(levelText);
        if (!level) {
            options.error = (levelOption ? tr("--log-level must be DEBUG, INFO, WARNING or ERROR, got \"%1\"")
                                         : tr("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got \"%1\""))
                                .arg(levelText.left(32));
            return options;
        }
        options.logLevel = *level;
    }
    return options;
}

bool StartupOptions::isHeadless(const QStringList &arguments)
{
    return arguments.mid(1).contains(QStringLiteral("--headless"));
}

QStringList StartupOptions::serverArguments(const QStringList &arguments)
{
    QStringList result;
    for (int i = 0; i < arguments.size(); ++i) {
        if (i > 0
            && (arguments.at(i) == QLatin1String("--headless")
                || arguments.at(i) == QLatin1String("--local")))
            continue;
        result.append(arguments.at(i));
    }
    return result;
}

} // namespace betthat::app
