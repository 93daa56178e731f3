// Tests of the WebSocket protocol helpers: client message parsing, close-code policy, message shapes.

#include "common/jsoncodec.h"
#include "common/protocol.h"

#include <QTest>
#include <QTimeZone>

using namespace betthat;
using namespace betthat::protocol;

Q_DECLARE_METATYPE(betthat::protocol::ClientMessageType)

namespace {

QDateTime serverTime()
{
    return QDateTime(QDate(2024, 1, 15), QTime(10, 30, 0, 42), QTimeZone::utc());
}

QStringList sortedKeys(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

// A valid ping padded with spaces to exactly `size` bytes.
QByteArray paddedPing(int size)
{
    QByteArray frame = R"({"type":"ping"})";
    frame.prepend(QByteArray(size - frame.size(), ' '));
    return frame;
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void parseClientMessage_accepted_data();
    void parseClientMessage_accepted();
    void parseClientMessage_refused_data();
    void parseClientMessage_refused();
    void closeCodes_haveTheirContractValues();
    void closeCodeMeansReconnect_table_data();
    void closeCodeMeansReconnect_table();
    void builders_haveTheDocumentedShape();
    void builders_globalFeedHasNullUserId();
    void messageType_readsTheType();
};

void TestProtocol::parseClientMessage_accepted_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ClientMessageType>("type");
    QTest::addColumn<qint64>("sinceSeq");
    QTest::addColumn<QString>("userId");

    QTest::newRow("ping") << QByteArray(R"({"type":"ping"})") << ClientMessageType::Ping << qint64(-1)
                          << QString();
    QTest::newRow("ping with extra fields")
        << QByteArray(R"({"type":"ping","nonce":7})") << ClientMessageType::Ping << qint64(-1) << QString();
    QTest::newRow("resume since 42") << QByteArray(R"({"type":"resume","since_seq":42})")
                                     << ClientMessageType::Resume << qint64(42) << QString();
    QTest::newRow("resume since 0 (from the start)") << QByteArray(R"({"type":"resume","since_seq":0})")
                                                     << ClientMessageType::Resume << qint64(0) << QString();
    QTest::newRow("resume since 2^53")
        << QByteArray(R"({"type":"resume","since_seq":9007199254740992})") << ClientMessageType::Resume
        << qint64(9007199254740992LL) << QString();
    QTest::newRow("subscribe to a user")
        << QByteArray(R"({"type":"subscribe","user_id":"alice"})") << ClientMessageType::Subscribe
        << qint64(-1) << QStringLiteral("alice");
    QTest::newRow("subscribe without user_id (global feed)")
        << QByteArray(R"({"type":"subscribe"})") << ClientMessageType::Subscribe << qint64(-1) << QString();
    QTest::newRow("subscribe with null user_id") << QByteArray(R"({"type":"subscribe","user_id":null})")
                                                 << ClientMessageType::Subscribe << qint64(-1) << QString();
    QTest::newRow("subscribe with a filter") << QByteArray(
        R"({"type":"subscribe","user_id":"alice","filter":{"types":["bet_resolved"],"markets":["Match winner"]}})")
                                             << ClientMessageType::Subscribe << qint64(-1) << QStringLiteral("alice");
    QTest::newRow("exactly 4096 bytes")
        << paddedPing(kMaxClientMessageBytes) << ClientMessageType::Ping << qint64(-1) << QString();
}

void TestProtocol::parseClientMessage_accepted()
{
    QFETCH(QByteArray, frame);
    QFETCH(ClientMessageType, type);
    QFETCH(qint64, sinceSeq);
    QFETCH(QString, userId);

    const auto message = parseClientMessage(frame);
    QVERIFY2(message.ok(), qPrintable(message.ok() ? QString() : message.error().message));
    QCOMPARE(message->type, type);
    QCOMPARE(message->sinceSeq, sinceSeq);
    QCOMPARE(message->userId, userId);
    if (frame.contains("\"filter\"")) {
        QCOMPARE(message->filter.types, QList<EventType> {EventType::BetResolved});
        QCOMPARE(message->filter.markets, QStringList {QStringLiteral("Match winner")});
    } else {
        QVERIFY(message->filter.isEmpty());
    }
}

void TestProtocol::parseClientMessage_refused_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const QString bad = QStringLiteral("bad_request");
    QTest::newRow("resume without since_seq")
        << QByteArray(R"({"type":"resume"})") << bad << QStringLiteral("since_seq");
    QTest::newRow("resume with null since_seq")
        << QByteArray(R"({"type":"resume","since_seq":null})") << bad << QStringLiteral("since_seq");
    QTest::newRow("resume with negative since_seq")
        << QByteArray(R"({"type":"resume","since_seq":-1})") << bad << QStringLiteral("since_seq");
    QTest::newRow("resume with fractional since_seq")
        << QByteArray(R"({"type":"resume","since_seq":1.5})") << bad << QStringLiteral("since_seq");
    QTest::newRow("resume with string since_seq")
        << QByteArray(R"({"type":"resume","since_seq":"42"})") << bad << QStringLiteral("since_seq");
    QTest::newRow("subscribe with numeric user_id")
        << QByteArray(R"({"type":"subscribe","user_id":7})") << bad << QStringLiteral("user_id");
    // The filter's own rules are tst_eventfilter's; here: a bad filter refuses the whole subscribe.
    QTest::newRow("subscribe with an unknown filter type")
        << QByteArray(R"({"type":"subscribe","filter":{"types":["bet_won"]}})") << bad
        << QStringLiteral("filter.types[0]: unknown event type");
    QTest::newRow("subscribe with a filter that is no object")
        << QByteArray(R"({"type":"subscribe","filter":"bet_resolved"})") << bad << QStringLiteral("filter must be");
    QTest::newRow("unknown type") << QByteArray(R"({"type":"dance"})") << bad
                                  << QStringLiteral("unknown message type \"dance\"");
    QTest::newRow("type in another case")
        << QByteArray(R"({"type":"PING"})") << bad << QStringLiteral("unknown message type");
    QTest::newRow("no type") << QByteArray(R"({"since_seq":1})") << bad << QStringLiteral("no type");
    QTest::newRow("empty object") << QByteArray("{}") << bad << QStringLiteral("no type");
    QTest::newRow("numeric type") << QByteArray(R"({"type":1})") << bad << QStringLiteral("type");
    QTest::newRow("malformed JSON") << QByteArray(R"({"type":"ping")") << bad
                                    << QStringLiteral("malformed JSON");
    QTest::newRow("not JSON") << QByteArray("ping") << bad << QStringLiteral("malformed JSON");
    QTest::newRow("empty frame") << QByteArray() << bad << QStringLiteral("malformed JSON");
    QTest::newRow("array") << QByteArray(R"(["ping"])") << bad << QStringLiteral("object");
    QTest::newRow("4097 bytes") << paddedPing(kMaxClientMessageBytes + 1)
                                << QStringLiteral("payload_too_large") << QStringLiteral("4 KiB");
    // Size is checked before parsing: a huge frame is never handed to the JSON parser.
    QTest::newRow("1 MiB of junk") << QByteArray(1 << 20, '{') << QStringLiteral("payload_too_large")
                                   << QStringLiteral("4 KiB");
    QTest::newRow("unknown type, long name truncated")
        << QByteArray(R"({"type":")" + QByteArray(100, 'x') + R"("})") << bad
        << QStringLiteral("\"") + QString(40, QLatin1Char('x')) + QStringLiteral("\"");
}

void TestProtocol::parseClientMessage_refused()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    const auto message = parseClientMessage(frame);
    QVERIFY(!message.ok());
    QCOMPARE(errorCodeName(message.error().code), code);
    QVERIFY2(message.error().message.contains(messagePart), qPrintable(message.error().message));
}

void TestProtocol::closeCodes_haveTheirContractValues()
{
    // Clients in the field depend on these numbers; changing one is a protocol break.
    QCOMPARE(int(GoingAway), 1001);
    QCOMPARE(int(PolicyViolation), 1008);
    QCOMPARE(int(MessageTooBig), 1009);
    QCOMPARE(int(TryAgainLater), 1013);
    QCOMPARE(int(Unauthorized), 4401);
    QCOMPARE(int(Forbidden), 4403);
    QCOMPARE(int(SlowConsumer), 4008);
    QCOMPARE(QLatin1String(kBetUpdatesPath), QLatin1String("/ws/bet-updates"));
    QCOMPARE(QLatin1String(kStatusPath), QLatin1String("/ws/status"));
    QCOMPARE(kMaxClientMessageBytes, 4096);
}

void TestProtocol::closeCodeMeansReconnect_table_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("reconnect");

    QTest::newRow("1001 going away (server restart)") << 1001 << true;
    QTest::newRow("1006 abnormal (network drop)") << 1006 << true;
    QTest::newRow("1008 policy violation") << 1008 << true;
    QTest::newRow("1009 message too big") << 1009 << true;
    QTest::newRow("1011 server error") << 1011 << true;
    QTest::newRow("1013 try again later") << 1013 << true;
    QTest::newRow("4008 slow consumer (resume by seq)") << 4008 << true;
    QTest::newRow("4401 unauthorized: sign in again") << 4401 << false;
    QTest::newRow("4403 forbidden: someone else's feed") << 4403 << false;
}

void TestProtocol::closeCodeMeansReconnect_table()
{
    QFETCH(int, code);
    QFETCH(bool, reconnect);
    QCOMPARE(closeCodeMeansReconnect(code), reconnect);
}

void TestProtocol::builders_haveTheDocumentedShape()
{
    const QJsonObject established = connectionEstablished(QStringLiteral("alice"), 17, serverTime());
    QCOMPARE(sortedKeys(established), (QStringList { "last_seq", "server_time", "type", "user_id" }));
    QCOMPARE(established.value(QStringLiteral("type")).toString(), QStringLiteral("connection_established"));
    QCOMPARE(established.value(QStringLiteral("user_id")).toString(), QStringLiteral("alice"));
    QVERIFY(established.value(QStringLiteral("last_seq")).isDouble());
    QCOMPARE(established.value(QStringLiteral("last_seq")).toInteger(), qint64(17));
    QCOMPARE(established.value(QStringLiteral("server_time")).toString(),
        QStringLiteral("2024-01-15T10:30:00.042Z"));

    // The reconnect jitter window is sent only when there is one.
    const QJsonObject jittered = connectionEstablished(QStringLiteral("alice"), 17, serverTime(), 5000);
    QCOMPARE(sortedKeys(jittered),
        (QStringList { "last_seq", "reconnect_jitter_ms", "server_time", "type", "user_id" }));
    QVERIFY(jittered.value(QStringLiteral("reconnect_jitter_ms")).isDouble());
    QCOMPARE(jittered.value(QStringLiteral("reconnect_jitter_ms")).toInteger(), qint64(5000));

    const QJsonObject p = pong(serverTime());
    QCOMPARE(sortedKeys(p), (QStringList { "timestamp", "type" }));
    QCOMPARE(p.value(QStringLiteral("type")).toString(), QStringLiteral("pong"));
    QCOMPARE(p.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2024-01-15T10:30:00.042Z"));

    const QJsonObject resync = resyncRequired(QStringLiteral("events before 100 were pruned"), 250);
    QCOMPARE(sortedKeys(resync), (QStringList { "last_seq", "reason", "type" }));
    QCOMPARE(resync.value(QStringLiteral("type")).toString(), QStringLiteral("resync_required"));
    QCOMPARE(
        resync.value(QStringLiteral("reason")).toString(), QStringLiteral("events before 100 were pruned"));
    QCOMPARE(resync.value(QStringLiteral("last_seq")).toInteger(), qint64(250));

    const QJsonObject error
        = errorMessage(QStringLiteral("bad_request"), QStringLiteral("since_seq is required"));
    QCOMPARE(sortedKeys(error), (QStringList { "code", "message", "type" }));
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("since_seq is required"));

    const QJsonObject sub = subscribed(QStringLiteral("bob"), 0);
    QCOMPARE(sortedKeys(sub), (QStringList { "last_seq", "type", "user_id" }));
    QCOMPARE(sub.value(QStringLiteral("type")).toString(), QStringLiteral("subscribed"));
    QCOMPARE(sub.value(QStringLiteral("user_id")).toString(), QStringLiteral("bob"));
    QCOMPARE(sub.value(QStringLiteral("last_seq")).toInteger(), qint64(0));

    // Every builder's output is one compact JSON object that parses back unchanged.
    for (const QJsonObject &message : { established, jittered, p, resync, error, sub }) {
        const QByteArray bytes = json::toBytes(message);
        QVERIFY(!bytes.contains('\n'));
        const auto back = json::parseObject(bytes);
        QVERIFY(back.ok());
        QCOMPARE(*back, message);
    }
}

void TestProtocol::builders_globalFeedHasNullUserId()
{
    const QJsonObject established = connectionEstablished(QString(), 5, serverTime());
    QVERIFY(established.contains(QStringLiteral("user_id")));
    QVERIFY(established.value(QStringLiteral("user_id")).isNull());
    const QJsonObject sub = subscribed(QString(), 5);
    QVERIFY(sub.contains(QStringLiteral("user_id")));
    QVERIFY(sub.value(QStringLiteral("user_id")).isNull());
}

void TestProtocol::messageType_readsTheType()
{
    QCOMPARE(messageType(pong(serverTime())), QStringLiteral("pong"));
    QCOMPARE(messageType(resyncRequired(QStringLiteral("x"), 1)), QStringLiteral("resync_required"));
    QCOMPARE(messageType(QJsonObject { { QStringLiteral("type"), QStringLiteral("bet_resolved") } }),
        QStringLiteral("bet_resolved"));
    QCOMPARE(messageType(QJsonObject()), QString());
    QCOMPARE(messageType(QJsonObject { { QStringLiteral("type"), 3 } }), QString());
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
