// WsSession behaviour over real sockets: resume and replay (with commits racing the replay), resync rules,
// keepalive, and the slow-consumer bound that protects everyone else.
#include "common/eventfilter.h"
#include "common/protocol.h"
#include "server/core/betservice.h"
#include "server/realtime/realtimeservice.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/rawwsclient.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"
#include "tests/support/wsrecorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using namespace betthat::test;

class TestWsSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_alice, m_bob, m_operator;

    static RealtimeConfig fastConfig()
    {
        RealtimeConfig config;
        config.pingIntervalMs = 60'000;
        config.feedPollIntervalMs = 200;
        config.newConnectionsPerUserPerSecond = 1000;
        config.newConnectionsPerUserBurst = 1000;
        config.closeGraceMs = 3000;
        return config;
    }

    bool startServer(const RealtimeConfig &realtime = fastConfig())
    {
        ServerConfig config;
        config.realtime = realtime;
        m_server = std::make_unique<TestServer>(config);
        if (!m_server->start())
            return false;
        m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 100'000'000);
        m_bob = m_server->addUser(QStringLiteral("bob"), Role::Bettor, 100'000'000);
        m_operator = m_server->addUser(QStringLiteral("olivia"), Role::Operator);
        return true;
    }

    std::unique_ptr<WsRecorder> open(
        const TestUser &user, std::optional<qint64> sinceSeq = std::nullopt, const QString &userId = {})
    {
        auto client = std::make_unique<WsRecorder>();
        client->open(WsRecorder::betUpdatesUrl(m_server->port(), user.token, userId, sinceSeq));
        return client;
    }

    RealtimeService &realtime() { return *m_server->server().realtime(); }
    Repository &repository() { return m_server->server().repository(); }

    QList<qint64> seqsOf(const QString &userId, qint64 after = 0)
    {
        EventQuery query;
        query.userId = userId;
        query.afterSeq = after;
        query.limit = 10000;
        QList<qint64> seqs;
        const QList<BetEvent> events = repository().events(query).value();
        for (const BetEvent &event : events)
            seqs << event.seq;
        return seqs;
    }

    // A connection whose URL carries a filter (the polling parameters: type, status, market, event_name).
    std::unique_ptr<WsRecorder> openFiltered(
        const TestUser &user, const EventFilter &filter, std::optional<qint64> sinceSeq = std::nullopt)
    {
        QUrl url = WsRecorder::betUpdatesUrl(m_server->port(), user.token, {}, sinceSeq);
        QUrlQuery query(url);
        for (const auto &[name, value] : eventFilterQueryItems(filter))
            query.addQueryItem(name, QString::fromUtf8(QUrl::toPercentEncoding(value)));
        url.setQuery(query);
        auto client = std::make_unique<WsRecorder>();
        client->open(url);
        return client;
    }

    // The seqs of userId's events that the filter lets through, read from the log itself.
    QList<qint64> matchingSeqsOf(const QString &userId, const EventFilter &filter)
    {
        EventQuery query;
        query.userId = userId;
        query.limit = 10000;
        QList<qint64> seqs;
        const QList<BetEvent> events = repository().events(query).value();
        for (const BetEvent &event : events)
            if (filter.matches(event))
                seqs << event.seq;
        return seqs;
    }

    static QJsonObject subscribe(const QJsonValue &userId, const QJsonObject &filter)
    {
        QJsonObject message { { QStringLiteral("type"), QStringLiteral("subscribe") },
            { QStringLiteral("user_id"), userId } };
        if (!filter.isEmpty())
            message.insert(QStringLiteral("filter"), filter);
        return message;
    }

    static QJsonObject resume(qint64 since)
    {
        return { { QStringLiteral("type"), QStringLiteral("resume") },
            { QStringLiteral("since_seq"), since } };
    }

private Q_SLOTS:
    void cleanup() { m_server.reset(); }

    // --- resume and replay

    void resume_afterDisconnect_commitsInGapAndDuringReplay_everythingOnceInOrder()
    {
        RealtimeConfig config = fastConfig();
        config.replayBatch = 2; // many small steps: a wide window for commits to land mid-replay
        QVERIFY(startServer(config));

        auto first = open(m_alice);
        QVERIFY(first->waitForType(QStringLiteral("connection_established")));
        for (int i = 0; i < 5; ++i)
            m_server->placeBet(m_alice);
        QVERIFY(first->waitForEventSeq(5));
        const qint64 cursor = first->eventSeqs().last();
        first->close();
        QVERIFY(first->waitDisconnected());

        // The gap: alice's and bob's events interleave while she is away.
        for (int i = 0; i < 40; ++i)
            m_server->placeBet(i % 3 == 0 ? m_bob : m_alice);

        // During the replay: every replayed message she receives triggers another commit for her (and one for
        // bob), so new events land while the session is still reading the log.
        auto second = open(m_alice, cursor);
        int duringReplay = 0;
        second->setOnMessage([&](const QJsonObject &message) {
            if (!message.contains(QStringLiteral("seq")) || duringReplay >= 25)
                return;
            ++duringReplay;
            m_server->placeBet(m_alice);
            if (duringReplay % 2 == 0)
                m_server->placeBet(m_bob);
        });
        QVERIFY(second->waitForType(QStringLiteral("connection_established")));
        QTRY_COMPARE_WITH_TIMEOUT(duringReplay, 25, 10000);
        const QList<qint64> expected = seqsOf(m_alice.user.id, cursor);
        QVERIFY(second->waitForEventSeq(expected.last(), 10000));
        m_server->placeBet(m_alice); // and live afterwards
        const QList<qint64> expectedAll = seqsOf(m_alice.user.id, cursor);
        QVERIFY(second->waitForEventSeq(expectedAll.last(), 5000));
        // Barrier, not a sleep: a duplicate the session sent before it answered the ping is here by now.
        QVERIFY(second->pingBarrier());

        QCOMPARE(second->eventSeqs(), expectedAll);
        QVERIFY2(realtime().stats().deferredToReplay() > 0,
            "no live event arrived while the session was replaying: the race was not exercised");
        QCOMPARE(realtime().stats().resumesServed(), qint64(1));
        QCOMPARE(second->messages().first().value(QStringLiteral("type")).toString(),
            QStringLiteral("connection_established"));
    }

    // A failed read is not the end of the log. The hub has already delivered seq 3..5 when the client resumes
    // after 2; had the session taken the failed read for "caught up", it would go live at 2 and the next live
    // event (6) would move the client's cursor past 3..5 for good.
    void resume_whileLogUnreadable_staysInReplay_thenEverythingOnceNoGap_data()
    {
        QTest::addColumn<QStringList>("unreadable");
        QTest::newRow("replay read fails") << QStringList { QStringLiteral("events.data") };
        QTest::newRow("first-retained check fails") << QStringList { QStringLiteral("events") };
        QTest::newRow("last-seq check fails") << QStringList { QStringLiteral("sqlite_sequence") };
    }

    void resume_whileLogUnreadable_staysInReplay_thenEverythingOnceNoGap()
    {
        QFETCH(QStringList, unreadable);
        RealtimeConfig config = fastConfig();
        config.replayRetryDelayMs = 20;
        config.replayMaxFailures = 1000;
        QVERIFY(startServer(config));
        for (int i = 0; i < 5; ++i)
            m_server->placeBet(m_alice);
        QTRY_COMPARE_WITH_TIMEOUT(realtime().deliveredSeq(), qint64(5), 3000);

        auto fault = std::make_unique<SqliteReadFault>(
            dynamic_cast<SqliteRepository &>(repository()).database(), unreadable);
        QVERIFY(fault->isActive());
        auto client = open(m_alice, 2);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        QTRY_VERIFY_WITH_TIMEOUT(fault->denials() >= 5, 3000); // the replay keeps retrying
        QVERIFY(client->isConnected());
        QVERIFY(client->events().isEmpty());

        fault.reset();
        m_server->placeBet(m_alice); // seq 6, live
        QVERIFY(client->waitForEventSeq(6, 3000));
        QVERIFY(client->pingBarrier()); // a duplicate sent before the pong has arrived by now
        QCOMPARE(client->eventSeqs(), (QList<qint64> { 3, 4, 5, 6 }));
        QVERIFY(client->ofType(QStringLiteral("resync_required")).isEmpty());
        QCOMPARE(realtime().stats().resumesServed(), qint64(1));
        QCOMPARE(realtime().stats().closes(protocol::InternalError), qint64(0));
    }

    void resume_logStaysUnreadable_closes1011_reconnectResumesEverything()
    {
        RealtimeConfig config = fastConfig();
        config.replayRetryDelayMs = 20;
        config.replayMaxFailures = 3;
        QVERIFY(startServer(config));
        for (int i = 0; i < 3; ++i)
            m_server->placeBet(m_alice);
        QTRY_COMPARE_WITH_TIMEOUT(realtime().deliveredSeq(), qint64(3), 3000);

        auto fault
            = std::make_unique<SqliteReadFault>(dynamic_cast<SqliteRepository &>(repository()).database(),
                QStringList { QStringLiteral("events") });
        auto client = open(m_alice, 0);
        QVERIFY(client->waitDisconnected(5000));
        QCOMPARE(client->closeCode(), int(protocol::InternalError));
        QVERIFY(protocol::closeCodeMeansReconnect(client->closeCode()));
        QVERIFY(client->events().isEmpty());
        QCOMPARE(realtime().stats().closes(protocol::InternalError), qint64(1));

        // The client reconnects with the cursor it had: nothing was sent, so nothing is missing.
        fault.reset();
        auto again = open(m_alice, 0);
        QVERIFY(again->waitForEventSeq(3, 3000));
        QCOMPARE(again->eventSeqs(), (QList<qint64> { 1, 2, 3 }));
    }

    void resume_message_replaysHistoryThenContinuesLive()
    {
        RealtimeConfig config = fastConfig();
        config.replayBatch = 3;
        QVERIFY(startServer(config));
        for (int i = 0; i < 10; ++i)
            m_server->placeBet(i % 2 ? m_alice : m_bob);
        QTRY_COMPARE(realtime().deliveredSeq(), qint64(10)); // the feed reads in batches of 3 here
        auto op = open(m_operator);
        QVERIFY(op->waitForType(QStringLiteral("connection_established")));
        QCOMPARE(op->messages().first().value(QStringLiteral("last_seq")).toInteger(), qint64(10));
        QVERIFY(op->events().isEmpty()); // history is not pushed unasked

        op->sendJson(resume(4));
        QVERIFY(op->waitForEventSeq(10));
        m_server->placeBet(m_bob);
        QVERIFY(op->waitForEventSeq(11));
        QCOMPARE(op->eventSeqs(), (QList<qint64> { 5, 6, 7, 8, 9, 10, 11 }));

        // Resuming from an older point again re-sends (at-least-once); the client dedupes by seq.
        op->sendJson(resume(9));
        QTRY_COMPARE(op->eventSeqs().size(), 9);
        QCOMPARE(op->eventSeqs().mid(7), (QList<qint64> { 10, 11 }));
    }

    void resume_operatorWatchingUser_replaysOnlyThatUser()
    {
        QVERIFY(startServer());
        for (int i = 0; i < 12; ++i)
            m_server->placeBet(i % 3 ? m_alice : m_bob);
        auto op = open(m_operator, 0, m_bob.user.id);
        QVERIFY(op->waitForEventSeq(seqsOf(m_bob.user.id).last()));
        QVERIFY(op->pingBarrier()); // an alice event the filter let through would be before the pong
        QCOMPARE(op->eventSeqs(), seqsOf(m_bob.user.id));
    }

    void resume_cursorAtOrAfterRetention_replays_olderNeedsResync_data()
    {
        QTest::addColumn<qint64>("since");
        QTest::addColumn<bool>("resync");
        // Events 1..10, pruned up to 6: the log keeps 7..10.
        QTest::newRow("cursor 6: next is 7, retained") << qint64(6) << false;
        QTest::newRow("cursor 9: retained") << qint64(9) << false;
        QTest::newRow("cursor 10: up to date") << qint64(10) << false;
        QTest::newRow("cursor 5: 6 was pruned") << qint64(5) << true;
        QTest::newRow("cursor 0: from the start") << qint64(0) << true;
        QTest::newRow("cursor 11: ahead of the log") << qint64(11) << true;
        QTest::newRow("cursor far ahead") << qint64(5000) << true;
    }

    void resume_cursorAtOrAfterRetention_replays_olderNeedsResync()
    {
        QFETCH(qint64, since);
        QFETCH(bool, resync);
        QVERIFY(startServer());
        for (int i = 0; i < 10; ++i)
            m_server->placeBet(m_alice);
        QCOMPARE(*repository().pruneEvents(6), 6);

        auto client = open(m_alice, since);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        if (resync) {
            QVERIFY(client->waitForType(QStringLiteral("resync_required")));
            const QJsonObject message = client->ofType(QStringLiteral("resync_required")).first();
            const QString reason = message.value(QStringLiteral("reason")).toString();
            QVERIFY2(reason.contains(since > 10 ? QLatin1String("ahead") : QLatin1String("older")),
                qPrintable(reason));
            QCOMPARE(message.value(QStringLiteral("last_seq")).toInteger(), qint64(10));
            QCOMPARE(realtime().stats().resyncs(), qint64(1));
        }
        // Either way the session continues live, with nothing skipped from here on.
        m_server->placeBet(m_alice);
        QVERIFY(client->waitForEventSeq(11));
        QList<qint64> expected;
        for (qint64 seq = resync ? 11 : since + 1; seq <= 11; ++seq)
            expected << seq;
        QCOMPARE(client->eventSeqs(), expected);
        QCOMPARE(client->ofType(QStringLiteral("resync_required")).size(), resync ? 1 : 0);
    }

    void resume_messageAheadOfLog_getsResyncAndStaysLive()
    {
        QVERIFY(startServer());
        m_server->placeBet(m_alice);
        auto client = open(m_alice);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        client->sendJson(resume(77));
        QVERIFY(client->waitForType(QStringLiteral("resync_required")));
        QVERIFY(client->ofType(QStringLiteral("resync_required"))
                    .first()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QLatin1String("ahead")));
        m_server->placeBet(m_alice);
        QVERIFY(client->waitForEventSeq(2));
        QCOMPARE(client->eventSeqs(), QList<qint64> { 2 });
    }

    void resume_everythingPruned_needsResync()
    {
        QVERIFY(startServer());
        for (int i = 0; i < 4; ++i)
            m_server->placeBet(m_alice);
        QCOMPARE(*repository().pruneEvents(4), 4); // the log is empty, lastSeq() still 4
        auto behind = open(m_alice, 2);
        QVERIFY(behind->waitForType(QStringLiteral("resync_required")));
        auto current = open(m_alice, 4);
        QVERIFY(current->waitForType(QStringLiteral("connection_established")));
        QVERIFY(current->pingBarrier()); // the resume is answered on connect, before the ping is read
        QVERIFY(current->ofType(QStringLiteral("resync_required")).isEmpty());
    }

    // --- subscription filters

    // Interleaved matching and non-matching events (hers in two markets, bob's in the matching one), a
    // disconnect mid-way, events while away and during the replay: with the filter on the URL, every matching
    // event of hers arrives exactly once, in order, and nothing else does.
    void filter_onUrl_disconnectAndResume_everyMatchOnceInOrder()
    {
        RealtimeConfig config = fastConfig();
        config.replayBatch = 3; // small steps: filtered-out events must still move the replay on
        QVERIFY(startServer(config));
        const QString winner = QStringLiteral("Match winner");
        const QString totals = QStringLiteral("Total goals");
        EventFilter filter;
        filter.markets = { winner };
        filter.types = { EventType::BetUpdated };

        auto first = openFiltered(m_alice, filter);
        QVERIFY(first->waitForType(QStringLiteral("connection_established")));
        for (int i = 0; i < 6; ++i) {
            m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), i % 2 ? totals : winner);
            m_server->placeBet(m_bob, 1000, QStringLiteral("2.50"), winner);
        }
        const QList<qint64> before = matchingSeqsOf(m_alice.user.id, filter);
        QVERIFY(first->waitForEventSeq(before.last()));
        QVERIFY(first->pingBarrier());
        QCOMPARE(first->eventSeqs(), before);
        const qint64 cursor = first->eventSeqs().last();
        first->close();
        QVERIFY(first->waitDisconnected());

        for (int i = 0; i < 20; ++i) {
            m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), i % 3 ? totals : winner);
            m_server->placeBet(m_bob, 1000, QStringLiteral("2.50"), winner);
        }
        auto second = openFiltered(m_alice, filter, cursor);
        int duringReplay = 0;
        second->setOnMessage([&](const QJsonObject &message) {
            if (!message.contains(QStringLiteral("seq")) || duringReplay >= 6)
                return;
            ++duringReplay;
            m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), duringReplay % 2 ? totals : winner);
            m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), winner);
        });
        QVERIFY(second->waitForType(QStringLiteral("connection_established")));
        QTRY_COMPARE_WITH_TIMEOUT(duringReplay, 6, 10000);
        m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), winner); // live afterwards
        const QList<qint64> all = matchingSeqsOf(m_alice.user.id, filter);
        QVERIFY(second->waitForEventSeq(all.last(), 10000));
        QVERIFY(second->pingBarrier());
        QCOMPARE(before + second->eventSeqs(), all);
        for (const QJsonObject &event : second->events()) {
            QCOMPARE(event.value(QStringLiteral("user_id")).toString(), m_alice.user.id);
            QCOMPARE(event.value(QStringLiteral("data")).toObject().value(QStringLiteral("market")).toString(), winner);
        }
    }

    void filter_subscribe_narrowsLiveAndResume_echoesTheFilter()
    {
        QVERIFY(startServer());
        auto client = open(m_alice);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        const QJsonObject filter { { QStringLiteral("markets"), QJsonArray { QStringLiteral("A") } } };
        client->sendJson(subscribe(QJsonValue(), filter));
        QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        QCOMPARE(client->ofType(QStringLiteral("subscribed")).first().value(QStringLiteral("filter")).toObject(), filter);
        for (int i = 0; i < 6; ++i)
            m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), i % 2 ? QStringLiteral("B") : QStringLiteral("A"));
        EventFilter a;
        a.markets = { QStringLiteral("A") };
        const QList<qint64> expected = matchingSeqsOf(m_alice.user.id, a);
        QVERIFY(client->waitForEventSeq(expected.last()));
        QVERIFY(client->pingBarrier());
        QCOMPARE(client->eventSeqs(), expected);
        // The resume replays through the same filter.
        client->sendJson(resume(0));
        QVERIFY(client->pingBarrier());
        QCOMPARE(client->eventSeqs(), expected + expected);
        // A subscribe without a filter lifts it.
        client->sendJson(subscribe(QJsonValue(), {}));
        QTRY_COMPARE(client->ofType(QStringLiteral("subscribed")).size(), 2);
        QVERIFY(!client->ofType(QStringLiteral("subscribed")).last().contains(QStringLiteral("filter")));
        m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), QStringLiteral("B"));
        QVERIFY(client->waitForEventSeq(seqsOf(m_alice.user.id).last()));
    }

    // A filter narrows the feed the access policy chose; no filter reaches another user's events.
    void filter_bettorCannotWidenByAnyFilter()
    {
        QVERIFY(startServer());
        auto client = open(m_alice);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        client->sendJson(subscribe(QJsonValue(),
            { { QStringLiteral("markets"), QJsonArray { QStringLiteral("Bob's market") } },
                { QStringLiteral("types"),
                    QJsonArray { QStringLiteral("bet_updated"), QStringLiteral("bet_resolved"),
                        QStringLiteral("bet_disputed") } } }));
        QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        client->sendJson(subscribe(QStringLiteral("bob"), { { QStringLiteral("markets"), QJsonArray { QStringLiteral("Bob's market") } } }));
        QVERIFY(client->waitForType(QStringLiteral("error")));
        QCOMPARE(client->ofType(QStringLiteral("error")).first().value(QStringLiteral("code")).toString(),
            QStringLiteral("forbidden"));
        for (int i = 0; i < 3; ++i)
            m_server->placeBet(m_bob, 1000, QStringLiteral("2.50"), QStringLiteral("Bob's market"));
        client->sendJson(resume(0));
        QVERIFY(client->pingBarrier());
        QVERIFY(client->isConnected());
        QVERIFY(client->events().isEmpty());
    }

    void filter_invalidSubscribe_errorNamesTheField_connectionAndFilterStay()
    {
        QVERIFY(startServer());
        auto client = open(m_alice);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        client->sendJson(subscribe(QJsonValue(), { { QStringLiteral("markets"), QJsonArray { QStringLiteral("A") } } }));
        QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        client->sendJson(subscribe(QJsonValue(), { { QStringLiteral("types"), QJsonArray { QStringLiteral("bet_won") } } }));
        QVERIFY(client->waitForType(QStringLiteral("error")));
        const QJsonObject error = client->ofType(QStringLiteral("error")).first();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String("filter.types[0]")),
            qPrintable(error.value(QStringLiteral("message")).toString()));
        // Still open, and the last good subscription still holds.
        m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), QStringLiteral("B"));
        const Bet a = m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"), QStringLiteral("A"));
        QVERIFY(client->waitForEventSeq(seqsOf(m_alice.user.id).last()));
        QVERIFY(client->pingBarrier());
        QCOMPARE(client->events().size(), 1);
        QCOMPARE(client->events().first().value(QStringLiteral("bet_id")).toString(), a.id);
    }

    // --- keepalive

    void keepalive_dropsPeerThatNeverAnswersPings_keepsOneThatDoes()
    {
        RealtimeConfig config = fastConfig();
        config.pingIntervalMs = 100;
        QVERIFY(startServer(config));
        auto healthy = open(m_bob); // QWebSocket answers pings by itself
        QVERIFY(healthy->waitForType(QStringLiteral("connection_established")));
        RawWsClient silent; // completes the handshake, then never reads nor answers
        QVERIFY(silent.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8()));
        QTRY_COMPARE(realtime().connectionCount(), 2);

        QElapsedTimer elapsed;
        elapsed.start();
        QTRY_COMPARE_WITH_TIMEOUT(realtime().stats().keepaliveDrops(), qint64(1), 3000);
        // Pings at ~100 and ~200 ms went unanswered; dropped at the tick after the second one.
        QVERIFY2(elapsed.elapsed() >= 150, qPrintable(QString::number(elapsed.elapsed())));
        QTRY_COMPARE(realtime().connectionCount(), 1);
        QVERIFY(silent.readUntilClosed(3000));
        QVERIFY(silent.pingsSeen() >= 2);
        QVERIFY(!silent.isConnected());

        QTest::qWait(500); // five more intervals for the healthy one
        QVERIFY(healthy->isConnected());
        QCOMPARE(realtime().stats().keepaliveDrops(), qint64(1));
        m_server->placeBet(m_bob);
        QVERIFY(healthy->waitForEventSeq(1));
    }

    // --- slow consumers

    void slowConsumer_neverReads_closed4008_healthyClientGetsEverythingPromptly()
    {
        RealtimeConfig config = fastConfig();
        config.maxPendingBytes = 16 * 1024;
        config.socketSendBufferBytes = 8 * 1024; // else loopback autotuning absorbs megabytes first
        QVERIFY(startServer(config));
        auto healthy = open(m_alice);
        QVERIFY(healthy->waitForType(QStringLiteral("connection_established")));
        RawWsClient stalled; // same user, same events; 4 KiB receive window, never reads
        QVERIFY(stalled.handshake(m_server->port(), "/ws/bet-updates?token=" + m_alice.token.toUtf8(), 4096));
        QTRY_COMPARE(realtime().connectionCount(), 2);

        QElapsedTimer flood;
        flood.start();
        int committed = 0;
        while (realtime().stats().slowConsumerCloses() == 0 && committed < 5000 && flood.elapsed() < 30000) {
            m_server->placeBet(m_alice, 100 + committed % 50);
            ++committed;
            QCoreApplication::processEvents();
        }
        QCOMPARE(realtime().stats().slowConsumerCloses(), qint64(1));
        const qint64 lastAtClose = repository().lastSeq().value();
        // The healthy client was not held back by the stalled one: it has (nearly) everything already.
        QVERIFY(healthy->waitForEventSeq(lastAtClose, 2000));
        QCOMPARE(healthy->eventSeqs().size(), int(lastAtClose));

        // Live latency for the healthy one after the slow one is gone.
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer roundTrip;
            roundTrip.start();
            m_server->placeBet(m_alice);
            QVERIFY(healthy->waitForEventSeq(repository().lastSeq().value(), 1000));
            QVERIFY2(roundTrip.elapsed() < 500, qPrintable(QString::number(roundTrip.elapsed())));
        }

        // The stalled client finally reads: its events in order, then the 4008 close frame.
        QVERIFY(stalled.readUntilClosed(5000));
        QCOMPARE(stalled.closeCode(), int(protocol::SlowConsumer));
        QCOMPARE(stalled.closeReason(), QStringLiteral("slow consumer"));
        QList<qint64> got;
        for (const QByteArray &text : stalled.textMessages()) {
            const QJsonObject message = QJsonDocument::fromJson(text).object();
            if (message.contains(QStringLiteral("seq")))
                got << message.value(QStringLiteral("seq")).toInteger();
        }
        QVERIFY(!got.isEmpty());
        for (int i = 0; i < got.size(); ++i)
            QCOMPARE(got.at(i), qint64(i + 1));

        // And it resumes by seq, losing nothing.
        auto resumed = open(m_alice, got.last());
        QVERIFY(resumed->waitForEventSeq(repository().lastSeq().value(), 5000));
        QCOMPARE(got + resumed->eventSeqs(), seqsOf(m_alice.user.id));
    }

    void slowConsumer_queuedMessageBound_alsoCloses4008()
    {
        RealtimeConfig config = fastConfig();
        config.maxQueuedMessages = 50;
        QVERIFY(startServer(config));
        auto client = open(m_alice);
        QVERIFY(client->waitForType(QStringLiteral("connection_established")));
        // 80 events delivered in one feed read, before the socket has a chance to flush.
        for (int i = 0; i < 80; ++i) {
            const auto placed = m_server->server().service().place(m_alice.user, [] {
                NewBet request;
                request.eventName = QStringLiteral("Burst");
                request.market = QStringLiteral("Match winner");
                request.selection = QStringLiteral("Home");
                request.odds = 20000;
                request.stake = 100;
                return request;
            }());
            QVERIFY(placed.ok());
        }
        QVERIFY(client->waitDisconnected());
        QCOMPARE(client->closeCode(), int(protocol::SlowConsumer));
        QCOMPARE(realtime().stats().slowConsumerCloses(), qint64(1));
        // What did arrive is an in-order prefix.
        const QList<qint64> seqs = client->eventSeqs();
        for (int i = 0; i < seqs.size(); ++i)
            QCOMPARE(seqs.at(i), qint64(i + 1));
    }
};

QTEST_GUILESS_MAIN(TestWsSession)
#include "tst_wssession.moc"
