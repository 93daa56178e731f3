// Tests of the polling page of GET /api/v1/bets/updates: the server's shape, round trips and refusals.

#include "common/jsoncodec.h"
#include "common/updatespage.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace betthat;

namespace {

BetEvent eventAt(qint64 seq)
{
    BetEvent e;
    e.type = EventType::BetResolved;
    e.seq = seq;
    e.betId = QStringLiteral("7");
    e.userId = QStringLiteral("alice");
    e.data = QJsonObject { { QStringLiteral("status"), QStringLiteral("settled") } };
    e.timestamp = QDateTime(QDate(2024, 1, 15), QTime(10, 0, 0, seq), QTimeZone::utc());
    return e;
}

UpdatesPage twoEvents()
{
    UpdatesPage page;
    page.updates = { eventAt(3), eventAt(5) };
    page.lastSeq = 5;
    page.lastUpdate = page.updates.constLast().timestamp;
    page.hasMore = true;
    return page;
}

} // namespace

Q_DECLARE_METATYPE(betthat::UpdatesPage)

class TestUpdatesPage : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void encode_serverShape();
    void decode_malformed_refusedWithReason_data();
    void decode_malformed_refusedWithReason();
};

void TestUpdatesPage::roundTrip_data()
{
    QTest::addColumn<UpdatesPage>("page");
    QTest::newRow("two events, more waiting") << twoEvents();
    UpdatesPage empty;
    empty.lastSeq = 42;
    QTest::newRow("empty page, cursor kept") << empty;
    UpdatesPage resync;
    resync.lastSeq = 10;
    resync.resyncRequired = true;
    QTest::newRow("resync required") << resync;
}

void TestUpdatesPage::roundTrip()
{
    QFETCH(UpdatesPage, page);
    const QByteArray bytes = json::toBytes(json::encode(page));
    const auto decoded = json::decodeUpdatesPage(*json::parseObject(bytes));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(*decoded, page);
    QCOMPARE(json::toBytes(json::encode(*decoded)), bytes);
}

void TestUpdatesPage::encode_serverShape()
{
    const QJsonObject o = json::encode(twoEvents());
    QCOMPARE(o.keys(), (QStringList { "count", "has_more", "last_seq", "last_update", "resync_required", "updates" }));
    QCOMPARE(o.value(QStringLiteral("count")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("last_update")).toString(), QStringLiteral("2024-01-15T10:00:00.005Z"));
    // Each entry is byte for byte the WebSocket frame of that event.
    QCOMPARE(o.value(QStringLiteral("updates")).toArray().at(0).toObject(), json::encode(eventAt(3)));
    QVERIFY(json::encode(UpdatesPage {}).value(QStringLiteral("last_update")).isNull());
}

void TestUpdatesPage::decode_malformed_refusedWithReason_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("reason");

    const QJsonValue remove(QJsonValue::Undefined);
    QTest::newRow("no updates") << "updates" << remove << "updates must be an array";
    QTest::newRow("updates is an object") << "updates" << QJsonValue(QJsonObject()) << "updates must be an array";
    QTest::newRow("an update is a number") << "updates" << QJsonValue(QJsonArray { 1 }) << "updates[0]";
    QTest::newRow("an update without seq")
        << "updates" << QJsonValue(QJsonArray { QJsonObject { { "type", "bet_updated" } } }) << "updates[0]: seq";
    QTest::newRow("updates out of order")
        << "updates" << QJsonValue(QJsonArray { json::encode(eventAt(5)), json::encode(eventAt(3)) })
        << "ascending seq";
    QTest::newRow("no last_seq") << "last_seq" << remove << "last_seq is required";
    QTest::newRow("negative last_seq") << "last_seq" << QJsonValue(-1) << "last_seq must not be negative";
    QTest::newRow("bad last_update") << "last_update" << QJsonValue(QStringLiteral("now")) << "last_update";
    QTest::newRow("count mismatch") << "count" << QJsonValue(3) << "does not match";
    QTest::newRow("has_more as text") << "has_more" << QJsonValue(QStringLiteral("yes")) << "has_more";
    QTest::newRow("no resync_required") << "resync_required" << remove << "resync_required";
}

void TestUpdatesPage::decode_malformed_refusedWithReason()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, reason);
    QJsonObject o = json::encode(twoEvents());
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    const auto decoded = json::decodeUpdatesPage(o);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::BadRequest);
    QVERIFY2(decoded.error().message.contains(reason), qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestUpdatesPage)
#include "tst_updatespage.moc"
