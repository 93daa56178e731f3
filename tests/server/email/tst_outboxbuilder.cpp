// OutboxBuilder through the real BetService and SQLite: which changes queue which emails, in the same commit.
#include "common/notificationpreferences.h"
#include "server/core/betservice.h"
#include "tests/support/resultchecks.h"
#include "server/email/outboxbuilder.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/testsupport.h"

#include <QSqlQuery>
#include <QTest>

using namespace betthat;
using namespace betthat::server;
using betthat::test::TestServer;
using betthat::test::TestUser;

namespace {

const QDateTime kFarFuture = QDateTime(QDate(2999, 1, 1), QTime(0, 0), Qt::UTC);

} // namespace

class TestOutboxBuilder : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_alice;
    TestUser m_operator;

    Repository &repo() { return m_server->server().repository(); }
    BetService &service() { return m_server->server().service(); }
    QList<OutboxMessage> queued() { return betthat::test::must(repo().dueOutbox(kFarFuture, 1000)); }

    void setUser(const QString &id, const std::function<void(User &)> &change)
    {
        User user = betthat::test::found(repo().userById(id));
        change(user);
        QVERIFY(repo().updateUser(user));
    }

private Q_SLOTS:
    void init()
    {
        m_server
            = std::make_unique<TestServer>(); // email itself off: only the builder under test writes rows
        QVERIFY(m_server->start());
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_operator = m_server->addUser(QStringLiteral("op"), Role::Operator);
        service().setOutboxBuilder(
            [this](const Transition &t) { return OutboxBuilder(repo(), repo(), systemClock()).build(t); });
    }

    void cleanup() { m_server.reset(); }

    void provisionalSettlement_mailedOnlyWithTheSwitch_confirmationAlways_data()
    {
        QTest::addColumn<bool>("notifyProvisional");
        QTest::addColumn<QString>("provisionalKind");
        QTest::newRow("default: on confirmation only") << false << QString();
        QTest::newRow("EMAIL_PROVISIONAL=on") << true << QStringLiteral("bet_resolved");
    }

    void provisionalSettlement_mailedOnlyWithTheSwitch_confirmationAlways()
    {
        QFETCH(bool, notifyProvisional);
        QFETCH(QString, provisionalKind);
        const BetRules rules;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Bet pending = m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"));
        const auto provisional = rules.settle(pending, m_operator.user, SettlementTerms { BetResult::Win, {}, {}, {} },
            Certainty::Provisional, QString(), now);
        QVERIFY(provisional);
        QCOMPARE(OutboxBuilder::kindFor(*provisional, notifyProvisional), provisionalKind);
        // The confirmation with the same outcome is what a bettor is mailed about by default.
        const auto confirmed = rules.confirm(provisional->after, m_operator.user, QString(), now.addSecs(60));
        QVERIFY(confirmed);
        QVERIFY(!OutboxBuilder::kindFor(*confirmed, notifyProvisional).isEmpty());
    }

    void resolve_bettorWithAddress_queuesBetResolvedWithItsEvent()
    {
        const Bet bet = m_server->placeBet(m_alice, 1000, QStringLiteral("2.50"));
        QVERIFY(queued().isEmpty()); // placing mails nobody
        QVERIFY(
            service().resolve(m_operator.user, bet.id, BetResult::Win, QStringLiteral("<b>clear</b> win")));
        const auto rows = queued();
        QCOMPARE(rows.size(), 1);
        const OutboxMessage &m = rows.first();
        QCOMPARE(m.kind, QStringLiteral("bet_resolved"));
        QCOMPARE(m.recipient, QStringLiteral("alice@example.test"));
        QCOMPARE(m.userId, QStringLiteral("alice"));
        QCOMPARE(m.betId, bet.id);
        QCOMPARE(m.eventSeq, repo().lastSeq().value()); // written with the event, in its transaction
        QCOMPARE(m.attempts, 0);
        QCOMPARE(m.state, QStringLiteral("pending"));
        QCOMPARE(m.payload.value(QStringLiteral("result")).toString(), QStringLiteral("win"));
        QCOMPARE(m.payload.value(QStringLiteral("payout")).toInteger(), 2500);
        QCOMPARE(m.payload.value(QStringLiteral("stake")).toInteger(), 1000);
        QCOMPARE(m.payload.value(QStringLiteral("notes")).toString(), QStringLiteral("<b>clear</b> win"));
        QCOMPARE(m.payload.value(QStringLiteral("user_name")).toString(), QStringLiteral("alice"));
        QCOMPARE(
            m.payload.value(QStringLiteral("event_name")).toString(), QStringLiteral("Arsenal v Chelsea"));
    }

    void resolve_recipientWithoutMail_queuesNothing_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("opted out") << QStringLiteral("optout");
        QTest::newRow("no address") << QStringLiteral("noaddress");
        QTest::newRow("invalid address stored before validation") << QStringLiteral("invalid");
    }

    void resolve_recipientWithoutMail_queuesNothing()
    {
        QFETCH(QString, how);
        if (how == QLatin1String("optout")) {
            setUser(QStringLiteral("alice"), [](User &u) { u.emailNotifications = false; });
        } else if (how == QLatin1String("noaddress")) {
            setUser(QStringLiteral("alice"), [](User &u) { u.email.clear(); });
        } else {
            // The API refuses such an address; a database from an older build might still hold one.
            auto &sqlite = dynamic_cast<SqliteRepository &>(repo());
            QSqlQuery q(sqlite.database());
            QVERIFY(q.exec(QStringLiteral("UPDATE users SET email = 'alice@@nowhere' WHERE id = 'alice'")));
        }
        const Bet bet = m_server->placeBet(m_alice);
        QVERIFY(service().resolve(m_operator.user, bet.id, BetResult::Loss, QString()));
        QCOMPARE(queued().size(), 0);
        QCOMPARE(repo().outboxCount(QString()), 0);
    }

    void dispute_queuesConfirmationAndEveryOperatorWithMail()
    {
        m_server->addUser(QStringLiteral("op2"), Role::Operator);
        m_server->addUser(QStringLiteral("op3"), Role::Operator);
        m_server->addUser(QStringLiteral("op4"), Role::Operator);
        setUser(QStringLiteral("op3"), [](User &u) { u.email.clear(); });
        setUser(QStringLiteral("op4"), [](User &u) { u.emailNotifications = false; });
        m_server->addUser(QStringLiteral("bob")); // another bettor: not told about alice's dispute
        const Bet bet = m_server->placeBet(m_alice);
        QVERIFY(service().resolve(m_operator.user, bet.id, BetResult::Loss, QString()));
        const int afterResolve = int(queued().size());
        QVERIFY(service().dispute(m_alice.user, bet.id, QStringLiteral("The <i>goal</i> was offside")));

        const auto rows = queued().mid(afterResolve);
        QStringList got;
        for (const OutboxMessage &m : rows) {
            got << m.kind + QLatin1Char(' ') + m.recipient;
            QCOMPARE(m.payload.value(QStringLiteral("reason")).toString(),
                QStringLiteral("The <i>goal</i> was offside"));
            QCOMPARE(m.payload.value(QStringLiteral("bettor_id")).toString(), QStringLiteral("alice"));
            QCOMPARE(m.eventSeq, repo().lastSeq().value());
        }
        got.sort();
        QCOMPARE(got,
            QStringList({ QStringLiteral("dispute_raised alice@example.test"),
                QStringLiteral("dispute_raised_operator op2@example.test"),
                QStringLiteral("dispute_raised_operator op@example.test") }));
    }

    void decide_queuesDisputeDecidedForBettor_data()
    {
        QTest::addColumn<int>("decision");
        QTest::addColumn<QString>("decisionName");
        QTest::addColumn<QString>("result");
        QTest::newRow("upheld") << int(DisputeState::Upheld) << QStringLiteral("upheld")
                                << QStringLiteral("win");
        QTest::newRow("rejected") << int(DisputeState::Rejected) << QStringLiteral("rejected")
                                  << QStringLiteral("loss");
    }

    void decide_queuesDisputeDecidedForBettor()
    {
        QFETCH(int, decision);
        QFETCH(QString, decisionName);
        QFETCH(QString, result);
        const Bet bet = m_server->placeBet(m_alice);
        QVERIFY(service().resolve(m_operator.user, bet.id, BetResult::Loss, QString()));
        QVERIFY(service().dispute(m_alice.user, bet.id, QStringLiteral("offside")));
        const int before = int(queued().size());
        QVERIFY(service().decideDispute(
            m_operator.user, bet.id, DisputeState(decision), BetResult::Win, QStringLiteral("VAR review")));
        const auto rows = queued().mid(before);
        QCOMPARE(rows.size(), 1);
        const OutboxMessage &m = rows.first();
        QCOMPARE(m.kind, QStringLiteral("dispute_decided"));
        QCOMPARE(m.recipient, QStringLiteral("alice@example.test"));
        QCOMPARE(m.payload.value(QStringLiteral("decision")).toString(), decisionName);
        QCOMPARE(m.payload.value(QStringLiteral("result")).toString(), result);
        QCOMPARE(m.payload.value(QStringLiteral("previous_result")).toString(), QStringLiteral("loss"));
        QCOMPARE(m.payload.value(QStringLiteral("notes")).toString(), QStringLiteral("VAR review"));
    }

    // Each row: a change, whose preferences switch email off, and who must not get mail then.
    void preferences_emailOffForTheType_noMail_onAgain_mail_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("whose");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("kind");
        QTest::newRow("resolution") << "resolve" << "alice" << int(EventType::BetResolved) << "bet_resolved";
        QTest::newRow("dispute, the bettor's confirmation")
            << "dispute" << "alice" << int(EventType::BetDisputed) << "dispute_raised";
        QTest::newRow("dispute, the operator's notice")
            << "dispute" << "op" << int(EventType::BetDisputed) << "dispute_raised_operator";
        QTest::newRow("rejected dispute (a bet_updated event)")
            << "reject" << "alice" << int(EventType::BetUpdated) << "dispute_decided";
    }

    void preferences_emailOffForTheType_noMail_onAgain_mail()
    {
        QFETCH(QString, change);
        QFETCH(QString, whose);
        QFETCH(int, type);
        QFETCH(QString, kind);
        const auto run = [&] {
            const Bet bet = m_server->placeBet(m_alice);
            QVERIFY(service().resolve(m_operator.user, bet.id, BetResult::Loss, QString()));
            if (change != QLatin1String("resolve"))
                QVERIFY(service().dispute(m_alice.user, bet.id, QStringLiteral("offside")));
            if (change == QLatin1String("reject"))
                QVERIFY(service().decideDispute(m_operator.user, bet.id, DisputeState::Rejected, BetResult::None,
                    QStringLiteral("stands")));
        };
        const auto mails = [&] {
            int n = 0;
            for (const OutboxMessage &m : queued())
                n += m.kind == kind && m.userId == whose ? 1 : 0;
            return n;
        };
        NotificationPreferences off;
        off.setEnabled(EventType(type), NotificationChannel::Email, false);
        QVERIFY(repo().setNotificationPreferences(whose, off));
        run();
        QCOMPARE(mails(), 0);
        // The other channels of that type and the other types keep mailing: only that one box is off.
        QVERIFY(repo().setNotificationPreferences(whose, NotificationPreferences {}));
        run();
        QCOMPARE(mails(), 1);
    }

    // Inside the recipient's quiet hours the mail is deferred to the end of the window, not dropped.
    void preferences_quietHours_mailDueAtTheEndOfTheWindow()
    {
        const QDateTime night(QDate(2024, 1, 15), QTime(23, 0), Qt::UTC); // 00:00 in Berlin
        service().setOutboxBuilder(
            [this, night](const Transition &t) { return OutboxBuilder(repo(), repo(), [night] { return night; }).build(t); });
        NotificationPreferences quiet;
        quiet.quietHours = QuietHours { QTime(22, 0), QTime(7, 0), QStringLiteral("Europe/Berlin") };
        QVERIFY(repo().setNotificationPreferences(QStringLiteral("alice"), quiet));
        const Bet bet = m_server->placeBet(m_alice);
        QVERIFY(service().resolve(m_operator.user, bet.id, BetResult::Win, QString()));
        const auto rows = queued();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().nextAttemptAt, QDateTime(QDate(2024, 1, 16), QTime(6, 0), Qt::UTC)); // 07:00 Berlin
        QVERIFY(betthat::test::must(repo().dueOutbox(night.addSecs(3600), 10)).isEmpty()); // not sent at night

        // Outside the window: due at once.
        const QDateTime noon(QDate(2024, 1, 16), QTime(12, 0), Qt::UTC);
        service().setOutboxBuilder(
            [this, noon](const Transition &t) { return OutboxBuilder(repo(), repo(), [noon] { return noon; }).build(t); });
        const Bet second = m_server->placeBet(m_alice);
        QVERIFY(service().resolve(m_operator.user, second.id, BetResult::Win, QString()));
        QCOMPARE(queued().last().nextAttemptAt, noon);
    }

    void placeAndCancel_queueNothing()
    {
        const Bet bet = m_server->placeBet(m_alice);
        QVERIFY(service().cancel(m_alice.user, bet.id));
        QCOMPARE(repo().outboxCount(QString()), 0);
    }

    void refusedChange_queuesNothing()
    {
        const Bet bet = m_server->placeBet(m_alice);
        QVERIFY(service().resolve(m_operator.user, bet.id, BetResult::Win, QString()));
        const int before = betthat::test::must(repo().outboxCount(QString()));
        // A second resolve is refused by the rules; a stale transition is refused by storage.
        QVERIFY(!service().resolve(m_operator.user, bet.id, BetResult::Loss, QString()));
        const auto stale = service().rules().resolve(
            bet, m_operator.user, BetResult::Loss, QString(), QDateTime::currentDateTimeUtc());
        QVERIFY(stale);
        const auto builder = OutboxBuilder(repo(), repo(), systemClock());
        const auto outbox = betthat::test::must(builder.build(*stale));
        QCOMPARE(outbox.size(), 1); // it would mail...
        const auto committed = repo().commit(*stale, outbox);
        QVERIFY(!committed);
        QCOMPARE(committed.error().code, ErrorCode::Conflict);
        QCOMPARE(repo().outboxCount(QString()), before); // ...but nothing of a refused change is written
    }
};

QTEST_GUILESS_MAIN(TestOutboxBuilder)
#include "tst_outboxbuilder.moc"
