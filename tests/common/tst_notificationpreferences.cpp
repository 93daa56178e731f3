// Tests of NotificationPreferences: defaults, quiet hours across midnight and time zones, the JSON codec and
// the strict PATCH rules (errors name the field).

#include "common/notificationpreferences.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace betthat;

namespace {

QDateTime utc(int h, int m, int day = 15)
{
    return QDateTime(QDate(2024, 1, day), QTime(h, m), QTimeZone::utc());
}

QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QuietHours berlinNight()
{
    return { QTime(22, 0), QTime(7, 0), QStringLiteral("Europe/Berlin") };
}

} // namespace

class TestNotificationPreferences : public QObject
{
    Q_OBJECT

private slots:
    void defaults_everythingButWebhook();
    void quietHours_contains_data();
    void quietHours_contains();
    void quietHours_endOfWindow_data();
    void quietHours_endOfWindow();
    void allowsNow_quietHoursSilenceDesktopAndEmailOnly();
    void json_roundTrip();
    void patch_changesOnlyWhatItNames();
    void patch_invalid_namesTheField_data();
    void patch_invalid_namesTheField();
};

void TestNotificationPreferences::defaults_everythingButWebhook()
{
    const NotificationPreferences p;
    for (EventType t : { EventType::BetResolved, EventType::BetDisputed, EventType::BetUpdated }) {
        QVERIFY(p.isEnabled(t, NotificationChannel::Socket));
        QVERIFY(p.isEnabled(t, NotificationChannel::Desktop));
        QVERIFY(p.isEnabled(t, NotificationChannel::Email));
        QVERIFY(!p.isEnabled(t, NotificationChannel::Webhook));
    }
    QVERIFY(!p.quietHours);
}

void TestNotificationPreferences::quietHours_contains_data()
{
    QTest::addColumn<QDateTime>("instant");
    QTest::addColumn<bool>("inside");
    // January: Berlin is UTC+1.
    QTest::newRow("20:59 UTC = 21:59 Berlin") << utc(20, 59) << false;
    QTest::newRow("21:00 UTC = 22:00 Berlin, start inclusive") << utc(21, 0) << true;
    QTest::newRow("23:30 UTC = 00:30 Berlin") << utc(23, 30) << true;
    QTest::newRow("05:59 UTC = 06:59 Berlin") << utc(5, 59) << true;
    QTest::newRow("06:00 UTC = 07:00 Berlin, end exclusive") << utc(6, 0) << false;
    QTest::newRow("12:00 UTC") << utc(12, 0) << false;
}

void TestNotificationPreferences::quietHours_contains()
{
    QFETCH(QDateTime, instant);
    QFETCH(bool, inside);
    QCOMPARE(berlinNight().contains(instant), inside);
}

void TestNotificationPreferences::quietHours_endOfWindow_data()
{
    QTest::addColumn<QDateTime>("instant");
    QTest::addColumn<QDateTime>("end");
    QTest::newRow("before midnight: tomorrow 07:00 Berlin") << utc(22, 30) << utc(6, 0, 16);
    QTest::newRow("after midnight: today 07:00 Berlin") << utc(2, 0) << utc(6, 0);
    QTest::newRow("outside: none") << utc(12, 0) << QDateTime();
}

void TestNotificationPreferences::quietHours_endOfWindow()
{
    QFETCH(QDateTime, instant);
    QFETCH(QDateTime, end);
    QCOMPARE(berlinNight().endOfWindow(instant), end);
}

void TestNotificationPreferences::allowsNow_quietHoursSilenceDesktopAndEmailOnly()
{
    NotificationPreferences p;
    p.quietHours = berlinNight();
    const QDateTime night = utc(23, 0);
    QVERIFY(p.allowsNow(EventType::BetResolved, NotificationChannel::Socket, night));
    QVERIFY(!p.allowsNow(EventType::BetResolved, NotificationChannel::Desktop, night));
    QVERIFY(!p.allowsNow(EventType::BetResolved, NotificationChannel::Email, night));
    QVERIFY(p.allowsNow(EventType::BetResolved, NotificationChannel::Desktop, utc(12, 0)));
    p.setEnabled(EventType::BetUpdated, NotificationChannel::Socket, false);
    QVERIFY(!p.allowsNow(EventType::BetUpdated, NotificationChannel::Socket, utc(12, 0)));
    QVERIFY(p.allowsNow(EventType::BetResolved, NotificationChannel::Socket, utc(12, 0)));
}

void TestNotificationPreferences::json_roundTrip()
{
    NotificationPreferences p;
    p.setEnabled(EventType::BetDisputed, NotificationChannel::Email, false);
    p.setEnabled(EventType::BetResolved, NotificationChannel::Webhook, true);
    p.quietHours = berlinNight();
    const QJsonObject encoded = json::encode(p);
    QCOMPARE(encoded.value(QStringLiteral("quiet_hours")).toObject().value(QStringLiteral("start")).toString(),
        QStringLiteral("22:00"));
    const auto decoded = json::decodeNotificationPreferences(encoded);
    QVERIFY(decoded.ok());
    QVERIFY(*decoded == p);
    QVERIFY(json::decodeNotificationPreferences(json::encode(NotificationPreferences {})).value()
        == NotificationPreferences {});
}

void TestNotificationPreferences::patch_changesOnlyWhatItNames()
{
    NotificationPreferences p;
    p.quietHours = berlinNight();
    const auto patched = json::applyNotificationPatch(p, obj(R"({"channels":{"bet_updated":{"email":false}}})"));
    QVERIFY(patched.ok());
    QVERIFY(!patched->isEnabled(EventType::BetUpdated, NotificationChannel::Email));
    QVERIFY(patched->isEnabled(EventType::BetUpdated, NotificationChannel::Socket));
    QVERIFY(patched->isEnabled(EventType::BetResolved, NotificationChannel::Email));
    QVERIFY(patched->quietHours == berlinNight());
    const auto cleared = json::applyNotificationPatch(*patched, obj(R"({"quiet_hours":null})"));
    QVERIFY(cleared.ok());
    QVERIFY(!cleared->quietHours);
    QVERIFY(!cleared->isEnabled(EventType::BetUpdated, NotificationChannel::Email));
}

void TestNotificationPreferences::patch_invalid_namesTheField_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray("{}") << "nothing to change";
    QTest::newRow("unknown field") << QByteArray(R"({"quiet":null})") << "quiet: unknown field";
    QTest::newRow("channels not an object") << QByteArray(R"({"channels":[]})") << "channels must be an object";
    QTest::newRow("unknown type") << QByteArray(R"({"channels":{"bet_won":{"email":true}}})")
                                  << "channels.bet_won: unknown event type";
    QTest::newRow("unknown channel") << QByteArray(R"({"channels":{"bet_resolved":{"sms":true}}})")
                                     << "channels.bet_resolved.sms: unknown channel";
    QTest::newRow("not a boolean") << QByteArray(R"({"channels":{"bet_resolved":{"email":"no"}}})")
                                   << "channels.bet_resolved.email must be true or false";
    QTest::newRow("quiet hours not an object") << QByteArray(R"({"quiet_hours":"22-7"})")
                                               << "quiet_hours must be an object or null";
    QTest::newRow("bad start") << QByteArray(R"({"quiet_hours":{"start":"25:00","end":"07:00","time_zone":"UTC"}})")
                               << "quiet_hours.start must be a time";
    QTest::newRow("missing end") << QByteArray(R"({"quiet_hours":{"start":"22:00","time_zone":"UTC"}})")
                                 << "quiet_hours.end must be a time";
    QTest::newRow("seconds") << QByteArray(R"({"quiet_hours":{"start":"22:00:00","end":"07:00","time_zone":"UTC"}})")
                             << "quiet_hours.start must be a time";
    QTest::newRow("same start and end")
        << QByteArray(R"({"quiet_hours":{"start":"07:00","end":"07:00","time_zone":"UTC"}})")
        << "quiet_hours.end must differ";
    QTest::newRow("unknown zone")
        << QByteArray(R"({"quiet_hours":{"start":"22:00","end":"07:00","time_zone":"Mars/Olympus"}})")
        << "quiet_hours.time_zone must be an IANA time zone";
    QTest::newRow("unknown quiet field")
        << QByteArray(R"({"quiet_hours":{"start":"22:00","end":"07:00","time_zone":"UTC","days":[1]}})")
        << "quiet_hours.days: unknown field";
}

void TestNotificationPreferences::patch_invalid_namesTheField()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, reason);
    const auto patched = json::applyNotificationPatch(NotificationPreferences {}, obj(patch.constData()));
    QVERIFY(!patched);
    QCOMPARE(patched.error().code, ErrorCode::BadRequest);
    QVERIFY2(patched.error().message.startsWith(reason), qPrintable(patched.error().message));
}

QTEST_GUILESS_MAIN(TestNotificationPreferences)
#include "tst_notificationpreferences.moc"
