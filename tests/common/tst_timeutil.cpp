// Tests of timeutil.h (UTC timestamps with milliseconds) and of the user.h validators.

#include "common/timeutil.h"
#include "common/user.h"

#include <QTest>
#include <QTimeZone>
#include <ctime>

using namespace betthat;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
}

QDateTime atOffset(int h, int mi, int offsetSeconds, int ms = 0)
{
    return QDateTime(QDate(2024, 1, 15), QTime(h, mi, 0, ms), QTimeZone(offsetSeconds));
}

} // namespace

class TestTimeUtil : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void toIsoUtc_table_data();
    void toIsoUtc_table();
    void toIsoUtc_invalid_isEmpty();
    void parseIsoUtc_accepted_data();
    void parseIsoUtc_accepted();
    void parseIsoUtc_refused_data();
    void parseIsoUtc_refused();
    void parseIsoUtc_toIsoUtc_roundTrip();
    void systemClock_isUtcNow();

    void isValidUserId_table_data();
    void isValidUserId_table();
    void isValidEmail_table_data();
    void isValidEmail_table();
};

void TestTimeUtil::initTestCase()
{
    // Run in a zone that is not UTC and has daylight saving, so "local time" leaks would show. A POSIX rule
    // rather than a zone name: it needs no tzdata on the machine.
    qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
    tzset();
    QCOMPARE(QDateTime(QDate(2024, 1, 15), QTime(12, 0)).offsetFromUtc(), 3600);
    QCOMPARE(QDateTime(QDate(2024, 7, 15), QTime(12, 0)).offsetFromUtc(), 7200);
}

void TestTimeUtil::toIsoUtc_table_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("text");

    QTest::newRow("UTC with ms") << utc(2024, 1, 15, 10, 30, 0, 123)
                                 << QStringLiteral("2024-01-15T10:30:00.123Z");
    QTest::newRow("UTC, zero ms still printed")
        << utc(2024, 1, 15, 10, 30) << QStringLiteral("2024-01-15T10:30:00.000Z");
    QTest::newRow("ms zero-padded") << utc(2024, 1, 15, 10, 30, 5, 7)
                                    << QStringLiteral("2024-01-15T10:30:05.007Z");
    QTest::newRow("+02:00 converted")
        << atOffset(12, 30, 2 * 3600, 500) << QStringLiteral("2024-01-15T10:30:00.500Z");
    QTest::newRow("-05:30 converted")
        << atOffset(5, 0, -(5 * 3600 + 1800)) << QStringLiteral("2024-01-15T10:30:00.000Z");
    QTest::newRow("offset crossing midnight")
        << atOffset(0, 30, 3600) << QStringLiteral("2024-01-14T23:30:00.000Z");
    QTest::newRow("local winter time (CET)")
        << QDateTime(QDate(2024, 1, 15), QTime(11, 30)) << QStringLiteral("2024-01-15T10:30:00.000Z");
    QTest::newRow("local summer time (CEST)")
        << QDateTime(QDate(2024, 7, 15), QTime(12, 30)) << QStringLiteral("2024-07-15T10:30:00.000Z");
    QTest::newRow("leap day") << utc(2024, 2, 29, 23, 59, 59, 999)
                              << QStringLiteral("2024-02-29T23:59:59.999Z");
    QTest::newRow("epoch") << utc(1970, 1, 1, 0, 0) << QStringLiteral("1970-01-01T00:00:00.000Z");
}

void TestTimeUtil::toIsoUtc_table()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, text);
    QCOMPARE(toIsoUtc(time), text);
}

void TestTimeUtil::toIsoUtc_invalid_isEmpty()
{
    QVERIFY(toIsoUtc(QDateTime()).isEmpty());
    QVERIFY(toIsoUtc(QDateTime(QDate(2024, 2, 30), QTime(10, 0), QTimeZone::utc())).isEmpty());
}

void TestTimeUtil::parseIsoUtc_accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("Z with ms") << QStringLiteral("2024-01-15T10:30:00.123Z")
                               << utc(2024, 1, 15, 10, 30, 0, 123);
    QTest::newRow("Z without ms") << QStringLiteral("2024-01-15T10:30:00Z") << utc(2024, 1, 15, 10, 30);
    QTest::newRow("one ms digit is tenths")
        << QStringLiteral("2024-01-15T10:30:00.5Z") << utc(2024, 1, 15, 10, 30, 0, 500);
    QTest::newRow("+02:00 converted to UTC")
        << QStringLiteral("2024-01-15T12:30:00+02:00") << utc(2024, 1, 15, 10, 30);
    QTest::newRow("+02:00 with ms") << QStringLiteral("2024-01-15T12:30:00.250+02:00")
                                    << utc(2024, 1, 15, 10, 30, 0, 250);
    QTest::newRow("-05:30 converted to UTC")
        << QStringLiteral("2024-01-15T05:00:00-05:30") << utc(2024, 1, 15, 10, 30);
    QTest::newRow("+00:00") << QStringLiteral("2024-01-15T10:30:00+00:00") << utc(2024, 1, 15, 10, 30);
    QTest::newRow("offset crossing the date")
        << QStringLiteral("2024-01-01T00:30:00+01:00") << utc(2023, 12, 31, 23, 30);
    // No zone designator means UTC, never the machine's zone (CET here).
    QTest::newRow("no zone designator is UTC")
        << QStringLiteral("2024-01-15T10:30:00.000") << utc(2024, 1, 15, 10, 30);
    QTest::newRow("no zone, inside the local DST gap")
        << QStringLiteral("2024-03-31T02:30:00") << utc(2024, 3, 31, 2, 30);
    QTest::newRow("space instead of T (SQLite style)")
        << QStringLiteral("2024-01-15 10:30:00.123Z") << utc(2024, 1, 15, 10, 30, 0, 123);
    QTest::newRow("leap day") << QStringLiteral("2024-02-29T23:59:59.999Z")
                              << utc(2024, 2, 29, 23, 59, 59, 999);
}

void TestTimeUtil::parseIsoUtc_accepted()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);

    const QDateTime parsed = parseIsoUtc(text);
    QVERIFY2(parsed.isValid(), qPrintable(text));
    QCOMPARE(parsed, expected);
    QCOMPARE(parsed.timeSpec(), Qt::UTC);
    QCOMPARE(toIsoUtc(parsed), toIsoUtc(expected));
}

void TestTimeUtil::parseIsoUtc_refused_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("garbage") << QStringLiteral("yesterday");
    QTest::newRow("date only") << QStringLiteral("2024-01-15");
    QTest::newRow("no seconds") << QStringLiteral("2024-01-15T10:30Z");
    QTest::newRow("no seconds with offset") << QStringLiteral("2024-01-15T10:30+02:00");
    QTest::newRow("month 13") << QStringLiteral("2024-13-01T00:00:00Z");
    QTest::newRow("30 February") << QStringLiteral("2024-02-30T00:00:00Z");
    QTest::newRow("29 February of a common year") << QStringLiteral("2023-02-29T00:00:00Z");
    QTest::newRow("hour 25") << QStringLiteral("2024-01-15T25:00:00Z");
    QTest::newRow("minute 60") << QStringLiteral("2024-01-15T10:60:00Z");
    QTest::newRow("second 60") << QStringLiteral("2024-01-15T10:30:60Z");
    QTest::newRow("offset +25:00") << QStringLiteral("2024-01-15T10:30:00+25:00");
    QTest::newRow("leading space") << QStringLiteral(" 2024-01-15T10:30:00Z");
    QTest::newRow("space before Z") << QStringLiteral("2024-01-15T10:30:00 Z");
    QTest::newRow("trailing junk") << QStringLiteral("2024-01-15T10:30:00Zjunk");
    QTest::newRow("basic format") << QStringLiteral("20240115T103000Z");
    QTest::newRow("epoch seconds") << QStringLiteral("1705314600");
    QTest::newRow("day first") << QStringLiteral("15/01/2024 10:30:00");
    QTest::newRow("RFC 2822") << QStringLiteral("Mon, 15 Jan 2024 10:30:00 GMT");
}

void TestTimeUtil::parseIsoUtc_refused()
{
    QFETCH(QString, text);
    QVERIFY2(!parseIsoUtc(text).isValid(), qPrintable(parseIsoUtc(text).toString(Qt::ISODateWithMs)));
}

void TestTimeUtil::parseIsoUtc_toIsoUtc_roundTrip()
{
    for (const QDateTime &t : { utc(2024, 1, 15, 10, 30, 0, 1), utc(1999, 12, 31, 23, 59, 59, 999),
             utc(2038, 1, 19, 3, 14, 8), atOffset(23, 59, 14 * 3600, 3) }) {
        const QString text = toIsoUtc(t);
        QCOMPARE(parseIsoUtc(text), t);
        QCOMPARE(toIsoUtc(parseIsoUtc(text)), text);
    }
}

void TestTimeUtil::systemClock_isUtcNow()
{
    const Clock clock = systemClock();
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QDateTime now = clock();
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(now.timeSpec(), Qt::UTC);
    QVERIFY(before <= now);
    QVERIFY(now <= after);
}

void TestTimeUtil::isValidUserId_table_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("alice") << QStringLiteral("alice") << true;
    QTest::newRow("one letter") << QStringLiteral("a") << true;
    QTest::newRow("one digit") << QStringLiteral("7") << true;
    QTest::newRow("digits first") << QStringLiteral("1abc") << true;
    QTest::newRow("all allowed punctuation") << QStringLiteral("a1_b.c-d") << true;
    QTest::newRow("64 chars") << QString(64, QLatin1Char('a')) << true;
    QTest::newRow("65 chars") << QString(65, QLatin1Char('a')) << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("uppercase") << QStringLiteral("Alice") << false;
    QTest::newRow("leading underscore") << QStringLiteral("_alice") << false;
    QTest::newRow("leading dot") << QStringLiteral(".alice") << false;
    QTest::newRow("leading dash") << QStringLiteral("-alice") << false;
    QTest::newRow("space") << QStringLiteral("al ice") << false;
    QTest::newRow("at sign") << QStringLiteral("alice@example") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("non-ASCII letter") << QStringLiteral("älice") << false;
    QTest::newRow("trailing newline") << QStringLiteral("alice\n") << false;
    QTest::newRow("embedded newline") << QStringLiteral("ali\nce") << false;
}

void TestTimeUtil::isValidUserId_table()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(isValidUserId(id), valid);
}

void TestTimeUtil::isValidEmail_table_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");

    QTest::newRow("simple") << QStringLiteral("alice@example.com") << true;
    QTest::newRow("plus tag and subdomain") << QStringLiteral("alice.smith+bets@mail.example.co.uk") << true;
    QTest::newRow("short") << QStringLiteral("a@b.co") << true;
    QTest::newRow("64-char local part")
        << QString(64, QLatin1Char('a')) + QStringLiteral("@example.com") << true;
    QTest::newRow("65-char local part")
        << QString(65, QLatin1Char('a')) + QStringLiteral("@example.com") << false;
    QTest::newRow("254 chars total") << QStringLiteral("a@") + QString(248, QLatin1Char('b'))
            + QStringLiteral(".com") << true;
    QTest::newRow("255 chars total") << QStringLiteral("a@") + QString(249, QLatin1Char('b'))
            + QStringLiteral(".com") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no at") << QStringLiteral("alice.example.com") << false;
    QTest::newRow("no local part") << QStringLiteral("@example.com") << false;
    QTest::newRow("two ats") << QStringLiteral("a@b@example.com") << false;
    QTest::newRow("no dot in domain") << QStringLiteral("alice@localhost") << false;
    QTest::newRow("one-letter TLD") << QStringLiteral("alice@example.c") << false;
    QTest::newRow("space") << QStringLiteral("ali ce@example.com") << false;
    QTest::newRow("angle brackets") << QStringLiteral("<alice@example.com>") << false;
    QTest::newRow("display name") << QStringLiteral("Alice <alice@example.com>") << false;
    QTest::newRow("comma (two recipients)") << QStringLiteral("a@x.com,b@y.com") << false;
    QTest::newRow("semicolon") << QStringLiteral("a@x.com;b@y.com") << false;
    QTest::newRow("quote") << QStringLiteral("\"a\"@example.com") << false;
    QTest::newRow("trailing newline") << QStringLiteral("alice@example.com\n") << false;
    QTest::newRow("header injection") << QStringLiteral("alice@example.com\r\nBcc: all@example.com") << false;
    QTest::newRow("tab") << QStringLiteral("alice@exam\tple.com") << false;
    QTest::newRow("NUL") << QString::fromUtf16(u"alice\u0000@example.com", 18) << false;
    QTest::newRow("ESC") << QStringLiteral("al\x1b[2Jice@example.com") << false;
    QTest::newRow("C1 control") << QString(QStringLiteral("alice@exam") + QChar(0x9b) + QStringLiteral("ple.com")) << false;
}

void TestTimeUtil::isValidEmail_table()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    QCOMPARE(isValidEmail(email), valid);
}

QTEST_GUILESS_MAIN(TestTimeUtil)
#include "tst_timeutil.moc"
