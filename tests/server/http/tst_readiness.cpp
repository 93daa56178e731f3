// GET /readyz of a real server: ready when the database reads and writes and the workers run; 503 naming
// the database when it cannot be read or written, and ready again once it can; /healthz stays 200 (liveness
// only) throughout.
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace betthat;
using namespace betthat::test;

class TestReadiness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void ready_whenEverythingWorks();
    void databaseUnreadable_notReadyNamingIt_thenReadyAgain();
    void databaseNotWritable_notReadyNamingIt_thenReadyAgain();

private:
    server::SqliteRepository &sqlite()
    {
        return dynamic_cast<server::SqliteRepository &>(m_server->server().repository());
    }
    void verifyNotReadyBecauseOfDatabase(const QString &expectedReason);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpClient> m_http;
};

void TestReadiness::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_http = std::make_unique<HttpClient>(m_server->baseUrl());
}

void TestReadiness::cleanup()
{
    m_http.reset();
    m_server.reset();
}

void TestReadiness::ready_whenEverythingWorks()
{
    const HttpReply reply = m_http->get(QStringLiteral("/readyz"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    const QJsonObject checks = reply.json.value(QStringLiteral("checks")).toObject();
    for (const char *check : { "database", "listening", "email_worker", "webhook_worker" })
        QCOMPARE(checks.value(QLatin1String(check)).toString(), QStringLiteral("ok"));
}

void TestReadiness::verifyNotReadyBecauseOfDatabase(const QString &expectedReason)
{
    const HttpReply reply = m_http->get(QStringLiteral("/readyz"));
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("not_ready"));
    QCOMPARE(reply.json.value(QStringLiteral("failed")).toArray(), QJsonArray { QStringLiteral("database") });
    const QJsonObject checks = reply.json.value(QStringLiteral("checks")).toObject();
    QVERIFY2(checks.value(QStringLiteral("database")).toString().contains(expectedReason),
        qPrintable(checks.value(QStringLiteral("database")).toString()));
    QCOMPARE(checks.value(QStringLiteral("email_worker")).toString(), QStringLiteral("ok"));
    // Liveness is not readiness: the process answers, so /healthz stays 200.
    QCOMPARE(m_http->get(QStringLiteral("/healthz")).status, 200);
}

void TestReadiness::databaseUnreadable_notReadyNamingIt_thenReadyAgain()
{
    QCOMPARE(m_http->get(QStringLiteral("/readyz")).status, 200);
    {
        SqliteReadFault fault(sqlite().database(), { QStringLiteral("sqlite_sequence"), QStringLiteral("events") });
        QVERIFY(fault.isActive());
        verifyNotReadyBecauseOfDatabase(QStringLiteral("cannot read"));
        QVERIFY(fault.denials() > 0);
    }
    QCOMPARE(m_http->get(QStringLiteral("/readyz")).status, 200);
}

void TestReadiness::databaseNotWritable_notReadyNamingIt_thenReadyAgain()
{
    QCOMPARE(m_http->get(QStringLiteral("/readyz")).status, 200);
    // The serving connection may read but not write (what a read-only file or a full disk looks like to it).
    QSqlQuery query(sqlite().database());
    QVERIFY(query.exec(QStringLiteral("PRAGMA query_only = ON")));
    verifyNotReadyBecauseOfDatabase(QStringLiteral("not writable"));
    QVERIFY(query.exec(QStringLiteral("PRAGMA query_only = OFF")));
    const HttpReply again = m_http->get(QStringLiteral("/readyz"));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
}

QTEST_GUILESS_MAIN(TestReadiness)
#include "tst_readiness.moc"
