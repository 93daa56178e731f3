// Tests of the typed server->client WebSocket messages: every type round trips through the protocol builders,
// and malformed frames are refused with a reason.

#include "common/jsoncodec.h"
#include "common/protocol.h"
#include "common/servermessage.h"

#include <QTest>
#include <QTimeZone>

using namespace betthat;
using namespace betthat::protocol;

Q_DECLARE_METATYPE(betthat::protocol::ServerMessage)

namespace {

const QDateTime kT(QDate(2024, 1, 15), QTime(10, 30, 0, 250), QTimeZone::utc());

BetEvent disputedEvent()
{
    BetEvent e;
    e.type = EventType::BetDisputed;
    e.seq = 21;
    e.betId = QStringLiteral("1");
    e.userId = QStringLiteral("alice");
    e.data = QJsonObject { { QStringLiteral("status"), QStringLiteral("disputed") } };
    e.timestamp = kT;
    return e;
}

} // namespace

class TestServerMessage : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_everyType_data();
    void roundTrip_everyType();
    void error_unknownCode_internalMessageKept();
    void malformed_refusedWithReason_data();
    void malformed_refusedWithReason();
};

void TestServerMessage::roundTrip_everyType_data()
{
    QTest::addColumn<QJsonObject>("frame"); // built by the server's builders
    QTest::addColumn<ServerMessage>("expected");

    ServerMessage m;
    m.type = ServerMessageType::ConnectionEstablished;
    m.userId = QStringLiteral("alice");
    m.lastSeq = 20;
    m.time = kT;
    QTest::newRow("connection_established") << connectionEstablished(QStringLiteral("alice"), 20, kT) << m;
    m.userId.clear();
    QTest::newRow("connection_established, global feed") << connectionEstablished(QString(), 20, kT) << m;
    m.reconnectJitterMs = 5000;
    QTest::newRow("connection_established with a reconnect jitter window")
        << connectionEstablished(QString(), 20, kT, 5000) << m;

    m = {};
    m.type = ServerMessageType::Event;
    m.event = disputedEvent();
    QTest::newRow("bet_disputed") << json::encode(disputedEvent()) << m;
    for (EventType type : { EventType::BetResolved, EventType::BetUpdated }) {
        m.event.type = type;
        BetEvent e = disputedEvent();
        e.type = type;
        QTest::newRow(qPrintable(eventTypeName(type))) << json::encode(e) << m;
    }

    m = {};
    m.type = ServerMessageType::Pong;
    m.time = kT;
    QTest::newRow("pong") << pong(kT) << m;

    m = {};
    m.type = ServerMessageType::Subscribed;
    m.userId = QStringLiteral("bob");
    m.lastSeq = 42;
    QTest::newRow("subscribed") << subscribed(QStringLiteral("bob"), 42) << m;
    m.filter.types = {EventType::BetResolved};
    m.filter.markets = {QStringLiteral("Match winner")};
    QTest::newRow("subscribed with its filter") << subscribed(QStringLiteral("bob"), 42, m.filter) << m;

    m = {};
    m.type = ServerMessageType::ResyncRequired;
    m.reason = QStringLiteral("since_seq 3 is older than the retained event log");
    m.lastSeq = 10;
    QTest::newRow("resync_required") << resyncRequired(m.reason, 10) << m;

    m = {};
    m.type = ServerMessageType::Error;
    m.error = makeError(ErrorCode::Forbidden, QStringLiteral("not your feed"));
    QTest::newRow("error") << errorMessage(QStringLiteral("forbidden"), QStringLiteral("not your feed")) << m;
}

void TestServerMessage::roundTrip_everyType()
{
    QFETCH(QJsonObject, frame);
    QFETCH(ServerMessage, expected);

    const QByteArray bytes = json::toBytes(frame);
    const auto parsed = parseServerMessage(bytes);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(*parsed, expected);
    // And back: the frame the server sends, byte for byte.
    QCOMPARE(json::toBytes(encode(*parsed)), bytes);
}

void TestServerMessage::error_unknownCode_internalMessageKept()
{
    const auto parsed = parseServerMessage(R"({"type":"error","code":"teapot","message":"slow down"})");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->error.code, ErrorCode::Internal);
    QCOMPARE(parsed->error.message, QStringLiteral("slow down"));
    QCOMPARE(errorMessage(makeError(ErrorCode::BadRequest, QStringLiteral("x"))),
        errorMessage(QStringLiteral("bad_request"), QStringLiteral("x")));
}

void TestServerMessage::malformed_refusedWithReason_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("reason");

    QTest::newRow("not JSON") << QByteArray("pong") << "malformed JSON";
    QTest::newRow("an array") << QByteArray("[]") << "expected a JSON object";
    QTest::newRow("no type") << QByteArray(R"({"last_seq":1})") << "message has no type";
    QTest::newRow("numeric type") << QByteArray(R"({"type":3})") << "message has no type";
    QTest::newRow("unknown type") << QByteArray(R"({"type":"dance"})") << "unknown message type \"dance\"";
    QTest::newRow("established without last_seq")
        << QByteArray(R"({"type":"connection_established","user_id":"a","server_time":"2024-01-15T10:30:00.000Z"})")
        << "last_seq is required";
    QTest::newRow("established with a negative reconnect jitter")
        << QByteArray(R"({"type":"connection_established","last_seq":1,"server_time":"2024-01-15T10:30:00.000Z",)"
                      R"("reconnect_jitter_ms":-1})")
        << "reconnect_jitter_ms must be a whole number from 0 to 300000";
    QTest::newRow("established with an hour of reconnect jitter")
        << QByteArray(R"({"type":"connection_established","last_seq":1,"server_time":"2024-01-15T10:30:00.000Z",)"
                      R"("reconnect_jitter_ms":3600000})")
        << "reconnect_jitter_ms must be a whole number from 0 to 300000";
    QTest::newRow("established with a fractional reconnect jitter")
        << QByteArray(R"({"type":"connection_established","last_seq":1,"server_time":"2024-01-15T10:30:00.000Z",)"
                      R"("reconnect_jitter_ms":2.5})")
        << "reconnect_jitter_ms must be a whole number from 0 to 300000";
    QTest::newRow("established with a textual reconnect jitter")
        << QByteArray(R"({"type":"connection_established","last_seq":1,"server_time":"2024-01-15T10:30:00.000Z",)"
                      R"("reconnect_jitter_ms":"5000"})")
        << "reconnect_jitter_ms must be a whole number from 0 to 300000";
    QTest::newRow("established with negative last_seq")
        << QByteArray(
               R"({"type":"connection_established","last_seq":-2,"server_time":"2024-01-15T10:30:00.000Z"})")
        << "last_seq must not be negative";
    QTest::newRow("established with a numeric user")
        << QByteArray(
               R"({"type":"connection_established","user_id":5,"last_seq":1,"server_time":"2024-01-15T10:30:00.000Z"})")
        << "user_id must be a string or null";
    QTest::newRow("established without server_time")
        << QByteArray(R"({"type":"connection_established","last_seq":1})") << "server_time";
    QTest::newRow("pong without timestamp") << QByteArray(R"({"type":"pong"})") << "timestamp";
    QTest::newRow("subscribed with fractional last_seq")
        << QByteArray(R"({"type":"subscribed","user_id":null,"last_seq":1.5})") << "last_seq must be an integer";
    QTest::newRow("resync without reason") << QByteArray(R"({"type":"resync_required","last_seq":3})")
                                           << "reason must be a string";
    QTest::newRow("error without code") << QByteArray(R"({"type":"error","message":"x"})") << "code is required";
    QTest::newRow("error without message") << QByteArray(R"({"type":"error","code":"bad_request"})")
                                           << "message must be a string";
    QTest::newRow("event without seq")
        << QByteArray(R"({"type":"bet_resolved","bet_id":"1","user_id":"a","data":{},"timestamp":"2024-01-15T10:30:00.000Z"})")
        << "seq is required";
    QTest::newRow("event with data as text")
        << QByteArray(R"({"type":"bet_updated","seq":1,"bet_id":"1","user_id":"a","data":"x","timestamp":"2024-01-15T10:30:00.000Z"})")
        << "data must be an object";
}

void TestServerMessage::malformed_refusedWithReason()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, reason);
    const auto parsed = parseServerMessage(frame);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::BadRequest);
    QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
}

QTEST_GUILESS_MAIN(TestServerMessage)
#include "tst_servermessage.moc"
