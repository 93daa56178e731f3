// GET/PATCH /api/v1/me/notifications against a real server: defaults, partial updates that persist per user,
// and strict validation (400 naming the field, nothing stored).

#include "common/jsoncodec.h"
#include "common/notificationpreferences.h"
#include "tests/support/httpclient.h"
#include "tests/support/testsupport.h"

#include <QJsonDocument>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

namespace {
const QString kPath = QStringLiteral("/api/v1/me/notifications");

QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestNotificationsApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void get_neverSaved_answersTheDefaults();
    void patch_changesOnlyWhatItNames_persistsPerUser();
    void patch_quietHoursSetAndCleared();
    void patch_invalid_is400NamingTheField_nothingStored_data();
    void patch_invalid_is400NamingTheField_nothingStored();
    void withoutToken_is401();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
    TestUser m_alice;
    TestUser m_bob;
};

void TestNotificationsApi::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
    m_alice = m_server->addUser(QStringLiteral("alice"));
    m_bob = m_server->addUser(QStringLiteral("bob"));
}

void TestNotificationsApi::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void TestNotificationsApi::get_neverSaved_answersTheDefaults()
{
    const HttpReply reply = m_http->get(kPath, m_alice.token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json, json::encode(NotificationPreferences {}));
    QVERIFY(reply.json.value(QStringLiteral("quiet_hours")).isNull());
    QCOMPARE(reply.json.value(QStringLiteral("channels")).toObject().value(QStringLiteral("bet_resolved")).toObject(),
        obj(R"({"socket":true,"desktop":true,"email":true,"webhook":false})"));
}

void TestNotificationsApi::patch_changesOnlyWhatItNames_persistsPerUser()
{
    const HttpReply patched = m_http->patch(
        kPath, obj(R"({"channels":{"bet_updated":{"email":false,"desktop":false},"bet_resolved":{"webhook":true}}})"),
        m_alice.token);
    QCOMPARE(patched.status, 200);
    NotificationPreferences expected;
    expected.setEnabled(EventType::BetUpdated, NotificationChannel::Email, false);
    expected.setEnabled(EventType::BetUpdated, NotificationChannel::Desktop, false);
    expected.setEnabled(EventType::BetResolved, NotificationChannel::Webhook, true);
    QCOMPARE(patched.json, json::encode(expected));
    QCOMPARE(m_http->get(kPath, m_alice.token).json, json::encode(expected));
    // A second patch starts from what was saved.
    QCOMPARE(m_http->patch(kPath, obj(R"({"channels":{"bet_updated":{"email":true}}})"), m_alice.token).status, 200);
    expected.setEnabled(EventType::BetUpdated, NotificationChannel::Email, true);
    QCOMPARE(m_http->get(kPath, m_alice.token).json, json::encode(expected));
    // Bob's are his own.
    QCOMPARE(m_http->get(kPath, m_bob.token).json, json::encode(NotificationPreferences {}));
}

void TestNotificationsApi::patch_quietHoursSetAndCleared()
{
    const HttpReply set = m_http->patch(
        kPath, obj(R"({"quiet_hours":{"start":"22:00","end":"07:00","time_zone":"Europe/Berlin"}})"), m_alice.token);
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json.value(QStringLiteral("quiet_hours")).toObject(),
        obj(R"({"start":"22:00","end":"07:00","time_zone":"Europe/Berlin"})"));
    QCOMPARE(m_http->get(kPath, m_alice.token).json, set.json);
    const HttpReply cleared = m_http->patch(kPath, obj(R"({"quiet_hours":null})"), m_alice.token);
    QCOMPARE(cleared.status, 200);
    QVERIFY(m_http->get(kPath, m_alice.token).json.value(QStringLiteral("quiet_hours")).isNull());
}

void TestNotificationsApi::patch_invalid_is400NamingTheField_nothingStored_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("names");
    QTest::newRow("not JSON") << QByteArray("{channels") << QString();
    QTest::newRow("empty object") << QByteArray("{}") << QStringLiteral("nothing to change");
    QTest::newRow("unknown field") << QByteArray(R"({"email":false})") << QStringLiteral("email");
    QTest::newRow("unknown type") << QByteArray(R"({"channels":{"bet_won":{"email":false}}})")
                                  << QStringLiteral("channels.bet_won");
    QTest::newRow("unknown channel") << QByteArray(R"({"channels":{"bet_resolved":{"sms":false}}})")
                                     << QStringLiteral("channels.bet_resolved.sms");
    QTest::newRow("not a boolean") << QByteArray(R"({"channels":{"bet_resolved":{"email":0}}})")
                                   << QStringLiteral("channels.bet_resolved.email");
    QTest::newRow("bad time") << QByteArray(R"({"quiet_hours":{"start":"7pm","end":"07:00","time_zone":"UTC"}})")
                              << QStringLiteral("quiet_hours.start");
    QTest::newRow("bad zone") << QByteArray(R"({"quiet_hours":{"start":"22:00","end":"07:00","time_zone":"CEST+1"}})")
                              << QStringLiteral("quiet_hours.time_zone");
    // One bad part refuses the whole patch, the good part included.
    QTest::newRow("good and bad together")
        << QByteArray(R"({"channels":{"bet_resolved":{"email":false}},"quiet_hours":{"start":"22:00"}})")
        << QStringLiteral("quiet_hours.end");
}

void TestNotificationsApi::patch_invalid_is400NamingTheField_nothingStored()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, names);
    const HttpReply reply = m_http->send("PATCH", kPath, body, m_alice.token);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("bad_request"));
    const QString message
        = reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(names), qPrintable(message));
    QCOMPARE(m_http->get(kPath, m_alice.token).json, json::encode(NotificationPreferences {}));
}

void TestNotificationsApi::withoutToken_is401()
{
    QCOMPARE(m_http->get(kPath).status, 401);
    QCOMPARE(m_http->patch(kPath, obj(R"({"quiet_hours":null})")).status, 401);
}

QTEST_GUILESS_MAIN(TestNotificationsApi)
#include "tst_notificationsapi.moc"
