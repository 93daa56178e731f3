// AdminQueueSync against the real server: paged loads, and live events that race with loads and fetches never
// bring back a bet that left a list, nor show one twice.
#include "adminfixture.h"
#include "app/admin/adminqueuesync.h"
#include "app/admin/disputesmodel.h"
#include "app/admin/pendingbetsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;

namespace {

constexpr auto kTester = QAbstractItemModelTester::FailureReportingMode::QtTest;

// What the feed would deliver for a change of `betId` (the sync reads only status and previous_status).
BetEvent eventFor(const QString &betId, EventType type, BetStatus status, std::optional<BetStatus> previous)
{
    BetEvent event;
    event.type = type;
    event.betId = betId;
    event.data.insert(QStringLiteral("bet_id"), betId);
    event.data.insert(QStringLiteral("status"), statusName(status));
    event.data.insert(
        QStringLiteral("previous_status"), previous ? QJsonValue(statusName(*previous)) : QJsonValue());
    return event;
}

// Counts GET /bets/{id} fetches.
int fetchesOf(const QList<ApiCallInfo> &calls, const QString &betId)
{
    return static_cast<int>(std::count_if(calls.cbegin(), calls.cend(), [&](const ApiCallInfo &c) {
        return c.method == QLatin1String("GET") && c.path.endsWith(QStringLiteral("/bets/") + betId);
    }));
}

} // namespace

class TestAdminQueueSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void reload_followsEveryPage();
    void resolvedEventDuringLoad_pageDoesNotBringItBack();
    void placedEvent_fetchesOnceAndShowsOnce();
    void resolvedWhileFetchInFlight_staysOut();
    void decidedDispute_staysOutAfterStaleEvent();
    void applyBet_ownResolution_leavesAtOnce();

private:
    void makeSync();
    std::unique_ptr<AdminFixture> m_fx;
    std::unique_ptr<PendingBetsModel> m_pending;
    std::unique_ptr<DisputesModel> m_disputes;
    std::unique_ptr<QAbstractItemModelTester> m_pendingTester;
    std::unique_ptr<QAbstractItemModelTester> m_disputesTester;
    std::unique_ptr<AdminQueueSync> m_sync;
    ApiClient *m_api = nullptr;
    QList<ApiCallInfo> m_calls;
};

void TestAdminQueueSync::init()
{
    m_fx = std::make_unique<AdminFixture>();
    QVERIFY(m_fx->start());
    m_calls.clear();
}

void TestAdminQueueSync::cleanup()
{
    m_sync.reset();
    m_pendingTester.reset();
    m_disputesTester.reset();
    m_pending.reset();
    m_disputes.reset();
    m_fx.reset();
}

void TestAdminQueueSync::makeSync()
{
    m_api = m_fx->api(m_fx->olga);
    QObject::connect(
        m_api, &ApiClient::requestFinished, m_api, [this](const ApiCallInfo &i) { m_calls << i; });
    m_pending = std::make_unique<PendingBetsModel>();
    m_disputes = std::make_unique<DisputesModel>();
    m_pendingTester = std::make_unique<QAbstractItemModelTester>(m_pending.get(), kTester);
    m_disputesTester = std::make_unique<QAbstractItemModelTester>(m_disputes.get(), kTester);
    // No feed: the tests hand the events in themselves, at the moments that matter.
    m_sync = std::make_unique<AdminQueueSync>(m_api, nullptr, m_pending.get(), m_disputes.get());
}

void TestAdminQueueSync::reload_followsEveryPage()
{
    for (int i = 0; i < 7; ++i)
        m_fx->place(m_fx->alice);
    for (int i = 0; i < 3; ++i)
        m_fx->dispute(m_fx->resolve(m_fx->place(m_fx->bob).id, BetResult::Loss), QStringLiteral("no"));
    makeSync();
    m_sync->setPageSize(2);
    QSignalSpy loaded(m_sync.get(), &AdminQueueSync::loaded);
    m_sync->reload();
    QVERIFY(m_sync->isLoading());
    QVERIFY(loaded.wait());
    QCOMPARE(m_pending->rowCount(), 7);
    QCOMPARE(m_disputes->rowCount(), 3);
    QVERIFY(!m_sync->isLoading());
    QVERIFY(m_sync->hasLoaded());
}

void TestAdminQueueSync::resolvedEventDuringLoad_pageDoesNotBringItBack()
{
    const Bet x = m_fx->place(m_fx->alice);
    const Bet y = m_fx->place(m_fx->alice);
    makeSync();
    QSignalSpy loaded(m_sync.get(), &AdminQueueSync::loaded);
    m_sync->reload();
    // The feed says x was resolved before the (older) page answers; the page still lists x as pending.
    m_sync->applyEvent(eventFor(x.id, EventType::BetResolved, BetStatus::Settled, BetStatus::Pending));
    QVERIFY(loaded.wait());
    QVERIFY(!m_pending->contains(x.id));
    QVERIFY(m_pending->contains(y.id));
}

void TestAdminQueueSync::placedEvent_fetchesOnceAndShowsOnce()
{
    makeSync();
    QSignalSpy loaded(m_sync.get(), &AdminQueueSync::loaded);
    m_sync->reload();
    QVERIFY(loaded.wait());
    const Bet bet
        = m_fx->place(m_fx->bob, QStringLiteral("Lakers v Celtics"), QStringLiteral("Total points"));
    const BetEvent placed = eventFor(bet.id, EventType::BetUpdated, BetStatus::Pending, std::nullopt);
    m_sync->applyEvent(placed);
    m_sync->applyEvent(placed); // a duplicate while the fetch runs
    QCOMPARE(m_sync->fetchesInFlight(), 1);
    QTRY_VERIFY(m_pending->contains(bet.id));
    QTRY_COMPARE(m_sync->fetchesInFlight(), 0);
    QCOMPARE(m_pending->rowCount(), 1);
    QCOMPARE(m_pending->betAt(0).market, QStringLiteral("Total points"));
    m_sync->applyEvent(placed); // already shown: nothing to fetch
    QCOMPARE(m_sync->fetchesInFlight(), 0);
    QTRY_COMPARE(fetchesOf(m_calls, bet.id), 2); // the first fetch, and one more for the duplicate in flight
    QCOMPARE(m_pending->rowCount(), 1);
}

void TestAdminQueueSync::resolvedWhileFetchInFlight_staysOut()
{
    makeSync();
    QSignalSpy loaded(m_sync.get(), &AdminQueueSync::loaded);
    m_sync->reload();
    QVERIFY(loaded.wait());
    const Bet bet = m_fx->place(m_fx->alice);
    m_sync->applyEvent(eventFor(bet.id, EventType::BetUpdated, BetStatus::Pending, std::nullopt));
    QCOMPARE(m_sync->fetchesInFlight(), 1);
    // Resolved before the fetch answers: the answer (pending, or settled) must not put it in the queue.
    m_sync->applyEvent(eventFor(bet.id, EventType::BetResolved, BetStatus::Settled, BetStatus::Pending));
    QTRY_COMPARE(m_sync->fetchesInFlight(), 0);
    QVERIFY(!m_pending->contains(bet.id));
    QCOMPARE(m_pending->rowCount(), 0);
}

void TestAdminQueueSync::decidedDispute_staysOutAfterStaleEvent()
{
    const Bet disputed
        = m_fx->dispute(m_fx->resolve(m_fx->place(m_fx->alice).id, BetResult::Loss), QStringLiteral("wrong"));
    makeSync();
    QSignalSpy loaded(m_sync.get(), &AdminQueueSync::loaded);
    m_sync->reload();
    QVERIFY(loaded.wait());
    QVERIFY(m_disputes->contains(disputed.id));

    const Bet decided
        = m_fx->decide(disputed.id, DisputeState::Rejected, BetResult::None, QStringLiteral("stands"));
    m_sync->applyBet(decided);
    QVERIFY(!m_disputes->contains(disputed.id));
    // A replayed "disputed" event (e.g. after a reconnect from an old cursor) must not fetch it back.
    m_sync->applyEvent(
        eventFor(disputed.id, EventType::BetDisputed, BetStatus::Disputed, BetStatus::Settled));
    QCOMPARE(m_sync->fetchesInFlight(), 0);
    QVERIFY(!m_disputes->contains(disputed.id));
}

void TestAdminQueueSync::applyBet_ownResolution_leavesAtOnce()
{
    const Bet bet = m_fx->place(m_fx->alice);
    makeSync();
    QSignalSpy loaded(m_sync.get(), &AdminQueueSync::loaded);
    m_sync->reload();
    QVERIFY(loaded.wait());
    QVERIFY(m_pending->contains(bet.id));
    QSignalSpy changed(m_sync.get(), &AdminQueueSync::queueChanged);
    m_sync->applyBet(m_fx->resolve(bet.id, BetResult::Push));
    QVERIFY(!m_pending->contains(bet.id));
    QCOMPARE(changed.size(), 1);
}

QTEST_GUILESS_MAIN(TestAdminQueueSync)
#include "tst_adminqueuesync.moc"
