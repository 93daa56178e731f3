// Backoff: exponential with full jitter, bounded by the cap, reset on demand.
#include "app/net/backoff.h"

#include <QTest>

using namespace betthat::app;

class TestBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ceiling_data();
    void ceiling();
    void next_staysWithinBounds_data();
    void next_staysWithinBounds();
    void next_maxRandom_doublesUntilCap();
    void reset_startsAgainAtBase();
    void atCap_doesNotAdvance();
    void hugeAttempt_doesNotOverflow();
};

void TestBackoff::ceiling_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("expected");
    // base 1 s, cap 30 s: the bounds the issue asks for.
    QTest::newRow("0") << 0 << 1000;
    QTest::newRow("1") << 1 << 2000;
    QTest::newRow("2") << 2 << 4000;
    QTest::newRow("3") << 3 << 8000;
    QTest::newRow("4") << 4 << 16000;
    QTest::newRow("5 capped") << 5 << 30000;
    QTest::newRow("6 capped") << 6 << 30000;
    QTest::newRow("40 capped") << 40 << 30000;
}

void TestBackoff::ceiling()
{
    QFETCH(int, attempt);
    QFETCH(int, expected);
    QCOMPARE(Backoff::ceilingFor(attempt, 1000, 30000), expected);
}

void TestBackoff::next_staysWithinBounds_data()
{
    QTest::addColumn<double>("random");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("quarter") << 0.25;
    QTest::newRow("half") << 0.5;
    QTest::newRow("almost one") << 0.999999;
    QTest::newRow("one") << 1.0;
    QTest::newRow("out of range high is clamped") << 7.0;
    QTest::newRow("out of range low is clamped") << -1.0;
}

void TestBackoff::next_staysWithinBounds()
{
    QFETCH(double, random);
    Backoff backoff(1000, 30000, [random] { return random; });
    for (int attempt = 0; attempt < 10; ++attempt) {
        const int ceiling = Backoff::ceilingFor(attempt, 1000, 30000);
        const int delay = backoff.next();
        QVERIFY2(delay >= 0 && delay <= ceiling,
            qPrintable(QStringLiteral("attempt %1: %2 not in [0, %3]").arg(attempt).arg(delay).arg(ceiling)));
        QCOMPARE(delay, qRound(std::clamp(random, 0.0, 1.0) * ceiling));
    }
}

void TestBackoff::next_maxRandom_doublesUntilCap()
{
    Backoff backoff(100, 1000, [] { return 1.0; });
    QList<int> delays;
    for (int i = 0; i < 7; ++i)
        delays << backoff.next();
    QCOMPARE(delays, (QList<int> { 100, 200, 400, 800, 1000, 1000, 1000 }));
}

void TestBackoff::reset_startsAgainAtBase()
{
    Backoff backoff(100, 1000, [] { return 1.0; });
    backoff.next();
    backoff.next();
    QCOMPARE(backoff.attempt(), 2);
    backoff.reset();
    QCOMPARE(backoff.attempt(), 0);
    QCOMPARE(backoff.next(), 100);
}

void TestBackoff::atCap_doesNotAdvance()
{
    Backoff backoff(100, 1000, [] { return 0.5; });
    QCOMPARE(backoff.atCap(), 500);
    QCOMPARE(backoff.attempt(), 0);
}

void TestBackoff::hugeAttempt_doesNotOverflow()
{
    QCOMPARE(Backoff::ceilingFor(1000000, 1000, 30000), 30000);
    Backoff backoff(1000, 30000, [] { return 1.0; });
    for (int i = 0; i < 200; ++i)
        QVERIFY(backoff.next() <= 30000);
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
