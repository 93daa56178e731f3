// --db: which text names which backend, what a PostgreSQL URL fills in and leaves to libpq, what it refuses,
// and that the password never reaches a log line.

#include "server/storage/databaselocation.h"
#include "server/storage/postgresrepository.h"
#include "server/storage/sqliterepository.h"

#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parse_refuses_data();
    void parse_refuses();
    void displayName_neverShowsThePassword();
    void connectOptions_carryTheTimeoutsAndTheSchema();
    void makeRepository_picksTheBackend();
};

void TestDatabaseLocation::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("schema");

    QTest::newRow("a file path is SQLite") << QStringLiteral("/var/lib/betthat/betthat.sqlite") << false
                                           << QStringLiteral("/var/lib/betthat/betthat.sqlite") << QString() << 0
                                           << QString() << QString() << QString() << QString();
    QTest::newRow("a relative path is SQLite") << QStringLiteral("data/bets.sqlite") << false
                                               << QStringLiteral("data/bets.sqlite") << QString() << 0 << QString()
                                               << QString() << QString() << QString();
    QTest::newRow("everything in the URL") << QStringLiteral("postgres://bet:s3cret@db.example.com:6543/betthat")
                                           << true << QString() << QStringLiteral("db.example.com") << 6543
                                           << QStringLiteral("bet") << QStringLiteral("s3cret")
                                           << QStringLiteral("betthat") << QString();
    QTest::newRow("postgresql:// too, percent-encoded password")
        << QStringLiteral("postgresql://bet:p%40ss%2Fw@127.0.0.1/betthat") << true << QString()
        << QStringLiteral("127.0.0.1") << 0 << QStringLiteral("bet") << QStringLiteral("p@ss/w")
        << QStringLiteral("betthat") << QString();
    QTest::newRow("all left to PG* variables and the password file") << QStringLiteral("postgres://") << true
                                                                     << QString() << QString() << 0 << QString()
                                                                     << QString() << QString() << QString();
    QTest::newRow("a schema of its own") << QStringLiteral("postgres://bet@localhost/betthat?schema=node_a")
                                         << true << QString() << QStringLiteral("localhost") << 0
                                         << QStringLiteral("bet") << QString() << QStringLiteral("betthat")
                                         << QStringLiteral("node_a");
}

void TestDatabaseLocation::parse()
{
    QFETCH(QString, text);
    const auto location = DatabaseLocation::parse(text);
    QVERIFY2(location, qPrintable(location ? QString() : location.error().message));
    QTEST(location->isPostgres(), "postgres");
    QTEST(location->path, "path");
    QTEST(location->host, "host");
    QTEST(location->port, "port");
    QTEST(location->user, "user");
    QTEST(location->password, "password");
    QTEST(location->database, "database");
    QTEST(location->schema, "schema");
}

void TestDatabaseLocation::parse_refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("a path below the database name") << QStringLiteral("postgres://h/db/extra");
    QTest::newRow("a parameter that would end the connection string")
        << QStringLiteral("postgres://h/db?sslmode=require%20host=evil");
    QTest::newRow("a parameter with a quote") << QStringLiteral("postgres://h/db?application_name=a'b");
    QTest::newRow("options: the server sets them") << QStringLiteral("postgres://h/db?options=-c%20x=1");
    QTest::newRow("a schema that is no plain identifier") << QStringLiteral("postgres://h/db?schema=a;drop");
    QTest::newRow("a port that is no number") << QStringLiteral("postgres://h:port/db");
}

void TestDatabaseLocation::parse_refuses()
{
    QFETCH(QString, text);
    const auto location = DatabaseLocation::parse(text);
    QVERIFY(!location);
    QCOMPARE(location.error().code, ErrorCode::BadRequest);
    QVERIFY2(location.error().message.contains(QStringLiteral("PostgreSQL URL")), qPrintable(location.error().message));
}

void TestDatabaseLocation::displayName_neverShowsThePassword()
{
    const auto location = DatabaseLocation::parse(QStringLiteral("postgres://bet:s3cret@db:5433/betthat?sslmode=require"));
    QVERIFY(location);
    QCOMPARE(location->displayName(), QStringLiteral("postgres://bet@db:5433/betthat"));
    QCOMPARE(DatabaseLocation::sqliteFile(QStringLiteral("/tmp/x.sqlite")).displayName(), QStringLiteral("/tmp/x.sqlite"));
}

void TestDatabaseLocation::connectOptions_carryTheTimeoutsAndTheSchema()
{
    const auto location = DatabaseLocation::parse(QStringLiteral("postgres://h/db?sslmode=disable&schema=node_a"));
    QVERIFY(location);
    QCOMPARE(PostgresRepository::connectOptions(*location, 1234),
        QStringLiteral("sslmode=disable;connect_timeout=5;options='-c statement_timeout=1234 -c search_path=node_a'"));
    const auto ownTimeout = DatabaseLocation::parse(QStringLiteral("postgres://h/db?connect_timeout=2"));
    QVERIFY(ownTimeout);
    QCOMPARE(PostgresRepository::connectOptions(*ownTimeout, 10),
        QStringLiteral("connect_timeout=2;options='-c statement_timeout=10'"));
}

void TestDatabaseLocation::makeRepository_picksTheBackend()
{
    const auto sqlite = makeRepository(DatabaseLocation::sqliteFile(QStringLiteral("/tmp/x.sqlite")), QStringLiteral("t"));
    QVERIFY(dynamic_cast<SqliteRepository *>(sqlite.get()));
    const auto postgres = makeRepository(DatabaseLocation::parse(QStringLiteral("postgres://h/db")).value(), QStringLiteral("t"));
    QVERIFY(dynamic_cast<PostgresRepository *>(postgres.get()));
}

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "tst_databaselocation.moc"
