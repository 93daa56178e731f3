// Tests of money.h and BetRules::payoutFor: fixed-point odds, rounding half up, overflow, formatting.

#include "common/betrules.h"
#include "common/money.h"

#include <QTest>
#include <limits>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::BetResult)

namespace {
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
constexpr qint64 kMin = std::numeric_limits<qint64>::min();
} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void parseOdds_table_data();
    void parseOdds_table();
    void formatOdds_table_data();
    void formatOdds_table();
    void formatOdds_parseOdds_roundTrip();

    void winningsFor_roundsHalfUpToMinorUnit_data();
    void winningsFor_roundsHalfUpToMinorUnit();
    void winningsFor_invalidOrOverflowing_refused_data();
    void winningsFor_invalidOrOverflowing_refused();
    void winningsFor_largestFittingProduct_acceptedWithoutOverflow();

    void payoutFor_perResult_data();
    void payoutFor_perResult();
    void payoutFor_noResultOrOverflow_refused();

    void formatMoney_table_data();
    void formatMoney_table();
    void isValidCurrency_table_data();
    void isValidCurrency_table();
};

void TestMoney::parseOdds_table_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("scaled");

    QTest::newRow("2") << QStringLiteral("2") << true << qint64(20000);
    QTest::newRow("2.5") << QStringLiteral("2.5") << true << qint64(25000);
    QTest::newRow("2.50") << QStringLiteral("2.50") << true << qint64(25000);
    QTest::newRow("1.0001 (just above evens)") << QStringLiteral("1.0001") << true << qint64(10001);
    QTest::newRow("2.1234 (four decimals)") << QStringLiteral("2.1234") << true << qint64(21234);
    QTest::newRow("surrounding spaces trimmed") << QStringLiteral(" 3.25 ") << true << qint64(32500);
    QTest::newRow("largest: 999999.9999") << QStringLiteral("999999.9999") << true << qint64(9999999999);
    QTest::newRow("1 (no winnings)") << QStringLiteral("1") << false << qint64(0);
    QTest::newRow("1.0") << QStringLiteral("1.0") << false << qint64(0);
    QTest::newRow("1.0000") << QStringLiteral("1.0000") << false << qint64(0);
    QTest::newRow("0.5") << QStringLiteral("0.5") << false << qint64(0);
    QTest::newRow("0") << QStringLiteral("0") << false << qint64(0);
    QTest::newRow("-2") << QStringLiteral("-2") << false << qint64(0);
    QTest::newRow("+2") << QStringLiteral("+2") << false << qint64(0);
    QTest::newRow("abc") << QStringLiteral("abc") << false << qint64(0);
    QTest::newRow("2.12345 (five decimals)") << QStringLiteral("2.12345") << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("spaces only") << QStringLiteral("   ") << false << qint64(0);
    QTest::newRow("2. (no decimals after the point)") << QStringLiteral("2.") << false << qint64(0);
    QTest::newRow(".5") << QStringLiteral(".5") << false << qint64(0);
    QTest::newRow("2,5 (comma)") << QStringLiteral("2,5") << false << qint64(0);
    QTest::newRow("1e3") << QStringLiteral("1e3") << false << qint64(0);
    QTest::newRow("fraction 3/2") << QStringLiteral("3/2") << false << qint64(0);
    QTest::newRow("inner space") << QStringLiteral("2 .5") << false << qint64(0);
    QTest::newRow("seven digits") << QStringLiteral("1000000") << false << qint64(0);
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("\u0662.\u0665") << false << qint64(0);
}

void TestMoney::parseOdds_table()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, scaled);

    const auto result = parseOdds(text);
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(*result, scaled);
    } else {
        QCOMPARE(errorCodeName(result.error().code), QStringLiteral("bad_request"));
        QVERIFY2(result.error().message.contains(QStringLiteral("odds")), qPrintable(result.error().message));
    }
}

void TestMoney::formatOdds_table_data()
{
    QTest::addColumn<qint64>("scaled");
    QTest::addColumn<QString>("text");

    QTest::newRow("2.50") << qint64(25000) << QStringLiteral("2.50");
    QTest::newRow("2.00") << qint64(20000) << QStringLiteral("2.00");
    QTest::newRow("1.0001") << qint64(10001) << QStringLiteral("1.0001");
    QTest::newRow("2.123 (trailing zero trimmed)") << qint64(21230) << QStringLiteral("2.123");
    QTest::newRow("12.3456") << qint64(123456) << QStringLiteral("12.3456");
    QTest::newRow("1.05") << qint64(10500) << QStringLiteral("1.05");
    QTest::newRow("100.00") << qint64(1000000) << QStringLiteral("100.00");
    QTest::newRow("999999.9999") << qint64(9999999999) << QStringLiteral("999999.9999");
}

void TestMoney::formatOdds_table()
{
    QFETCH(qint64, scaled);
    QFETCH(QString, text);
    QCOMPARE(formatOdds(scaled), text);
}

void TestMoney::formatOdds_parseOdds_roundTrip()
{
    for (qint64 scaled :
        { 10001LL, 10010LL, 10100LL, 11000LL, 15000LL, 19999LL, 25000LL, 101010LL, 9999999999LL }) {
        const auto parsed = parseOdds(formatOdds(scaled));
        QVERIFY2(parsed.ok(), qPrintable(formatOdds(scaled)));
        QCOMPARE(*parsed, scaled);
    }
}

void TestMoney::winningsFor_roundsHalfUpToMinorUnit_data()
{
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<qint64>("odds");
    QTest::addColumn<qint64>("winnings");

    QTest::newRow("exact: 10.00 x 2.50") << qint64(1000) << qint64(25000) << qint64(2500);
    QTest::newRow("zero stake") << qint64(0) << qint64(25000) << qint64(0);
    QTest::newRow("2.5 -> 3 (half rounds up)") << qint64(1) << qint64(25000) << qint64(3);
    QTest::newRow("4.5 -> 5 (half rounds up, odd)") << qint64(3) << qint64(15000) << qint64(5);
    QTest::newRow("1.5 -> 2") << qint64(1) << qint64(15000) << qint64(2);
    QTest::newRow("499.5 -> 500") << qint64(333) << qint64(15000) << qint64(500);
    QTest::newRow("2.4999 -> 2 (just below half)") << qint64(1) << qint64(24999) << qint64(2);
    QTest::newRow("2.5001 -> 3 (just above half)") << qint64(1) << qint64(25001) << qint64(3);
    QTest::newRow("1.4999 -> 1") << qint64(1) << qint64(14999) << qint64(1);
    QTest::newRow("1048.95 -> 1049 (3.33 x 3.15)") << qint64(333) << qint64(31500) << qint64(1049);
    QTest::newRow("50.005 -> 50 (a fraction of a unit below half)")
        << qint64(50) << qint64(10001) << qint64(50);
    QTest::newRow("5000.5 -> 5001") << qint64(5000) << qint64(10001) << qint64(5001);
    QTest::newRow("4999.4999 -> 4999") << qint64(4999) << qint64(10001) << qint64(4999);
    QTest::newRow("odds at 1.0 return the stake") << qint64(777) << qint64(10000) << qint64(777);
}

void TestMoney::winningsFor_roundsHalfUpToMinorUnit()
{
    QFETCH(qint64, stake);
    QFETCH(qint64, odds);
    QFETCH(qint64, winnings);

    const auto result = winningsFor(stake, odds);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(*result, winnings);
}

void TestMoney::winningsFor_invalidOrOverflowing_refused_data()
{
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<qint64>("odds");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("negative stake") << qint64(-1) << qint64(25000) << QStringLiteral("negative");
    QTest::newRow("negative odds") << qint64(100) << qint64(-25000) << QStringLiteral("negative");
    QTest::newRow("max stake x 2.0") << kMax << qint64(20000) << QStringLiteral("too large");
    QTest::newRow("stake x odds just above max")
        << kMax / 25000 + 1 << qint64(25000) << QStringLiteral("too large");
    QTest::newRow("2^32 x 2^32") << (qint64(1) << 32) << (qint64(1) << 32) << QStringLiteral("too large");
}

void TestMoney::winningsFor_invalidOrOverflowing_refused()
{
    QFETCH(qint64, stake);
    QFETCH(qint64, odds);
    QFETCH(QString, messagePart);

    const auto result = winningsFor(stake, odds);
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), QStringLiteral("bad_request"));
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
}

void TestMoney::winningsFor_largestFittingProduct_acceptedWithoutOverflow()
{
    // The largest stake whose product with 2.50 still fits: accepted and rounded without overflowing.
    const qint64 stake = kMax / 25000;
    const auto result = winningsFor(stake, 25000);
    QVERIFY(result.ok());
    QCOMPARE(*result, stake * 2 + (stake + 1) / 2); // stake x 2.5, half up
    QVERIFY(!winningsFor(stake + 1, 25000).ok());

    // A product of exactly the maximum fits, and rounding it must not overflow either (...5807 rounds up).
    const auto edge = winningsFor(1, kMax);
    QVERIFY(edge.ok());
    QCOMPARE(*edge, kMax / 10000 + 1);
}

void TestMoney::payoutFor_perResult_data()
{
    QTest::addColumn<BetResult>("result");
    QTest::addColumn<qint64>("stake");
    QTest::addColumn<qint64>("odds");
    QTest::addColumn<qint64>("payout");

    QTest::newRow("win pays stake x odds") << BetResult::Win << qint64(1000) << qint64(25000) << qint64(2500);
    QTest::newRow("win rounds half up") << BetResult::Win << qint64(3) << qint64(15000) << qint64(5);
    QTest::newRow("loss pays nothing") << BetResult::Loss << qint64(1000) << qint64(25000) << qint64(0);
    QTest::newRow("push returns the stake")
        << BetResult::Push << qint64(1000) << qint64(25000) << qint64(1000);
    QTest::newRow("void returns the stake")
        << BetResult::Void << qint64(1000) << qint64(25000) << qint64(1000);
    QTest::newRow("void ignores the odds") << BetResult::Void << qint64(333) << qint64(31500) << qint64(333);
}

void TestMoney::payoutFor_perResult()
{
    QFETCH(BetResult, result);
    QFETCH(qint64, stake);
    QFETCH(qint64, odds);
    QFETCH(qint64, payout);

    const auto actual = BetRules::payoutFor(result, stake, odds);
    QVERIFY(actual.ok());
    QCOMPARE(*actual, payout);
}

void TestMoney::payoutFor_noResultOrOverflow_refused()
{
    const auto none = BetRules::payoutFor(BetResult::None, 1000, 25000);
    QVERIFY(!none.ok());
    QCOMPARE(errorCodeName(none.error().code), QStringLiteral("bad_request"));
    QVERIFY(none.error().message.contains(QStringLiteral("result")));

    const auto overflow = BetRules::payoutFor(BetResult::Win, kMax, 20000);
    QVERIFY(!overflow.ok());
    QCOMPARE(errorCodeName(overflow.error().code), QStringLiteral("bad_request"));
    // A push on the same stake needs no multiplication and so cannot overflow.
    QCOMPARE(*BetRules::payoutFor(BetResult::Push, kMax, 20000), kMax);
}

void TestMoney::formatMoney_table_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("text");

    QTest::newRow("12.34") << qint64(1234) << QStringLiteral("EUR") << QStringLiteral("12.34 EUR");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("EUR") << QStringLiteral("0.00 EUR");
    QTest::newRow("five cents") << qint64(5) << QStringLiteral("USD") << QStringLiteral("0.05 USD");
    QTest::newRow("ten cents") << qint64(10) << QStringLiteral("EUR") << QStringLiteral("0.10 EUR");
    QTest::newRow("one unit") << qint64(100) << QStringLiteral("GBP") << QStringLiteral("1.00 GBP");
    QTest::newRow("negative") << qint64(-1234) << QStringLiteral("EUR") << QStringLiteral("-12.34 EUR");
    QTest::newRow("negative cents") << qint64(-5) << QStringLiteral("EUR") << QStringLiteral("-0.05 EUR");
    QTest::newRow("negative unit") << qint64(-100) << QStringLiteral("EUR") << QStringLiteral("-1.00 EUR");
    QTest::newRow("no thousands separator")
        << qint64(123456789) << QStringLiteral("EUR") << QStringLiteral("1234567.89 EUR");
    QTest::newRow("largest") << kMax << QStringLiteral("EUR") << QStringLiteral("92233720368547758.07 EUR");
    QTest::newRow("most negative") << kMin << QStringLiteral("EUR")
                                   << QStringLiteral("-92233720368547758.08 EUR");
}

void TestMoney::formatMoney_table()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, text);
    QCOMPARE(formatMoney(minor, currency), text);
}

void TestMoney::isValidCurrency_table_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");

    QTest::newRow("EUR") << QStringLiteral("EUR") << true;
    QTest::newRow("USD") << QStringLiteral("USD") << true;
    QTest::newRow("GBP") << QStringLiteral("GBP") << true;
    QTest::newRow("lowercase") << QStringLiteral("eur") << false;
    QTest::newRow("mixed case") << QStringLiteral("Eur") << false;
    QTest::newRow("two letters") << QStringLiteral("EU") << false;
    QTest::newRow("four letters") << QStringLiteral("EURO") << false;
    QTest::newRow("digit") << QStringLiteral("E1R") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("leading space") << QStringLiteral(" EUR") << false;
    QTest::newRow("trailing space") << QStringLiteral("EUR ") << false;
    QTest::newRow("trailing newline") << QStringLiteral("EUR\n") << false;
    QTest::newRow("symbol") << QStringLiteral("€") << false;
    QTest::newRow("accented") << QStringLiteral("ÉUR") << false;
}

void TestMoney::isValidCurrency_table()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(isValidCurrency(code), valid);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
