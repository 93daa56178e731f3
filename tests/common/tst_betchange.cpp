// Tests of BetChange, the typed `data` of an event: built from two bets, encoded exactly as the event log
// stores it, decoded back, and malformed data refused with a reason.

#include "common/betchange.h"
#include "common/betrules.h"
#include "common/jsoncodec.h"

#include <QTest>
#include <QTimeZone>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::BetChange)

namespace {

const QDateTime kT(QDate(2024, 1, 15), QTime(10, 30, 0, 250), QTimeZone::utc());

User operatorUser()
{
    User u;
    u.id = QStringLiteral("olga");
    u.role = Role::Operator;
    return u;
}

Bet pending()
{
    Bet b;
    b.id = QStringLiteral("7");
    b.userId = QStringLiteral("alice");
    b.eventName = QStringLiteral("A v B");
    b.market = QStringLiteral("Winner");
    b.selection = QStringLiteral("A");
    b.odds = 25000;
    b.stake = 1000;
    b.potentialReturn = 2500;
    b.createdAt = kT;
    b.updatedAt = kT;
    b.version = 1;
    return b;
}

} // namespace

class TestBetChange : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_everyTransition_data();
    void roundTrip_everyTransition();
    void between_readsBothBets();
    void decode_olderEventWithoutDeadline_saysSo();
    void between_carriesWhatTheBetIsOn();
    void decode_olderEventWithoutMarket_readsEmptyAndReencodesUnchanged();
    void decode_malformed_refusedWithReason_data();
    void decode_malformed_refusedWithReason();
};

void TestBetChange::roundTrip_everyTransition_data()
{
    QTest::addColumn<QJsonObject>("data"); // what BetRules writes into the event log

    const BetRules rules(3600'000);
    User alice;
    alice.id = QStringLiteral("alice");
    NewBet request { QStringLiteral("A v B"), QStringLiteral("Winner"), QStringLiteral("A"), 25000, 1000 };
    QTest::newRow("placed") << rules.place(alice, request, kT)->event.data;
    QTest::newRow("cancelled") << rules.cancel(pending(), alice, kT)->event.data;
    const auto won = rules.resolve(pending(), operatorUser(), BetResult::Win, QStringLiteral("2-1"), kT);
    QTest::newRow("resolved") << won->event.data;
    const auto disputed = rules.dispute(won->after, alice, QStringLiteral("it was 1-2"), kT.addSecs(60));
    QTest::newRow("disputed") << disputed->event.data;
    QTest::newRow("upheld") << rules
                                   .decideDispute(disputed->after, operatorUser(), DisputeState::Upheld,
                                       BetResult::Loss, QStringLiteral("checked"), kT.addSecs(120))
                                   ->event.data;
    QTest::newRow("rejected") << rules
                                     .decideDispute(disputed->after, operatorUser(), DisputeState::Rejected,
                                         BetResult::None, QStringLiteral("stands"), kT.addSecs(120))
                                     ->event.data;
}

void TestBetChange::roundTrip_everyTransition()
{
    QFETCH(QJsonObject, data);
    const auto change = json::decodeBetChange(data);
    QVERIFY2(change.ok(), qPrintable(change.ok() ? QString() : change.error().message));
    QCOMPARE(json::toBytes(json::encode(*change)), json::toBytes(data));
    QVERIFY(change->hasDisputeDeadline);
}

void TestBetChange::between_readsBothBets()
{
    const auto won = BetRules(3600'000).resolve(pending(), operatorUser(), BetResult::Win, QString(), kT);
    const BetChange c = BetChange::between(won->before, won->after, QStringLiteral("olga"));
    QCOMPARE(c.betId, QStringLiteral("7"));
    QCOMPARE(c.status, BetStatus::Settled);
    QCOMPARE(c.previousStatus, std::optional<BetStatus>(BetStatus::Pending));
    QVERIFY(c.statusChanged());
    QVERIFY(!c.isPlacement());
    QCOMPARE(c.result, BetResult::Win);
    QCOMPARE(c.previousResult, BetResult::None);
    QVERIFY(c.resultChanged());
    QCOMPARE(c.payout, qint64(2500));
    QCOMPARE(c.currency, QStringLiteral("EUR"));
    QCOMPARE(c.disputeDeadline, kT.addSecs(3600));
    QCOMPARE(c.actorId, QStringLiteral("olga"));
    QCOMPARE(c.updatedAt, kT);
    QVERIFY(BetChange::between(Bet {}, pending(), QStringLiteral("alice")).isPlacement());
}

void TestBetChange::decode_olderEventWithoutDeadline_saysSo()
{
    QJsonObject data = json::encode(BetChange::between(pending(), pending(), QStringLiteral("alice")));
    data.remove(QStringLiteral("dispute_deadline"));
    data.remove(QStringLiteral("decision_notes"));
    const auto change = json::decodeBetChange(data);
    QVERIFY(change.ok());
    QVERIFY(!change->hasDisputeDeadline);
    QVERIFY(!change->disputeDeadline.isValid());
}

void TestBetChange::between_carriesWhatTheBetIsOn()
{
    const auto won = BetRules(3600'000).resolve(pending(), operatorUser(), BetResult::Win, QString(), kT);
    const BetChange c = BetChange::between(won->before, won->after, QStringLiteral("olga"));
    QCOMPARE(c.market, QStringLiteral("Winner"));
    QCOMPARE(c.eventName, QStringLiteral("A v B"));
    QCOMPARE(c.selection, QStringLiteral("A"));
    const QJsonObject data = json::encode(c);
    QCOMPARE(data.value(QStringLiteral("market")).toString(), QStringLiteral("Winner"));
    QCOMPARE(data.value(QStringLiteral("event_name")).toString(), QStringLiteral("A v B"));
    QCOMPARE(data.value(QStringLiteral("selection")).toString(), QStringLiteral("A"));
}

void TestBetChange::decode_olderEventWithoutMarket_readsEmptyAndReencodesUnchanged()
{
    // Events logged before the wire addition have no market/event_name/selection: they decode, and encoding
    // them again does not invent the keys (the log's bytes stay what they were).
    QJsonObject data = json::encode(BetChange::between(pending(), pending(), QStringLiteral("alice")));
    for (const char *key : {"market", "event_name", "selection"})
        data.remove(QLatin1String(key));
    const auto change = json::decodeBetChange(data);
    QVERIFY(change.ok());
    QVERIFY(change->market.isEmpty());
    QVERIFY(change->eventName.isEmpty());
    QCOMPARE(json::toBytes(json::encode(*change)), json::toBytes(data));
}

void TestBetChange::decode_malformed_refusedWithReason_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("reason");

    const QJsonValue remove(QJsonValue::Undefined);
    QTest::newRow("no status") << "status" << remove << "status must be one of";
    QTest::newRow("unknown status") << "status" << QJsonValue(QStringLiteral("won")) << "status must be one of";
    QTest::newRow("unknown previous_status") << "previous_status" << QJsonValue(QStringLiteral("x"))
                                             << "previous_status";
    QTest::newRow("numeric bet_id") << "bet_id" << QJsonValue(7) << "bet_id must be a string";
    QTest::newRow("unknown result") << "result" << QJsonValue(QStringLiteral("lose")) << "result must be null";
    QTest::newRow("numeric previous_result") << "previous_result" << QJsonValue(1) << "previous_result";
    QTest::newRow("fractional payout") << "payout" << QJsonValue(2.5) << "payout must be an integer";
    // Beyond qint64 the old check cast first (undefined behaviour, found by tests/fuzz/fuzz_jsoncodec).
    QTest::newRow("payout beyond qint64") << "payout" << QJsonValue(1e300) << "payout must be an integer";
    QTest::newRow("payout far below qint64") << "payout" << QJsonValue(-1e300) << "payout must be an integer";
    QTest::newRow("payout beyond 2^53") << "payout" << QJsonValue(1e17) << "payout must be an integer";
    QTest::newRow("payout as text") << "payout" << QJsonValue(QStringLiteral("5")) << "payout must be an integer";
    QTest::newRow("numeric notes") << "resolution_notes" << QJsonValue(1) << "resolution_notes";
    QTest::newRow("unknown dispute_state") << "dispute_state" << QJsonValue(QStringLiteral("pending"))
                                           << "dispute_state";
    QTest::newRow("bad dispute_deadline") << "dispute_deadline" << QJsonValue(QStringLiteral("soon"))
                                          << "dispute_deadline";
    QTest::newRow("bad updated_at") << "updated_at" << QJsonValue(QStringLiteral("2024-13-01")) << "updated_at";
    QTest::newRow("numeric actor_id") << "actor_id" << QJsonValue(3) << "actor_id";
}

void TestBetChange::decode_malformed_refusedWithReason()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, reason);
    const auto won = BetRules().resolve(pending(), operatorUser(), BetResult::Win, QString(), kT);
    QJsonObject data = won->event.data;
    if (value.isUndefined())
        data.remove(key);
    else
        data.insert(key, value);
    const auto change = json::decodeBetChange(data);
    QVERIFY(!change.ok());
    QCOMPARE(change.error().code, ErrorCode::BadRequest);
    QVERIFY2(change.error().message.contains(reason), qPrintable(change.error().message));
}

QTEST_GUILESS_MAIN(TestBetChange)
#include "tst_betchange.moc"
