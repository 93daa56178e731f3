// DemoSeed: what --demo puts into an empty database, and that it never touches one in use.
#include "server/auth/authenticator.h"
#include "tests/support/resultchecks.h"
#include "server/auth/tokens.h"
#include "server/core/demoseed.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace betthat;
using namespace betthat::server;

namespace {
const QDateTime kNow(QDate(2024, 6, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 kDeposit = 100000;

int countStatus(const QList<Bet> &bets, BetStatus status, BetResult result = BetResult::None)
{
    int n = 0;
    for (const Bet &bet : bets)
        if (bet.status == status && (result == BetResult::None || bet.result == result))
            ++n;
    return n;
}
} // namespace

class TestDemoSeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void seed_emptyDatabase_createsDemoUsersWithRoles();
    void seed_emptyDatabase_betsInEveryPromisedStatus();
    void seed_balances_equalDepositsMinusStakesPlusPayouts();
    void seed_everyBet_hasEventsAndLedgerEntries();
    void seed_history_isInThePastAndInSeqOrder();
    void seed_demoTokens_authenticate_data();
    void seed_demoTokens_authenticate();
    void seed_tokens_storedOnlyAsHashes();
    void seed_twice_doesNotDuplicate();
    void seed_databaseWithOtherUsers_writesNothing();
    void seed_oneMinuteDisputeWindow_stillRaisesTheDispute();
    void serverStart_withDemo_seedsBeforeServing();
    void serverStart_withoutDemo_leavesDatabaseEmpty();

private:
    QList<Bet> allBets();
    Result<bool> seed(qint64 disputeWindowMs = 7LL * 24 * 3600 * 1000);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteRepository> m_repo;
    int m_connection = 0;
};

void TestDemoSeed::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_repo = std::make_unique<SqliteRepository>(m_dir->filePath(QStringLiteral("demo.sqlite")),
        QStringLiteral("tst_demoseed_%1").arg(++m_connection));
    const auto opened = m_repo->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
}

void TestDemoSeed::cleanup()
{
    if (m_repo)
        m_repo->close();
    m_repo.reset();
    m_dir.reset();
}

QList<Bet> TestDemoSeed::allBets()
{
    BetQuery query;
    query.limit = 1000;
    return betthat::test::must(m_repo->bets(query));
}

Result<bool> TestDemoSeed::seed(qint64 disputeWindowMs)
{
    DemoSeed demo(*m_repo, *m_repo, *m_repo, BetRules(disputeWindowMs), [] { return kNow; });
    return demo.seedIfEmpty();
}

void TestDemoSeed::seed_emptyDatabase_createsDemoUsersWithRoles()
{
    const auto seeded = seed();
    QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));
    QCOMPARE(*seeded, true);

    QCOMPARE(betthat::test::must(m_repo->users()).size(), 4);
    const auto op = betthat::test::lookup(m_repo->userById(QStringLiteral("operator")));
    QVERIFY(op);
    QCOMPARE(op->role, Role::Operator);
    QCOMPARE(op->displayName, QStringLiteral("Olivia Operator"));
    for (const char *id : { "alice", "bob", "carol" }) {
        const auto user = betthat::test::lookup(m_repo->userById(QString::fromLatin1(id)));
        QVERIFY2(user, id);
        QCOMPARE(user->role, Role::Bettor);
        QCOMPARE(user->email, QString::fromLatin1(id) + QStringLiteral("@example.test"));
        QCOMPARE(user->currency, QStringLiteral("EUR"));
    }
}

void TestDemoSeed::seed_emptyDatabase_betsInEveryPromisedStatus()
{
    QVERIFY(seed().ok());
    const QList<Bet> bets = allBets();
    QCOMPARE(bets.size(), 12);
    QCOMPARE(countStatus(bets, BetStatus::Pending), 5);
    QCOMPARE(countStatus(bets, BetStatus::Settled, BetResult::Win), 3);
    QCOMPARE(countStatus(bets, BetStatus::Settled, BetResult::Loss), 2);
    QCOMPARE(countStatus(bets, BetStatus::Voided, BetResult::Void), 1);
    QCOMPARE(countStatus(bets, BetStatus::Disputed), 1);
    for (const Bet &bet : bets) {
        QVERIFY(bet.userId == QLatin1String("alice") || bet.userId == QLatin1String("bob")
            || bet.userId == QLatin1String("carol"));
        if (bet.status == BetStatus::Disputed) {
            QVERIFY(bet.dispute);
            QCOMPARE(bet.dispute->state, DisputeState::Open);
            QVERIFY(!bet.dispute->reason.isEmpty());
        }
        if (bet.status != BetStatus::Pending) {
            QCOMPARE(bet.resolvedBy, QStringLiteral("operator"));
            QVERIFY(!bet.resolutionNotes.isEmpty());
        }
    }
    // Alice has something to resolve in the banner's example.
    const QString pendingId = betthat::test::must(DemoSeed::pendingBetId(*m_repo, QStringLiteral("alice")));
    QVERIFY(!pendingId.isEmpty());
    const auto pending = betthat::test::lookup(m_repo->betById(pendingId));
    QVERIFY(pending);
    QCOMPARE(pending->status, BetStatus::Pending);
    QCOMPARE(pending->userId, QStringLiteral("alice"));
}

void TestDemoSeed::seed_balances_equalDepositsMinusStakesPlusPayouts()
{
    QVERIFY(seed().ok());
    const QList<Bet> bets = allBets();
    for (const char *id : { "alice", "bob", "carol" }) {
        qint64 expected = kDeposit;
        for (const Bet &bet : bets) {
            if (bet.userId != QLatin1String(id))
                continue;
            expected -= bet.stake;
            expected += bet.payout;
            if (bet.status == BetStatus::Pending)
                QCOMPARE(bet.payout, qint64(0));
        }
        QCOMPARE(m_repo->balance(QString::fromLatin1(id)), expected);
        QVERIFY(expected > 0);
    }
    QCOMPARE(m_repo->balance(QStringLiteral("operator")), qint64(0));
}

void TestDemoSeed::seed_everyBet_hasEventsAndLedgerEntries()
{
    QVERIFY(seed().ok());
    for (const Bet &bet : allBets()) {
        const QList<BetEvent> events = m_repo->eventsForBet(bet.id).value();
        QVERIFY2(!events.isEmpty(), qPrintable(bet.id));
        // Placed, then one event per later change: the audit trail matches the bet's version.
        QCOMPARE(qint64(events.size()), bet.version);
        QCOMPARE(events.constFirst().type, EventType::BetUpdated);
        QCOMPARE(
            events.constFirst().data.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(events.constLast().data.value(QStringLiteral("status")).toString(), statusName(bet.status));
        if (bet.status == BetStatus::Disputed)
            QCOMPARE(events.constLast().type, EventType::BetDisputed);
        else if (bet.status != BetStatus::Pending)
            QCOMPARE(events.constLast().type, EventType::BetResolved);
    }
    // 12 placements + 7 resolutions + 1 dispute.
    QCOMPARE(m_repo->lastSeq().value(), qint64(20));
}

void TestDemoSeed::seed_history_isInThePastAndInSeqOrder()
{
    QVERIFY(seed().ok());
    EventQuery query;
    query.limit = 1000;
    const QList<BetEvent> events = m_repo->events(query).value();
    QCOMPARE(events.size(), 20);
    QDateTime previous;
    for (const BetEvent &event : events) {
        QVERIFY(event.timestamp <= kNow);
        QVERIFY(event.timestamp >= kNow.addSecs(-6 * 3600));
        if (previous.isValid())
            QVERIFY2(event.timestamp > previous, qPrintable(toIsoUtc(event.timestamp)));
        previous = event.timestamp;
    }
}

void TestDemoSeed::seed_demoTokens_authenticate_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("userId");
    QTest::newRow("operator") << QStringLiteral("demo-operator") << QStringLiteral("operator");
    QTest::newRow("alice") << QStringLiteral("demo-alice") << QStringLiteral("alice");
    QTest::newRow("bob") << QStringLiteral("demo-bob") << QStringLiteral("bob");
    QTest::newRow("carol") << QStringLiteral("demo-carol") << QStringLiteral("carol");
}

void TestDemoSeed::seed_demoTokens_authenticate()
{
    QFETCH(QString, token);
    QFETCH(QString, userId);
    QVERIFY(seed().ok());
    Authenticator auth(*m_repo);
    const auto user = auth.authenticate(token);
    QVERIFY(user.ok());
    QCOMPARE(user->id, userId);
    // A near miss is still refused.
    QCOMPARE(auth.authenticate(token + QLatin1Char('x')).error().code, ErrorCode::Unauthorized);
}

void TestDemoSeed::seed_tokens_storedOnlyAsHashes()
{
    QVERIFY(seed().ok());
    QVERIFY(m_repo->userByTokenHash(hashToken(QStringLiteral("demo-alice"))));
    m_repo->close();
    // Closing the last connection checkpoints the WAL; read whatever files SQLite left.
    QByteArray bytes;
    for (const QString &suffix : { QString(), QStringLiteral("-wal") }) {
        QFile file(m_dir->filePath(QStringLiteral("demo.sqlite")) + suffix);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    QVERIFY(bytes.contains("alice@example.test")); // the scan does see the data...
    QVERIFY(!bytes.contains("demo-alice")); // ...but no plain token
    QVERIFY(!bytes.contains("demo-operator"));
}

void TestDemoSeed::seed_twice_doesNotDuplicate()
{
    QVERIFY(seed().ok());
    const qint64 seq = m_repo->lastSeq().value();
    const qint64 aliceBalance = betthat::test::must(m_repo->balance(QStringLiteral("alice")));

    const auto again = seed();
    QVERIFY(again.ok());
    QCOMPARE(*again, false);
    QCOMPARE(betthat::test::must(m_repo->users()).size(), 4);
    QCOMPARE(allBets().size(), 12);
    QCOMPARE(m_repo->lastSeq().value(), seq);
    QCOMPARE(m_repo->balance(QStringLiteral("alice")), aliceBalance);
}

void TestDemoSeed::seed_databaseWithOtherUsers_writesNothing()
{
    User dave;
    dave.id = QStringLiteral("dave");
    dave.displayName = QStringLiteral("Dave");
    QVERIFY(m_repo->addUser(dave, hashToken(QStringLiteral("bt_dave"))).ok());

    const auto seeded = seed();
    QVERIFY(seeded.ok());
    QCOMPARE(*seeded, false);
    QCOMPARE(betthat::test::must(m_repo->users()).size(), 1);
    QVERIFY(betthat::test::isAbsent(m_repo->userById(QStringLiteral("alice"))));
    QVERIFY(allBets().isEmpty());
    QCOMPARE(m_repo->lastSeq().value(), qint64(0));
    QVERIFY(betthat::test::isAbsent(m_repo->userByTokenHash(hashToken(QStringLiteral("demo-alice")))));
}

void TestDemoSeed::seed_oneMinuteDisputeWindow_stillRaisesTheDispute()
{
    const auto seeded = seed(60 * 1000);
    QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));
    QCOMPARE(countStatus(allBets(), BetStatus::Disputed), 1);
}

void TestDemoSeed::serverStart_withDemo_seedsBeforeServing()
{
    ServerConfig config;
    config.demo = true;
    test::TestServer server(config);
    QVERIFY(server.start());
    QCOMPARE(betthat::test::must(server.server().repository().users()).size(), 4);
    const auto alice = server.server().authenticator().authenticate(QStringLiteral("demo-alice"));
    QVERIFY(alice.ok());
    BetQuery query;
    query.limit = 1000;
    QCOMPARE(betthat::test::must(server.server().repository().bets(query)).size(), 12);

    // A restart with --demo on the now non-empty database leaves it as it is.
    server.stop();
    QVERIFY(server.start());
    QCOMPARE(betthat::test::must(server.server().repository().users()).size(), 4);
    QCOMPARE(betthat::test::must(server.server().repository().bets(query)).size(), 12);
}

void TestDemoSeed::serverStart_withoutDemo_leavesDatabaseEmpty()
{
    test::TestServer server;
    QVERIFY(server.start());
    QVERIFY(betthat::test::must(server.server().repository().users()).isEmpty());
    QVERIFY(!server.server().authenticator().authenticate(QStringLiteral("demo-alice")).ok());
}

QTEST_GUILESS_MAIN(TestDemoSeed)
#include "tst_demoseed.moc"
