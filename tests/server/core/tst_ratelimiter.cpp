// Tests of RateLimiter: burst, refill, the wait it reports, draining, keys kept apart, and bounded memory
// under many keys. The clock is injected: no sleeps.

#include "server/core/ratelimiter.h"

#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TstRateLimiter : public QObject
{
    Q_OBJECT

    QDateTime m_now = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    Clock clock()
    {
        return [this] { return m_now; };
    }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private Q_SLOTS:
    void burstThenRefill_data()
    {
        QTest::addColumn<double>("perSecond");
        QTest::addColumn<int>("burst");
        QTest::addColumn<qint64>("firstWaitMs"); // after the burst is spent
        QTest::newRow("10/s burst 20") << 10.0 << 20 << qint64(100);
        QTest::newRow("1/s burst 1") << 1.0 << 1 << qint64(1000);
        QTest::newRow("10 per minute") << 10.0 / 60 << 10 << qint64(6000);
    }
    void burstThenRefill()
    {
        QFETCH(double, perSecond);
        QFETCH(int, burst);
        QFETCH(qint64, firstWaitMs);
        RateLimiter limiter({ perSecond, burst }, clock());
        for (int i = 0; i < burst; ++i)
            QCOMPARE(limiter.take(QStringLiteral("k")), qint64(0));
        QCOMPARE(limiter.take(QStringLiteral("k")), firstWaitMs);
        QCOMPARE(limiter.waitFor(QStringLiteral("k")), firstWaitMs);
        // A refused attempt spends nothing: after the wait exactly one more is admitted.
        advance(firstWaitMs - 1);
        QVERIFY(limiter.take(QStringLiteral("k")) > 0);
        advance(1);
        QCOMPARE(limiter.take(QStringLiteral("k")), qint64(0));
        QVERIFY(limiter.take(QStringLiteral("k")) > 0);
        // A long quiet spell refills to the burst, never beyond it.
        advance(24LL * 3600 * 1000);
        for (int i = 0; i < burst; ++i)
            QCOMPARE(limiter.take(QStringLiteral("k")), qint64(0));
        QVERIFY(limiter.take(QStringLiteral("k")) > 0);
    }

    void keys_areIndependent()
    {
        RateLimiter limiter({ 1, 2 }, clock());
        QCOMPARE(limiter.take(QStringLiteral("alice")), qint64(0));
        QCOMPARE(limiter.take(QStringLiteral("alice")), qint64(0));
        QVERIFY(limiter.take(QStringLiteral("alice")) > 0);
        QCOMPARE(limiter.take(QStringLiteral("bob")), qint64(0));
        QCOMPARE(limiter.waitFor(QStringLiteral("carol")), qint64(0));
    }

    void drain_blocksUntilRefilled()
    {
        RateLimiter limiter({ 0.5, 5 }, clock());
        limiter.drain(QStringLiteral("10.0.0.1"));
        QCOMPARE(limiter.waitFor(QStringLiteral("10.0.0.1")), qint64(2000));
        QCOMPARE(limiter.take(QStringLiteral("10.0.0.1")), qint64(2000));
        advance(2000);
        QCOMPARE(limiter.take(QStringLiteral("10.0.0.1")), qint64(0));
    }

    void disabled_admitsEverything()
    {
        RateLimiter limiter({ 0, 0 }, clock());
        QVERIFY(!limiter.enabled());
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(limiter.take(QStringLiteral("k")), qint64(0));
        limiter.drain(QStringLiteral("k"));
        QCOMPARE(limiter.waitFor(QStringLiteral("k")), qint64(0));
        QCOMPARE(limiter.trackedKeys(), 0);
    }

    // A sweep of a million addresses or guessed tokens must not grow memory without bound.
    void manyKeys_memoryStaysBounded()
    {
        RateLimiter limiter({ 1, 5 }, clock(), 1000);
        for (int i = 0; i < 100000; ++i) {
            QCOMPARE(limiter.take(QString::number(i)), qint64(0));
            QVERIFY(limiter.trackedKeys() <= 1000);
        }
        // Full buckets are dropped first: after a refill the tracked set shrinks on the next insert sweep.
        advance(10000);
        for (int i = 0; i < 2000; ++i)
            limiter.take(QStringLiteral("new-%1").arg(i));
        QVERIFY(limiter.trackedKeys() <= 1000);
    }
};

QTEST_GUILESS_MAIN(TstRateLimiter)
#include "tst_ratelimiter.moc"
