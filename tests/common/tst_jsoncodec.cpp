// Tests of the JSON codec: round trips, the exact wire shape, and refusals that name the offending field.

#include "common/jsoncodec.h"
#include "common/timeutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::Bet)
Q_DECLARE_METATYPE(betthat::User)

namespace {

QDateTime utc(int hour, int minute, int second, int ms)
{
    return QDateTime(QDate(2024, 1, 15), QTime(hour, minute, second, ms), QTimeZone::utc());
}

Bet pendingBet()
{
    Bet b;
    b.id = QStringLiteral("42");
    b.userId = QStringLiteral("alice");
    b.eventName = QStringLiteral("Arsenal v Chelsea");
    b.market = QStringLiteral("Match result");
    b.selection = QStringLiteral("Arsenal");
    b.odds = 25000;
    b.stake = 1000;
    b.potentialReturn = 2500;
    b.currency = QStringLiteral("EUR");
    b.createdAt = utc(10, 0, 0, 123);
    b.updatedAt = utc(10, 0, 0, 123);
    b.version = 1;
    return b;
}

Bet disputedBet()
{
    Bet b = pendingBet();
    b.status = BetStatus::Disputed;
    b.result = BetResult::Win;
    b.payout = 2500;
    b.resolutionSource = QStringLiteral("operator");
    b.resolvedBy = QStringLiteral("olivia");
    b.resolvedAt = utc(11, 0, 0, 0);
    Dispute d;
    d.reason = QStringLiteral("abandoned at half time");
    d.raisedAt = utc(11, 30, 15, 9);
    b.dispute = d;
    b.updatedAt = d.raisedAt;
    b.version = 3;
    return b;
}

Bet correctedBet()
{
    Bet b = disputedBet();
    b.status = BetStatus::Settled;
    b.result = BetResult::Loss;
    b.payout = 0;
    b.resolutionNotes = QStringLiteral("league confirmed \"abandoned\"\nno result");
    b.resolutionSource = QStringLiteral("dispute");
    b.resolvedAt = utc(12, 0, 0, 999);
    b.dispute->state = DisputeState::Upheld;
    b.dispute->decisionNotes = b.resolutionNotes;
    b.dispute->decidedBy = QStringLiteral("olivia");
    b.dispute->decidedAt = b.resolvedAt;
    b.updatedAt = b.resolvedAt;
    b.version = 4;
    return b;
}

BetEvent resolvedEvent()
{
    BetEvent e;
    e.type = EventType::BetResolved;
    e.seq = 17;
    e.betId = QStringLiteral("42");
    e.userId = QStringLiteral("alice");
    e.data = QJsonObject { { QStringLiteral("bet_id"), QStringLiteral("42") },
        { QStringLiteral("status"), QStringLiteral("settled") },
        { QStringLiteral("previous_status"), QStringLiteral("pending") },
        { QStringLiteral("result"), QStringLiteral("win") },
        { QStringLiteral("previous_result"), QJsonValue() }, { QStringLiteral("payout"), 2500 },
        { QStringLiteral("dispute_reason"), QJsonValue() },
        { QStringLiteral("actor_id"), QStringLiteral("olivia") },
        { QStringLiteral("updated_at"), QStringLiteral("2024-01-15T11:00:00.000Z") } };
    e.timestamp = utc(11, 0, 0, 0);
    return e;
}

User alice()
{
    User u;
    u.id = QStringLiteral("alice");
    u.displayName = QStringLiteral("Alice Ångström");
    u.email = QStringLiteral("alice@example.com");
    u.role = Role::Bettor;
    return u;
}

// Sets or (with an undefined value) removes a key, one level of nesting allowed ("dispute.reason").
QJsonObject mutated(QJsonObject object, const QString &path, const QJsonValue &value)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.size() == 2) {
        QJsonObject inner = object.value(parts[0]).toObject();
        inner = mutated(inner, parts[1], value);
        object.insert(parts[0], inner);
        return object;
    }
    if (value.isUndefined())
        object.remove(path);
    else
        object.insert(path, value);
    return object;
}

const QJsonValue kRemove = QJsonValue(QJsonValue::Undefined);

bool isWireTimestamp(const QJsonValue &value)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")));
    return value.isString() && re.match(value.toString()).hasMatch();
}

} // namespace

class TestJsonCodec : public QObject
{
    Q_OBJECT

private slots:
    void bet_roundTrip_data();
    void bet_roundTrip();
    void bet_encode_wireShape();
    void bet_encode_nullsForAbsentValues();
    void bet_decode_handWrittenJson();
    void timestamps_alwaysUtcWithMilliseconds();
    void event_roundTrip_wireShape();
    void user_roundTrip_data();
    void user_roundTrip();
    void user_decode_defaultsForOptionalFields();

    void document_malformed_rejected_data();
    void document_malformed_rejected();
    void bet_malformed_rejectedNamingField_data();
    void bet_malformed_rejectedNamingField();
    void event_malformed_rejectedNamingField_data();
    void event_malformed_rejectedNamingField();
    void user_malformed_rejectedNamingField_data();
    void user_malformed_rejectedNamingField();

    void requireInteger_table_data();
    void requireInteger_table();
    void requireString_table_data();
    void requireString_table();
    void names_matchTheWire();
};

void TestJsonCodec::bet_roundTrip_data()
{
    QTest::addColumn<Bet>("bet");

    QTest::newRow("pending, nulls everywhere") << pendingBet();
    QTest::newRow("open dispute") << disputedBet();
    QTest::newRow("upheld dispute, notes with quotes and newline") << correctedBet();
    Bet voided = pendingBet();
    voided.status = BetStatus::Voided;
    voided.result = BetResult::Void;
    voided.payout = 1000;
    voided.resolutionNotes = QStringLiteral("match abandoned");
    voided.resolvedAt = utc(23, 59, 59, 999);
    voided.currency = QStringLiteral("USD");
    voided.odds = 10001;
    voided.version = 2;
    voided.disputeDeadline = utc(23, 59, 59, 999).addDays(7);
    QTest::newRow("voided, USD, odds 1.0001, disputable") << voided;
    Bet cancelled = pendingBet();
    cancelled.status = BetStatus::Cancelled;
    cancelled.resolutionSource = QStringLiteral("bettor");
    cancelled.stake = 9007199254740992LL; // 2^53: the largest integer a JSON number carries exactly
    QTest::newRow("cancelled, huge stake") << cancelled;
}

void TestJsonCodec::bet_roundTrip()
{
    QFETCH(Bet, bet);

    const auto direct = json::decodeBet(json::encode(bet));
    QVERIFY2(direct.ok(), qPrintable(direct.ok() ? QString() : direct.error().message));
    QCOMPARE(*direct, bet);

    // Through bytes, as it travels.
    const QByteArray bytes = json::toBytes(json::encode(bet));
    QVERIFY(!bytes.contains('\n'));
    const auto object = json::parseObject(bytes);
    QVERIFY(object.ok());
    const auto decoded = json::decodeBet(*object);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(*decoded, bet);
    QCOMPARE(json::toBytes(json::encode(*decoded)), bytes);
}

void TestJsonCodec::bet_encode_wireShape()
{
    const QJsonObject o = json::encode(correctedBet());
    QStringList keys = o.keys();
    QStringList expectedKeys { "id", "user_id", "event_name", "market", "selection", "odds", "stake",
        "potential_return", "currency", "status", "result", "payout", "resolution_notes", "resolution_source",
        "resolved_by", "resolved_at", "created_at", "updated_at", "version", "dispute", "dispute_deadline",
        "void_factor", "dead_heat_factor", "deduction", "certainty", "outcome_seq", "cancelled_from" };
    keys.sort();
    expectedKeys.sort();
    QCOMPARE(keys, expectedKeys);

    // Ids are strings on the wire, money is integer minor units, odds a decimal string.
    QVERIFY(o.value(QStringLiteral("id")).isString());
    QCOMPARE(o.value(QStringLiteral("id")).toString(), QStringLiteral("42"));
    QVERIFY(o.value(QStringLiteral("user_id")).isString());
    QCOMPARE(o.value(QStringLiteral("odds")).toString(), QStringLiteral("2.50"));
    QVERIFY(o.value(QStringLiteral("stake")).isDouble());
    QCOMPARE(o.value(QStringLiteral("stake")).toInteger(), qint64(1000));
    QCOMPARE(o.value(QStringLiteral("potential_return")).toInteger(), qint64(2500));
    QCOMPARE(o.value(QStringLiteral("payout")).toInteger(), qint64(0));
    QCOMPARE(o.value(QStringLiteral("version")).toInteger(), qint64(4));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("settled"));
    QCOMPARE(o.value(QStringLiteral("result")).toString(), QStringLiteral("loss"));
    QCOMPARE(o.value(QStringLiteral("resolution_source")).toString(), QStringLiteral("dispute"));
    QCOMPARE(o.value(QStringLiteral("resolved_by")).toString(), QStringLiteral("olivia"));
    QCOMPARE(o.value(QStringLiteral("created_at")).toString(), QStringLiteral("2024-01-15T10:00:00.123Z"));
    QCOMPARE(o.value(QStringLiteral("resolved_at")).toString(), QStringLiteral("2024-01-15T12:00:00.999Z"));
    // A decided dispute is final: no deadline.
    QVERIFY(o.value(QStringLiteral("dispute_deadline")).isNull());

    const QJsonObject d = o.value(QStringLiteral("dispute")).toObject();
    QStringList disputeKeys = d.keys();
    disputeKeys.sort();
    QCOMPARE(disputeKeys,
        (QStringList { "decided_at", "decided_by", "decision_notes", "raised_at", "reason", "state" }));
    QCOMPARE(d.value(QStringLiteral("state")).toString(), QStringLiteral("upheld"));
    QCOMPARE(d.value(QStringLiteral("raised_at")).toString(), QStringLiteral("2024-01-15T11:30:15.009Z"));
    QCOMPARE(d.value(QStringLiteral("decided_at")).toString(), QStringLiteral("2024-01-15T12:00:00.999Z"));
    QCOMPARE(d.value(QStringLiteral("decided_by")).toString(), QStringLiteral("olivia"));
}

void TestJsonCodec::bet_encode_nullsForAbsentValues()
{
    const QJsonObject pending = json::encode(pendingBet());
    for (const char *key :
        { "result", "resolution_notes", "resolution_source", "resolved_by", "resolved_at", "dispute",
            "dispute_deadline" })
        QVERIFY2(pending.value(QLatin1String(key)).isNull(), key);
    QCOMPARE(pending.value(QStringLiteral("payout")).toInteger(), qint64(0));

    const QJsonObject open = json::encode(disputedBet()).value(QStringLiteral("dispute")).toObject();
    QCOMPARE(open.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
    for (const char *key : { "decision_notes", "decided_by", "decided_at" })
        QVERIFY2(open.value(QLatin1String(key)).isNull(), key);
}

void TestJsonCodec::bet_decode_handWrittenJson()
{
    // What another client might send: offsets, no milliseconds, keys in any order, absent optionals.
    const QByteArray text = R"({
        "version": 3, "status": "disputed", "result": "win", "payout": 2500,
        "id": "42", "user_id": "alice", "event_name": "Arsenal v Chelsea", "market": "Match result",
        "selection": "Arsenal", "odds": "2.5", "stake": 1000, "potential_return": 2500, "currency": "EUR",
        "resolution_source": "operator", "resolved_by": "olivia", "resolved_at": "2024-01-15T13:00:00+02:00",
        "created_at": "2024-01-15T10:00:00.123Z", "updated_at": "2024-01-15T11:30:15.009Z",
        "dispute": {"reason": "abandoned at half time", "raised_at": "2024-01-15T11:30:15.009Z", "state": "open"}
    })";
    const auto object = json::parseObject(text);
    QVERIFY(object.ok());
    const auto bet = json::decodeBet(*object);
    QVERIFY2(bet.ok(), qPrintable(bet.ok() ? QString() : bet.error().message));
    QCOMPARE(*bet, disputedBet());
    QCOMPARE(bet->resolvedAt.timeSpec(), Qt::UTC);
}

void TestJsonCodec::timestamps_alwaysUtcWithMilliseconds()
{
    Bet bet = correctedBet();
    // The same instants expressed in other zones: the wire shows them in UTC with milliseconds.
    bet.createdAt = QDateTime(QDate(2024, 1, 15), QTime(12, 0), QTimeZone(2 * 3600)); // 10:00Z
    bet.updatedAt = QDateTime(QDate(2024, 1, 15), QTime(5, 30, 0, 7), QTimeZone(-5 * 3600 - 1800));
    const QJsonObject o = json::encode(bet);
    QCOMPARE(o.value(QStringLiteral("created_at")).toString(), QStringLiteral("2024-01-15T10:00:00.000Z"));
    QCOMPARE(o.value(QStringLiteral("updated_at")).toString(), QStringLiteral("2024-01-15T11:00:00.007Z"));
    bet.disputeDeadline = QDateTime(QDate(2024, 1, 22), QTime(13, 0, 0, 999), QTimeZone(3600));
    QCOMPARE(json::encode(bet).value(QStringLiteral("dispute_deadline")).toString(),
        QStringLiteral("2024-01-22T12:00:00.999Z"));
    for (const char *key : { "created_at", "updated_at", "resolved_at" })
        QVERIFY2(isWireTimestamp(o.value(QLatin1String(key))), key);
    const QJsonObject d = o.value(QStringLiteral("dispute")).toObject();
    QVERIFY(isWireTimestamp(d.value(QStringLiteral("raised_at"))));
    QVERIFY(isWireTimestamp(d.value(QStringLiteral("decided_at"))));

    BetEvent event = resolvedEvent();
    event.timestamp = QDateTime(QDate(2023, 12, 31), QTime(23, 0), QTimeZone(-3600)); // next day in UTC
    const QJsonObject e = json::encode(event);
    QCOMPARE(e.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2024-01-01T00:00:00.000Z"));
}

void TestJsonCodec::event_roundTrip_wireShape()
{
    const BetEvent event = resolvedEvent();
    const QJsonObject o = json::encode(event);
    QStringList keys = o.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList { "bet_id", "data", "seq", "timestamp", "type", "user_id" }));
    QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("bet_resolved"));
    QVERIFY(o.value(QStringLiteral("seq")).isDouble());
    QCOMPARE(o.value(QStringLiteral("seq")).toInteger(), qint64(17));
    QVERIFY(o.value(QStringLiteral("bet_id")).isString());
    QCOMPARE(o.value(QStringLiteral("bet_id")).toString(), QStringLiteral("42"));
    QCOMPARE(o.value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
    QCOMPARE(o.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2024-01-15T11:00:00.000Z"));
    QCOMPARE(o.value(QStringLiteral("data")).toObject(), event.data);
    QVERIFY(o.value(QStringLiteral("data")).toObject().value(QStringLiteral("previous_result")).isNull());

    const auto decoded = json::decodeEvent(o);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(*decoded, event);

    // Every type survives the trip, through bytes.
    for (EventType type : { EventType::BetResolved, EventType::BetDisputed, EventType::BetUpdated }) {
        BetEvent e = event;
        e.type = type;
        e.seq = 9007199254740992LL;
        const auto object = json::parseObject(json::toBytes(json::encode(e)));
        QVERIFY(object.ok());
        const auto back = json::decodeEvent(*object);
        QVERIFY(back.ok());
        QCOMPARE(*back, e);
    }
}

void TestJsonCodec::user_roundTrip_data()
{
    QTest::addColumn<User>("user");

    QTest::newRow("bettor with email") << alice();
    User noEmail = alice();
    noEmail.email.clear();
    noEmail.emailNotifications = false;
    QTest::newRow("no email, notifications off") << noEmail;
    User op;
    op.id = QStringLiteral("ops-1.desk_2");
    op.role = Role::Operator;
    op.currency = QStringLiteral("USD");
    QTest::newRow("operator, no display name, USD") << op;
}

void TestJsonCodec::user_roundTrip()
{
    QFETCH(User, user);

    const QJsonObject o = json::encode(user);
    QCOMPARE(o.value(QStringLiteral("id")).toString(), user.id);
    QCOMPARE(o.value(QStringLiteral("role")).toString(), roleName(user.role));
    QVERIFY(o.value(QStringLiteral("email_notifications")).isBool());
    QCOMPARE(o.value(QStringLiteral("email")).isNull(), user.email.isEmpty());
    QVERIFY(!o.contains(QStringLiteral("token")));
    QVERIFY(!o.contains(QStringLiteral("password")));

    const auto object = json::parseObject(json::toBytes(o));
    QVERIFY(object.ok());
    const auto decoded = json::decodeUser(*object);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(*decoded, user);
}

void TestJsonCodec::user_decode_defaultsForOptionalFields()
{
    const auto decoded = json::decodeUser(QJsonObject { { QStringLiteral("id"), QStringLiteral("bob") },
        { QStringLiteral("role"), QStringLiteral("bettor") }, { QStringLiteral("email"), QJsonValue() } });
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded->id, QStringLiteral("bob"));
    QCOMPARE(decoded->role, Role::Bettor);
    QVERIFY(decoded->displayName.isEmpty());
    QVERIFY(decoded->email.isEmpty());
    QCOMPARE(decoded->emailNotifications, true);
    QCOMPARE(decoded->currency, QStringLiteral("EUR"));
}

void TestJsonCodec::document_malformed_rejected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("not JSON") << QByteArray("hello") << QStringLiteral("malformed JSON");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("malformed JSON");
    QTest::newRow("truncated") << QByteArray(R"({"id": "42")") << QStringLiteral("malformed JSON");
    QTest::newRow("trailing garbage") << QByteArray(R"({"id": "42"} x)") << QStringLiteral("malformed JSON");
    QTest::newRow("array instead of object") << QByteArray(R"([{"id": "42"}])") << QStringLiteral("object");
    // Qt refuses a top-level scalar as malformed, before our object check: either way it is refused.
    QTest::newRow("string instead of object") << QByteArray(R"("42")") << QStringLiteral("JSON");
    QTest::newRow("number instead of object") << QByteArray("42") << QStringLiteral("JSON");
}

void TestJsonCodec::document_malformed_rejected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, messagePart);

    const auto result = json::parseObject(bytes);
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), QStringLiteral("bad_request"));
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
}

void TestJsonCodec::bet_malformed_rejectedNamingField_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field"); // must appear in the message

    const auto row = [](const char *name, const char *path, const QJsonValue &value, const char *field) {
        QTest::newRow(name) << QString::fromLatin1(path) << value << QString::fromLatin1(field);
    };
    row("missing id", "id", kRemove, "id");
    row("null id", "id", QJsonValue(), "id");
    row("numeric id (ids are strings)", "id", 42, "id");
    row("empty id", "id", QString(), "id");
    row("missing user_id", "user_id", kRemove, "user_id");
    row("numeric user_id", "user_id", 7, "user_id");
    row("blank event_name", "event_name", QStringLiteral("  "), "event_name");
    row("market as array", "market", QJsonArray { 1 }, "market");
    row("missing selection", "selection", kRemove, "selection");
    row("missing odds", "odds", kRemove, "odds");
    row("numeric odds", "odds", 2.5, "odds");
    row("odds text", "odds", QStringLiteral("evens"), "odds");
    row("odds 1.0", "odds", QStringLiteral("1.0"), "odds");
    row("missing stake", "stake", kRemove, "stake");
    row("stake as string", "stake", QStringLiteral("1000"), "stake");
    row("fractional stake", "stake", 1000.5, "stake");
    row("stake beyond 2^53", "stake", 1e300, "stake");
    row("fractional potential_return", "potential_return", 2500.01, "potential_return");
    row("payout as bool", "payout", true, "payout");
    row("missing version", "version", kRemove, "version");
    row("currency lowercase", "currency", QStringLiteral("eur"), "currency");
    row("missing status", "status", kRemove, "status");
    row("bad status name", "status", QStringLiteral("won"), "status");
    row("status uppercase", "status", QStringLiteral("SETTLED"), "status");
    row("bad result name", "result", QStringLiteral("lose"), "result");
    row("numeric result", "result", 1, "result");
    row("empty result string", "result", QString(), "result");
    row("numeric resolution_notes", "resolution_notes", 5, "resolution_notes");
    row("object resolution_source", "resolution_source", QJsonObject(), "resolution_source");
    row("numeric resolved_by", "resolved_by", 3, "resolved_by");
    row("bad created_at", "created_at", QStringLiteral("yesterday"), "created_at");
    row("date-only updated_at", "updated_at", QStringLiteral("2024-01-15"), "updated_at");
    row("impossible resolved_at", "resolved_at", QStringLiteral("2024-02-30T10:00:00.000Z"), "resolved_at");
    row("numeric resolved_at", "resolved_at", 1705312800000.0, "resolved_at");
    row("bad dispute_deadline", "dispute_deadline", QStringLiteral("next week"), "dispute_deadline");
    row("numeric dispute_deadline", "dispute_deadline", 1705312800000.0, "dispute_deadline");
    row("dispute as string", "dispute", QStringLiteral("yes"), "dispute");
    row("dispute as array", "dispute", QJsonArray(), "dispute");
    row("dispute without reason", "dispute.reason", kRemove, "reason");
    row("dispute with blank reason", "dispute.reason", QStringLiteral(" "), "reason");
    row("dispute with bad state", "dispute.state", QStringLiteral("pending"), "dispute.state");
    row("dispute without state", "dispute.state", kRemove, "dispute.state");
    row("dispute without raised_at", "dispute.raised_at", kRemove, "raised_at");
    row("dispute with bad raised_at", "dispute.raised_at", QStringLiteral("soon"), "raised_at");
    row("dispute with bad decided_at", "dispute.decided_at", QStringLiteral("later"), "decided_at");
    row("dispute with numeric decision_notes", "dispute.decision_notes", 1, "decision_notes");
    row("dispute with numeric decided_by", "dispute.decided_by", 1, "decided_by");
}

void TestJsonCodec::bet_malformed_rejectedNamingField()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);

    const QJsonObject valid = json::encode(correctedBet());
    QVERIFY(json::decodeBet(valid).ok()); // only the mutation makes it bad
    const auto result = json::decodeBet(mutated(valid, path, value));
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), QStringLiteral("bad_request"));
    QVERIFY2(result.error().message.contains(field), qPrintable(result.error().message));
}

void TestJsonCodec::event_malformed_rejectedNamingField_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");

    const auto row = [](const char *name, const char *path, const QJsonValue &value, const char *field) {
        QTest::newRow(name) << QString::fromLatin1(path) << value << QString::fromLatin1(field);
    };
    row("missing type", "type", kRemove, "type");
    row("bad type name", "type", QStringLiteral("bet_settled"), "type");
    row("numeric type", "type", 1, "type");
    row("missing seq", "seq", kRemove, "seq");
    row("seq zero", "seq", 0, "seq");
    row("negative seq", "seq", -5, "seq");
    row("fractional seq", "seq", 1.5, "seq");
    row("seq as string", "seq", QStringLiteral("17"), "seq");
    row("missing bet_id", "bet_id", kRemove, "bet_id");
    row("numeric bet_id (ids are strings)", "bet_id", 42, "bet_id");
    row("empty bet_id", "bet_id", QString(), "bet_id");
    row("missing user_id", "user_id", kRemove, "user_id");
    row("numeric user_id", "user_id", 1, "user_id");
    row("missing data", "data", kRemove, "data");
    row("data as array", "data", QJsonArray(), "data");
    row("data as string", "data", QStringLiteral("{}"), "data");
    row("missing timestamp", "timestamp", kRemove, "timestamp");
    row("null timestamp", "timestamp", QJsonValue(), "timestamp");
    row("bad timestamp", "timestamp", QStringLiteral("2024-01-15T25:00:00Z"), "timestamp");
    row("numeric timestamp", "timestamp", 1705312800, "timestamp");
}

void TestJsonCodec::event_malformed_rejectedNamingField()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);

    const QJsonObject valid = json::encode(resolvedEvent());
    QVERIFY(json::decodeEvent(valid).ok());
    const auto result = json::decodeEvent(mutated(valid, path, value));
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), QStringLiteral("bad_request"));
    QVERIFY2(result.error().message.contains(field), qPrintable(result.error().message));
}

void TestJsonCodec::user_malformed_rejectedNamingField_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");

    const auto row = [](const char *name, const char *path, const QJsonValue &value, const char *field) {
        QTest::newRow(name) << QString::fromLatin1(path) << value << QString::fromLatin1(field);
    };
    row("missing id", "id", kRemove, "id");
    row("numeric id", "id", 7, "id");
    row("uppercase id", "id", QStringLiteral("Alice"), "id");
    row("id with a newline", "id", QStringLiteral("alice\n"), "id");
    row("missing role", "role", kRemove, "role");
    row("bad role", "role", QStringLiteral("admin"), "role");
    row("invalid email", "email", QStringLiteral("alice-at-example"), "email");
    row("email with header injection", "email", QStringLiteral("a@b.com\nBcc: x@y.com"), "email");
    row("numeric email", "email", 1, "email");
    row("numeric display_name", "display_name", 1, "display_name");
    row("email_notifications as string", "email_notifications", QStringLiteral("false"),
        "email_notifications");
    row("email_notifications as number", "email_notifications", 0, "email_notifications");
    row("bad currency", "currency", QStringLiteral("euro"), "currency");
    row("numeric currency", "currency", 978, "currency");
}

void TestJsonCodec::user_malformed_rejectedNamingField()
{
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);

    const QJsonObject valid = json::encode(alice());
    QVERIFY(json::decodeUser(valid).ok());
    const auto result = json::decodeUser(mutated(valid, path, value));
    QVERIFY(!result.ok());
    QCOMPARE(errorCodeName(result.error().code), QStringLiteral("bad_request"));
    QVERIFY2(result.error().message.contains(field), qPrintable(result.error().message));
}

void TestJsonCodec::requireInteger_table_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("positive") << QJsonValue(5) << true << qint64(5) << QString();
    QTest::newRow("zero") << QJsonValue(0) << true << qint64(0) << QString();
    QTest::newRow("negative") << QJsonValue(-5) << true << qint64(-5) << QString();
    QTest::newRow("1e3 is an integer") << QJsonValue(1e3) << true << qint64(1000) << QString();
    QTest::newRow("2^53") << QJsonValue(9007199254740992.0) << true << qint64(9007199254740992LL)
                          << QString();
    QTest::newRow("-2^53") << QJsonValue(-9007199254740992.0) << true << qint64(-9007199254740992LL)
                           << QString();
    QTest::newRow("beyond 2^53") << QJsonValue(9007199254740994.0) << false << qint64(0)
                                 << QStringLiteral("n must be an integer");
    QTest::newRow("fraction") << QJsonValue(1.5) << false << qint64(0)
                              << QStringLiteral("n must be an integer");
    QTest::newRow("tiny fraction") << QJsonValue(0.001) << false << qint64(0)
                                   << QStringLiteral("n must be an integer");
    QTest::newRow("string") << QJsonValue(QStringLiteral("5")) << false << qint64(0)
                            << QStringLiteral("n must be an integer");
    QTest::newRow("bool") << QJsonValue(true) << false << qint64(0) << QStringLiteral("n must be an integer");
    QTest::newRow("null") << QJsonValue() << false << qint64(0) << QStringLiteral("n is required");
    QTest::newRow("missing") << kRemove << false << qint64(0) << QStringLiteral("n is required");
}

void TestJsonCodec::requireInteger_table()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, ok);
    QFETCH(qint64, expected);
    QFETCH(QString, messagePart);

    const auto result
        = json::requireInteger(mutated(QJsonObject(), QStringLiteral("n"), value), QStringLiteral("n"));
    QCOMPARE(result.ok(), ok);
    if (ok)
        QCOMPARE(*result, expected);
    else
        QCOMPARE(result.error().message, messagePart);
}

void TestJsonCodec::requireString_table_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("allowEmpty");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("text") << QJsonValue(QStringLiteral("x")) << false << true << QString();
    QTest::newRow("empty refused") << QJsonValue(QString()) << false << false
                                   << QStringLiteral("s must not be empty");
    QTest::newRow("blank refused") << QJsonValue(QStringLiteral(" \t")) << false << false
                                   << QStringLiteral("s must not be empty");
    QTest::newRow("empty allowed") << QJsonValue(QString()) << true << true << QString();
    QTest::newRow("number") << QJsonValue(1) << true << false << QStringLiteral("s must be a string");
    QTest::newRow("object") << QJsonValue(QJsonObject()) << true << false
                            << QStringLiteral("s must be a string");
    QTest::newRow("null") << QJsonValue() << true << false << QStringLiteral("s is required");
    QTest::newRow("missing") << kRemove << true << false << QStringLiteral("s is required");
}

void TestJsonCodec::requireString_table()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, allowEmpty);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);

    const auto result = json::requireString(
        mutated(QJsonObject(), QStringLiteral("s"), value), QStringLiteral("s"), allowEmpty);
    QCOMPARE(result.ok(), ok);
    if (ok)
        QCOMPARE(*result, value.toString());
    else
        QCOMPARE(result.error().message, messagePart);
}

void TestJsonCodec::names_matchTheWire()
{
    const QList<QPair<BetStatus, QString>> statuses { { BetStatus::Pending, "pending" },
        { BetStatus::Settled, "settled" }, { BetStatus::Voided, "voided" },
        { BetStatus::Cancelled, "cancelled" }, { BetStatus::Disputed, "disputed" } };
    for (const auto &[status, name] : statuses) {
        QCOMPARE(statusName(status), name);
        QCOMPARE(statusFromName(name), std::optional<BetStatus>(status));
    }
    QVERIFY(!statusFromName(QStringLiteral("Pending")));
    QVERIFY(!statusFromName(QString()));

    const QList<QPair<BetResult, QString>> results { { BetResult::Win, "win" }, { BetResult::Loss, "loss" },
        { BetResult::Push, "push" }, { BetResult::Void, "void" } };
    for (const auto &[result, name] : results) {
        QCOMPARE(resultName(result), name);
        QCOMPARE(resultFromName(name), std::optional<BetResult>(result));
    }
    QVERIFY(resultName(BetResult::None).isEmpty());
    QVERIFY(!resultFromName(QString())); // "no result" is null on the wire, never ""
    QVERIFY(!resultFromName(QStringLiteral("WIN")));

    const QList<QPair<EventType, QString>> types { { EventType::BetResolved, "bet_resolved" },
        { EventType::BetDisputed, "bet_disputed" }, { EventType::BetUpdated, "bet_updated" } };
    for (const auto &[type, name] : types) {
        QCOMPARE(eventTypeName(type), name);
        QCOMPARE(eventTypeFromName(name), std::optional<EventType>(type));
    }
    QVERIFY(!eventTypeFromName(QStringLiteral("bet_settled")));

    const QList<QPair<DisputeState, QString>> states { { DisputeState::Open, "open" },
        { DisputeState::Upheld, "upheld" }, { DisputeState::Rejected, "rejected" } };
    for (const auto &[state, name] : states) {
        QCOMPARE(disputeStateName(state), name);
        QCOMPARE(disputeStateFromName(name), std::optional<DisputeState>(state));
    }
    QVERIFY(!disputeStateFromName(QStringLiteral("closed")));

    QCOMPARE(roleName(Role::Bettor), QStringLiteral("bettor"));
    QCOMPARE(roleName(Role::Operator), QStringLiteral("operator"));
    QCOMPARE(roleFromName(QStringLiteral("operator")), std::optional<Role>(Role::Operator));
    QVERIFY(!roleFromName(QStringLiteral("admin")));
}

QTEST_GUILESS_MAIN(TestJsonCodec)
#include "tst_jsoncodec.moc"
