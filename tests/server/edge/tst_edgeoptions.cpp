// The edge's options table: environment variables, command-line options over them, units and ranges, and the
// defaults the documentation promises.
#include "server/edge/edgeoptions.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QTest>

using namespace betthat;
using namespace betthat::server;

namespace {

Result<ServerConfig> configFrom(const QStringList &arguments, const QList<QPair<QString, QString>> &variables)
{
    QCommandLineParser parser;
    addEdgeOptions(parser);
    if (!parser.parse(QStringList { QStringLiteral("betthat-server") } + arguments))
        return makeError(ErrorCode::BadRequest, parser.errorText());
    QProcessEnvironment env;
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    return applyEdgeOptions(parser, env, ServerConfig {});
}

} // namespace

class TestEdgeOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults_areTheDocumentedOnes()
    {
        const ServerConfig config;
        QCOMPARE(config.edge.maxRequestLineBytes, 8 * 1024);
        QCOMPARE(config.edge.maxHeaderBytes, 32 * 1024);
        QCOMPARE(config.edge.maxHeaderFields, 100);
        QCOMPARE(config.edge.headerTimeoutMs, 10000);
        QCOMPARE(config.edge.idleTimeoutMs, 60000);
        QVERIFY(config.realtime.maxConnections > 20000);
        const auto parsed = configFrom({}, {});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->edge.maxHttpConnections, config.edge.maxHttpConnections);
    }

    void values_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("variableValue");
        QTest::addColumn<QString>("field");
        QTest::addColumn<qint64>("expected");

        QTest::newRow("request line in KiB") << QStringList { QStringLiteral("--edge-max-request-line=4k") } << QString()
                                             << QString() << QStringLiteral("requestLine") << qint64(4096);
        QTest::newRow("header timeout in ms") << QStringList { QStringLiteral("--edge-header-timeout=250ms") }
                                              << QString() << QString() << QStringLiteral("headerTimeout") << qint64(250);
        QTest::newRow("idle timeout from the environment")
            << QStringList() << QStringLiteral("EDGE_IDLE_TIMEOUT") << QStringLiteral("2m")
            << QStringLiteral("idleTimeout") << qint64(120000);
        QTest::newRow("the option wins over the variable")
            << QStringList { QStringLiteral("--ws-max-connections=60000") } << QStringLiteral("WS_MAX_CONNECTIONS")
            << QStringLiteral("30000") << QStringLiteral("wsMax") << qint64(60000);
        QTest::newRow("body limit in MiB") << QStringList() << QStringLiteral("MAX_BODY_BYTES") << QStringLiteral("1m")
                                           << QStringLiteral("body") << qint64(1024 * 1024);
        QTest::newRow("per-address cap") << QStringList { QStringLiteral("--edge-max-http-connections-per-address=7") }
                                         << QString() << QString() << QStringLiteral("perAddress") << qint64(7);
    }

    void values()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, variableValue);
        QFETCH(QString, field);
        QFETCH(qint64, expected);
        QList<QPair<QString, QString>> variables;
        if (!variable.isEmpty())
            variables.append({ variable, variableValue });
        const auto config = configFrom(arguments, variables);
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        const QHash<QString, qint64> fields { { QStringLiteral("requestLine"), config->edge.maxRequestLineBytes },
            { QStringLiteral("headerTimeout"), config->edge.headerTimeoutMs },
            { QStringLiteral("idleTimeout"), config->edge.idleTimeoutMs },
            { QStringLiteral("wsMax"), config->realtime.maxConnections },
            { QStringLiteral("body"), config->maxBodyBytes },
            { QStringLiteral("perAddress"), config->edge.maxHttpConnectionsPerAddress } };
        QCOMPARE(fields.value(field), expected);
    }

    void badValues_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("not a duration") << QStringList { QStringLiteral("--edge-idle-timeout=soon") } << QString()
                                        << QStringLiteral("--edge-idle-timeout");
        QTest::newRow("not a size") << QStringList { QStringLiteral("--max-body-bytes=lots") } << QString()
                                    << QStringLiteral("--max-body-bytes");
        QTest::newRow("below the range") << QStringList { QStringLiteral("--edge-max-header-fields=1") } << QString()
                                         << QStringLiteral("--edge-max-header-fields");
        QTest::newRow("bad variable") << QStringList() << QStringLiteral("EDGE_HEADER_TIMEOUT")
                                      << QStringLiteral("EDGE_HEADER_TIMEOUT");
    }

    void badValues()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, mentions);
        QList<QPair<QString, QString>> variables;
        if (!variable.isEmpty())
            variables.append({ variable, QStringLiteral("-5") });
        const auto config = configFrom(arguments, variables);
        QVERIFY(!config.ok());
        QVERIFY2(config.error().message.contains(mentions), qPrintable(config.error().message));
    }
};

QTEST_GUILESS_MAIN(TestEdgeOptions)
#include "tst_edgeoptions.moc"
