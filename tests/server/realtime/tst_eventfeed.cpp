// EventFeed: committed events leave the log once each, in seq order, woken or by polling; and a writer the
// server never hears about (another process on the same database) still reaches WebSocket clients.
#include "common/money.h"
#include "server/auth/tokens.h"
#include "server/core/betservice.h"
#include "server/realtime/eventfeed.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

class TestEventFeed : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteRepository> m_writer;
    std::unique_ptr<SqliteRepository> m_reader;
    std::unique_ptr<BetService> m_service;
    User m_alice;
    int m_connection = 0;

    Bet place()
    {
        NewBet request;
        request.eventName = QStringLiteral("Arsenal v Chelsea");
        request.market = QStringLiteral("Match winner");
        request.selection = QStringLiteral("Arsenal");
        request.odds = *parseOdds(QStringLiteral("2.00"));
        request.stake = 100;
        const auto placed = m_service->place(m_alice, request);
        if (!placed)
            qFatal("place: %s", qPrintable(placed.error().message));
        return *placed;
    }

    struct Collector
    {
        QList<qint64> seqs;
    };
    static void collect(EventFeed &feed, Collector &collector)
    {
        QObject::connect(&feed, &EventFeed::eventAvailable, &feed,
            [&collector](const BetEvent &event) { collector.seqs << event.seq; });
    }

    // An ordering barrier for "no duplicate arrives": commits one more event and waits until the feed emits
    // it. The feed emits strictly in seq order, one read after the other, so anything it would still emit
    // before the marker (a duplicate from a racing wake-up or poll) has been emitted by then. The marker is
    // appended to `expected`.
    bool markerBarrier(EventFeed &feed, const Collector &got, QList<qint64> &expected)
    {
        place();
        const qint64 marker = m_reader->lastSeq().value();
        expected << marker;
        feed.wake(marker);
        return QTest::qWaitFor([&] { return !got.seqs.isEmpty() && got.seqs.last() >= marker; }, 5000);
    }

private Q_SLOTS:
    void init()
    {
        const QString path = m_dir.filePath(QStringLiteral("feed-%1.sqlite").arg(++m_connection));
        m_writer = std::make_unique<SqliteRepository>(path, QStringLiteral("writer-%1").arg(m_connection));
        m_reader = std::make_unique<SqliteRepository>(path, QStringLiteral("reader-%1").arg(m_connection));
        QVERIFY(m_writer->open().ok());
        QVERIFY(m_reader->open().ok());
        m_alice = User {};
        m_alice.id = QStringLiteral("alice");
        m_alice.displayName = QStringLiteral("Alice");
        QVERIFY(m_writer->addUser(m_alice, hashToken(generateToken())).ok());
        QVERIFY(m_writer->deposit(m_alice.id, 1'000'000, m_alice.currency).ok());
        m_service = std::make_unique<BetService>(*m_writer, *m_writer, BetRules(), systemClock());
    }

    void cleanup()
    {
        m_service.reset();
        m_reader->close();
        m_writer->close();
        m_reader.reset();
        m_writer.reset();
    }

    void start_skipsHistory_pollFindsNewEventsWithoutWakeUp()
    {
        for (int i = 0; i < 3; ++i)
            place();
        EventFeed feed(*m_reader, 100, 30);
        Collector got;
        collect(feed, got);
        feed.start(m_reader->lastSeq().value());
        QCOMPARE(feed.position(), qint64(3));
        place();
        place();
        // No wake(): only the periodic re-read can see these (as for a writer in another process).
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs, (QList<qint64> { 4, 5 }), 3000);
        QCOMPARE(feed.position(), qint64(5));
    }

    void wake_readsBeforeThePoll()
    {
        EventFeed feed(*m_reader, 100, 60'000); // the poll would be far too late
        Collector got;
        collect(feed, got);
        feed.start(m_reader->lastSeq().value());
        QElapsedTimer elapsed;
        elapsed.start();
        const Bet bet = place();
        feed.wake(m_reader->lastSeq().value());
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs.size(), 1, 2000);
        QVERIFY2(elapsed.elapsed() < 2000, "a wake-up must not wait for the poll interval");
        QCOMPARE(got.seqs.first(), m_reader->lastSeq().value());
        Q_UNUSED(bet)
    }

    void manyWakesAndPolls_eachEventOnceInSeqOrder()
    {
        EventFeed feed(*m_reader, 7, 5); // small batches and an eager poll race the wake-ups
        Collector got;
        collect(feed, got);
        feed.start(0);
        QList<qint64> expected;
        for (int i = 0; i < 60; ++i) {
            place();
            expected << m_reader->lastSeq().value();
            feed.wake(expected.last());
            feed.wake();
            if (i % 9 == 0)
                QTest::qWait(3);
        }
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs.size(), expected.size(), 5000);
        QVERIFY(markerBarrier(feed, got, expected));
        QCOMPARE(got.seqs, expected);
    }

    void fullBatch_continuesUntilCaughtUp()
    {
        EventFeed feed(*m_reader, 4, 60'000);
        Collector got;
        collect(feed, got);
        feed.start(0);
        for (int i = 0; i < 10; ++i)
            place();
        feed.wake(); // one wake-up, 10 events, batches of 4: the feed must keep reading on its own
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs.size(), 10, 3000);
        QCOMPARE(got.seqs.last(), qint64(10));
    }

    void stop_emitsNothingMore()
    {
        EventFeed feed(*m_reader, 100, 10);
        Collector got;
        collect(feed, got);
        feed.start(0);
        place();
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs.size(), 1, 2000);
        feed.stop();
        place();
        feed.wake();
        QTest::qWait(100);
        QCOMPARE(got.seqs.size(), 1);
    }

    void readFailure_holdsPosition_thenEverythingOnceInOrder()
    {
        EventFeed feed(*m_reader, 100, 10);
        Collector got;
        collect(feed, got);
        feed.start(0);
        place();
        place();
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs, (QList<qint64> { 1, 2 }), 2000);

        auto fault = std::make_unique<SqliteReadFault>(
            m_reader->database(), QStringList { QStringLiteral("events") });
        QVERIFY(fault->isActive());
        // Committed while the feed cannot read them (the writer's connection is healthy).
        place();
        place();
        place();
        feed.wake(5);
        QTRY_VERIFY_WITH_TIMEOUT(fault->denials() >= 5, 3000); // woken and polled, every read refused
        QVERIFY(feed.isStalled());
        QCOMPARE(feed.position(), qint64(2));
        QCOMPARE(got.seqs, (QList<qint64> { 1, 2 }));

        fault.reset();
        place();
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs, (QList<qint64> { 1, 2, 3, 4, 5, 6 }), 3000);
        QVERIFY(!feed.isStalled());
        QList<qint64> expected { 1, 2, 3, 4, 5, 6 };
        QVERIFY(markerBarrier(feed, got, expected));
        QCOMPARE(got.seqs, expected);
    }

    void startAtHead_headUnreadable_emitsNothingUntilPositioned_thenOnlyNewEvents()
    {
        place();
        place();
        auto fault = std::make_unique<SqliteReadFault>(m_reader->database(),
            QStringList { QStringLiteral("events"), QStringLiteral("sqlite_sequence") });
        EventFeed feed(*m_reader, 100, 10);
        Collector got;
        collect(feed, got);
        QSignalSpy positioned(&feed, &EventFeed::positioned);
        feed.startAtHead();
        QVERIFY(!feed.isPositioned());
        place();
        feed.wake();
        QTRY_VERIFY_WITH_TIMEOUT(fault->denials() >= 3, 3000);
        QVERIFY(!feed.isPositioned());
        QCOMPARE(positioned.count(), 0);

        // Without a known head, seq 1..3 could not be told apart from new events: they stay history.
        fault.reset();
        QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 1, 2000);
        QCOMPARE(positioned.first().first().toLongLong(), qint64(3));
        QCOMPARE(feed.position(), qint64(3));
        place();
        QTRY_COMPARE_WITH_TIMEOUT(got.seqs, (QList<qint64> { 4 }), 2000);
    }

    void externalWriter_reachesWebSocketClientsByPolling()
    {
        ServerConfig config;
        config.realtime.feedPollIntervalMs = 100;
        TestServer server(config);
        QVERIFY(server.start());
        const TestUser bob = server.addUser(QStringLiteral("bob"));
        WsRecorder client;
        client.open(WsRecorder::betUpdatesUrl(server.port(), bob.token));
        QVERIFY(client.waitForType(QStringLiteral("connection_established")));

        // Another process on the same database: its commits never emit the server's eventCommitted.
        SqliteRepository other(server.dbPath(), QStringLiteral("other-process"));
        QVERIFY(other.open().ok());
        BetService otherService(other, other, BetRules(), systemClock());
        NewBet request;
        request.eventName = QStringLiteral("Lyon v Lille");
        request.market = QStringLiteral("Match winner");
        request.selection = QStringLiteral("Lyon");
        request.odds = *parseOdds(QStringLiteral("3.00"));
        request.stake = 250;
        const auto placed = otherService.place(bob.user, request);
        QVERIFY(placed.ok());
        QVERIFY(client.waitForEventSeq(other.lastSeq().value(), 3000));
        QCOMPARE(client.events().size(), 1);
        QCOMPARE(client.events().first().value(QStringLiteral("bet_id")).toString(), placed->id);
        other.close();
    }
};

QTEST_GUILESS_MAIN(TestEventFeed)
#include "tst_eventfeed.moc"
