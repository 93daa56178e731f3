// Email configuration from the environment and the command line: names as the seed has them, bad values
// refused.
#include "server/email/emailoptions.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QTest>

using namespace betthat;
using namespace betthat::server;

namespace {

QProcessEnvironment environment(const QStringList &assignments)
{
    QProcessEnvironment env;
    for (const QString &a : assignments)
        env.insert(a.section(QLatin1Char('='), 0, 0), a.section(QLatin1Char('='), 1));
    return env;
}

} // namespace

class TestEmailOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromEnvironment_noServer_emailOff()
    {
        const auto config = emailConfigFromEnvironment(environment({}));
        QVERIFY(config);
        QVERIFY(!config->enabled);
    }

    void fromEnvironment_everyVariable_applied()
    {
        const auto config = emailConfigFromEnvironment(
            environment({ QStringLiteral("SMTP_SERVER=smtp.example.test"), QStringLiteral("SMTP_PORT=2525"),
                QStringLiteral("SMTP_USERNAME=mailer"), QStringLiteral("SMTP_PASSWORD=pa=ss word"),
                QStringLiteral("FROM_EMAIL=bets@example.test"), QStringLiteral("FROM_NAME=Bet That Ltd"),
                QStringLiteral("SMTP_TLS=STARTTLS"), QStringLiteral("EMAIL_NOTIFICATIONS=on") }));
        QVERIFY2(config, config ? "" : qPrintable(config.error().message));
        QVERIFY(config->enabled);
        QCOMPARE(config->server, QStringLiteral("smtp.example.test"));
        QCOMPARE(config->port, 2525);
        QCOMPARE(config->username, QStringLiteral("mailer"));
        QCOMPARE(config->password, QStringLiteral("pa=ss word"));
        QCOMPARE(config->fromEmail, QStringLiteral("bets@example.test"));
        QCOMPARE(config->fromName, QStringLiteral("Bet That Ltd"));
        QCOMPARE(config->tls, QStringLiteral("starttls"));
    }

    void fromEnvironment_tlsWithoutPort_usesThatModesPort_data()
    {
        QTest::addColumn<QString>("tls");
        QTest::addColumn<int>("port");
        QTest::newRow("none") << QStringLiteral("none") << 25;
        QTest::newRow("starttls") << QStringLiteral("starttls") << 587;
        QTest::newRow("ssl") << QStringLiteral("ssl") << 465;
    }

    void fromEnvironment_tlsWithoutPort_usesThatModesPort()
    {
        QFETCH(QString, tls);
        QFETCH(int, port);
        const auto config = emailConfigFromEnvironment(
            environment({ QStringLiteral("SMTP_SERVER=127.0.0.1"), QStringLiteral("SMTP_TLS=") + tls }));
        QVERIFY(config);
        QCOMPARE(config->port, port);
    }

    void fromEnvironment_notificationsOff_disablesEvenWithServer()
    {
        const auto config = emailConfigFromEnvironment(environment(
            { QStringLiteral("SMTP_SERVER=127.0.0.1"), QStringLiteral("EMAIL_NOTIFICATIONS=off") }));
        QVERIFY(config);
        QVERIFY(!config->enabled);
        QVERIFY(!config->notifications);
    }

    void fromEnvironment_provisional_offByDefault_onWhenAsked()
    {
        // Mail goes out when a result is confirmed; provisional settlements only when asked for.
        const auto byDefault = emailConfigFromEnvironment(environment({ QStringLiteral("SMTP_SERVER=127.0.0.1") }));
        QVERIFY(byDefault);
        QVERIFY(!byDefault->notifyProvisional);
        const auto asked = emailConfigFromEnvironment(
            environment({ QStringLiteral("SMTP_SERVER=127.0.0.1"), QStringLiteral("EMAIL_PROVISIONAL=on") }));
        QVERIFY(asked);
        QVERIFY(asked->notifyProvisional);
    }

    void fromEnvironment_badValue_refusedNamingTheVariable_data()
    {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("name");
        QTest::newRow("port not a number") << QStringLiteral("SMTP_PORT=abc") << QStringLiteral("SMTP_PORT");
        QTest::newRow("port zero") << QStringLiteral("SMTP_PORT=0") << QStringLiteral("SMTP_PORT");
        QTest::newRow("port too big") << QStringLiteral("SMTP_PORT=70000") << QStringLiteral("SMTP_PORT");
        QTest::newRow("tls unknown") << QStringLiteral("SMTP_TLS=tls1.3") << QStringLiteral("SMTP_TLS");
        QTest::newRow("from not an address")
            << QStringLiteral("FROM_EMAIL=nobody") << QStringLiteral("FROM_EMAIL");
        QTest::newRow("from with header injection")
            << QStringLiteral("FROM_EMAIL=a@b.test\r\nBcc: x@y.test") << QStringLiteral("FROM_EMAIL");
        QTest::newRow("notifications maybe")
            << QStringLiteral("EMAIL_NOTIFICATIONS=maybe") << QStringLiteral("EMAIL_NOTIFICATIONS");
        QTest::newRow("provisional maybe")
            << QStringLiteral("EMAIL_PROVISIONAL=maybe") << QStringLiteral("EMAIL_PROVISIONAL");
        QTest::newRow("server with a path")
            << QStringLiteral("SMTP_SERVER=smtp.test/x") << QStringLiteral("SMTP_SERVER");
    }

    void fromEnvironment_badValue_refusedNamingTheVariable()
    {
        QFETCH(QString, assignment);
        QFETCH(QString, name);
        const auto config = emailConfigFromEnvironment(
            environment({ QStringLiteral("SMTP_SERVER=127.0.0.1"), assignment }));
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(name), qPrintable(config.error().message));
        QCOMPARE(config.error().code, ErrorCode::BadRequest);
    }

    void fromEnvironment_badValueNextToPassword_neverEchoesPassword()
    {
        const auto config = emailConfigFromEnvironment(environment({ QStringLiteral("SMTP_SERVER=127.0.0.1"),
            QStringLiteral("SMTP_PASSWORD=hunter2-secret"), QStringLiteral("SMTP_PORT=x") }));
        QVERIFY(!config);
        QVERIFY(!config.error().message.contains(QStringLiteral("hunter2")));
    }

    void fromOptions_overrideEnvironment()
    {
        const auto fromEnv
            = emailConfigFromEnvironment(environment({ QStringLiteral("SMTP_SERVER=env.example.test"),
                QStringLiteral("SMTP_PORT=2525"), QStringLiteral("EMAIL_NOTIFICATIONS=off") }));
        QVERIFY(fromEnv);
        QCommandLineParser parser;
        addEmailOptions(parser);
        QVERIFY(parser.parse({ QStringLiteral("betthat-server"), QStringLiteral("--smtp-server"),
            QStringLiteral("cli.example.test"), QStringLiteral("--smtp-tls"), QStringLiteral("ssl"),
            QStringLiteral("--email-notifications"), QStringLiteral("on"), QStringLiteral("--from-name"),
            QStringLiteral("CLI") }));
        const auto config = emailConfigFromOptions(parser, *fromEnv);
        QVERIFY2(config, config ? "" : qPrintable(config.error().message));
        QVERIFY(config->enabled);
        QCOMPARE(config->server, QStringLiteral("cli.example.test"));
        QCOMPARE(config->port, 2525); // chosen before: a TLS mode does not move an explicit port
        QCOMPARE(config->tls, QStringLiteral("ssl"));
        QCOMPARE(config->fromName, QStringLiteral("CLI"));
    }

    void fromOptions_badValue_namesTheOption()
    {
        QCommandLineParser parser;
        addEmailOptions(parser);
        QVERIFY(parser.parse(
            { QStringLiteral("betthat-server"), QStringLiteral("--smtp-port"), QStringLiteral("-1") }));
        const auto config = emailConfigFromOptions(parser, EmailConfig {});
        QVERIFY(!config);
        QVERIFY2(config.error().message.contains(QStringLiteral("--smtp-port")),
            qPrintable(config.error().message));
    }

    void addEmailOptions_registersEveryOption()
    {
        QCommandLineParser parser;
        addEmailOptions(parser);
        const QString help = parser.helpText();
        for (const char *option : { "--smtp-server", "--smtp-port", "--smtp-username", "--smtp-password",
                 "--from-email", "--from-name", "--smtp-tls", "--email-notifications", "--email-provisional" })
            QVERIFY2(help.contains(QLatin1String(option)), option);
    }
};

QTEST_GUILESS_MAIN(TestEmailOptions)
#include "tst_emailoptions.moc"
