// ApiClient against the real server on 127.0.0.1: typed results, error mapping, Idempotency-Key, timeouts.
#include "apitestutil.h"
#include "tests/support/resultchecks.h"
#include "app/net/apiclient.h"
#include "common/money.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "tests/support/testsupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

using namespace betthat;
using namespace betthat::app;
using betthat::test::awaitCall;

class TestApiClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void me_returnsUserAndBalance();
    void users_operatorGetsEveryAccount();
    void notificationPreferences_patchChangesOnlyWhatItNames();
    void errors_mapServerCodes_data();
    void errors_mapServerCodes();
    void unauthorized_emitsSignal();
    void mutatingRequests_carryFreshIdempotencyKey();
    void reads_carryNoIdempotencyKey();
    void retryWithSameKey_actsOnce();
    void placeCancelDisputeDecide_roundTrip();
    void bets_filtersAndPagesWithCursor();
    void betEvents_returnsAuditTrail();
    void updates_sinceSeq_returnsEventsInOrder();
    void resolveBets_reportsPerBetOutcome();
    void marketSelections_listsPendingBetsAndStakes();
    void settleMarket_withTerms_reportsEachBet();
    void resettleAndRollback_correctASettledBet();
    void serverDown_isUnavailable();
    void silentServer_timesOut();
    void unexpectedEnvelope_isAnErrorNotAGuess_data();
    void unexpectedEnvelope_isAnErrorNotAGuess();
    void deadContext_callbackNotInvoked();
    void cancel_callbackNotInvoked();
    void metrics_operatorGetsTheText_bettorIsForbidden();
    void metrics_notPlainTextOrTooLarge_isRefused_data();
    void metrics_notPlainTextOrTooLarge_isRefused();

private:
    std::unique_ptr<test::TestServer> m_server;
    test::TestUser m_operator;
    test::TestUser m_alice;
    test::TestUser m_bob;
    std::unique_ptr<ApiClient> client(const test::TestUser &user);
};

void TestApiClient::init()
{
    m_server = std::make_unique<test::TestServer>();
    QVERIFY(m_server->start());
    m_operator = m_server->addUser(QStringLiteral("olga"), Role::Operator);
    m_alice = m_server->addUser(QStringLiteral("alice"), Role::Bettor, 50000);
    m_bob = m_server->addUser(QStringLiteral("bob"), Role::Bettor, 50000);
}

void TestApiClient::cleanup()
{
    m_server.reset();
}

std::unique_ptr<ApiClient> TestApiClient::client(const test::TestUser &user)
{
    return std::make_unique<ApiClient>(ServerEndpoint(QUrl(m_server->baseUrl()), user.token));
}

void TestApiClient::me_returnsUserAndBalance()
{
    auto api = client(m_alice);
    const auto me = awaitCall<UserAccount>([&](QObject *c, auto done) { api->me(c, done); });
    QVERIFY2(me.ok(), qPrintable(me.ok() ? QString() : me.error().message));
    QCOMPARE(me->user.id, QStringLiteral("alice"));
    QCOMPARE(me->user.role, Role::Bettor);
    QCOMPARE(me->balance, 50000);
}

void TestApiClient::users_operatorGetsEveryAccount()
{
    auto api = client(m_operator);
    const auto users = awaitCall<QList<UserAccount>>([&](QObject *c, auto done) { api->users(c, done); });
    QVERIFY(users.ok());
    QStringList ids;
    for (const UserAccount &account : *users)
        ids << account.user.id;
    ids.sort();
    QCOMPARE(ids, (QStringList { QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("olga") }));
}

void TestApiClient::notificationPreferences_patchChangesOnlyWhatItNames()
{
    auto api = client(m_alice);
    const auto defaults = awaitCall<NotificationPreferences>(
        [&](QObject *c, auto done) { api->notificationPreferences(c, done); });
    QVERIFY2(defaults.ok(), qPrintable(defaults.ok() ? QString() : defaults.error().message));
    QCOMPARE(*defaults, NotificationPreferences());

    const QJsonObject patch { { QStringLiteral("channels"),
                                  QJsonObject { { QStringLiteral("bet_updated"),
                                      QJsonObject { { QStringLiteral("email"), false } } } } },
        { QStringLiteral("quiet_hours"),
            QJsonObject { { QStringLiteral("start"), QStringLiteral("22:00") },
                { QStringLiteral("end"), QStringLiteral("07:00") },
                { QStringLiteral("time_zone"), QStringLiteral("Europe/Berlin") } } } };
    const auto updated = awaitCall<NotificationPreferences>(
        [&](QObject *c, auto done) { api->updateNotificationPreferences(patch, c, done); });
    QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().message));
    NotificationPreferences expected;
    expected.setEnabled(EventType::BetUpdated, NotificationChannel::Email, false);
    expected.quietHours = QuietHours { QTime(22, 0), QTime(7, 0), QStringLiteral("Europe/Berlin") };
    QCOMPARE(*updated, expected);
    const auto reread = awaitCall<NotificationPreferences>(
        [&](QObject *c, auto done) { api->notificationPreferences(c, done); });
    QVERIFY(reread.ok());
    QCOMPARE(*reread, expected);

    // A bad patch is refused naming the field, and nothing changes.
    const QJsonObject bad { { QStringLiteral("channels"),
        QJsonObject { { QStringLiteral("bet_resolved"), QJsonObject { { QStringLiteral("sms"), true } } } } } };
    const auto refused = awaitCall<NotificationPreferences>(
        [&](QObject *c, auto done) { api->updateNotificationPreferences(bad, c, done); });
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::BadRequest);
    QVERIFY2(refused.error().message.contains(QStringLiteral("channels.bet_resolved.sms")),
        qPrintable(refused.error().message));
}

void TestApiClient::errors_mapServerCodes_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<int>("httpStatus");
    QTest::newRow("401 bad token") << "badToken" << ErrorCode::Unauthorized << 401;
    QTest::newRow("401 no token") << "noToken" << ErrorCode::Unauthorized << 401;
    QTest::newRow("403 bettor lists users") << "bettorUsers" << ErrorCode::Forbidden << 403;
    QTest::newRow("403 bettor resolves") << "bettorResolves" << ErrorCode::Forbidden << 403;
    QTest::newRow("403 other user's bet list") << "otherUsersBets" << ErrorCode::Forbidden << 403;
    QTest::newRow("404 unknown bet") << "unknownBet" << ErrorCode::NotFound << 404;
    QTest::newRow("409 resolve twice") << "resolveTwice" << ErrorCode::Conflict << 409;
    QTest::newRow("409 cancel settled") << "cancelSettled" << ErrorCode::Conflict << 409;
    QTest::newRow("409 insufficient funds") << "tooLargeStake" << ErrorCode::InsufficientFunds << 409;
    QTest::newRow("400 bad odds") << "badOdds" << ErrorCode::BadRequest << 400;
}

void TestApiClient::errors_mapServerCodes()
{
    QFETCH(QString, scenario);
    QFETCH(ErrorCode, expected);
    QFETCH(int, httpStatus);

    const Bet bet = m_server->placeBet(m_alice);
    QList<ApiCallInfo> finished;
    Result<Bet> betResult = Error {};
    Result<QList<UserAccount>> usersResult = Error {};
    Result<UserAccount> meResult = Error {};
    Result<BetPage> pageResult = Error {};
    Error error;

    auto run = [&](const test::TestUser &who, auto action) {
        auto api = client(who);
        connect(api.get(), &ApiClient::requestFinished, this,
            [&finished](const ApiCallInfo &info) { finished << info; });
        action(*api);
    };

    if (scenario == QLatin1String("badToken") || scenario == QLatin1String("noToken")) {
        test::TestUser ghost = m_alice;
        ghost.token = scenario == QLatin1String("badToken") ? QStringLiteral("not-a-token") : QString();
        run(ghost, [&](ApiClient &api) {
            meResult = awaitCall<UserAccount>([&](QObject *c, auto done) { api.me(c, done); });
        });
        QVERIFY(!meResult.ok());
        error = meResult.error();
    } else if (scenario == QLatin1String("bettorUsers")) {
        run(m_alice, [&](ApiClient &api) {
            usersResult = awaitCall<QList<UserAccount>>([&](QObject *c, auto done) { api.users(c, done); });
        });
        QVERIFY(!usersResult.ok());
        error = usersResult.error();
    } else if (scenario == QLatin1String("otherUsersBets")) {
        run(m_alice, [&](ApiClient &api) {
            BetFilter filter;
            filter.userId = QStringLiteral("bob");
            pageResult = awaitCall<BetPage>([&](QObject *c, auto done) { api.bets(filter, c, done); });
        });
        QVERIFY(!pageResult.ok());
        error = pageResult.error();
    } else {
        const test::TestUser &who = scenario == QLatin1String("bettorResolves")
                || scenario == QLatin1String("cancelSettled") || scenario == QLatin1String("tooLargeStake")
                || scenario == QLatin1String("badOdds")
            ? m_alice
            : m_operator;
        if (scenario == QLatin1String("resolveTwice") || scenario == QLatin1String("cancelSettled"))
            QVERIFY(m_server->server().service().resolve(m_operator.user, bet.id, BetResult::Win, {}).ok());
        run(who, [&](ApiClient &api) {
            betResult = awaitCall<Bet>([&](QObject *c, auto done) {
                if (scenario == QLatin1String("unknownBet"))
                    api.bet(QStringLiteral("999999"), c, done);
                else if (scenario == QLatin1String("cancelSettled"))
                    api.cancelBet(bet.id, c, done);
                else if (scenario == QLatin1String("tooLargeStake") || scenario == QLatin1String("badOdds")) {
                    NewBet request;
                    request.eventName = QStringLiteral("Derby");
                    request.market = QStringLiteral("Winner");
                    request.selection = QStringLiteral("Home");
                    request.odds = scenario == QLatin1String("badOdds") ? 9000 : 20000; // 0.90 is not > 1
                    request.stake = scenario == QLatin1String("badOdds") ? 100 : 10000000;
                    api.placeBet(request, c, done);
                } else
                    api.resolveBet(bet.id, BetResult::Loss, QStringLiteral("final score"), c, done);
            });
        });
        QVERIFY(!betResult.ok());
        error = betResult.error();
    }

    QCOMPARE(error.code, expected);
    QVERIFY2(!error.message.isEmpty() && !error.message.startsWith(QStringLiteral("HTTP ")),
        qPrintable(QStringLiteral("expected the server's message, got \"%1\"").arg(error.message)));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().httpStatus, httpStatus);
    QVERIFY(!finished.first().ok);
    // Bad input changes nothing: the bet is as the fixture (or the scenario's own resolve) left it.
    const Bet after = betthat::test::found(m_server->server().repository().betById(bet.id));
    const bool resolvedByScenario
        = scenario == QLatin1String("resolveTwice") || scenario == QLatin1String("cancelSettled");
    QCOMPARE(after.status, resolvedByScenario ? BetStatus::Settled : BetStatus::Pending);
}

void TestApiClient::unauthorized_emitsSignal()
{
    test::TestUser ghost = m_alice;
    ghost.token = QStringLiteral("revoked");
    auto api = client(ghost);
    QSignalSpy spy(api.get(), &ApiClient::unauthorized);
    const auto me = awaitCall<UserAccount>([&](QObject *c, auto done) { api->me(c, done); });
    QVERIFY(!me.ok());
    QCOMPARE(spy.count(), 1);
}

void TestApiClient::mutatingRequests_carryFreshIdempotencyKey()
{
    const Bet first = m_server->placeBet(m_alice);
    const Bet second = m_server->placeBet(m_alice);
    auto api = client(m_operator);
    QList<ApiCallInfo> finished;
    connect(api.get(), &ApiClient::requestFinished, this,
        [&finished](const ApiCallInfo &info) { finished << info; });

    QVERIFY(awaitCall<Bet>([&](QObject *c, auto done) {
        api->resolveBet(first.id, BetResult::Win, {}, c, done);
    }).ok());
    QVERIFY(awaitCall<Bet>([&](QObject *c, auto done) {
        api->resolveBet(second.id, BetResult::Loss, {}, c, done);
    }).ok());

    QCOMPARE(finished.size(), 2);
    QSet<QString> keys;
    for (const ApiCallInfo &info : std::as_const(finished)) {
        QCOMPARE(info.method, QStringLiteral("POST"));
        QVERIFY2(!QUuid::fromString(info.idempotencyKey).isNull(), qPrintable(info.idempotencyKey));
        keys.insert(info.idempotencyKey);
        // The server saw the header: it stored the answer under exactly this key.
        QVERIFY(betthat::test::lookup(
            m_server->server().repository().idempotentAnswer(QStringLiteral("olga"), info.idempotencyKey)));
    }
    QCOMPARE(keys.size(), 2);
}

void TestApiClient::reads_carryNoIdempotencyKey()
{
    auto api = client(m_alice);
    QList<ApiCallInfo> finished;
    connect(api.get(), &ApiClient::requestFinished, this,
        [&finished](const ApiCallInfo &info) { finished << info; });
    QVERIFY(awaitCall<UserAccount>([&](QObject *c, auto done) { api->me(c, done); }).ok());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().method, QStringLiteral("GET"));
    QVERIFY(finished.first().idempotencyKey.isEmpty());
    QCOMPARE(finished.first().httpStatus, 200);
}

void TestApiClient::retryWithSameKey_actsOnce()
{
    const Bet bet = m_server->placeBet(m_alice);
    auto api = client(m_operator);
    const QString key = ApiClient::newIdempotencyKey();
    const auto first = awaitCall<Bet>([&](QObject *c, auto done) {
        api->resolveBet(bet.id, BetResult::Win, QStringLiteral("2-1"), c, done, key);
    });
    const auto retry = awaitCall<Bet>([&](QObject *c, auto done) {
        api->resolveBet(bet.id, BetResult::Win, QStringLiteral("2-1"), c, done, key);
    });
    QVERIFY(first.ok());
    QVERIFY2(retry.ok(),
        qPrintable(retry.ok() ? QString() : retry.error().message)); // not 409: the first answer again
    QCOMPARE(retry->status, BetStatus::Settled);
    QCOMPARE(retry->version, first->version);
    // placed + resolved: the retry wrote no second event.
    QCOMPARE(m_server->server().repository().eventsForBet(bet.id).value().size(), 2);
}

void TestApiClient::placeCancelDisputeDecide_roundTrip()
{
    auto alice = client(m_alice);
    auto olga = client(m_operator);
    NewBet request;
    request.eventName = QStringLiteral("Lakers v Celtics");
    request.market = QStringLiteral("Winner");
    request.selection = QStringLiteral("Lakers");
    request.odds = *parseOdds(QStringLiteral("1.85"));
    request.stake = 2000;
    const auto placed = awaitCall<Bet>([&](QObject *c, auto done) { alice->placeBet(request, c, done); });
    QVERIFY2(placed.ok(), qPrintable(placed.ok() ? QString() : placed.error().message));
    QCOMPARE(placed->status, BetStatus::Pending);
    QCOMPARE(placed->odds, 18500);
    QCOMPARE(placed->potentialReturn, 3700);

    const auto other = awaitCall<Bet>([&](QObject *c, auto done) { alice->placeBet(request, c, done); });
    QVERIFY(other.ok());
    const auto cancelled
        = awaitCall<Bet>([&](QObject *c, auto done) { alice->cancelBet(other->id, c, done); });
    QVERIFY(cancelled.ok());
    QCOMPARE(cancelled->status, BetStatus::Cancelled);

    const auto settled = awaitCall<Bet>([&](QObject *c, auto done) {
        olga->resolveBet(placed->id, BetResult::Loss, QStringLiteral("98-101"), c, done);
    });
    QVERIFY(settled.ok());
    QCOMPARE(settled->result, BetResult::Loss);

    const auto disputed = awaitCall<Bet>([&](QObject *c, auto done) {
        alice->disputeBet(placed->id, QStringLiteral("the score was 101-98"), c, done);
    });
    QVERIFY(disputed.ok());
    QCOMPARE(disputed->status, BetStatus::Disputed);
    QVERIFY(disputed->dispute);
    QCOMPARE(disputed->dispute->reason, QStringLiteral("the score was 101-98"));

    const auto decided = awaitCall<Bet>([&](QObject *c, auto done) {
        olga->decideDispute(
            placed->id, DisputeState::Upheld, BetResult::Win, QStringLiteral("score corrected"), c, done);
    });
    QVERIFY2(decided.ok(), qPrintable(decided.ok() ? QString() : decided.error().message));
    QCOMPARE(decided->status, BetStatus::Settled);
    QCOMPARE(decided->result, BetResult::Win);
    QCOMPARE(decided->payout, 3700);
    QCOMPARE(decided->dispute->state, DisputeState::Upheld);

    const auto me = awaitCall<UserAccount>([&](QObject *c, auto done) { alice->me(c, done); });
    QCOMPARE(me->balance, 50000 - 2000 + 3700);
}

void TestApiClient::bets_filtersAndPagesWithCursor()
{
    QStringList placed;
    for (int i = 0; i < 5; ++i)
        placed << m_server->placeBet(m_alice).id;
    m_server->placeBet(m_bob);
    QVERIFY(m_server->server().service().resolve(m_operator.user, placed.first(), BetResult::Win, {}).ok());

    auto alice = client(m_alice);
    QStringList seen;
    BetFilter filter;
    filter.limit = 2;
    int pages = 0;
    do {
        const auto page = awaitCall<BetPage>([&](QObject *c, auto done) { alice->bets(filter, c, done); });
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
        QVERIFY(page->bets.size() <= 2);
        for (const Bet &bet : page->bets) {
            QCOMPARE(bet.userId, QStringLiteral("alice"));
            seen << bet.id;
        }
        filter.cursor = page->nextCursor;
        QVERIFY(++pages <= 4);
    } while (!filter.cursor.isEmpty());
    QCOMPARE(seen.size(), 5);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()), QSet<QString>(placed.begin(), placed.end()));

    BetFilter settled;
    settled.status = BetStatus::Settled;
    const auto page = awaitCall<BetPage>([&](QObject *c, auto done) { alice->bets(settled, c, done); });
    QVERIFY(page.ok());
    QCOMPARE(page->bets.size(), 1);
    QCOMPARE(page->bets.first().id, placed.first());
    QVERIFY(page->nextCursor.isEmpty());
}

void TestApiClient::betEvents_returnsAuditTrail()
{
    const Bet bet = m_server->placeBet(m_alice);
    QVERIFY(m_server->server()
                .service()
                .resolve(m_operator.user, bet.id, BetResult::Loss, QStringLiteral("0-1"))
                .ok());
    auto api = client(m_alice);
    const auto events
        = awaitCall<QList<BetEvent>>([&](QObject *c, auto done) { api->betEvents(bet.id, c, done); });
    QVERIFY(events.ok());
    QCOMPARE(events->size(), 2);
    QCOMPARE(events->at(0).type, EventType::BetUpdated);
    QCOMPARE(events->at(1).type, EventType::BetResolved);
    QVERIFY(events->at(0).seq < events->at(1).seq);
    QCOMPARE(events->at(1).data.value(QStringLiteral("resolution_notes")).toString(), QStringLiteral("0-1"));
}

void TestApiClient::updates_sinceSeq_returnsEventsInOrder()
{
    const Bet bet = m_server->placeBet(m_alice);
    m_server->placeBet(m_bob);
    QVERIFY(m_server->server().service().resolve(m_operator.user, bet.id, BetResult::Win, {}).ok());
    auto api = client(m_alice);
    const auto page = awaitCall<UpdatesPage>(
        [&](QObject *c, auto done) { api->updates(0, QStringLiteral("alice"), 1, c, done); });
    QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
    QCOMPARE(page->updates.size(), 1);
    QVERIFY(page->hasMore);
    QCOMPARE(page->lastSeq, page->updates.first().seq);
    const auto rest = awaitCall<UpdatesPage>(
        [&](QObject *c, auto done) { api->updates(page->lastSeq, QString(), 0, c, done); });
    QVERIFY(rest.ok());
    QCOMPARE(rest->updates.size(), 1);
    QCOMPARE(rest->updates.first().type, EventType::BetResolved);
    QVERIFY(!rest->hasMore);
    QVERIFY(!rest->resyncRequired);
    QVERIFY(rest->lastUpdate.isValid());
}

void TestApiClient::resolveBets_reportsPerBetOutcome()
{
    const Bet a = m_server->placeBet(m_alice);
    const Bet b = m_server->placeBet(m_bob);
    const Bet c = m_server->placeBet(m_alice);
    QVERIFY(m_server->server().service().resolve(m_operator.user, b.id, BetResult::Loss, {}).ok());
    auto api = client(m_operator);
    BulkResolveRequest request;
    request.betIds = { a.id, b.id, c.id };
    request.result = BetResult::Win;
    request.notes = QStringLiteral("bulk");
    const auto items = awaitCall<QList<BulkResolveItem>>(
        [&](QObject *ctx, auto done) { api->resolveBets(request, ctx, done); });
    QVERIFY2(items.ok(), qPrintable(items.ok() ? QString() : items.error().message));
    QCOMPARE(items->size(), 3);
    QHash<QString, const BulkResolveItem *> byId;
    for (const BulkResolveItem &item : *items)
        byId.insert(item.betId, &item);
    QVERIFY(byId.value(a.id)->outcome.ok());
    QCOMPARE(byId.value(a.id)->outcome->result, BetResult::Win);
    QVERIFY(byId.value(c.id)->outcome.ok());
    QVERIFY(!byId.value(b.id)->outcome.ok());
    QCOMPARE(byId.value(b.id)->outcome.error().code, ErrorCode::Conflict);
}

void TestApiClient::marketSelections_listsPendingBetsAndStakes()
{
    m_server->placeBet(m_alice, 1000);
    m_server->placeBet(m_bob, 500);
    auto api = client(m_operator);
    const auto selections = awaitCall<QList<MarketSelection>>([&](QObject *ctx, auto done) {
        api->marketSelections(QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Match winner"), ctx, done);
    });
    QVERIFY2(selections.ok(), qPrintable(selections.ok() ? QString() : selections.error().message));
    QCOMPARE(selections->size(), 1);
    QCOMPARE(selections->constFirst().selection, QStringLiteral("Arsenal"));
    QCOMPARE(selections->constFirst().pendingBets, 2);
    QCOMPARE(selections->constFirst().pendingStake.value(QStringLiteral("EUR")), 1500);
}

void TestApiClient::settleMarket_withTerms_reportsEachBet()
{
    const Bet a = m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"));
    auto api = client(m_operator);
    MarketSettleRequest request;
    request.eventName = a.eventName;
    request.market = a.market;
    SettlementTerms terms;
    terms.result = BetResult::Win;
    terms.deadHeatFactor = 5000;
    request.outcomes = { { a.selection, terms } };
    request.deduction = 25;
    request.certainty = Certainty::Provisional;
    request.notes = QStringLiteral("photo: dead heat");
    const auto report = awaitCall<MarketSettleReport>(
        [&](QObject *ctx, auto done) { api->settleMarket(request, ctx, done); });
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
    QCOMPARE(report->settled, 1);
    QCOMPARE(report->failed, 0);
    QCOMPARE(report->results.size(), 1);
    const MarketSettleItem &item = report->results.constFirst();
    QCOMPARE(item.betId, a.id);
    QCOMPARE(item.action, QStringLiteral("settled"));
    QVERIFY(item.outcome.ok());
    // 5.00 back + 5.00 x 1.5 x 0.75 = 5.625 -> 5.63: the same rule the preview uses.
    QCOMPARE(item.outcome->payout, 1063);
    QCOMPARE(item.outcome->certainty, Certainty::Provisional);
    QCOMPARE(item.outcome->deadHeatFactor, std::optional<qint64>(5000));
    QCOMPARE(item.outcome->deduction, std::optional<int>(25));
}

void TestApiClient::resettleAndRollback_correctASettledBet()
{
    const Bet bet = m_server->placeBet(m_alice);
    QVERIFY(m_server->server().service().resolve(m_operator.user, bet.id, BetResult::Loss, {}).ok());
    auto api = client(m_operator);
    SettlementTerms terms;
    terms.result = BetResult::Win;
    terms.voidFactor = 5000;
    const auto resettled = awaitCall<Bet>([&](QObject *ctx, auto done) {
        api->resettleBet(bet.id, terms, QStringLiteral("wrong result entered"), ctx, done);
    });
    QVERIFY2(resettled.ok(), qPrintable(resettled.ok() ? QString() : resettled.error().message));
    QCOMPARE(resettled->result, BetResult::Win);
    QCOMPARE(resettled->payout, 1750);
    QCOMPARE(resettled->resolutionSource, QStringLiteral("correction"));

    const auto noNotes = awaitCall<Bet>(
        [&](QObject *ctx, auto done) { api->rollbackBet(bet.id, QString(), ctx, done); });
    QVERIFY(!noNotes.ok());
    QCOMPARE(noNotes.error().code, ErrorCode::BadRequest);
    const auto rolledBack = awaitCall<Bet>([&](QObject *ctx, auto done) {
        api->rollbackBet(bet.id, QStringLiteral("settlement was sent in error"), ctx, done);
    });
    QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.ok() ? QString() : rolledBack.error().message));
    QCOMPARE(rolledBack->status, BetStatus::Pending);
    QCOMPARE(rolledBack->payout, 0);
}

void TestApiClient::serverDown_isUnavailable()
{
    auto api = client(m_alice);
    m_server->stop();
    QList<ApiCallInfo> finished;
    connect(api.get(), &ApiClient::requestFinished, this,
        [&finished](const ApiCallInfo &info) { finished << info; });
    const auto me = awaitCall<UserAccount>([&](QObject *c, auto done) { api->me(c, done); });
    QVERIFY(!me.ok());
    QCOMPARE(me.error().code, ErrorCode::Unavailable);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().httpStatus, 0);
}

void TestApiClient::silentServer_timesOut()
{
    // A peer that accepts and never answers: the one thing the real server will not do on purpose.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection())
            held << s;
    });
    ApiClient api(ServerEndpoint(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())), QStringLiteral("t")));
    api.setTimeout(150);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto me = awaitCall<UserAccount>([&](QObject *c, auto done) { api.me(c, done); }, 5000);
    QVERIFY(!me.ok());
    QCOMPARE(me.error().code, ErrorCode::Unavailable);
    QVERIFY2(me.error().message.contains(QStringLiteral("150 ms")), qPrintable(me.error().message));
    QVERIFY(elapsed.elapsed() < 3000);
    QCOMPARE(api.pendingCount(), 0);
}

void TestApiClient::unexpectedEnvelope_isAnErrorNotAGuess_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QByteArray>("body");
    // What the server never sends (docs/API.md): a list without its key, a bet inside a wrapper.
    QTest::newRow("bets as a bare array") << "bets" << QByteArray("[]");
    QTest::newRow("bets under another key") << "bets" << QByteArray(R"({"items":[]})");
    QTest::newRow("bet wrapped") << "bet" << QByteArray(R"({"bet":{"id":"1","user_id":"alice"}})");
    QTest::newRow("events as a bare array") << "betEvents" << QByteArray("[]");
}

void TestApiClient::unexpectedEnvelope_isAnErrorNotAGuess()
{
    QFETCH(QString, call);
    QFETCH(QByteArray, body);
    // A peer that answers every request 200 with this body.
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    connect(&peer, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = peer.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, s, [s, body] {
                // A small GET arrives whole; the answer does not depend on it.
                s->readAll();
                if (s->property("answered").toBool())
                    return;
                s->setProperty("answered", true);
                s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                         "Content-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                s->disconnectFromHost();
            });
        }
    });
    ApiClient api(
        ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(peer.serverPort())), QStringLiteral("t")));
    std::optional<Error> error;
    bool answered = false;
    if (call == QLatin1String("bets")) {
        const auto page = awaitCall<BetPage>([&](QObject *c, auto done) { api.bets({}, c, done); }, 5000);
        answered = true;
        if (!page)
            error = page.error();
    } else if (call == QLatin1String("bet")) {
        const auto bet = awaitCall<Bet>([&](QObject *c, auto done) { api.bet(QStringLiteral("1"), c, done); }, 5000);
        answered = true;
        if (!bet)
            error = bet.error();
    } else {
        const auto events = awaitCall<QList<BetEvent>>(
            [&](QObject *c, auto done) { api.betEvents(QStringLiteral("1"), c, done); }, 5000);
        answered = true;
        if (!events)
            error = events.error();
    }
    QVERIFY(answered);
    QVERIFY2(error.has_value(), "a shape the server never sends was accepted");
    QCOMPARE(error->code, ErrorCode::Internal);
    QVERIFY2(error->message.startsWith(QStringLiteral("unexpected answer from the server")),
        qPrintable(error->message));
}

void TestApiClient::deadContext_callbackNotInvoked()
{
    auto api = client(m_alice);
    bool called = false;
    QSignalSpy finished(api.get(), &ApiClient::requestFinished);
    {
        QObject context;
        api->me(&context, [&called](const Result<UserAccount> &) { called = true; });
    }
    QCOMPARE(api->pendingCount(), 0); // the context's death cancelled the request
    // Barrier: a later request on the same client comes back; the cancelled one never does.
    bool laterCalled = false;
    api->me(this, [&laterCalled](const Result<UserAccount> &) { laterCalled = true; });
    QTRY_VERIFY_WITH_TIMEOUT(laterCalled, 5000);
    QVERIFY(!called);
    QCOMPARE(finished.count(), 1);
}

void TestApiClient::cancel_callbackNotInvoked()
{
    auto api = client(m_alice);
    bool called = false;
    QObject context;
    const auto id = api->me(&context, [&called](const Result<UserAccount> &) { called = true; });
    QCOMPARE(api->pendingCount(), 1);
    api->cancel(id);
    QCOMPARE(api->pendingCount(), 0);
    // A later call on the same client still works.
    const auto me = awaitCall<UserAccount>([&](QObject *c, auto done) { api->me(c, done); });
    QVERIFY(me.ok());
    QVERIFY(!called);
}

void TestApiClient::metrics_operatorGetsTheText_bettorIsForbidden()
{
    auto api = client(m_operator);
    const auto text = awaitCall<QByteArray>([&](QObject *c, auto done) { api->metrics(c, done); });
    QVERIFY2(text.ok(), qPrintable(text.ok() ? QString() : text.error().message));
    QVERIFY(text->contains("# TYPE betthat_events_delivered_total counter\n"));
    auto bettor = client(m_alice);
    const auto refused = awaitCall<QByteArray>([&](QObject *c, auto done) { bettor->metrics(c, done); });
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Forbidden);
}

void TestApiClient::metrics_notPlainTextOrTooLarge_isRefused_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<qint64>("bodySize");
    QTest::addColumn<QString>("problem");
    // A login portal or proxy page is not metrics; a body without end is cut off, not buffered.
    QTest::newRow("html") << QByteArray("text/html") << qint64(100) << "instead of text/plain";
    QTest::newRow("too large") << QByteArray("text/plain; version=0.0.4") << qint64(5 * 1024 * 1024)
                               << "larger than";
}

void TestApiClient::metrics_notPlainTextOrTooLarge_isRefused()
{
    QFETCH(QByteArray, contentType);
    QFETCH(qint64, bodySize);
    QFETCH(QString, problem);
    QTcpServer fake;
    QVERIFY(fake.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> sockets;
    connect(&fake, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = fake.nextPendingConnection()) {
            sockets << socket;
            connect(socket, &QTcpSocket::readyRead, socket, [socket, contentType, bodySize] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                    + QByteArray::number(bodySize) + "\r\n\r\n");
                socket->write(QByteArray(bodySize, 'a'));
            });
        }
    });
    ApiClient api(ServerEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(fake.serverPort())), m_operator.token));
    const auto text = awaitCall<QByteArray>([&](QObject *c, auto done) { api.metrics(c, done); });
    QVERIFY(!text.ok());
    QCOMPARE(text.error().code, ErrorCode::Internal);
    QVERIFY2(text.error().message.contains(problem), qPrintable(text.error().message));
    qDeleteAll(sockets);
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
