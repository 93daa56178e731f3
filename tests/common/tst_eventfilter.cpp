// Tests of EventFilter, the subscription filter shared by the WebSocket, polling and the app: which events
// match, and how its JSON and query forms are read (limits and errors that name the field).

#include "common/eventfilter.h"
#include "common/jsoncodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::EventFilter)
Q_DECLARE_METATYPE(betthat::BetEvent)

namespace {

BetEvent makeEvent(EventType type, const QString &status, const QString &market, const QString &eventName)
{
    BetEvent e;
    e.type = type;
    e.seq = 1;
    e.betId = QStringLiteral("1");
    e.userId = QStringLiteral("alice");
    e.data.insert(QStringLiteral("status"), status);
    if (!market.isNull())
        e.data.insert(QStringLiteral("market"), market);
    if (!eventName.isNull())
        e.data.insert(QStringLiteral("event_name"), eventName);
    return e;
}

EventFilter parsed(const char *json)
{
    const auto f = json::decodeEventFilter(QJsonDocument::fromJson(json).object());
    if (!f)
        qFatal("bad test filter %s: %s", json, qPrintable(f.error().message));
    return *f;
}

} // namespace

class TestEventFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void decode_invalid_namesTheField_data();
    void decode_invalid_namesTheField();
    void decode_roundTrip_dedupes();
    void query_readsRepeatedParametersAndIgnoresOthers();
    void query_invalid_namesTheParameter_data();
    void query_invalid_namesTheParameter();
};

void TestEventFilter::matches_data()
{
    QTest::addColumn<EventFilter>("filter");
    QTest::addColumn<BetEvent>("event");
    QTest::addColumn<bool>("expected");

    const BetEvent resolvedMatch = makeEvent(EventType::BetResolved, QStringLiteral("settled"),
        QStringLiteral("Match winner"), QStringLiteral("Arsenal v Chelsea"));
    const BetEvent placedTotals = makeEvent(EventType::BetUpdated, QStringLiteral("pending"),
        QStringLiteral("Total goals"), QStringLiteral("Arsenal v Chelsea"));
    const BetEvent oldEvent = makeEvent(EventType::BetResolved, QStringLiteral("settled"), QString(), QString());

    QTest::newRow("empty filter matches everything") << EventFilter {} << placedTotals << true;
    QTest::newRow("empty filter matches an old event") << EventFilter {} << oldEvent << true;
    QTest::newRow("type in") << parsed(R"({"types":["bet_resolved"]})") << resolvedMatch << true;
    QTest::newRow("type out") << parsed(R"({"types":["bet_resolved"]})") << placedTotals << false;
    QTest::newRow("types are alternatives") << parsed(R"({"types":["bet_disputed","bet_updated"]})")
                                            << placedTotals << true;
    QTest::newRow("status in") << parsed(R"({"statuses":["pending"]})") << placedTotals << true;
    QTest::newRow("status out") << parsed(R"({"statuses":["voided","disputed"]})") << resolvedMatch << false;
    QTest::newRow("market exact") << parsed(R"({"markets":["Match winner"]})") << resolvedMatch << true;
    QTest::newRow("market is case-sensitive") << parsed(R"({"markets":["match winner"]})") << resolvedMatch
                                              << false;
    QTest::newRow("market is no prefix") << parsed(R"({"markets":["Match"]})") << resolvedMatch << false;
    QTest::newRow("event name") << parsed(R"({"event_names":["Arsenal v Chelsea"]})") << placedTotals << true;
    QTest::newRow("old event never matches a market") << parsed(R"({"markets":["Match winner"]})") << oldEvent
                                                      << false;
    QTest::newRow("old event never matches an event name") << parsed(R"({"event_names":["Arsenal v Chelsea"]})")
                                                           << oldEvent << false;
    QTest::newRow("old event still matches by type") << parsed(R"({"types":["bet_resolved"]})") << oldEvent
                                                     << true;
    QTest::newRow("fields combine with AND, all hold")
        << parsed(R"({"types":["bet_resolved"],"markets":["Match winner"],"statuses":["settled"]})")
        << resolvedMatch << true;
    QTest::newRow("fields combine with AND, one fails")
        << parsed(R"({"types":["bet_resolved"],"markets":["Total goals"]})") << resolvedMatch << false;
}

void TestEventFilter::matches()
{
    QFETCH(EventFilter, filter);
    QFETCH(BetEvent, event);
    QFETCH(bool, expected);
    QCOMPARE(filter.matches(event), expected);
}

void TestEventFilter::decode_invalid_namesTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");

    const QByteArray tooLong = QByteArray(201, 'x');
    QByteArray tooMany = "[";
    for (int i = 0; i < 21; ++i)
        tooMany += (i ? ",\"m" : "\"m") + QByteArray::number(i) + '"';
    tooMany += ']';

    QTest::newRow("not an object") << QByteArray(R"({"filter":["bet_resolved"]})")
                                   << "filter must be an object or null";
    QTest::newRow("unknown field") << QByteArray(R"({"filter":{"type":["bet_resolved"]}})")
                                   << "filter.type: unknown field";
    QTest::newRow("field not an array") << QByteArray(R"({"filter":{"types":"bet_resolved"}})")
                                        << "filter.types must be an array of strings";
    QTest::newRow("empty list") << QByteArray(R"({"filter":{"markets":[]}})") << "filter.markets must not be empty";
    QTest::newRow("unknown type") << QByteArray(R"({"filter":{"types":["bet_resolved","bet_won"]}})")
                                  << "filter.types[1]: unknown event type \"bet_won\"";
    QTest::newRow("unknown status") << QByteArray(R"({"filter":{"statuses":["won"]}})")
                                    << "filter.statuses[0]: unknown bet status \"won\"";
    QTest::newRow("number in list") << QByteArray(R"({"filter":{"markets":[1]}})")
                                    << "filter.markets[0] must be a string";
    QTest::newRow("empty string") << QByteArray(R"({"filter":{"event_names":[""]}})")
                                  << "filter.event_names[0] must not be empty";
    QTest::newRow("string too long") << QByteArray(R"({"filter":{"markets":[")" + tooLong + R"("]}})")
                                     << "filter.markets[0] must be at most 200 characters";
    QTest::newRow("too many values") << QByteArray(R"({"filter":{"markets":)" + tooMany + "}}")
                                     << "filter.markets may hold at most 20 values";
}

void TestEventFilter::decode_invalid_namesTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    const QJsonObject message = QJsonDocument::fromJson(json).object();
    const auto f = json::decodeEventFilter(message.value(QStringLiteral("filter")));
    QVERIFY(!f);
    QCOMPARE(f.error().code, ErrorCode::BadRequest);
    QVERIFY2(f.error().message.startsWith(reason), qPrintable(f.error().message));
}

void TestEventFilter::decode_roundTrip_dedupes()
{
    QVERIFY(json::decodeEventFilter(QJsonValue()).value().isEmpty());
    QVERIFY(json::decodeEventFilter(QJsonValue(QJsonValue::Undefined)).value().isEmpty());
    const EventFilter f = parsed(R"({"types":["bet_resolved","bet_resolved"],"markets":["A","A","B"],)"
                                 R"("statuses":["settled"],"event_names":["E"]})");
    QCOMPARE(f.types.size(), 1);
    QCOMPARE(f.markets, (QStringList {QStringLiteral("A"), QStringLiteral("B")}));
    const auto again = json::decodeEventFilter(json::encode(f));
    QVERIFY(again.ok());
    QCOMPARE(*again, f);
    QVERIFY(json::encode(EventFilter {}).isEmpty());
}

void TestEventFilter::query_readsRepeatedParametersAndIgnoresOthers()
{
    const QList<QPair<QString, QString>> items {{QStringLiteral("since_seq"), QStringLiteral("3")},
        {QStringLiteral("type"), QStringLiteral("bet_resolved")}, {QStringLiteral("market"), QStringLiteral("A, B")},
        {QStringLiteral("market"), QStringLiteral("C")}, {QStringLiteral("status"), QStringLiteral("settled")},
        {QStringLiteral("event_name"), QStringLiteral("E")}};
    const auto f = eventFilterFromQuery(items);
    QVERIFY(f.ok());
    QCOMPARE(f->types, QList<EventType> {EventType::BetResolved});
    QCOMPARE(f->markets, (QStringList {QStringLiteral("A, B"), QStringLiteral("C")})); // commas are data
    QCOMPARE(f->statuses, QList<BetStatus> {BetStatus::Settled});
    QCOMPARE(f->eventNames, QStringList {QStringLiteral("E")});
    const auto back = eventFilterFromQuery(eventFilterQueryItems(*f));
    QVERIFY(back.ok());
    QCOMPARE(*back, *f);
}

void TestEventFilter::query_invalid_namesTheParameter_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("times");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unknown type") << "type" << "won" << 1 << "type: unknown event type \"won\"";
    QTest::newRow("unknown status") << "status" << "open" << 1 << "status: unknown bet status \"open\"";
    QTest::newRow("empty market") << "market" << "" << 1 << "market must not be empty";
    QTest::newRow("long event name") << "event_name" << QString(201, QLatin1Char('x')) << 1
                                     << "event_name must be at most 200 characters";
    QTest::newRow("too many markets") << "market" << "M" << 21 << "market may be given at most 20 times";
}

void TestEventFilter::query_invalid_namesTheParameter()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(int, times);
    QFETCH(QString, reason);
    QList<QPair<QString, QString>> items;
    for (int i = 0; i < times; ++i)
        items.append({name, times > 1 ? value + QString::number(i) : value});
    const auto f = eventFilterFromQuery(items);
    QVERIFY(!f);
    QVERIFY2(f.error().message.startsWith(reason), qPrintable(f.error().message));
}

QTEST_GUILESS_MAIN(TestEventFilter)
#include "tst_eventfilter.moc"
