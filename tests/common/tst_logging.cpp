// Logging setup shared by every process: LOG_LEVEL names and the category filter each level installs.
#include "common/logging.h"

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

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
