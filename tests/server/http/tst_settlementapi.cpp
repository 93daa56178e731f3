// Settlement as sportsbooks do it, through the real API on a real server and SQLite: market settlement with
// terms, provisional results and their confirmation, corrections (re-settle, roll back) and cancel by window.
#include "common/betrules.h"
#include "common/jsoncodec.h"
#include "common/money.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>
#include <memory>

using namespace betthat;
using namespace betthat::test;

namespace {

const QString kEvent = QStringLiteral("Cheltenham 14:30");
const QString kMarket = QStringLiteral("Win");
const qint64 kDeposit = 1000000;

HttpClient::Headers key(const QString &value)
{
    return { { QByteArrayLiteral("Idempotency-Key"), value.toUtf8() } };
}

QJsonObject outcome(const QString &selection, const QString &result, const QJsonValue &deadHeat = QJsonValue())
{
    QJsonObject o { { QStringLiteral("selection"), selection }, { QStringLiteral("result"), result } };
    if (!deadHeat.isNull())
        o.insert(QStringLiteral("dead_heat_factor"), deadHeat);
    return o;
}

} // namespace

class TestSettlementApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void settleMarket_300BetsThreeSelections_everyBetRight_idempotent_thenConfirmed();
    void selections_listsPendingCountsAndStakes_operatorsOnly();
    void resettleAndRollback_ledgerAddsUp_oneEventEach_supersedesTheOutcomeEvent();
    void correction_whileDisputeOpen_closesTheDispute();
    void cancelByWindow_touchesOnlyBetsInside_andItsRollbackRestoresThem();

private:
    Bet place(const TestUser &bettor, const QString &selection, qint64 stake, const QString &odds,
        const QString &eventName = kEvent);
    qint64 balance(const QString &userId) { return *repo().balance(userId); }
    qint64 lastSeq() { return *repo().lastSeq(); }
    QList<BetEvent> trail(const QString &betId) { return *repo().eventsForBet(betId); }
    server::Repository &repo() { return m_server->server().repository(); }

    QTcpServer m_silentSmtp; // accepts and never greets: outbox rows stay pending, so they can be counted
    std::shared_ptr<QDateTime> m_now;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    TestUser m_operator;
    QList<TestUser> m_bettors;
};

void TestSettlementApi::init()
{
    if (!m_silentSmtp.isListening())
        QVERIFY(m_silentSmtp.listen(QHostAddress::LocalHost, 0));
    server::ServerConfig config;
    config.email.enabled = true;
    config.email.server = QStringLiteral("127.0.0.1");
    config.email.port = m_silentSmtp.serverPort();
    config.email.timeoutMs = 60000;
    m_server = std::make_unique<TestServer>(config);
    m_now = std::make_shared<QDateTime>(QDateTime(QDate(2024, 3, 12), QTime(12, 0), QTimeZone::utc()));
    const auto now = m_now;
    m_server->setClock([now] { return *now; });
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_operator = m_server->addUser(QStringLiteral("olga"), Role::Operator);
    m_bettors.clear();
    for (const char *id : { "alice", "bob", "carol" })
        m_bettors << m_server->addUser(QLatin1String(id), Role::Bettor, kDeposit);
}

void TestSettlementApi::cleanup()
{
    m_http.reset();
    m_server.reset();
}

Bet TestSettlementApi::place(
    const TestUser &bettor, const QString &selection, qint64 stake, const QString &odds, const QString &eventName)
{
    NewBet request;
    request.eventName = eventName;
    request.market = kMarket;
    request.selection = selection;
    request.odds = *parseOdds(odds);
    request.stake = stake;
    const auto placed = m_server->server().service().place(bettor.user, request);
    if (!placed)
        qFatal("place: %s", qPrintable(placed.error().message));
    return *placed;
}

void TestSettlementApi::settleMarket_300BetsThreeSelections_everyBetRight_idempotent_thenConfirmed()
{
    // 300 bets over three selections, varied stakes and odds so that rounding is exercised.
    const QStringList selections { QStringLiteral("Desert Crown"), QStringLiteral("Galopin"),
        QStringLiteral("Shishkin") };
    QHash<QString, Bet> placed;
    for (int i = 0; i < 300; ++i) {
        const Bet bet = place(m_bettors.at(i % 3), selections.at(i % 3 == 0 ? 0 : (i % 7 < 4 ? 1 : 2)),
            101 + 37 * i, QStringLiteral("%1.%2").arg(2 + i % 5).arg(i % 100, 2, 10, QLatin1Char('0')));
        placed.insert(bet.id, bet);
    }
    QJsonObject body { { QStringLiteral("event_name"), kEvent }, { QStringLiteral("market"), kMarket },
        { QStringLiteral("notes"), QStringLiteral("photo finish: dead heat") },
        { QStringLiteral("certainty"), QStringLiteral("provisional") }, { QStringLiteral("deduction"), 15 },
        { QStringLiteral("outcomes"),
            QJsonArray { outcome(selections.at(0), QStringLiteral("win"), QStringLiteral("0.5")),
                outcome(selections.at(1), QStringLiteral("win"), QStringLiteral("0.5")) } } };

    // Shishkin has pending bets and no outcome: refused as a whole, naming it, nothing written.
    const qint64 seqBefore = lastSeq();
    const HttpReply refused = m_http->post(QStringLiteral("/api/v1/markets/settle"), body, m_operator.token);
    QCOMPARE(refused.status, 400);
    QVERIFY2(refused.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(
                 QStringLiteral("Shishkin")),
        refused.body.constData());
    QCOMPARE(lastSeq(), seqBefore);

    body.insert(QStringLiteral("others"), QStringLiteral("loss"));
    const HttpReply settled
        = m_http->post(QStringLiteral("/api/v1/markets/settle"), body, m_operator.token, key(QStringLiteral("s-1")));
    QCOMPARE(settled.status, 200);
    QCOMPARE(settled.json.value(QStringLiteral("settled")).toInt(), 300);
    QCOMPARE(settled.json.value(QStringLiteral("failed")).toInt(), 0);
    const QJsonArray results = settled.json.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 300);
    QCOMPARE(lastSeq(), seqBefore + 300); // one event per bet

    const BetRules rules;
    QHash<QString, qint64> expectedBalance;
    for (const TestUser &u : std::as_const(m_bettors))
        expectedBalance.insert(u.user.id, kDeposit);
    for (const QJsonValue &item : results) {
        const QJsonObject r = item.toObject();
        QCOMPARE(r.value(QStringLiteral("action")).toString(), QStringLiteral("settled"));
        const auto bet = json::decodeBet(r.value(QStringLiteral("bet")).toObject());
        QVERIFY(bet.ok());
        const Bet &before = placed.value(bet->id);
        const bool lost = before.selection == selections.at(2);
        const SettlementTerms terms = lost ? SettlementTerms { BetResult::Loss, {}, {}, {} }
                                           : SettlementTerms { BetResult::Win, {}, 5000, 15 };
        const qint64 expected = BetRules::payoutFor(terms, before.stake, before.odds)->total();
        QCOMPARE(bet->payout, expected);
        QCOMPARE(bet->result, terms.result);
        QCOMPARE(bet->certainty, Certainty::Provisional);
        QVERIFY(!bet->disputeDeadline.isValid()); // provisional: not disputable
        QCOMPARE(*repo().betById(bet->id), *bet);
        expectedBalance[bet->userId] += expected - before.stake;
    }
    for (const TestUser &u : std::as_const(m_bettors))
        QCOMPARE(balance(u.user.id), expectedBalance.value(u.user.id));
    QCOMPARE(*repo().outboxCount(QString()), 0); // provisional results are not mailed

    // The retry with the same key answers the same report and writes nothing.
    const HttpReply retry
        = m_http->post(QStringLiteral("/api/v1/markets/settle"), body, m_operator.token, key(QStringLiteral("s-1")));
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.body, settled.body);
    QCOMPARE(retry.header("Idempotent-Replayed"), QByteArrayLiteral("true"));
    QCOMPARE(lastSeq(), seqBefore + 300);
    // Without a key the same request settles nothing twice: every bet already has this provisional outcome.
    const HttpReply again = m_http->post(QStringLiteral("/api/v1/markets/settle"), body, m_operator.token);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("unchanged")).toInt(), 300);
    QCOMPARE(lastSeq(), seqBefore + 300);

    // Confirmed with the same outcome: only the mark changes, the dispute window opens now, and mail goes out.
    *m_now = m_now->addSecs(3600);
    body.insert(QStringLiteral("certainty"), QStringLiteral("confirmed"));
    const HttpReply confirmed = m_http->post(QStringLiteral("/api/v1/markets/settle"), body, m_operator.token);
    QCOMPARE(confirmed.status, 200);
    QCOMPARE(confirmed.json.value(QStringLiteral("confirmed")).toInt(), 300);
    QCOMPARE(lastSeq(), seqBefore + 600);
    for (const TestUser &u : std::as_const(m_bettors))
        QCOMPARE(balance(u.user.id), expectedBalance.value(u.user.id)); // no second payout
    const QString someId = results.first().toObject().value(QStringLiteral("bet_id")).toString();
    const Bet confirmedBet = *repo().betById(someId).value();
    QCOMPARE(confirmedBet.certainty, Certainty::Confirmed);
    QCOMPARE(confirmedBet.disputeDeadline, m_now->addMSecs(rules.disputeWindowMs()));
    const BetEvent last = trail(someId).last();
    QCOMPARE(eventTypeName(last.type), QStringLiteral("bet_updated"));
    QCOMPARE(last.data.value(QStringLiteral("certainty")).toString(), QStringLiteral("confirmed"));
    QVERIFY(last.data.value(QStringLiteral("supersedes_seq")).isNull());
    QCOMPARE(*repo().outboxCount(QString()), 300); // one confirmation mail per bet
}

void TestSettlementApi::selections_listsPendingCountsAndStakes_operatorsOnly()
{
    place(m_bettors.at(0), QStringLiteral("A"), 1000, QStringLiteral("2.00"));
    place(m_bettors.at(1), QStringLiteral("A"), 500, QStringLiteral("2.00"));
    place(m_bettors.at(2), QStringLiteral("B"), 250, QStringLiteral("3.00"));
    place(m_bettors.at(2), QStringLiteral("C"), 100, QStringLiteral("3.00"), QStringLiteral("Other event"));
    const QString path = QStringLiteral("/api/v1/markets/selections?event_name=Cheltenham%2014%3A30&market=Win");
    const HttpReply reply = m_http->get(path, m_operator.token);
    QCOMPARE(reply.status, 200);
    const QJsonArray list = reply.json.value(QStringLiteral("selections")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("selection")).toString(), QStringLiteral("A"));
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("pending_bets")).toInt(), 2);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("pending_stake")).toObject().value(QStringLiteral("EUR")).toInt(),
        1500);
    QCOMPARE(list.at(1).toObject().value(QStringLiteral("pending_bets")).toInt(), 1);
    QCOMPARE(m_http->get(path, m_bettors.at(0).token).status, 403);
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/markets/selections?market=Win"), m_operator.token).status, 400);
}

void TestSettlementApi::resettleAndRollback_ledgerAddsUp_oneEventEach_supersedesTheOutcomeEvent()
{
    const TestUser &alice = m_bettors.at(0);
    const Bet bet = place(alice, QStringLiteral("A"), 1000, QStringLiteral("2.50"));
    const QString path = QStringLiteral("/api/v1/bets/") + bet.id;
    QCOMPARE(m_http->post(path + QStringLiteral("/resolve"), { { QStringLiteral("result"), QStringLiteral("win") } },
                 m_operator.token)
                 .status,
        200);
    const qint64 resolvedSeq = lastSeq();
    QCOMPARE(balance(QStringLiteral("alice")), kDeposit + 1500);

    // Re-settle as a dead heat with Rule 4 10p: w=500 -> 500 + 750x0.9 = 1175.
    const qint64 before = lastSeq();
    const HttpReply resettled = m_http->post(path + QStringLiteral("/resettle"),
        { { QStringLiteral("result"), QStringLiteral("win") }, { QStringLiteral("dead_heat_factor"), QStringLiteral("0.5") },
            { QStringLiteral("deduction"), 10 }, { QStringLiteral("notes"), QStringLiteral("judge: dead heat") } },
        m_operator.token);
    QCOMPARE(resettled.status, 200);
    QCOMPARE(resettled.json.value(QStringLiteral("payout")).toInt(), 1175);
    QCOMPARE(resettled.json.value(QStringLiteral("dead_heat_factor")).toString(), QStringLiteral("0.5"));
    QCOMPARE(resettled.json.value(QStringLiteral("deduction")).toInt(), 10);
    QCOMPARE(lastSeq(), before + 1); // exactly one event
    QCOMPARE(balance(QStringLiteral("alice")), kDeposit - 1000 + 1175);
    BetEvent event = trail(bet.id).last();
    QCOMPARE(eventTypeName(event.type), QStringLiteral("bet_resolved"));
    QCOMPARE(event.data.value(QStringLiteral("supersedes_seq")).toInteger(), resolvedSeq);
    QCOMPARE(event.data.value(QStringLiteral("previous_result")).toString(), QStringLiteral("win"));
    QCOMPARE(event.data.value(QStringLiteral("actor_id")).toString(), QStringLiteral("olga"));
    QCOMPARE(event.data.value(QStringLiteral("resolution_notes")).toString(), QStringLiteral("judge: dead heat"));
    const qint64 resettledSeq = event.seq;

    // Notes are required; a bettor may not correct.
    QCOMPARE(m_http->post(path + QStringLiteral("/rollback"), QJsonObject {}, m_operator.token).status, 400);
    QCOMPARE(m_http->post(path + QStringLiteral("/rollback"), { { QStringLiteral("notes"), QStringLiteral("x") } },
                 alice.token)
                 .status,
        403);
    QCOMPARE(lastSeq(), before + 1);

    const HttpReply rolledBack = m_http->post(path + QStringLiteral("/rollback"),
        { { QStringLiteral("notes"), QStringLiteral("stewards' enquiry") } }, m_operator.token);
    QCOMPARE(rolledBack.status, 200);
    QCOMPARE(rolledBack.json.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(lastSeq(), before + 2);
    QCOMPARE(balance(QStringLiteral("alice")), kDeposit - 1000); // pending: only the stake is out
    event = trail(bet.id).last();
    QCOMPARE(eventTypeName(event.type), QStringLiteral("bet_updated"));
    QCOMPARE(event.data.value(QStringLiteral("supersedes_seq")).toInteger(), resettledSeq);
    // A pending bet cannot be rolled back again.
    QCOMPARE(m_http->post(path + QStringLiteral("/rollback"), { { QStringLiteral("notes"), QStringLiteral("again") } },
                 m_operator.token)
                 .status,
        409);
}

void TestSettlementApi::correction_whileDisputeOpen_closesTheDispute()
{
    const TestUser &bob = m_bettors.at(1);
    const Bet bet = place(bob, QStringLiteral("A"), 1000, QStringLiteral("2.50"));
    const QString path = QStringLiteral("/api/v1/bets/") + bet.id;
    QCOMPARE(m_http->post(path + QStringLiteral("/resolve"), { { QStringLiteral("result"), QStringLiteral("loss") } },
                 m_operator.token)
                 .status,
        200);
    QCOMPARE(m_http->post(path + QStringLiteral("/dispute"), { { QStringLiteral("reason"), QStringLiteral("A won") } },
                 bob.token)
                 .status,
        200);
    const HttpReply corrected = m_http->post(path + QStringLiteral("/resettle"),
        { { QStringLiteral("result"), QStringLiteral("win") }, { QStringLiteral("notes"), QStringLiteral("A won") } },
        m_operator.token);
    QCOMPARE(corrected.status, 200);
    QCOMPARE(corrected.json.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    const QJsonObject dispute = corrected.json.value(QStringLiteral("dispute")).toObject();
    QCOMPARE(dispute.value(QStringLiteral("state")).toString(), QStringLiteral("upheld"));
    QCOMPARE(dispute.value(QStringLiteral("decided_by")).toString(), QStringLiteral("olga"));
    QCOMPARE(balance(QStringLiteral("bob")), kDeposit + 1500);
    // The decision is what the bettor is told about: the dispute_decided mail.
    QCOMPARE(*repo().outboxCount(QString()), 2 + 1 + 1); // resolved, dispute raised (bettor, operator), decided
    QCOMPARE(m_http->post(path + QStringLiteral("/dispute/decision"),
                 { { QStringLiteral("decision"), QStringLiteral("rejected") }, { QStringLiteral("notes"), QStringLiteral("n") } },
                 m_operator.token)
                 .status,
        409);
}

void TestSettlementApi::cancelByWindow_touchesOnlyBetsInside_andItsRollbackRestoresThem()
{
    const TestUser &carol = m_bettors.at(2);
    const QDateTime t0 = *m_now;
    const Bet before = place(carol, QStringLiteral("A"), 1000, QStringLiteral("2.00")); // at t0: outside
    *m_now = t0.addSecs(60);
    const Bet insidePending = place(carol, QStringLiteral("A"), 700, QStringLiteral("2.00"));
    const Bet insideSettled = place(carol, QStringLiteral("B"), 400, QStringLiteral("3.00"));
    const Bet otherEvent = place(carol, QStringLiteral("A"), 300, QStringLiteral("2.00"), QStringLiteral("Other"));
    *m_now = t0.addSecs(120);
    const Bet atTo = place(carol, QStringLiteral("A"), 200, QStringLiteral("2.00")); // at `to`: outside
    QCOMPARE(m_http->post(QStringLiteral("/api/v1/bets/%1/resettle").arg(insideSettled.id),
                 { { QStringLiteral("result"), QStringLiteral("win") }, { QStringLiteral("notes"), QStringLiteral("n") } },
                 m_operator.token)
                 .status,
        409); // pending bets are settled, not re-settled
    QCOMPARE(m_http->post(QStringLiteral("/api/v1/bets/%1/resolve").arg(insideSettled.id),
                 { { QStringLiteral("result"), QStringLiteral("win") } }, m_operator.token)
                 .status,
        200);
    const Bet settledBefore = *repo().betById(insideSettled.id).value();
    const qint64 balanceBefore = balance(QStringLiteral("carol"));
    const QJsonObject window { { QStringLiteral("event_name"), kEvent },
        { QStringLiteral("from"), toIsoUtc(t0.addSecs(30)) }, { QStringLiteral("to"), toIsoUtc(t0.addSecs(120)) },
        { QStringLiteral("notes"), QStringLiteral("feed: bet_cancel, late bets") } };

    *m_now = t0.addSecs(300);
    const HttpReply cancelled = m_http->post(QStringLiteral("/api/v1/events/cancel"), window, m_operator.token);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json.value(QStringLiteral("succeeded")).toInt(), 2);
    QCOMPARE(cancelled.json.value(QStringLiteral("failed")).toInt(), 0);
    for (const Bet &inside : { insidePending, insideSettled }) {
        const Bet now = *repo().betById(inside.id).value();
        QCOMPARE(now.status, BetStatus::Voided);
        QCOMPARE(now.payout, inside.stake);
        QVERIFY(now.cancelledFrom);
    }
    for (const Bet &outside : { before, otherEvent, atTo })
        QCOMPARE(repo().betById(outside.id).value()->status, BetStatus::Pending);
    // Both stakes back; the earlier win (400 x 3 = 1200) reversed.
    QCOMPARE(balance(QStringLiteral("carol")), balanceBefore + 700 + 400 - 1200);
    QCOMPARE(trail(insideSettled.id).last().data.value(QStringLiteral("supersedes_seq")).toInteger(),
        settledBefore.outcomeSeq);

    const HttpReply restored = m_http->post(QStringLiteral("/api/v1/events/cancel/rollback"), window, m_operator.token);
    QCOMPARE(restored.status, 200);
    QCOMPARE(restored.json.value(QStringLiteral("succeeded")).toInt(), 2);
    QCOMPARE(balance(QStringLiteral("carol")), balanceBefore);
    const Bet pendingAgain = *repo().betById(insidePending.id).value();
    QCOMPARE(pendingAgain.status, BetStatus::Pending);
    QCOMPARE(pendingAgain.result, BetResult::None);
    QCOMPARE(pendingAgain.payout, qint64(0));
    const Bet settledAgain = *repo().betById(insideSettled.id).value();
    QCOMPARE(settledAgain.status, BetStatus::Settled);
    QCOMPARE(settledAgain.result, BetResult::Win);
    QCOMPARE(settledAgain.payout, settledBefore.payout);
    QCOMPARE(settledAgain.resolvedAt, settledBefore.resolvedAt);
    QCOMPARE(settledAgain.disputeDeadline, settledBefore.disputeDeadline);
    QVERIFY(!settledAgain.cancelledFrom);
    // A second rollback finds nothing left to restore; a window the wrong way round is refused.
    const HttpReply nothing = m_http->post(QStringLiteral("/api/v1/events/cancel/rollback"), window, m_operator.token);
    QCOMPARE(nothing.json.value(QStringLiteral("succeeded")).toInt(), 0);
    QJsonObject backwards = window;
    backwards.insert(QStringLiteral("to"), toIsoUtc(t0));
    QCOMPARE(m_http->post(QStringLiteral("/api/v1/events/cancel"), backwards, m_operator.token).status, 400);
}

QTEST_GUILESS_MAIN(TestSettlementApi)
#include "tst_settlementapi.moc"
