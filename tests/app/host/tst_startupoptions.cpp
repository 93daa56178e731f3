// StartupOptions: every option, the errors a user can make, and what --headless hands to the server.
#include "app/host/startupoptions.h"

#include <QTest>

using namespace betthat::app;

Q_DECLARE_METATYPE(betthat::app::StartupOptions::Mode)

class TestStartupOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::addColumn<StartupOptions::Mode>("mode");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("language");
        using Mode = StartupOptions::Mode;
        QTest::newRow("nothing") << QStringList {} << "" << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("local with port")
            << QStringList { "--local", "--port", "8100" } << "" << Mode::Local << "" << 8100 << "";
        QTest::newRow("remote") << QStringList { "--server", "https://bets.example.com", "--token", "abc" }
                                << "" << Mode::Remote << "https://bets.example.com" << 0 << "";
        QTest::newRow("host only becomes http") << QStringList { "--server", "127.0.0.1:8000" } << ""
                                                << Mode::Remote << "http://127.0.0.1:8000" << 0 << "";
        QTest::newRow("language") << QStringList { "--lang", "DE" } << "" << Mode::FromSettings << "" << 0
                                  << "de";
        QTest::newRow("unknown language")
            << QStringList { "--lang", "fr" } << "--lang must be one of en, de, es; got \"fr\""
            << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("port not a number")
            << QStringList { "--port", "eighty" } << "--port must be a number from 1 to 65535, got \"eighty\""
            << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("port too big")
            << QStringList { "--port", "70000" } << "--port must be a number from 1 to 65535, got \"70000\""
            << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("ftp server") << QStringList { "--server", "ftp://example.com" }
                                    << "--server needs an http:// or https:// URL, got \"ftp://example.com\""
                                    << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("local and server")
            << QStringList { "--local", "--server", "http://x.example" }
            << "--local and --server exclude each other" << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("unknown option") << QStringList { "--frobnicate" } << "Unknown option 'frobnicate'."
                                        << Mode::FromSettings << "" << 0 << "";
        QTest::newRow("stray argument")
            << QStringList { "stray" } << "unexpected argument: stray" << Mode::FromSettings << "" << 0 << "";
    }

    void parse()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        QFETCH(StartupOptions::Mode, mode);
        QFETCH(QString, url);
        QFETCH(int, port);
        QFETCH(QString, language);
        arguments.prepend(QStringLiteral("betthat"));
        const StartupOptions options = StartupOptions::parse(arguments);
        QCOMPARE(options.error, error);
        QCOMPARE(options.ok(), error.isEmpty());
        if (!options.ok())
            return;
        QCOMPARE(options.mode, mode);
        QCOMPARE(options.serverUrl.toString(), url);
        QCOMPARE(options.port.value_or(0), port);
        QCOMPARE(options.language, language);
    }

    void logLevel_optionWins_elseLogLevelVariable_elseInfo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("level");
        QTest::newRow("neither") << QStringList {} << ""
                                 << "" << int(betthat::LogLevel::Info);
        QTest::newRow("option") << QStringList { "--log-level", "debug" } << ""
                                << "" << int(betthat::LogLevel::Debug);
        QTest::newRow("environment") << QStringList {} << "WARNING"
                                     << "" << int(betthat::LogLevel::Warning);
        QTest::newRow("option over environment") << QStringList { "--log-level", "ERROR" } << "DEBUG"
                                                 << "" << int(betthat::LogLevel::Error);
        QTest::newRow("bad option") << QStringList { "--log-level", "loud" } << "DEBUG"
                                    << "--log-level must be DEBUG, INFO, WARNING or ERROR, got \"loud\"" << 0;
        QTest::newRow("bad environment")
            << QStringList {} << "WARN"
            << "LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got \"WARN\"" << 0;
        QTest::newRow("good option hides bad environment") << QStringList { "--log-level", "info" } << "WARN"
                                                           << "" << int(betthat::LogLevel::Info);
    }

    void logLevel_optionWins_elseLogLevelVariable_elseInfo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, environment);
        QFETCH(QString, error);
        QFETCH(int, level);
        arguments.prepend(QStringLiteral("betthat"));
        const StartupOptions options = StartupOptions::parse(arguments, environment);
        QCOMPARE(options.error, error);
        if (options.ok())
            QCOMPARE(int(options.logLevel), level);
    }

    void help_listsTheOptions()
    {
        const StartupOptions options
            = StartupOptions::parse({ QStringLiteral("betthat"), QStringLiteral("--help") });
        QVERIFY(options.showHelp);
        for (const char *name :
            { "--server", "--token", "--local", "--headless", "--lang", "--port", "--log-level" })
            QVERIFY2(options.helpText.contains(QLatin1String(name)), name);
    }

    void headless_isDetected_andStrippedForTheServer()
    {
        const QStringList arguments { QStringLiteral("betthat"), QStringLiteral("--headless"),
            QStringLiteral("--local"), QStringLiteral("--port"), QStringLiteral("9000"),
            QStringLiteral("--demo") };
        QVERIFY(StartupOptions::isHeadless(arguments));
        QCOMPARE(StartupOptions::serverArguments(arguments),
            (QStringList { "betthat", "--port", "9000", "--demo" }));
        // --log-level means the same to both command lines: it goes through to the server's.
        QCOMPARE(StartupOptions::serverArguments({ QStringLiteral("betthat"), QStringLiteral("--headless"),
                     QStringLiteral("--log-level"), QStringLiteral("DEBUG") }),
            (QStringList { "betthat", "--log-level", "DEBUG" }));
        QVERIFY(!StartupOptions::isHeadless(
            { QStringLiteral("--headless") })); // the program name is not an option
        QVERIFY(!StartupOptions::isHeadless({ QStringLiteral("betthat"), QStringLiteral("--local") }));
    }
};

QTEST_GUILESS_MAIN(TestStartupOptions)
#include "tst_startupoptions.moc"
