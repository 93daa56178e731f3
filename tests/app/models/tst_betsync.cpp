// BetSync against a real server on 127.0.0.1: paged reloads, unknown bets fetched, events racing a reload.
#include "app/models/betlistmodel.h"
#include "tests/support/resultchecks.h"
#include "app/models/betsync.h"
#include "app/net/apiclient.h"
#include "common/timeutil.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "tests/support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestBetSync : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    TestUser m_operator;
    TestUser m_alice;
    TestUser m_bob;

    ServerEndpoint endpoint(const TestUser &user) const
    {
        return ServerEndpoint(QUrl(m_server.baseUrl()), user.token);
    }

    BetEvent lastEventOf(const QString &betId)
    {
        const auto events = m_server.server().repository().eventsForBet(betId);
        if (!events || events->isEmpty())
            qFatal("no events for bet %s", qPrintable(betId));
        return events->constLast();
    }

    // An ordering barrier for "no fetch was made": applies the event of a new bet of `bettor`, which the
    // model does not know, so BetSync fetches it, and waits until that is applied. A fetch that an earlier
    // call had started, at once or deferred to the event loop, was started before this one's answer could
    // come back: by now it is finished or still pending. Returns the marker bet's id (empty on timeout).
    QString fetchBarrier(BetSync &sync, const TestUser &bettor)
    {
        const Bet marker = m_server.placeBet(bettor, 100);
        bool applied = false;
        const auto connection = connect(&sync, &BetSync::eventApplied, this,
            [&](const BetEvent &event) { applied = applied || event.betId == marker.id; });
        sync.applyEvent(lastEventOf(marker.id));
        const bool done = QTest::qWaitFor([&] { return applied; }, 10000);
        disconnect(connection);
        return done ? marker.id : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_operator = m_server.addUser(QStringLiteral("op"), Role::Operator);
        m_alice = m_server.addUser(QStringLiteral("alice"));
        m_bob = m_server.addUser(QStringLiteral("bob"));
    }

    void reload_fetchesEveryPage_withOneReset()
    {
        for (int i = 0; i < 25; ++i)
            m_server.placeBet(i % 2 ? m_alice : m_bob, 100);
        ApiClient api(endpoint(m_operator));
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        BetSync sync(&api, &model);
        sync.setPageSize(10);
        QSignalSpy reloaded(&sync, &BetSync::reloaded);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        sync.reload();
        QVERIFY(sync.isLoading());
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(reloaded.at(0).at(0).toBool(), true);
        QCOMPARE(model.rowCount(), betthat::test::must(m_server.server().repository().bets({})).size());
        QVERIFY(model.rowCount() >= 25);
        QCOMPARE(reset.count(), 1);
        QVERIFY(!sync.isLoading());
    }

    void reload_withUserFilter_listsOnlyThatBettor()
    {
        ApiClient api(endpoint(m_operator));
        BetListModel model;
        BetSync sync(&api, &model);
        sync.setUserFilter(m_alice.user.id);
        QSignalSpy reloaded(&sync, &BetSync::reloaded);
        sync.reload();
        QVERIFY(reloaded.wait(10000));
        QVERIFY(model.rowCount() > 0);
        for (const Bet &bet : model.bets())
            QCOMPARE(bet.userId, m_alice.user.id);
    }

    void applyEvent_unknownBet_fetchesAndInsertsIt()
    {
        ApiClient api(endpoint(m_alice));
        BetListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        BetSync sync(&api, &model);
        const Bet placed = m_server.placeBet(m_alice, 700);
        const auto resolved = m_server.server().service().resolve(
            m_operator.user, placed.id, BetResult::Win, QStringLiteral("3-0"));
        QVERIFY(resolved.ok());
        QSignalSpy applied(&sync, &BetSync::eventApplied);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        sync.applyEvent(lastEventOf(placed.id));
        QVERIFY(applied.wait(10000));
        QCOMPARE(inserted.count(), 1);
        const Bet shown = *model.bet(placed.id);
        QCOMPARE(shown.status, BetStatus::Settled);
        QCOMPARE(shown.result, BetResult::Win);
        QCOMPARE(shown.payout, resolved->payout);
        QCOMPARE(applied.at(0).at(1).value<Bet>().id, placed.id);
    }

    void applyEvent_knownBet_updatesWithoutAFetch()
    {
        ApiClient api(endpoint(m_alice));
        BetListModel model;
        BetSync sync(&api, &model);
        const Bet placed = m_server.placeBet(m_alice, 300);
        model.setBets({ placed });
        QVERIFY(
            m_server.server().service().resolve(m_operator.user, placed.id, BetResult::Loss, QString()).ok());
        QSignalSpy applied(&sync, &BetSync::eventApplied);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        sync.applyEvent(lastEventOf(placed.id));
        QCOMPARE(applied.count(), 1); // at once, synchronously
        QCOMPARE(model.bet(placed.id)->result, BetResult::Loss);
        QVERIFY(!fetchBarrier(sync, m_alice).isEmpty());
        QCOMPARE(requests.count(), 1); // the marker's fetch, and nothing for the known bet
        QCOMPARE(api.pendingCount(), 0);
    }

    void applyEvent_anotherBettorWhileFiltered_isIgnored()
    {
        ApiClient api(endpoint(m_operator));
        BetListModel model;
        BetSync sync(&api, &model);
        sync.setUserFilter(m_alice.user.id);
        const Bet bobs = m_server.placeBet(m_bob, 100);
        QSignalSpy applied(&sync, &BetSync::eventApplied);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        sync.applyEvent(lastEventOf(bobs.id));
        const QString marker = fetchBarrier(sync, m_alice);
        QVERIFY(!marker.isEmpty());
        // Only alice's marker went through: bob's event was neither applied nor fetched.
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(1).value<Bet>().id, marker);
        QCOMPARE(requests.count(), 1);
        QCOMPARE(api.pendingCount(), 0);
        QCOMPARE(model.rowCount(), 1);
    }

    void eventDuringReload_isReappliedOnTopOfTheSnapshot()
    {
        ApiClient api(endpoint(m_alice));
        BetListModel model;
        BetSync sync(&api, &model);
        const Bet placed = m_server.placeBet(m_alice, 400);
        model.setBets({ placed });
        QSignalSpy reloaded(&sync, &BetSync::reloaded);
        sync.reload();
        // An event newer than anything the pages can hold arrives while they load.
        Bet later = placed;
        later.status = BetStatus::Settled;
        later.result = BetResult::Push;
        later.payout = placed.stake;
        later.updatedAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        BetEvent event;
        event.type = EventType::BetResolved;
        event.seq = 999999;
        event.betId = placed.id;
        event.userId = placed.userId;
        event.data = eventDataFor(placed, later, QStringLiteral("op"));
        sync.applyEvent(event);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.bet(placed.id)->result, BetResult::Push);
    }

    void reload_serverDown_reportsAndKeepsTheList()
    {
        ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:1")), m_alice.token));
        api.setTimeout(3000);
        BetListModel model;
        model.setBets({ m_server.placeBet(m_alice, 100) });
        BetSync sync(&api, &model);
        QSignalSpy reloaded(&sync, &BetSync::reloaded);
        sync.reload();
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(reloaded.at(0).at(0).toBool(), false);
        QVERIFY(!reloaded.at(0).at(1).toString().isEmpty());
        QCOMPARE(model.rowCount(), 1);
    }

    void reload_badToken_reportsUnauthorized()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), QStringLiteral("not-a-token")));
        BetListModel model;
        BetSync sync(&api, &model);
        QSignalSpy reloaded(&sync, &BetSync::reloaded);
        sync.reload();
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(reloaded.at(0).at(0).toBool(), false);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBetSync)
#include "tst_betsync.moc"
