// Email end to end: a real BetThatServer (HTTP, worker thread, SQLite file) against a real SMTP server.
#include "server/email/emailservice.h"
#include "tests/support/resultchecks.h"
#include "server/storage/sqliterepository.h"
#include "smtpfixture.h"
#include "tests/support/testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

using namespace betthat;
using namespace betthat::server;
using betthat::test::SmtpFixture;
using betthat::test::TestServer;
using betthat::test::TestUser;

namespace {

const QString kPassword = QStringLiteral("Corr3ct-H0rse-Battery");
const QString kWrongPassword = QStringLiteral("Wr0ng-Staple-Password");

// Everything logged anywhere in the process (the worker thread included), for the "never logs the password"
// checks.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << QStringLiteral("%1: %2").arg(
            QLatin1String(context.category ? context.category : ""), message);
    }
    if (type != QtDebugMsg && type != QtInfoMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

QStringList capturedLog()
{
    QMutexLocker lock(&g_logMutex);
    return g_log;
}

ServerConfig configFor(quint16 smtpPort)
{
    ServerConfig config;
    EmailConfig &e = config.email;
    e.enabled = true;
    e.server = QStringLiteral("127.0.0.1");
    e.port = smtpPort;
    e.fromEmail = QStringLiteral("noreply@betthat.test");
    e.fromName = QStringLiteral("Bet That");
    e.retryBaseMs = 50;
    e.retryCapMs = 200;
    e.pollIntervalMs = 20;
    e.timeoutMs = 5000;
    e.maxAttempts = 100;
    return config;
}

// The fixture's STARTTLS server with its self-signed certificate trusted, logging in as "mailer".
ServerConfig starttlsConfigFor(const SmtpFixture &smtp, const QString &password)
{
    ServerConfig config = configFor(smtp.port());
    config.email.tls = QStringLiteral("starttls");
    config.email.caFile = smtp.certificate();
    config.email.username = QStringLiteral("mailer");
    config.email.password = password;
    return config;
}

QSqlDatabase databaseOf(TestServer &server)
{
    return dynamic_cast<SqliteRepository &>(server.server().repository()).database();
}

QStringList outboxColumn(TestServer &server, const QString &column)
{
    QSqlQuery q(databaseOf(server));
    q.exec(QStringLiteral("SELECT %1 FROM outbox ORDER BY id").arg(column));
    QStringList values;
    while (q.next())
        values << q.value(0).toString();
    return values;
}

QJsonObject headers(const QJsonObject &message)
{
    return message.value(QStringLiteral("headers")).toObject();
}

QString part(const QJsonObject &message, const QString &type)
{
    for (const QJsonValue &p : message.value(QStringLiteral("parts")).toArray())
        if (p.toObject().value(QStringLiteral("content_type")).toString() == type)
            return p.toObject().value(QStringLiteral("content")).toString();
    return {};
}

} // namespace

class TestEmailService : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_http;

    // POST /api/v1/bets/<id>/resolve as `op`; the HTTP status.
    int resolveOverHttp(TestServer &server, const TestUser &op, const QString &betId, const QString &notes)
    {
        QNetworkRequest request(
            QUrl(server.baseUrl() + QStringLiteral("/api/v1/bets/%1/resolve").arg(betId)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + op.token.toUtf8());
        const QByteArray body = QJsonDocument(
            QJsonObject { { QStringLiteral("result"), QStringLiteral("win") },
                { QStringLiteral("notes"),
                    notes } }).toJson(QJsonDocument::Compact);
        std::unique_ptr<QNetworkReply> reply(m_http.post(request, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QJsonObject statusOverHttp(TestServer &server, const TestUser &user)
    {
        QNetworkRequest request(QUrl(server.baseUrl() + QStringLiteral("/ws/status")));
        request.setRawHeader("Authorization", "Bearer " + user.token.toUtf8());
        std::unique_ptr<QNetworkReply> reply(m_http.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10000))
            return {};
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("betthat.*.debug=true"));
        g_previousHandler = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        const QStringList log = capturedLog();
        QVERIFY(!log.isEmpty()); // the capture did see the servers at work
        for (const QString &line : log) {
            QVERIFY2(!line.contains(kPassword), qPrintable(line));
            QVERIFY2(!line.contains(kWrongPassword), qPrintable(line));
        }
    }

    void resolve_deliversEmailWithHeadersBothPartsAndEscapedNotes()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        TestServer server(configFor(smtp.port()));
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const Bet bet = server.placeBet(alice);
        const QString notes = QStringLiteral("<script>alert('x')</script> clear goal");
        QCOMPARE(resolveOverHttp(server, op, bet.id, notes), 200);

        QVERIFY(smtp.waitForMessages(1));
        const QJsonObject m = smtp.messages().first();
        QCOMPARE(m.value(QStringLiteral("rcpt_tos")).toArray(),
            QJsonArray { QStringLiteral("alice@example.test") });
        QCOMPARE(headers(m).value(QStringLiteral("From")).toString(),
            QStringLiteral("Bet That <noreply@betthat.test>"));
        QCOMPARE(
            headers(m).value(QStringLiteral("To")).toString(), QStringLiteral("alice <alice@example.test>"));
        QCOMPARE(headers(m).value(QStringLiteral("Subject")).toString(),
            QStringLiteral("Bet #%1 settled: Won (Arsenal v Chelsea)").arg(bet.id));
        QVERIFY(headers(m)
                    .value(QStringLiteral("Message-ID"))
                    .toString()
                    .endsWith(QStringLiteral("@betthat.test>")));
        QVERIFY(headers(m).contains(QStringLiteral("Date")));
        QCOMPARE(m.value(QStringLiteral("content_type")).toString(), QStringLiteral("multipart/alternative"));
        const QString html = part(m, QStringLiteral("text/html"));
        const QString text = part(m, QStringLiteral("text/plain"));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert('x')&lt;/script&gt; clear goal")));
        QVERIFY(!html.contains(QStringLiteral("<script>")));
        QVERIFY(text.contains(notes));
        QVERIFY(text.contains(QStringLiteral("25.00 EUR")));

        EmailService *email = server.server().email();
        QVERIFY(email);
        QTRY_COMPARE(email->stats().sent.load(), 1);
        QTRY_COMPARE(email->stats().queueLength.load(), 0);
        QCOMPARE(outboxColumn(server, QStringLiteral("state")), QStringList { QStringLiteral("sent") });
        // The counters are part of /ws/status.
        const QJsonObject status = statusOverHttp(server, op).value(QStringLiteral("email")).toObject();
        QCOMPARE(status.value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(status.value(QStringLiteral("sent")).toInteger(), 1);
        QCOMPARE(status.value(QStringLiteral("failed")).toInteger(), 0);
        QCOMPARE(status.value(QStringLiteral("retried")).toInteger(), 0);
        QCOMPARE(status.value(QStringLiteral("queue_length")).toInteger(), 0);
    }

    void disputeAndDecision_mailBettorAndOperators()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        TestServer server(configFor(smtp.port()));
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const Bet bet = server.placeBet(alice);
        BetService &service = server.server().service();
        QVERIFY(service.resolve(op.user, bet.id, BetResult::Loss, QString()));
        QVERIFY(smtp.waitForMessages(1));
        QVERIFY(service.dispute(alice.user, bet.id, QStringLiteral("The goal was <b>offside</b>")));
        QVERIFY(smtp.waitForMessages(3));
        QVERIFY(service.decideDispute(
            op.user, bet.id, DisputeState::Upheld, BetResult::Win, QStringLiteral("VAR")));
        QVERIFY(smtp.waitForMessages(4));

        QStringList got;
        for (const QJsonObject &m : smtp.messages())
            got << m.value(QStringLiteral("rcpt_tos")).toArray().first().toString() + QLatin1Char(' ')
                    + headers(m).value(QStringLiteral("Subject")).toString().section(QLatin1Char(' '), 0, 2);
        QCOMPARE(got.at(0), QStringLiteral("alice@example.test Bet #%1 settled:").arg(bet.id));
        QStringList disputeMails = got.mid(1, 2);
        disputeMails.sort();
        QCOMPARE(disputeMails,
            QStringList({ QStringLiteral("alice@example.test We received your"),
                QStringLiteral("op@example.test Dispute on bet") }));
        QCOMPARE(got.at(3), QStringLiteral("alice@example.test Your dispute of"));
        const QString decided = part(smtp.messages().at(3), QStringLiteral("text/html"));
        QVERIFY(decided.contains(QStringLiteral("upheld")));
        QVERIFY(decided.contains(QStringLiteral("&lt;b&gt;offside&lt;/b&gt;")));
    }

    void starttlsWithAuth_delivers()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.makeCertificate(), qPrintable(smtp.error()));
        QVERIFY2(smtp.start({ QStringLiteral("starttls"), QStringLiteral("mailer"), kPassword, {}, {}, {} }),
            qPrintable(smtp.error()));
        TestServer server(starttlsConfigFor(smtp, kPassword));
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        QVERIFY(
            server.server().service().resolve(op.user, server.placeBet(alice).id, BetResult::Win, QString()));
        QVERIFY(smtp.waitForMessages(1));
        const QJsonObject m = smtp.messages().first();
        QCOMPARE(m.value(QStringLiteral("tls")).toBool(), true);
        QCOMPARE(m.value(QStringLiteral("authenticated")).toBool(), true);
    }

    void wrongPassword_535FailsAtOnceWithoutRetryOrPasswordInLogs()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.makeCertificate(), qPrintable(smtp.error()));
        QVERIFY2(smtp.start({ QStringLiteral("starttls"), QStringLiteral("mailer"), kPassword, {}, {}, {} }),
            qPrintable(smtp.error()));
        TestServer server(starttlsConfigFor(smtp, kWrongPassword));
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        QVERIFY(
            server.server().service().resolve(op.user, server.placeBet(alice).id, BetResult::Win, QString()));
        EmailService *email = server.server().email();
        QTRY_COMPARE(email->stats().failed.load(), 1);
        QCOMPARE(email->stats().retried.load(), 0);
        QCOMPARE(email->stats().sent.load(), 0);
        QCOMPARE(outboxColumn(server, QStringLiteral("state")), QStringList { QStringLiteral("failed") });
        const QString lastError = outboxColumn(server, QStringLiteral("last_error")).value(0);
        QVERIFY2(lastError.contains(QStringLiteral("535")), qPrintable(lastError));
        QVERIFY(!lastError.contains(kWrongPassword));
        QCOMPARE(smtp.messages().size(), 0);
        bool loggedFailure = false;
        for (const QString &line : capturedLog()) {
            QVERIFY2(!line.contains(kWrongPassword), qPrintable(line));
            loggedFailure = loggedFailure
                || (line.contains(QStringLiteral("failed")) && line.contains(QStringLiteral("535")));
        }
        QVERIFY(loggedFailure);
    }

    void rcpt550_failedWithoutRetries()
    {
        SmtpFixture smtp;
        SmtpFixture::Options options;
        options.rejectRcpt = QStringLiteral("^alice@");
        QVERIFY2(smtp.start(options), qPrintable(smtp.error()));
        TestServer server(configFor(smtp.port()));
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        QVERIFY(
            server.server().service().resolve(op.user, server.placeBet(alice).id, BetResult::Win, QString()));
        EmailService *email = server.server().email();
        QTRY_COMPARE(email->stats().failed.load(), 1);
        QCOMPARE(email->stats().retried.load(), 0);
        QCOMPARE(outboxColumn(server, QStringLiteral("state")), QStringList { QStringLiteral("failed") });
        QCOMPARE(outboxColumn(server, QStringLiteral("attempts")), QStringList { QStringLiteral("1") });
        QCOMPARE(smtp.messages().size(), 0);
    }

    void smtpDown_retriesWithBackoffThenDeliversOnceBack()
    {
        SmtpFixture smtp; // its port refuses connections until start()
        TestServer server(configFor(smtp.port()));
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        QVERIFY(
            server.server().service().resolve(op.user, server.placeBet(alice).id, BetResult::Win, QString()));
        EmailService *email = server.server().email();
        QTRY_VERIFY_WITH_TIMEOUT(email->stats().retried.load() >= 3, 15000);
        QCOMPARE(email->stats().failed.load(), 0);
        QCOMPARE(outboxColumn(server, QStringLiteral("state")), QStringList { QStringLiteral("pending") });
        QVERIFY(!outboxColumn(server, QStringLiteral("last_error")).value(0).isEmpty());

        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        QVERIFY(smtp.waitForMessages(1));
        QTRY_COMPARE(email->stats().sent.load(), 1);
        QCOMPARE(email->stats().failed.load(), 0);
        QCOMPARE(outboxColumn(server, QStringLiteral("state")), QStringList { QStringLiteral("sent") });
        QVERIFY(outboxColumn(server, QStringLiteral("attempts")).value(0).toInt() >= 3);
    }

    void silentSmtp_resolvesAnswerWhileMailPending_andRestartDeliversAll()
    {
        // An SMTP server that accepts the connection and never greets: the worker hangs in its first send.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ServerConfig config = configFor(silent.serverPort());
        config.email.timeoutMs = 60000;
        TestServer server(config);
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        QStringList betIds;
        for (const char *id : { "alice", "bob", "carol" })
            betIds << server.placeBet(server.addUser(QLatin1String(id))).id;

        // Each resolve answers while its email (and every earlier one) is still pending.
        for (int i = 0; i < betIds.size(); ++i) {
            QCOMPARE(resolveOverHttp(server, op, betIds.at(i), QStringLiteral("final score")), 200);
            QCOMPARE(server.server().repository().outboxCount(QStringLiteral("pending")), i + 1);
        }
        QCOMPARE(server.server().email()->stats().sent.load(), 0);
        QTRY_VERIFY(silent.hasPendingConnections()); // the worker is connected and waiting for a greeting

        // Stopping interrupts the hanging send: nothing is lost and no attempt is charged for it.
        server.stop();
        bool interrupted = false;
        for (const QString &line : capturedLog())
            interrupted = interrupted || line.contains(QStringLiteral("interrupted by shutdown"));
        QVERIFY(interrupted);
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        server.config().email.port = smtp.port();
        QVERIFY(server.start()); // a new BetThatServer on the same database file
        QCOMPARE(outboxColumn(server, QStringLiteral("attempts")),
            QStringList({ QStringLiteral("0"), QStringLiteral("0"), QStringLiteral("0") }));
        QVERIFY(smtp.waitForMessages(3));
        QStringList recipients;
        for (const QJsonObject &m : smtp.messages())
            recipients << m.value(QStringLiteral("rcpt_tos")).toArray().first().toString();
        recipients.sort();
        QCOMPARE(recipients,
            QStringList({ QStringLiteral("alice@example.test"), QStringLiteral("bob@example.test"),
                QStringLiteral("carol@example.test") }));
        QTRY_COMPARE(server.server().email()->stats().sent.load(), 3);
        QCOMPARE(smtp.connectionCount(), 1); // the backlog went out as one batch on one connection
    }

    void optOutAndNoAddress_getNoMail()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        TestServer server(configFor(smtp.port()));
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser bob = server.addUser(QStringLiteral("bob"));
        const TestUser carol = server.addUser(QStringLiteral("carol"));
        Repository &repo = server.server().repository();
        User bobUser = betthat::test::found(repo.userById(QStringLiteral("bob")));
        bobUser.emailNotifications = false;
        QVERIFY(repo.updateUser(bobUser));
        User carolUser = betthat::test::found(repo.userById(QStringLiteral("carol")));
        carolUser.email.clear();
        QVERIFY(repo.updateUser(carolUser));

        for (const TestUser &bettor : { bob, carol, alice })
            QVERIFY(server.server().service().resolve(
                op.user, server.placeBet(bettor).id, BetResult::Win, QString()));
        // Rows are written at commit: only alice's exists, so nothing else can ever be sent.
        QCOMPARE(repo.outboxCount(QString()), 1);
        QVERIFY(smtp.waitForMessages(1));
        QTRY_COMPARE(server.server().email()->stats().sent.load(), 1);
        QCOMPARE(smtp.messages().size(), 1);
        QCOMPARE(smtp.messages().first().value(QStringLiteral("rcpt_tos")).toArray(),
            QJsonArray { QStringLiteral("alice@example.test") });
    }

    void start_databaseUnusable_failsClearlyAndCleansUp()
    {
        EmailService email(configFor(SmtpFixture::freePort()).email,
            DatabaseLocation::sqliteFile(QStringLiteral("/nonexistent-dir/for/betthat/test.sqlite")));
        const auto started = email.start();
        QVERIFY(!started);
        QVERIFY2(started.error().message.contains(QStringLiteral("email outbox")), qPrintable(started.error().message));
        email.wake(); // nothing to wake: must not crash
        email.stop(); // nothing to stop
    }

    void disabled_writesNoOutboxAndSaysWhyAtStart()
    {
        TestServer server; // no SMTP server configured
        QVERIFY(server.start());
        bool saidWhy = false;
        for (const QString &line : capturedLog())
            saidWhy = saidWhy
                || (line.startsWith(QStringLiteral("betthat.server.email:"))
                    && line.contains(QStringLiteral("SMTP_SERVER")));
        QVERIFY(saidWhy);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        QVERIFY(
            server.server().service().resolve(op.user, server.placeBet(alice).id, BetResult::Win, QString()));
        QCOMPARE(server.server().repository().outboxCount(QString()), 0);
        QCOMPARE(server.server().email()->statusJson().value(QStringLiteral("enabled")).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestEmailService)
#include "tst_emailservice.moc"
