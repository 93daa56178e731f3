// OutboxWorker driven pass by pass on the test thread: what each SMTP answer does to a row and the counters.
#include "server/core/betservice.h"
#include "server/email/outboxbuilder.h"
#include "server/email/outboxworker.h"
#include "server/storage/sqliterepository.h"
#include "smtpfixture.h"
#include "tests/support/testsupport.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace betthat;
using namespace betthat::server;
using betthat::test::SmtpFixture;
using betthat::test::TestServer;
using betthat::test::TestUser;

class TestOutboxWorker : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_operator;
    EmailStats m_stats;
    std::unique_ptr<OutboxWorker> m_worker;

    Repository &repo() { return m_server->server().repository(); }

    EmailConfig emailConfig(const SmtpFixture &smtp)
    {
        EmailConfig c;
        c.enabled = true;
        c.server = QStringLiteral("127.0.0.1");
        c.port = smtp.port();
        c.fromEmail = QStringLiteral("noreply@betthat.test");
        c.retryBaseMs = 1;
        c.retryCapMs = 2;
        c.maxAttempts = 3;
        c.timeoutMs = 5000;
        c.pollIntervalMs = 3600 * 1000; // passes are driven by the test, not the timer
        return c;
    }

    void openWorker(const EmailConfig &config)
    {
        m_worker = std::make_unique<OutboxWorker>(config, DatabaseLocation::sqliteFile(m_server->dbPath()), m_stats, systemClock());
        const auto opened = m_worker->open();
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
    }

    // A resolved bet for a new bettor `id`: one bet_resolved row for id@example.test.
    qint64 queueResolution(const QString &id)
    {
        const TestUser bettor = m_server->addUser(id);
        const Bet bet = m_server->placeBet(bettor);
        const auto resolved
            = m_server->server().service().resolve(m_operator.user, bet.id, BetResult::Win, {});
        if (!resolved)
            qFatal("resolve: %s", qPrintable(resolved.error().message));
        QSqlQuery q(dynamic_cast<SqliteRepository &>(repo()).database());
        q.exec(QStringLiteral("SELECT MAX(id) FROM outbox"));
        q.next();
        return q.value(0).toLongLong();
    }

    QVariant field(qint64 id, const QString &column)
    {
        QSqlQuery q(dynamic_cast<SqliteRepository &>(repo()).database());
        q.prepare(QStringLiteral("SELECT %1 FROM outbox WHERE id = ?").arg(column));
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }

private Q_SLOTS:
    void init()
    {
        m_stats.sent = 0;
        m_stats.failed = 0;
        m_stats.retried = 0;
        m_stats.queueLength = 0;
        m_server = std::make_unique<TestServer>(); // the server's own email is off; this worker is the one
                                                   // under test
        QVERIFY(m_server->start());
        m_operator = m_server->addUser(QStringLiteral("op"), Role::Operator);
        m_server->server().service().setOutboxBuilder(
            [this](const Transition &t) { return OutboxBuilder(repo(), repo(), systemClock()).build(t); });
    }

    void cleanup()
    {
        if (m_worker)
            m_worker->close(QThread::currentThread());
        m_worker.reset();
        m_server.reset();
    }

    void retryDelay_doublesWithinJitterUpToCap_data()
    {
        QTest::addColumn<int>("attempts");
        QTest::addColumn<qint64>("full");
        QTest::newRow("1st") << 1 << qint64(100);
        QTest::newRow("2nd") << 2 << qint64(200);
        QTest::newRow("3rd") << 3 << qint64(400);
        QTest::newRow("5th capped") << 5 << qint64(1000);
        QTest::newRow("huge capped") << 1000 << qint64(1000);
    }

    void retryDelay_doublesWithinJitterUpToCap()
    {
        QFETCH(int, attempts);
        QFETCH(qint64, full);
        EmailConfig config;
        config.retryBaseMs = 100;
        config.retryCapMs = 1000;
        for (int i = 0; i < 200; ++i) {
            const qint64 delay = OutboxWorker::retryDelayMs(config, attempts);
            QVERIFY2(delay >= full / 2 && delay <= full, qPrintable(QString::number(delay)));
        }
    }

    void pass_sendsDueRowsOverOneConnectionAndMarksThemSent()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        const qint64 a = queueResolution(QStringLiteral("alice"));
        const qint64 b = queueResolution(QStringLiteral("bob"));
        openWorker(emailConfig(smtp));
        QCOMPARE(m_stats.queueLength.load(), 2); // counted at open: a restart shows its backlog at once
        m_worker->processDue();
        QVERIFY(smtp.waitForMessages(2));
        QCOMPARE(field(a, QStringLiteral("state")).toString(), QStringLiteral("sent"));
        QCOMPARE(field(b, QStringLiteral("state")).toString(), QStringLiteral("sent"));
        QCOMPARE(m_stats.sent.load(), 2);
        QCOMPARE(m_stats.queueLength.load(), 0);
        QCOMPARE(smtp.connectionCount(), 1);
        const auto first = smtp.messages().first();
        QCOMPARE(
            first.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Message-ID")).toString(),
            QStringLiteral("<betthat.%1.%2@betthat.test>")
                .arg(a)
                .arg(field(a, QStringLiteral("event_seq")).toLongLong()));
    }

    void rcpt550_failsAtOnceAndOthersStillGo()
    {
        SmtpFixture smtp;
        SmtpFixture::Options options;
        options.rejectRcpt = QStringLiteral("^alice@");
        QVERIFY2(smtp.start(options), qPrintable(smtp.error()));
        const qint64 a = queueResolution(QStringLiteral("alice"));
        const qint64 b = queueResolution(QStringLiteral("bob"));
        openWorker(emailConfig(smtp));
        m_worker->processDue();
        QCOMPARE(field(a, QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(field(a, QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(field(a, QStringLiteral("last_error")).toString().contains(QStringLiteral("550")));
        QCOMPARE(field(b, QStringLiteral("state")).toString(), QStringLiteral("sent"));
        QCOMPARE(m_stats.failed.load(), 1);
        QCOMPARE(m_stats.retried.load(), 0);
        QCOMPARE(m_stats.sent.load(), 1);
        // Failed is final: later passes leave it alone.
        m_worker->processDue();
        QCOMPARE(field(a, QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(smtp.messages().size(), 1);
    }

    void tempfail451_retriedWithBackoffThenFailedAfterMaxAttempts()
    {
        SmtpFixture smtp;
        SmtpFixture::Options options;
        options.tempfailRcpt = QStringLiteral("^alice@");
        QVERIFY2(smtp.start(options), qPrintable(smtp.error()));
        const qint64 a = queueResolution(QStringLiteral("alice"));
        const qint64 b = queueResolution(QStringLiteral("bob"));
        openWorker(emailConfig(smtp));
        m_worker->processDue();
        // A 4xx is about this message, not the server: bob's goes out in the same pass.
        QCOMPARE(field(b, QStringLiteral("state")).toString(), QStringLiteral("sent"));
        QCOMPARE(field(a, QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(field(a, QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(field(a, QStringLiteral("last_error")).toString().contains(QStringLiteral("451")));
        QVERIFY(field(a, QStringLiteral("next_attempt_at")).toLongLong() > 0);
        QTRY_VERIFY_WITH_TIMEOUT((m_worker->processDue(), m_stats.failed.load() == 1), 10000);
        QCOMPARE(field(a, QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(field(a, QStringLiteral("attempts")).toInt(), 3); // maxAttempts
        QVERIFY(field(a, QStringLiteral("last_error"))
                    .toString()
                    .contains(QStringLiteral("gave up after 3 attempts")));
        QCOMPARE(m_stats.retried.load(), 2);
        QCOMPARE(m_stats.sent.load(), 1);
    }

    void serverDown_chargesOneMessagePerPassThenDeliversAllOnceBack()
    {
        SmtpFixture smtp; // not started yet: connections are refused
        const qint64 a = queueResolution(QStringLiteral("alice"));
        const qint64 b = queueResolution(QStringLiteral("bob"));
        const qint64 c = queueResolution(QStringLiteral("carol"));
        EmailConfig config = emailConfig(smtp);
        config.maxAttempts = 100;
        openWorker(config);
        m_worker->processDue();
        // Only the message actually tried pays an attempt; the others wait for the server, untouched.
        QCOMPARE(m_stats.retried.load(), 1);
        QCOMPARE(field(a, QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(field(b, QStringLiteral("attempts")).toInt(), 0);
        QCOMPARE(field(c, QStringLiteral("attempts")).toInt(), 0);
        QCOMPARE(m_stats.queueLength.load(), 3);

        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        QTRY_VERIFY_WITH_TIMEOUT((m_worker->processDue(), m_stats.sent.load() == 3), 10000);
        QVERIFY(smtp.waitForMessages(3));
        QCOMPARE(m_stats.failed.load(), 0);
        QCOMPARE(m_stats.queueLength.load(), 0);
        QCOMPARE(smtp.connectionCount(), 1);
    }

    void unrenderableRow_failsAtOnceWithoutBlockingTheQueue()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        const qint64 a = queueResolution(QStringLiteral("alice"));
        QSqlQuery q(dynamic_cast<SqliteRepository &>(repo()).database());
        QVERIFY(q.exec(QStringLiteral("UPDATE outbox SET kind = 'newsletter' WHERE id = %1").arg(a)));
        const qint64 b = queueResolution(QStringLiteral("bob"));
        openWorker(emailConfig(smtp));
        m_worker->processDue();
        QCOMPARE(field(a, QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY(field(a, QStringLiteral("last_error")).toString().contains(QStringLiteral("newsletter")));
        QCOMPARE(field(b, QStringLiteral("state")).toString(), QStringLiteral("sent"));
        QCOMPARE(m_stats.failed.load(), 1);
    }
};

QTEST_GUILESS_MAIN(TestOutboxWorker)
#include "tst_outboxworker.moc"
