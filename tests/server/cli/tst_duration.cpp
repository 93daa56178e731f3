// parseDurationMs: the --dispute-window syntax, accepted and refused forms.
#include "server/cli/duration.h"

#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TestDuration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_validForms_giveMilliseconds_data();
    void parse_validForms_giveMilliseconds();
    void parse_invalidForms_refusedWithExamples_data();
    void parse_invalidForms_refusedWithExamples();
};

void TestDuration::parse_validForms_giveMilliseconds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("days") << QStringLiteral("7d") << qint64(7) * 24 * 3600 * 1000;
    QTest::newRow("hours") << QStringLiteral("48h") << qint64(48) * 3600 * 1000;
    QTest::newRow("minutes") << QStringLiteral("90m") << qint64(90) * 60 * 1000;
    QTest::newRow("seconds") << QStringLiteral("3600s") << qint64(3600) * 1000;
    QTest::newRow("one second") << QStringLiteral("1s") << qint64(1000);
    QTest::newRow("surrounding blanks") << QStringLiteral(" 2h ") << qint64(2) * 3600 * 1000;
    QTest::newRow("upper bound") << QStringLiteral("3650d") << qint64(3650) * 24 * 3600 * 1000;
    QTest::newRow("upper bound in seconds") << QStringLiteral("315360000s") << qint64(315360000) * 1000;
}

void TestDuration::parse_validForms_giveMilliseconds()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto parsed = parseDurationMs(text);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(*parsed, ms);
}

void TestDuration::parse_invalidForms_refusedWithExamples_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    const QString form = QStringLiteral("followed by d, h, m or s");
    QTest::newRow("empty") << QString() << form;
    QTest::newRow("no unit") << QStringLiteral("3600") << form;
    QTest::newRow("unknown unit") << QStringLiteral("7x") << form;
    QTest::newRow("weeks") << QStringLiteral("2w") << form;
    QTest::newRow("upper-case unit") << QStringLiteral("7D") << form;
    QTest::newRow("two units") << QStringLiteral("1h30m") << form;
    QTest::newRow("fraction") << QStringLiteral("1.5h") << form;
    QTest::newRow("negative") << QStringLiteral("-7d") << form;
    QTest::newRow("unit only") << QStringLiteral("d") << form;
    QTest::newRow("space inside") << QStringLiteral("7 d") << form;
    QTest::newRow("zero") << QStringLiteral("0s") << QStringLiteral("greater than zero");
    QTest::newRow("over ten years") << QStringLiteral("3651d") << QStringLiteral("at most 3650 days");
    QTest::newRow("would overflow") << QStringLiteral("999999999999d") << QStringLiteral("at most 3650 days");
}

void TestDuration::parse_invalidForms_refusedWithExamples()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    const auto parsed = parseDurationMs(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::BadRequest);
    QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
    QVERIFY2(parsed.error().message.contains(QStringLiteral("7d, 48h, 90m, 3600s")),
        qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
