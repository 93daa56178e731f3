// ConnectionLimiter: per-address token bucket, total and per-user caps, on a clock the test moves.
#include "server/realtime/connectionlimiter.h"

#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TestConnectionLimiter : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    Clock clock()
    {
        return [this] { return m_now; };
    }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private Q_SLOTS:
    void init() { m_now = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC); }

    void admitAttempt_tokenBucket_data()
    {
        QTest::addColumn<int>("rate");
        // Each step: milliseconds to wait before the attempt, then whether it is admitted.
        QTest::addColumn<QList<int>>("waits");
        QTest::addColumn<QList<bool>>("admitted");
        QTest::newRow("burst up to the rate, then refused")
            << 3 << QList<int> { 0, 0, 0, 0 } << QList<bool> { true, true, true, false };
        QTest::newRow("one token back after 1/rate seconds")
            << 2 << QList<int> { 0, 0, 0, 500, 0 } << QList<bool> { true, true, false, true, false };
        QTest::newRow("a partial token is not enough")
            << 1 << QList<int> { 0, 999, 1 } << QList<bool> { true, false, true };
        QTest::newRow("idle time refills only up to the burst")
            << 2 << QList<int> { 0, 0, 60000, 0, 0 } << QList<bool> { true, true, true, true, false };
        QTest::newRow("rate 0 means unlimited")
            << 0 << QList<int> { 0, 0, 0, 0, 0 } << QList<bool> { true, true, true, true, true };
    }

    void admitAttempt_tokenBucket()
    {
        QFETCH(int, rate);
        QFETCH(QList<int>, waits);
        QFETCH(QList<bool>, admitted);
        ConnectionLimiter limiter(100, 100, rate, clock());
        const QHostAddress address(QStringLiteral("192.0.2.10"));
        for (int i = 0; i < waits.size(); ++i) {
            advance(waits.at(i));
            const auto result = limiter.admitAttempt(address);
            QVERIFY2(result.ok() == admitted.at(i), qPrintable(QStringLiteral("attempt %1").arg(i)));
            if (!result.ok()) {
                QCOMPARE(result.error().code, ErrorCode::Unavailable);
                QVERIFY(result.error().message.contains(QLatin1String("address")));
            }
        }
    }

    void admitAttempt_addressesHaveSeparateBuckets()
    {
        ConnectionLimiter limiter(100, 100, 1, clock());
        QVERIFY(limiter.admitAttempt(QHostAddress(QStringLiteral("192.0.2.1"))).ok());
        QVERIFY(!limiter.admitAttempt(QHostAddress(QStringLiteral("192.0.2.1"))).ok());
        QVERIFY(limiter.admitAttempt(QHostAddress(QStringLiteral("192.0.2.2"))).ok());
        QVERIFY(limiter.admitAttempt(QHostAddress(QStringLiteral("2001:db8::1"))).ok());
    }

    void admitAttempt_manyIdleAddresses_areForgotten()
    {
        ConnectionLimiter limiter(100, 100, 5, clock());
        for (int i = 0; i < 5000; ++i)
            QVERIFY(limiter.admitAttempt(QHostAddress(quint32(0xC0000200u + quint32(i)))).ok());
        QCOMPARE(limiter.trackedAddresses(), 5000);
        advance(2000); // every bucket is full again: nothing to remember
        QVERIFY(limiter.admitAttempt(QHostAddress(QStringLiteral("198.51.100.1"))).ok());
        QCOMPARE(limiter.trackedAddresses(), 1);
    }

    void acquire_perUserCap_refusesOnlyThatUser()
    {
        ConnectionLimiter limiter(100, 2, 0, clock());
        QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
        QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
        const auto third = limiter.acquire(QStringLiteral("alice"));
        QVERIFY(!third.ok());
        QVERIFY(third.error().message.contains(QLatin1String("user")));
        QVERIFY(limiter.acquire(QStringLiteral("bob")).ok());
        QCOMPARE(limiter.connectionsOf(QStringLiteral("alice")), 2);
        QCOMPARE(limiter.total(), 3);
        limiter.release(QStringLiteral("alice"));
        QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
    }

    void acquire_totalCap_refusesEveryone()
    {
        ConnectionLimiter limiter(2, 10, 0, clock());
        QVERIFY(limiter.checkTotal().ok());
        QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
        QVERIFY(limiter.acquire(QStringLiteral("bob")).ok());
        QVERIFY(!limiter.checkTotal().ok());
        const auto refused = limiter.acquire(QStringLiteral("carol"));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QLatin1String("server")));
        QCOMPARE(limiter.connectionsOf(QStringLiteral("carol")), 0);
        limiter.release(QStringLiteral("bob"));
        QVERIFY(limiter.acquire(QStringLiteral("carol")).ok());
    }

    void release_unknownUser_changesNothing()
    {
        ConnectionLimiter limiter(10, 10, 0, clock());
        QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
        limiter.release(QStringLiteral("mallory"));
        QCOMPARE(limiter.total(), 1);
        limiter.release(QStringLiteral("alice"));
        limiter.release(QStringLiteral("alice"));
        QCOMPARE(limiter.total(), 0);
        QCOMPARE(limiter.userCount(), 0);
    }

    void users_sortedAndCounted()
    {
        ConnectionLimiter limiter(10, 10, 0, clock());
        limiter.acquire(QStringLiteral("carol"));
        limiter.acquire(QStringLiteral("alice"));
        limiter.acquire(QStringLiteral("alice"));
        QCOMPARE(limiter.users(), (QStringList { QStringLiteral("alice"), QStringLiteral("carol") }));
        QCOMPARE(limiter.userCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestConnectionLimiter)
#include "tst_connectionlimiter.moc"
