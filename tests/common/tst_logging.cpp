// Logging setup shared by every process: LOG_LEVEL names and the category filter each level installs.
#include "common/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTest>

using namespace betthat;

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void levelFromName_data();
    void levelFromName();
    void rules_enableExactlyTheLevelAndAbove_data();
    void rules_enableExactlyTheLevelAndAbove();
    void formatFromName_data();
    void formatFromName();
    void redact_secretsInAnyShape_data();
    void redact_secretsInAnyShape();
    void record_json_oneObjectPerLineWithTheFields_data();
    void record_json_oneObjectPerLineWithTheFields();
    void record_text_oneLineEvenForMultiLineMessages();
};

void TestLogging::cleanup()
{
    QLoggingCategory::setFilterRules(QString());
}

void TestLogging::levelFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("level");
    QTest::newRow("DEBUG") << QStringLiteral("DEBUG") << true << int(LogLevel::Debug);
    QTest::newRow("debug lower-case") << QStringLiteral("debug") << true << int(LogLevel::Debug);
    QTest::newRow("INFO") << QStringLiteral("INFO") << true << int(LogLevel::Info);
    QTest::newRow("Warning mixed case") << QStringLiteral("Warning") << true << int(LogLevel::Warning);
    QTest::newRow("ERROR padded") << QStringLiteral(" ERROR ") << true << int(LogLevel::Error);
    QTest::newRow("WARN is not a level") << QStringLiteral("WARN") << false << 0;
    QTest::newRow("TRACE") << QStringLiteral("TRACE") << false << 0;
    QTest::newRow("empty") << QString() << false << 0;
}

void TestLogging::levelFromName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(int, level);
    const auto parsed = logLevelFromName(name);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(int(*parsed), level);
        QCOMPARE(logLevelFromName(logLevelName(*parsed)), parsed);
    }
}

void TestLogging::rules_enableExactlyTheLevelAndAbove_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<bool>("debug");
    QTest::addColumn<bool>("info");
    QTest::addColumn<bool>("warning");
    QTest::newRow("DEBUG") << int(LogLevel::Debug) << true << true << true;
    QTest::newRow("INFO") << int(LogLevel::Info) << false << true << true;
    QTest::newRow("WARNING") << int(LogLevel::Warning) << false << false << true;
    QTest::newRow("ERROR") << int(LogLevel::Error) << false << false << false;
}

void TestLogging::rules_enableExactlyTheLevelAndAbove()
{
    QFETCH(int, level);
    QFETCH(bool, debug);
    QFETCH(bool, info);
    QFETCH(bool, warning);
    QLoggingCategory::setFilterRules(loggingRulesFor(LogLevel(level)));
    for (const char *name : { "betthat.server.http", "betthat.server.ws", "betthat.app.net" }) {
        const QLoggingCategory category(name);
        QCOMPARE(category.isDebugEnabled(), debug);
        QCOMPARE(category.isInfoEnabled(), info);
        QCOMPARE(category.isWarningEnabled(), warning);
        QVERIFY(category.isCriticalEnabled()); // errors always get through
    }
    // Qt's own debug output never floods a DEBUG log.
    const QLoggingCategory qtCategory("qt.network.socket");
    QVERIFY(!qtCategory.isDebugEnabled());
    QCOMPARE(qtCategory.isWarningEnabled(), warning);
}

void TestLogging::formatFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("format");
    QTest::newRow("text") << QStringLiteral("text") << true << int(LogFormat::Text);
    QTest::newRow("JSON upper-case") << QStringLiteral("JSON") << true << int(LogFormat::Json);
    QTest::newRow("logfmt is not one") << QStringLiteral("logfmt") << false << 0;
    QTest::newRow("empty") << QString() << false << 0;
}

void TestLogging::formatFromName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(int, format);
    const auto parsed = logFormatFromName(name);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(int(*parsed), format);
        QCOMPARE(logFormatFromName(logFormatName(*parsed)), parsed);
    }
}

void TestLogging::redact_secretsInAnyShape_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("kept"); // what must survive, so redaction does not eat the whole line
    QTest::newRow("Authorization header") << QStringLiteral("request headers: Authorization: Bearer abc123xyz, Host: x")
                                          << QStringLiteral("abc123xyz") << QStringLiteral("Host: x");
    QTest::newRow("authorization lower-case basic")
        << QStringLiteral("authorization: Basic dXNlcjpwYXNz") << QStringLiteral("dXNlcjpwYXNz")
        << QStringLiteral("authorization:");
    QTest::newRow("bearer alone") << QStringLiteral("sent bearer s3cr3t-t0ken to upstream")
                                  << QStringLiteral("s3cr3t-t0ken") << QStringLiteral("to upstream");
    QTest::newRow("token in a WebSocket URL")
        << QStringLiteral("upgrade /ws/bet-updates?user_id=bob&token=demo-bob&since_seq=4")
        << QStringLiteral("demo-bob") << QStringLiteral("since_seq=4");
    QTest::newRow("password form value") << QStringLiteral("body user=a&password=hunter2&x=1")
                                         << QStringLiteral("hunter2") << QStringLiteral("x=1");
    QTest::newRow("SMTP AUTH PLAIN") << QStringLiteral("C: AUTH PLAIN AGJvYgBodW50ZXIy")
                                     << QStringLiteral("AGJvYgBodW50ZXIy") << QStringLiteral("AUTH PLAIN");
    QTest::newRow("API token") << QStringLiteral("issued bt_Zm9vYmFyYmF6cXV4 for dave")
                               << QStringLiteral("bt_Zm9vYmFyYmF6cXV4") << QStringLiteral("for dave");
    QTest::newRow("registered SMTP password") << QStringLiteral("smtp said: 535 bad credentials for pa55-w0rd!")
                                              << QStringLiteral("pa55-w0rd!") << QStringLiteral("535 bad credentials");
}

void TestLogging::redact_secretsInAnyShape()
{
    QFETCH(QString, line);
    QFETCH(QString, secret);
    QFETCH(QString, kept);
    addLogSecret(QStringLiteral("pa55-w0rd!"));
    const QString redacted = redactSecrets(line);
    QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
    QVERIFY2(redacted.contains(QStringLiteral("[redacted]")), qPrintable(redacted));
    QVERIFY2(redacted.contains(kept), qPrintable(redacted));
    // Ordinary text is left alone.
    QCOMPARE(redactSecrets(QStringLiteral("resolved bet 42 for alice in 3 ms")),
        QStringLiteral("resolved bet 42 for alice in 3 ms"));
}

void TestLogging::record_json_oneObjectPerLineWithTheFields_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<QString>("level");
    QTest::newRow("debug of ours") << int(QtDebugMsg) << QByteArray("betthat.server.ws") << QStringLiteral("DEBUG");
    QTest::newRow("warning of Qt's") << int(QtWarningMsg) << QByteArray("qt.network.ssl") << QStringLiteral("WARNING");
    QTest::newRow("critical") << int(QtCriticalMsg) << QByteArray("betthat.server.storage") << QStringLiteral("ERROR");
}

void TestLogging::record_json_oneObjectPerLineWithTheFields()
{
    QFETCH(int, type);
    QFETCH(QByteArray, category);
    QFETCH(QString, level);
    const QMessageLogContext context(nullptr, 0, nullptr, category.constData());
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(1700000000123LL, Qt::UTC);
    const QString line = formatLogRecord(QtMsgType(type), context,
        QStringLiteral("GET /ws?token=abc123 \"quoted\"\nsecond line"), LogFormat::Json, time);
    QVERIFY(!line.contains(QLatin1Char('\n')));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
    QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
    const QJsonObject record = doc.object();
    QCOMPARE(record.keys(), (QStringList { QStringLiteral("category"), QStringLiteral("level"), QStringLiteral("message"),
                                QStringLiteral("time") }));
    QCOMPARE(record.value(QStringLiteral("time")).toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(record.value(QStringLiteral("level")).toString(), level);
    QCOMPARE(record.value(QStringLiteral("category")).toString(), QString::fromLatin1(category));
    QCOMPARE(record.value(QStringLiteral("message")).toString(),
        QStringLiteral("GET /ws?token=[redacted] \"quoted\"\nsecond line"));
}

void TestLogging::record_text_oneLineEvenForMultiLineMessages()
{
    const QMessageLogContext context(nullptr, 0, nullptr, "qt.httpserver");
    const QString line = formatLogRecord(QtWarningMsg, context,
        QStringLiteral("bad request:\r\nAuthorization: Bearer zzz999\r\nHost: a"), LogFormat::Text,
        QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    QVERIFY2(!line.contains(QLatin1Char('\n')) && !line.contains(QLatin1Char('\r')), qPrintable(line));
    QVERIFY2(line.startsWith(QStringLiteral("1970-01-01T00:00:00.000Z ")), qPrintable(line));
    QVERIFY2(!line.contains(QStringLiteral("zzz999")), qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("Host: a")), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
