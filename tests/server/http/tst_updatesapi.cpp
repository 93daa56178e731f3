// GET /api/v1/bets/updates: exact resumption by seq (even when every event shares one timestamp), since,
// newest.
#include "common/eventfilter.h"
#include "common/jsoncodec.h"
#include "common/timeutil.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

namespace {
const QDateTime kT0 = QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC);
}

class TestUpdatesApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void sinceSeq_manyEventsWithOneTimestamp_deliversEachExactlyOnce();
    void since_returnsEventsAfterThatInstant();
    void since_withSinceSeq_theSeqWins();
    void noCursor_returnsTheNewestAscending();
    void emptyLog_answersEmptyWithNullLastUpdate();
    void nothingNew_keepsTheGivenCursor();
    void updates_areExactlyTheEncodedEvents();
    void bettor_seesOnlyOwnEvents();
    void bettor_pagesOwnEventsAmongOthers();
    void operator_seesAllOrOneUser();
    void cursorBeyondTheLog_asksForResync();
    void cursorBeforePrunedEvents_asksForResync();
    void filter_pagesWithoutGaps_cursorSkipsWhatDoesNotMatch();
    void filter_repeatedValuesAreAlternatives();
    void filter_newestWithoutCursor_filtersTheNewestEvents();
    void filter_cannotWidenABettorsFeed();
    void invalidQuery_is400_data();
    void invalidQuery_is400();
    void logUnreadable_is503_cursorKept_thenEverythingOnce_data();
    void logUnreadable_is503_cursorKept_thenEverythingOnce();

private:
    // Places `count` bets alternating alice/bob (one event each).
    void makeEvents(int count);
    HttpReply poll(const QString &query, const TestUser &who);
    static QList<qint64> seqs(const HttpReply &reply);
    void resolve(const Bet &bet);
    // The seqs of `userId`'s events (every user's when empty) that `filter` lets through, from the log itself.
    QList<qint64> expectedSeqs(const QString &userId, const EventFilter &filter);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::shared_ptr<QDateTime> m_now;
    TestUser m_operator;
    TestUser m_alice;
    TestUser m_bob;
};

void TestUpdatesApi::init()
{
    m_now = std::make_shared<QDateTime>(kT0);
    m_server = std::make_unique<TestServer>();
    // Time stands still unless a test moves it: every event gets the same timestamp.
    m_server->setClock([now = m_now] { return *now; });
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_operator = m_server->addUser(QStringLiteral("operator"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 10000000);
    m_bob = m_server->addUser(QStringLiteral("bob"), Role::Bettor, 10000000);
}

void TestUpdatesApi::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void TestUpdatesApi::makeEvents(int count)
{
    for (int i = 0; i < count; ++i)
        m_server->placeBet(i % 2 ? m_bob : m_alice, 100);
}

HttpReply TestUpdatesApi::poll(const QString &query, const TestUser &who)
{
    return m_http->get(
        QStringLiteral("/api/v1/bets/updates") + (query.isEmpty() ? QString() : QLatin1Char('?') + query),
        who.token);
}

QList<qint64> TestUpdatesApi::seqs(const HttpReply &reply)
{
    QList<qint64> result;
    for (const QJsonValue &update : reply.json.value(QStringLiteral("updates")).toArray())
        result << update.toObject().value(QStringLiteral("seq")).toInteger();
    return result;
}

void TestUpdatesApi::resolve(const Bet &bet)
{
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/v1/bets/%1/resolve").arg(bet.id),
                     { { QStringLiteral("result"), QStringLiteral("loss") } }, m_operator.token)
                 .status,
        200);
}

QList<qint64> TestUpdatesApi::expectedSeqs(const QString &userId, const EventFilter &filter)
{
    server::EventQuery all;
    all.userId = userId;
    all.limit = 100000;
    QList<qint64> result;
    const QList<BetEvent> events = m_server->server().repository().events(all).value(); // a copy: value() refers into the Result
    for (const BetEvent &event : events)
        if (filter.matches(event))
            result << event.seq;
    return result;
}

void TestUpdatesApi::sinceSeq_manyEventsWithOneTimestamp_deliversEachExactlyOnce()
{
    makeEvents(250);
    const qint64 last = m_server->server().repository().lastSeq().value();
    QCOMPARE(last, 250);

    QList<qint64> delivered;
    qint64 cursor = 0;
    QList<bool> hasMore;
    for (int page = 0; page < 10; ++page) {
        const HttpReply reply = poll(QStringLiteral("since_seq=%1&limit=100").arg(cursor), m_operator);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        const QList<qint64> got = seqs(reply);
        QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), got.size());
        for (const QJsonValue &update : reply.json.value(QStringLiteral("updates")).toArray())
            QCOMPARE(update.toObject().value(QStringLiteral("timestamp")).toString(), toIsoUtc(kT0));
        delivered << got;
        hasMore << reply.json.value(QStringLiteral("has_more")).toBool();
        QCOMPARE(reply.json.value(QStringLiteral("resync_required")).toBool(true), false);
        cursor = reply.json.value(QStringLiteral("last_seq")).toInteger();
        if (!got.isEmpty()) {
            QCOMPARE(cursor, got.last());
            QCOMPARE(reply.json.value(QStringLiteral("last_update")).toString(), toIsoUtc(kT0));
        }
        if (!hasMore.last())
            break;
    }
    QCOMPARE(hasMore, (QList<bool> { true, true, false }));
    QCOMPARE(delivered.size(), 250);
    for (int i = 0; i < delivered.size(); ++i)
        QCOMPARE(delivered.at(i), qint64(i + 1));
    QCOMPARE(cursor, last);
}

void TestUpdatesApi::since_returnsEventsAfterThatInstant()
{
    makeEvents(3); // at T0
    *m_now = kT0.addSecs(60);
    makeEvents(120); // at T0 + 1 min

    // Strictly after: T0 itself excludes the first three.
    HttpReply reply = poll(QStringLiteral("since=%1&limit=50").arg(toIsoUtc(kT0)), m_operator);
    QCOMPARE(reply.status, 200);
    QList<qint64> got = seqs(reply);
    QCOMPARE(got.size(), 50);
    QCOMPARE(got.first(), 4);
    QCOMPARE(reply.json.value(QStringLiteral("has_more")).toBool(), true);
    QCOMPARE(reply.json.value(QStringLiteral("last_update")).toString(), toIsoUtc(kT0.addSecs(60)));

    // The documented way on: continue by seq, which never skips events sharing a timestamp.
    QList<qint64> all = got;
    qint64 cursor = reply.json.value(QStringLiteral("last_seq")).toInteger();
    while (reply.json.value(QStringLiteral("has_more")).toBool()) {
        reply = poll(QStringLiteral("since_seq=%1&limit=50").arg(cursor), m_operator);
        all << seqs(reply);
        cursor = reply.json.value(QStringLiteral("last_seq")).toInteger();
    }
    QCOMPARE(all.size(), 120);
    QCOMPARE(all.last(), 123);

    // An offset is accepted and means the same instant.
    reply = poll(QStringLiteral("since=2024-01-15T11:30:30.000%2B01:00&limit=500"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), 120);
    // An unencoded '+' is a space, so the same offset written raw is refused instead of misread.
    reply = poll(QStringLiteral("since=2024-01-15T11:30:30.000+01:00"), m_operator);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));

    // Nothing after the last instant: empty, and last_seq is the log's end (a safe cursor).
    reply = poll(QStringLiteral("since=%1").arg(toIsoUtc(kT0.addSecs(60))), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), 0);
    QVERIFY(reply.json.value(QStringLiteral("last_update")).isNull());
    QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(), 123);
}

void TestUpdatesApi::since_withSinceSeq_theSeqWins()
{
    makeEvents(10);
    // since alone would give nothing (all events are at T0); since_seq=4 gives 5..10.
    const HttpReply reply = poll(QStringLiteral("since=%1&since_seq=4").arg(toIsoUtc(kT0)), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(seqs(reply), (QList<qint64> { 5, 6, 7, 8, 9, 10 }));
}

void TestUpdatesApi::noCursor_returnsTheNewestAscending()
{
    makeEvents(30);
    HttpReply reply = poll(QStringLiteral("limit=5"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(seqs(reply), (QList<qint64> { 26, 27, 28, 29, 30 }));
    QCOMPARE(reply.json.value(QStringLiteral("has_more")).toBool(true), false);
    QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(), 30);
    QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), 5);

    // Default limit 100 covers all 30.
    reply = poll(QString(), m_operator);
    QCOMPARE(seqs(reply).size(), 30);
    QCOMPARE(seqs(reply).first(), 1);
}

void TestUpdatesApi::emptyLog_answersEmptyWithNullLastUpdate()
{
    for (const QString &query :
        { QString(), QStringLiteral("since_seq=0"), QStringLiteral("since=2024-01-01T00:00:00Z") }) {
        const HttpReply reply = poll(query, m_alice);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("updates")).toArray().size(), 0);
        QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), 0);
        QVERIFY(reply.json.value(QStringLiteral("last_update")).isNull());
        QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(-1), 0);
        QCOMPARE(reply.json.value(QStringLiteral("has_more")).toBool(true), false);
    }
}

void TestUpdatesApi::nothingNew_keepsTheGivenCursor()
{
    makeEvents(4);
    const HttpReply reply = poll(QStringLiteral("since_seq=4"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), 0);
    QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(), 4);
    QCOMPARE(reply.json.value(QStringLiteral("resync_required")).toBool(true), false);

    // For a bettor whose own events are all older, the cursor still stays where it was.
    const HttpReply own = poll(QStringLiteral("since_seq=3"), m_alice); // seq 4 is bob's
    QCOMPARE(own.json.value(QStringLiteral("count")).toInt(), 0);
    QCOMPARE(own.json.value(QStringLiteral("last_seq")).toInteger(), 3);
}

void TestUpdatesApi::updates_areExactlyTheEncodedEvents()
{
    const Bet bet = m_server->placeBet(m_alice);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/v1/bets/%1/resolve").arg(bet.id),
                     { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token)
                 .status,
        200);
    server::EventQuery all;
    const QList<BetEvent> stored = m_server->server().repository().events(all).value();
    QCOMPARE(stored.size(), 2);
    const HttpReply reply = poll(QStringLiteral("since_seq=0"), m_alice);
    const QJsonArray updates = reply.json.value(QStringLiteral("updates")).toArray();
    QCOMPARE(updates.size(), 2);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(updates.at(i).toObject(), json::encode(stored.at(i)));
    QCOMPARE(
        updates.at(1).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("bet_resolved"));
}

void TestUpdatesApi::bettor_seesOnlyOwnEvents()
{
    makeEvents(20); // odd seqs alice, even seqs bob
    for (const QString &query : { QStringLiteral("since_seq=0"), QStringLiteral("since_seq=0&user_id=alice"),
             QString(), QStringLiteral("since=2020-01-01T00:00:00.000Z") }) {
        const HttpReply reply = poll(query, m_alice);
        QCOMPARE(reply.status, 200);
        const QJsonArray updates = reply.json.value(QStringLiteral("updates")).toArray();
        QCOMPARE(updates.size(), 10);
        for (const QJsonValue &u : updates)
            QCOMPARE(u.toObject().value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
    }
    const HttpReply other = poll(QStringLiteral("since_seq=0&user_id=bob"), m_alice);
    QCOMPARE(other.status, 403);
    QCOMPARE(other.errorCode(), QStringLiteral("forbidden"));
}

void TestUpdatesApi::bettor_pagesOwnEventsAmongOthers()
{
    makeEvents(41); // alice has seqs 1, 3, ..., 41 (21 events)
    QList<qint64> delivered;
    qint64 cursor = 0;
    bool more = true;
    int pages = 0;
    while (more && pages < 10) {
        const HttpReply reply = poll(QStringLiteral("since_seq=%1&limit=10").arg(cursor), m_alice);
        delivered << seqs(reply);
        more = reply.json.value(QStringLiteral("has_more")).toBool();
        cursor = reply.json.value(QStringLiteral("last_seq")).toInteger();
        ++pages;
    }
    QCOMPARE(pages, 3);
    QCOMPARE(delivered.size(), 21);
    for (int i = 0; i < delivered.size(); ++i)
        QCOMPARE(delivered.at(i), qint64(2 * i + 1));
}

void TestUpdatesApi::operator_seesAllOrOneUser()
{
    makeEvents(6);
    HttpReply reply = poll(QStringLiteral("since_seq=0"), m_operator);
    QCOMPARE(seqs(reply), (QList<qint64> { 1, 2, 3, 4, 5, 6 }));
    reply = poll(QStringLiteral("since_seq=0&user_id=bob"), m_operator);
    QCOMPARE(seqs(reply), (QList<qint64> { 2, 4, 6 }));
    reply = poll(QStringLiteral("since_seq=0&user_id=nobody"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(seqs(reply), QList<qint64>());
}

void TestUpdatesApi::cursorBeyondTheLog_asksForResync()
{
    makeEvents(5);
    const HttpReply reply = poll(QStringLiteral("since_seq=900"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("count")).toInt(), 0);
    QCOMPARE(reply.json.value(QStringLiteral("resync_required")).toBool(), true);
    QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(), 5);
}

void TestUpdatesApi::cursorBeforePrunedEvents_asksForResync()
{
    makeEvents(10);
    auto &repo = m_server->server().repository();
    const auto pruned = repo.pruneEvents(6);
    QVERIFY(pruned.ok());
    QCOMPARE(*pruned, 6);

    HttpReply reply = poll(QStringLiteral("since_seq=3"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("resync_required")).toBool(), true);
    QCOMPARE(seqs(reply), (QList<qint64> { 7, 8, 9, 10 }));

    // From exactly the last pruned seq nothing is missing.
    reply = poll(QStringLiteral("since_seq=6"), m_operator);
    QCOMPARE(reply.json.value(QStringLiteral("resync_required")).toBool(true), false);
    QCOMPARE(seqs(reply), (QList<qint64> { 7, 8, 9, 10 }));
}

void TestUpdatesApi::filter_pagesWithoutGaps_cursorSkipsWhatDoesNotMatch()
{
    // Interleaved: alice's bets alternate two markets, a bet of bob's in the matching market sits between each,
    // two of every three of hers are resolved; her last event matches nothing.
    const QString winner = QStringLiteral("Match winner");
    QList<Bet> hers;
    for (int i = 0; i < 15; ++i) {
        hers << m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), i % 2 ? QStringLiteral("Total goals") : winner);
        m_server->placeBet(m_bob, 100, QStringLiteral("2.50"), winner);
        if (i % 3 != 2)
            resolve(hers.last());
    }
    m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), QStringLiteral("Total goals"));
    EventFilter filter;
    filter.types = { EventType::BetResolved };
    filter.markets = { winner };
    const QList<qint64> expected = expectedSeqs(m_alice.user.id, filter);
    QVERIFY(expected.size() >= 5);

    // Small pages; each poll starts from the last one's cursor (a client that went away between polls).
    QList<qint64> delivered;
    qint64 cursor = 0;
    bool more = true;
    for (int page = 0; more && page < 50; ++page) {
        const HttpReply reply
            = poll(QStringLiteral("since_seq=%1&limit=2&type=bet_resolved&market=Match+winner").arg(cursor), m_alice);
        QCOMPARE(reply.status, 200);
        delivered += seqs(reply);
        const qint64 next = reply.json.value(QStringLiteral("last_seq")).toInteger();
        QVERIFY(next >= cursor);
        cursor = next;
        more = reply.json.value(QStringLiteral("has_more")).toBool();
    }
    QCOMPARE(delivered, expected); // every matching event exactly once, in order
    // The cursor went past her trailing non-matching event: the next poll does not read it again.
    const qint64 lastOfHers = expectedSeqs(m_alice.user.id, EventFilter {}).last();
    QCOMPARE(cursor, lastOfHers);

    // The next matching event, and only it, comes with the next poll.
    resolve(m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), winner));
    const HttpReply next
        = poll(QStringLiteral("since_seq=%1&type=bet_resolved&market=Match%20winner").arg(cursor), m_alice);
    const QList<qint64> after = expectedSeqs(m_alice.user.id, filter);
    QCOMPARE(seqs(next), after.mid(expected.size()));
    QCOMPARE(seqs(next).size(), 1);
}

void TestUpdatesApi::filter_repeatedValuesAreAlternatives()
{
    m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), QStringLiteral("A"));
    m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), QStringLiteral("B, C")); // a comma is data
    m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), QStringLiteral("D"));
    const HttpReply reply = poll(QStringLiteral("since_seq=0&market=A&market=B%2C%20C&status=pending"), m_alice);
    QCOMPARE(reply.status, 200);
    QCOMPARE(seqs(reply), (QList<qint64> { 1, 2 }));
    QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(), 3);
}

void TestUpdatesApi::filter_newestWithoutCursor_filtersTheNewestEvents()
{
    for (int i = 0; i < 6; ++i)
        m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), i % 2 ? QStringLiteral("B") : QStringLiteral("A"));
    // The newest 4 events are 3..6; of those, A's are 3 and 5.
    const HttpReply reply = poll(QStringLiteral("limit=4&market=A"), m_alice);
    QCOMPARE(reply.status, 200);
    QCOMPARE(seqs(reply), (QList<qint64> { 3, 5 }));
    QCOMPARE(reply.json.value(QStringLiteral("last_seq")).toInteger(), 6);
}

void TestUpdatesApi::filter_cannotWidenABettorsFeed()
{
    // Only bob bets on this market: no filter lets alice see those events.
    m_server->placeBet(m_bob, 100, QStringLiteral("2.50"), QStringLiteral("Bob's market"));
    resolve(m_server->placeBet(m_bob, 100, QStringLiteral("2.50"), QStringLiteral("Bob's market")));
    m_server->placeBet(m_alice, 100, QStringLiteral("2.50"), QStringLiteral("Hers"));
    for (const QString &query : { QStringLiteral("since_seq=0&market=Bob%27s%20market"),
             QStringLiteral("since_seq=0&type=bet_resolved&type=bet_updated&type=bet_disputed"),
             QStringLiteral("limit=10&market=Bob%27s%20market"),
             QStringLiteral("since=2000-01-01T00:00:00Z&status=settled") }) {
        const HttpReply reply = poll(query, m_alice);
        QCOMPARE(reply.status, 200);
        for (const QJsonValue &update : reply.json.value(QStringLiteral("updates")).toArray())
            QCOMPARE(update.toObject().value(QStringLiteral("user_id")).toString(), m_alice.user.id);
    }
    QCOMPARE(poll(QStringLiteral("since_seq=0&market=Bob%27s%20market"), m_alice).json.value(QStringLiteral("count")).toInt(), 0);
    // Naming bob stays 403 with a filter as without.
    QCOMPARE(poll(QStringLiteral("user_id=bob&type=bet_resolved"), m_alice).status, 403);
    // The operator, for comparison, sees bob's three events.
    QCOMPARE(seqs(poll(QStringLiteral("since_seq=0&market=Bob%27s%20market"), m_operator)), (QList<qint64> { 1, 2, 3 }));
}

void TestUpdatesApi::invalidQuery_is400_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("says"); // what the message must contain
    QTest::newRow("since_seq negative") << QStringLiteral("since_seq=-1") << QString();
    QTest::newRow("filter: unknown type") << QStringLiteral("type=bet_won") << QStringLiteral("type: unknown event type");
    QTest::newRow("filter: unknown status") << QStringLiteral("status=won") << QStringLiteral("status: unknown bet status");
    QTest::newRow("filter: empty market") << QStringLiteral("market=") << QStringLiteral("market must not be empty");
    QTest::newRow("filter: event_name too long") << QStringLiteral("event_name=") + QString(201, QLatin1Char('x'))
                                                << QStringLiteral("event_name must be at most 200");
    QTest::newRow("filter: plural name") << QStringLiteral("types=bet_resolved") << QStringLiteral("types");
    QTest::newRow("since_seq text") << QStringLiteral("since_seq=abc") << QString();
    QTest::newRow("since_seq empty") << QStringLiteral("since_seq=") << QString();
    QTest::newRow("since_seq fraction") << QStringLiteral("since_seq=1.5") << QString();
    QTest::newRow("since not a time") << QStringLiteral("since=yesterday") << QString();
    QTest::newRow("since date only") << QStringLiteral("since=2024-01-15") << QString();
    QTest::newRow("since empty") << QStringLiteral("since=") << QString();
    QTest::newRow("limit zero") << QStringLiteral("limit=0") << QString();
    QTest::newRow("limit text") << QStringLiteral("limit=all") << QString();
    QTest::newRow("unknown parameter") << QStringLiteral("after=3") << QString();
    QTest::newRow("repeated parameter") << QStringLiteral("since_seq=1&since_seq=2") << QString();
    QTest::newRow("bad since with good since_seq") << QStringLiteral("since=nope&since_seq=1") << QString();
    // A '+' offset sent unencoded arrives as a space: the answer says how to send it, not "not ISO 8601".
    QTest::newRow("unencoded + in since") << QStringLiteral("since=2026-12-06T10:00:00.000+01:00")
                                          << QStringLiteral("%2B");
    QTest::newRow("unencoded + without millis") << QStringLiteral("since=2026-12-06T10:00:00+0100")
                                                << QStringLiteral("%2B");
}

void TestUpdatesApi::invalidQuery_is400()
{
    QFETCH(QString, query);
    QFETCH(QString, says);
    makeEvents(2);
    const HttpReply reply = poll(query, m_operator);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    QVERIFY(!reply.json.contains(QStringLiteral("updates")));
    const QString message
        = reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(says), qPrintable(message));
}

// A failed read must never look like "nothing new": an empty 200 would hand the client a cursor past events
// it never saw (in the newest mode, last_seq 0; with resync_required, a needless reload).
void TestUpdatesApi::logUnreadable_is503_cursorKept_thenEverythingOnce_data()
{
    QTest::addColumn<QStringList>("unreadable");
    QTest::newRow("events") << QStringList { QStringLiteral("events.data") };
    QTest::newRow("first retained seq") << QStringList { QStringLiteral("events") };
    QTest::newRow("last seq") << QStringList { QStringLiteral("sqlite_sequence") };
}

void TestUpdatesApi::logUnreadable_is503_cursorKept_thenEverythingOnce()
{
    QFETCH(QStringList, unreadable);
    makeEvents(4);
    auto &sqlite = dynamic_cast<server::SqliteRepository &>(m_server->server().repository());
    {
        test::SqliteReadFault fault(sqlite.database(), unreadable);
        QVERIFY(fault.isActive());
        for (const QString &query :
            { QStringLiteral("since_seq=2"), QString(), QStringLiteral("since=2024-01-01T00:00:00.000Z") }) {
            const HttpReply reply = poll(query, m_operator);
            QCOMPARE(reply.status, 503);
            QCOMPARE(reply.errorCode(), QStringLiteral("unavailable"));
            QVERIFY(!reply.json.contains(QStringLiteral("last_seq")));
        }
        QVERIFY(fault.denials() >= 3);
        makeEvents(2); // written meanwhile: seq 5 and 6
    }
    const HttpReply reply = poll(QStringLiteral("since_seq=2"), m_operator);
    QCOMPARE(reply.status, 200);
    QCOMPARE(seqs(reply), (QList<qint64> { 3, 4, 5, 6 }));
    QCOMPARE(reply.json.value(QStringLiteral("resync_required")).toBool(), false);
}

QTEST_GUILESS_MAIN(TestUpdatesApi)
#include "tst_updatesapi.moc"
