// ConnectionLimiter: total and per-user caps and the per-user rate of new connections, on a clock the test
// moves.
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

    // New connections per user: a burst, then one per 1/rate seconds; other users are not affected, and a
    // refused attempt is not counted as a connection.
    void acquire_newConnectionRate_perUser()
    {
        ConnectionLimiter limiter(100, 100, RateLimit { 2, 3 }, clock());
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
        const auto refused = limiter.acquire(QStringLiteral("alice"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::RateLimited);
        QCOMPARE(refused.error().retryAfterMs, 500);
        QVERIFY(refused.error().message.contains(QLatin1String("user")));
        QCOMPARE(limiter.connectionsOf(QStringLiteral("alice")), 3);
        QVERIFY(limiter.acquire(QStringLiteral("bob")).ok());
        advance(500);
        QVERIFY(limiter.acquire(QStringLiteral("alice")).ok());
        QVERIFY(!limiter.acquire(QStringLiteral("alice")).ok());
    }

    void acquire_perUserCap_refusesOnlyThatUser()
    {
        ConnectionLimiter limiter(100, 2, RateLimit {}, clock());
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
        ConnectionLimiter limiter(2, 10, RateLimit {}, clock());
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
        ConnectionLimiter limiter(10, 10, RateLimit {}, clock());
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
        ConnectionLimiter limiter(10, 10, RateLimit {}, clock());
        limiter.acquire(QStringLiteral("carol"));
        limiter.acquire(QStringLiteral("alice"));
        limiter.acquire(QStringLiteral("alice"));
        QCOMPARE(limiter.users(), (QStringList { QStringLiteral("alice"), QStringLiteral("carol") }));
        QCOMPARE(limiter.userCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestConnectionLimiter)
#include "tst_connectionlimiter.moc"
