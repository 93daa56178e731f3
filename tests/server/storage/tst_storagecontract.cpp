// The storage contract: what every backend must do, seen only through the ports (server::Repository). Each
// test runs once per backend in storageBackendNames(); a new backend passes this file unchanged.

#include "common/betrules.h"
#include "common/jsoncodec.h"
#include "server/storage/repository.h"
#include "tests/support/resultchecks.h"
#include "tests/support/storagebackend.h"
#include "tests/support/storagefixtures.h"

#include <QSet>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

using namespace betthat;
using namespace betthat::server;
using betthat::test::answeredBet;
using betthat::test::idempotencyKey;
using betthat::test::commitPlace;
using betthat::test::commitResolve;
using betthat::test::found;
using betthat::test::isAbsent;
using betthat::test::must;
using betthat::test::newBet;
using betthat::test::storageUser;
using betthat::test::tokenHash;

namespace {

const QDateTime kT0 = test::storageT0();

// One port call of a rule table, reduced to what the rule is about.
using FailingCall = std::function<std::optional<Error>(Repository &)>; // nullopt: it succeeded
using LookupCall = std::function<Result<bool>(Repository &)>; // whether the single-row read found one

template <typename T> std::optional<Error> failure(const Result<T> &result)
{
    return result ? std::nullopt : std::optional<Error>(result.error());
}

template <typename T> Result<bool> presence(const Result<std::optional<T>> &result)
{
    if (!result)
        return result.error();
    return result->has_value();
}

QList<qint64> seqs(const QList<BetEvent> &events)
{
    QList<qint64> out;
    for (const BetEvent &e : events)
        out << e.seq;
    return out;
}

QStringList ids(const QList<Bet> &bets)
{
    QStringList out;
    for (const Bet &b : bets)
        out << b.id;
    return out;
}

Webhook hook(const QString &url = QStringLiteral("https://hooks.example.com/in"))
{
    Webhook w;
    w.url = url;
    w.eventTypes = { QStringLiteral("bet_resolved") };
    w.secret = QStringLiteral("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    w.createdAt = kT0;
    return w;
}

WebhookAttempt attemptOn(const QString &webhookId, qint64 seq, int status, qint64 expectedCursor = 0)
{
    WebhookAttempt a;
    a.delivery.webhookId = webhookId;
    a.delivery.seq = seq;
    a.delivery.at = kT0.addSecs(seq);
    a.delivery.status = status;
    a.delivery.latencyMs = 7;
    a.delivered = status >= 200 && status < 300;
    if (!a.delivered)
        a.delivery.error = QStringLiteral("HTTP %1").arg(status);
    a.expectedCursor = expectedCursor;
    a.nextAttemptAt = kT0.addSecs(seq + 60);
    return a;
}

// Every bet in the database: BetQuery's limit is a page, so ask for more than any test writes.
BetQuery allBets()
{
    BetQuery q;
    q.limit = 1000;
    return q;
}

OutboxMessage mailTo(const QString &recipient, const QString &kind = QStringLiteral("bet_resolved"))
{
    OutboxMessage mail;
    mail.kind = kind;
    mail.recipient = recipient;
    return mail;
}


} // namespace

Q_DECLARE_METATYPE(FailingCall)
Q_DECLARE_METATYPE(LookupCall)
Q_DECLARE_METATYPE(betthat::ErrorCode)

class TestStorageContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void addUser_tokenLookup_findsUser();
    void addUser_duplicateId_conflict();
    void addUser_duplicateToken_conflict();
    void addUser_invalid_badRequest_data();
    void addUser_invalid_badRequest();
    void setTokenHash_replacesOldToken();
    void updateUser_changesFields_unknownNotFound();
    void deposit_addsToBalance_unknownUserHasNone();
    void deposit_invalid_refusedAndBalanceUnchanged_data();
    void deposit_invalid_refusedAndBalanceUnchanged();
    void singleRowRead_unknownKey_absentNotFailed_data();
    void singleRowRead_unknownKey_absentNotFailed();
    void closed_everyCall_unavailableNeverEmpty_thenOpensAgain_data();
    void closed_everyCall_unavailableNeverEmpty_thenOpensAgain();

    void commit_placeResolveDispute_ledgerBalanceAndRoundTrip();
    void commit_settlementColumns_roundTrip_data();
    void commit_settlementColumns_roundTrip();
    void commit_staleVersion_conflictAndNothingWritten_data();
    void commit_staleVersion_conflictAndNothingWritten();
    void commit_unknownBet_notFound();
    void commit_insufficientFunds_refusedAndNothingWritten();
    void commit_twoHandlesAtOnce_noLostUpdateAndOneSequence();

    void events_afterSeqUserIdLimit();
    void events_afterTime_tiesOrderedBySeqAndStrictlyAfter();
    void events_newest_returnsLastAscending();
    void prune_dropsOldEvents_seqNeverReused();
    void cursorState_againstTheRetainedLog_data();
    void cursorState_againstTheRetainedLog();

    void bets_filters();
    void bets_keysetPagination_visitsEveryBetOnceNewestFirst();

    void idempotency_firstAnswerKept_otherRequestConflict_perUser();
    void commitWithIdempotency_storesTheAnswerBuiltFromTheCommittedBet();
    void commitWithIdempotency_keyAlreadyTaken_conflictAndNothingWritten();
    void outbox_due_sent_retry_failed_count();
    void webhooks_addListUpdateRemove();
    void webhooks_enablingClearsTheFailureRun_cursorStays();
    void webhookAttempts_successMovesCursor_failuresDisableAtThreshold();
    void webhookAttempts_replayDuringAttempt_cursorNotOverwritten();
    void webhookDeliveries_boundedPerEndpoint_newestFirst();
    void notificationPreferences_noneSavedIsAbsent_savedRoundTrip_unknownUserNotFound();
    void reopen_everythingSurvives();

private:
    Repository &repo() { return *m_repo; }
    // Adds the user and deposits `amount` for them.
    Status addFunded(const User &user, qint64 amount)
    {
        const auto added = m_repo->addUser(user, {});
        return added ? m_repo->deposit(user.id, amount, QStringLiteral("EUR")) : added;
    }
    Transition place(const User &bettor, qint64 stake, const QDateTime &at = kT0,
        const QString &market = QStringLiteral("Match winner"))
    {
        return commitPlace(*m_repo, m_rules, bettor, stake, at, market);
    }
    Transition resolve(const QString &betId, BetResult result, const QDateTime &at)
    {
        return commitResolve(*m_repo, m_rules, m_operator, betId, result, at);
    }

    std::unique_ptr<test::StorageBackend> m_backend;
    std::unique_ptr<Repository> m_repo; // on m_backend's database, made fresh for every test
    BetRules m_rules;
    User m_alice = storageUser(QStringLiteral("alice"));
    User m_bob = storageUser(QStringLiteral("bob"));
    User m_operator = storageUser(QStringLiteral("olga"), Role::Operator);
};

// Every test runs once per backend: the global data table crosses with each test's own rule table.
void TestStorageContract::initTestCase_data()
{
    QTest::addColumn<QString>("backend");
    for (const QString &name : test::storageBackendNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestStorageContract::init()
{
    QFETCH_GLOBAL(QString, backend);
    m_backend = test::makeStorageBackend(backend);
    QVERIFY2(m_backend, qPrintable(backend));
    m_repo = m_backend->create();
    QVERIFY2(m_repo, qPrintable(backend + QStringLiteral(": cannot create a database")));
}

void TestStorageContract::cleanup()
{
    m_repo.reset(); // the handle goes before its database
    m_backend.reset();
}

// --- users

Q_DECLARE_METATYPE(betthat::SettlementTerms)
Q_DECLARE_METATYPE(betthat::Certainty)

void TestStorageContract::commit_settlementColumns_roundTrip_data()
{
    QTest::addColumn<SettlementTerms>("terms");
    QTest::addColumn<Certainty>("certainty");
    QTest::addColumn<bool>("cancelAfterwards");
    QTest::addColumn<qint64>("payout");

    QTest::newRow("provisional dead heat 0.5 with Rule 4 25p: w=500, 750x0.75=562.5->563")
        << SettlementTerms { BetResult::Win, std::nullopt, 5000, 25 } << Certainty::Provisional << false
        << qint64(1063);
    QTest::newRow("confirmed loss with void factor 0.3333: 333 refunded")
        << SettlementTerms { BetResult::Loss, 3333, std::nullopt, std::nullopt } << Certainty::Confirmed << false
        << qint64(333);
    QTest::newRow("cancelled by time window: cancelled_from keeps the win with deduction 0")
        << SettlementTerms { BetResult::Win, std::nullopt, std::nullopt, 0 } << Certainty::Confirmed << true
        << qint64(1000);
}

void TestStorageContract::commit_settlementColumns_roundTrip()
{
    QFETCH(SettlementTerms, terms);
    QFETCH(Certainty, certainty);
    QFETCH(bool, cancelAfterwards);
    QFETCH(qint64, payout);
    VERIFY_OK(addFunded(m_alice, 10000));
    VERIFY_OK(repo().addUser(m_operator, {}));
    const Transition placed = place(m_alice, 1000);

    const auto settleT = m_rules.settle(placed.after, m_operator, terms, certainty, QStringLiteral("result"),
        kT0.addSecs(60));
    QVERIFY(settleT);
    auto committed = repo().commit(*settleT, {});
    VERIFY_OK(committed);
    // The event that set the outcome is recorded on the bet, in the same transaction.
    QCOMPARE(committed->after.outcomeSeq, committed->event.seq);
    if (cancelAfterwards) {
        const auto cancelT = m_rules.cancelForEvent(committed->after, m_operator, QStringLiteral("feed cancel"),
            kT0.addSecs(120));
        QVERIFY(cancelT);
        QVERIFY(cancelT->after.cancelledFrom);
        committed = repo().commit(*cancelT, {});
        VERIFY_OK(committed);
    }
    const Bet stored = found(repo().betById(placed.after.id));
    QCOMPARE(stored, committed->after);
    QCOMPARE(stored.payout, payout);
    QCOMPARE(stored.outcomeSeq, committed->event.seq);
    if (cancelAfterwards) {
        QCOMPARE(stored.certainty, Certainty::Confirmed);
        QVERIFY(stored.cancelledFrom);
        QCOMPARE(stored.cancelledFrom->result, terms.result);
        QCOMPARE(stored.cancelledFrom->deduction, terms.deduction);
        QCOMPARE(stored.cancelledFrom->payout, qint64(2500));
    } else {
        QCOMPARE(SettlementTerms::of(stored), terms);
        QCOMPARE(stored.certainty, certainty);
        QVERIFY(!stored.cancelledFrom);
    }
    // The balance is the sum of the current payout minus the stake, whatever the path.
    QCOMPARE(repo().balance(QStringLiteral("alice")), 10000 - 1000 + payout);
}

void TestStorageContract::addUser_tokenLookup_findsUser()
{
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("token-a"))));
    VERIFY_OK(repo().addUser(m_bob, tokenHash(QStringLiteral("token-b"))));
    VERIFY_OK(repo().addUser(m_operator, {})); // no token yet: allowed, and not found by an empty hash

    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("token-a"))), m_alice);
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("token-b"))), m_bob);
    QVERIFY(isAbsent(repo().userByTokenHash(tokenHash(QStringLiteral("token-c")))));
    QVERIFY(isAbsent(repo().userByTokenHash({})));
    QCOMPARE(repo().userById(QStringLiteral("olga")), m_operator);
    QVERIFY(found(repo().userById(QStringLiteral("olga"))).isOperator());
    QCOMPARE(must(repo().users()), (QList<User> { m_alice, m_bob, m_operator }));

    User quiet = storageUser(QStringLiteral("quiet"));
    quiet.email.clear();
    quiet.emailNotifications = false;
    VERIFY_OK(repo().addUser(quiet, {}));
    QCOMPARE(repo().userById(QStringLiteral("quiet")), quiet);
}

void TestStorageContract::addUser_duplicateId_conflict()
{
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("a"))));
    User again = m_alice;
    again.displayName = QStringLiteral("Impostor");
    const auto added = repo().addUser(again, tokenHash(QStringLiteral("other")));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Conflict);
    QCOMPARE(added.error().message, QStringLiteral("user alice already exists"));
    QCOMPARE(repo().userById(QStringLiteral("alice")), m_alice);
    QVERIFY(isAbsent(repo().userByTokenHash(tokenHash(QStringLiteral("other")))));
}

void TestStorageContract::addUser_duplicateToken_conflict()
{
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("same"))));
    const auto added = repo().addUser(m_bob, tokenHash(QStringLiteral("same")));
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::Conflict);
    QVERIFY(isAbsent(repo().userById(QStringLiteral("bob"))));
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("same"))), m_alice);
}

void TestStorageContract::addUser_invalid_badRequest_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("currency");
    QTest::newRow("empty id") << QString() << QString() << QStringLiteral("EUR");
    QTest::newRow("uppercase id") << QStringLiteral("Alice") << QString() << QStringLiteral("EUR");
    QTest::newRow("id with space") << QStringLiteral("al ice") << QString() << QStringLiteral("EUR");
    QTest::newRow("bad email") << QStringLiteral("carol") << QStringLiteral("carol at example")
                               << QStringLiteral("EUR");
    QTest::newRow("bad currency") << QStringLiteral("carol") << QString() << QStringLiteral("euro");
}

void TestStorageContract::addUser_invalid_badRequest()
{
    QFETCH(QString, id);
    QFETCH(QString, email);
    QFETCH(QString, currency);
    User user = storageUser(QStringLiteral("x"));
    user.id = id;
    user.email = email;
    user.currency = currency;
    const auto added = repo().addUser(user, {});
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::BadRequest);
    QVERIFY(must(repo().users()).isEmpty());
}

void TestStorageContract::setTokenHash_replacesOldToken()
{
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("old"))));
    VERIFY_OK(repo().addUser(m_bob, tokenHash(QStringLiteral("bobs"))));
    VERIFY_OK(repo().setTokenHash(QStringLiteral("alice"), tokenHash(QStringLiteral("new"))));
    QVERIFY(isAbsent(repo().userByTokenHash(tokenHash(QStringLiteral("old")))));
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("new"))), m_alice);

    const auto taken = repo().setTokenHash(QStringLiteral("alice"), tokenHash(QStringLiteral("bobs")));
    QCOMPARE(taken.error().code, ErrorCode::Conflict);
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("new"))), m_alice);
    QCOMPARE(repo().setTokenHash(QStringLiteral("nobody"), tokenHash(QStringLiteral("x"))).error().code,
        ErrorCode::NotFound);
}

void TestStorageContract::updateUser_changesFields_unknownNotFound()
{
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("a"))));
    User changed = m_alice;
    changed.displayName = QStringLiteral("Alice A.");
    changed.email = QStringLiteral("alice@example.org");
    changed.emailNotifications = false;
    VERIFY_OK(repo().updateUser(changed));
    QCOMPARE(repo().userById(QStringLiteral("alice")), changed);
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("a"))), changed); // the token is not touched

    QCOMPARE(repo().updateUser(storageUser(QStringLiteral("nobody"))).error().code, ErrorCode::NotFound);
    changed.email = QStringLiteral("not an address");
    QCOMPARE(repo().updateUser(changed).error().code, ErrorCode::BadRequest);
    QCOMPARE(found(repo().userById(QStringLiteral("alice"))).email, QStringLiteral("alice@example.org"));
}

void TestStorageContract::deposit_addsToBalance_unknownUserHasNone()
{
    VERIFY_OK(repo().addUser(m_alice, {}));
    QCOMPARE(repo().balance(QStringLiteral("alice")), 0);
    VERIFY_OK(repo().deposit(QStringLiteral("alice"), 1500, QStringLiteral("EUR")));
    VERIFY_OK(repo().deposit(QStringLiteral("alice"), 1, QStringLiteral("EUR")));
    QCOMPARE(repo().balance(QStringLiteral("alice")), 1501);
    // The balance is the sum of a user's ledger: no rows, nothing to sum, 0 (not an error).
    QCOMPARE(repo().balance(QStringLiteral("nobody")), 0);
}

void TestStorageContract::deposit_invalid_refusedAndBalanceUnchanged_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("zero") << QStringLiteral("alice") << qint64(0) << QStringLiteral("EUR")
                          << ErrorCode::BadRequest;
    QTest::newRow("negative") << QStringLiteral("alice") << qint64(-500) << QStringLiteral("EUR")
                              << ErrorCode::BadRequest;
    QTest::newRow("unknown user") << QStringLiteral("nobody") << qint64(500) << QStringLiteral("EUR")
                                  << ErrorCode::NotFound;
    QTest::newRow("other currency") << QStringLiteral("alice") << qint64(500) << QStringLiteral("USD")
                                    << ErrorCode::BadRequest;
}

void TestStorageContract::deposit_invalid_refusedAndBalanceUnchanged()
{
    QFETCH(QString, userId);
    QFETCH(qint64, amount);
    QFETCH(QString, currency);
    QFETCH(ErrorCode, code);
    VERIFY_OK(addFunded(m_alice, 700));
    const auto deposited = repo().deposit(userId, amount, currency);
    QVERIFY(!deposited);
    QCOMPARE(deposited.error().code, code);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 700);
    QCOMPARE(repo().balance(QStringLiteral("nobody")), 0);
}

void TestStorageContract::singleRowRead_unknownKey_absentNotFailed_data()
{
    // "Nothing there" is an answer (401, 404, run the request), so it must be Ok and empty; the "found" rows
    // prove each read can find what the unknown-key rows miss.
    QTest::addColumn<LookupCall>("read");
    QTest::addColumn<bool>("expectFound");
    const auto row
        = [](const char *name, bool found, LookupCall read) { QTest::newRow(name) << read << found; };
    row("user by id", true, [](Repository &r) { return presence(r.userById(QStringLiteral("alice"))); });
    row("user by unknown id", false,
        [](Repository &r) { return presence(r.userById(QStringLiteral("nobody"))); });
    row("user by token", true,
        [](Repository &r) { return presence(r.userByTokenHash(tokenHash(QStringLiteral("a")))); });
    row("user by unknown token", false,
        [](Repository &r) { return presence(r.userByTokenHash(tokenHash(QStringLiteral("guessed")))); });
    row("user by empty token", false, [](Repository &r) { return presence(r.userByTokenHash({})); });
    row("bet by id", true, [](Repository &r) { return presence(r.betById(QStringLiteral("1"))); });
    row("bet by unknown id", false, [](Repository &r) { return presence(r.betById(QStringLiteral("999"))); });
    // Ids come from URLs: one that no backend could have assigned is still just "no such bet".
    row("bet by non-numeric id", false,
        [](Repository &r) { return presence(r.betById(QStringLiteral("abc"))); });
    row("bet by empty id", false, [](Repository &r) { return presence(r.betById(QString())); });
    row("idempotency key", true, [](Repository &r) {
        return presence(r.idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1")));
    });
    row("unused idempotency key", false, [](Repository &r) {
        return presence(r.idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k2")));
    });
    row("another user's idempotency key", false, [](Repository &r) {
        return presence(r.idempotentAnswer(QStringLiteral("bob"), QStringLiteral("k1")));
    });
}

void TestStorageContract::singleRowRead_unknownKey_absentNotFailed()
{
    QFETCH(LookupCall, read);
    QFETCH(bool, expectFound);
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("a"))));
    VERIFY_OK(repo().addUser(m_bob, {}));
    VERIFY_OK(repo().deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    QCOMPARE(place(m_alice, 100).after.id, QStringLiteral("1"));
    VERIFY_OK(repo().storeIdempotentAnswer(
        QStringLiteral("alice"), QStringLiteral("k1"), { QStringLiteral("hash-k1"), { 201, "answer" } }));

    const Result<bool> result = read(repo());
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(*result, expectFound);
}

void TestStorageContract::closed_everyCall_unavailableNeverEmpty_thenOpensAgain_data()
{
    // A read that fails must say so: "no such user" would sign a valid token out, an empty list would read as
    // "caught up" and skip events, a 0 balance would refuse a bet. Writes fail the same way (503, retry).
    QTest::addColumn<FailingCall>("call");
    const auto row = [](const char *name, FailingCall call) { QTest::newRow(name) << call; };
    row("userById", [](Repository &r) { return failure(r.userById(QStringLiteral("alice"))); });
    row("userByTokenHash",
        [](Repository &r) { return failure(r.userByTokenHash(tokenHash(QStringLiteral("a")))); });
    row("users", [](Repository &r) { return failure(r.users()); });
    row("balance", [](Repository &r) { return failure(r.balance(QStringLiteral("alice"))); });
    row("betById", [](Repository &r) { return failure(r.betById(QStringLiteral("1"))); });
    row("bets", [](Repository &r) { return failure(r.bets({})); });
    row("events", [](Repository &r) { return failure(r.events({})); });
    row("eventsForBet", [](Repository &r) { return failure(r.eventsForBet(QStringLiteral("1"))); });
    row("lastSeq", [](Repository &r) { return failure(r.lastSeq()); });
    row("notificationPreferences",
        [](Repository &r) { return failure(r.notificationPreferences(QStringLiteral("alice"))); });
    row("firstRetainedSeq", [](Repository &r) { return failure(r.firstRetainedSeq()); });
    row("cursorState", [](Repository &r) { return failure(r.cursorState(0)); });
    row("idempotentAnswer", [](Repository &r) {
        return failure(r.idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k")));
    });
    row("dueOutbox", [](Repository &r) { return failure(r.dueOutbox(kT0.addDays(1), 10)); });
    row("outboxCount", [](Repository &r) { return failure(r.outboxCount(QString())); });
    row("webhookById", [](Repository &r) { return failure(r.webhookById(QStringLiteral("1"))); });
    row("webhooks", [](Repository &r) { return failure(r.webhooks()); });
    row("webhookDeliveries",
        [](Repository &r) { return failure(r.webhookDeliveries(QStringLiteral("1"), 10)); });
    row("addWebhook", [](Repository &r) { return failure(r.addWebhook(hook())); });
    row("setWebhookCursor", [](Repository &r) { return failure(r.setWebhookCursor(QStringLiteral("1"), 0)); });
    row("recordWebhookAttempt", [](Repository &r) { return failure(r.recordWebhookAttempt(attemptOn(QStringLiteral("1"), 1, 500))); });
    row("addUser",
        [](Repository &r) { return failure(r.addUser(storageUser(QStringLiteral("carol")), {})); });
    row("setTokenHash", [](Repository &r) {
        return failure(r.setTokenHash(QStringLiteral("alice"), tokenHash(QStringLiteral("b"))));
    });
    row("updateUser",
        [](Repository &r) { return failure(r.updateUser(storageUser(QStringLiteral("alice")))); });
    row("deposit", [](Repository &r) {
        return failure(r.deposit(QStringLiteral("alice"), 100, QStringLiteral("EUR")));
    });
    row("setNotificationPreferences",
        [](Repository &r) { return failure(r.setNotificationPreferences(QStringLiteral("alice"), {})); });
    row("commit", [](Repository &r) {
        const auto transition = BetRules().place(storageUser(QStringLiteral("alice")), newBet(100), kT0);
        return transition ? failure(r.commit(*transition, {})) : transition.error();
    });
    row("pruneEvents", [](Repository &r) { return failure(r.pruneEvents(1)); });
    row("storeIdempotentAnswer", [](Repository &r) {
        return failure(r.storeIdempotentAnswer(
            QStringLiteral("alice"), QStringLiteral("k"), { QStringLiteral("h"), { 200, "x" } }));
    });
    row("markOutboxSent", [](Repository &r) { return failure(r.markOutboxSent(1, kT0)); });
    row("markOutboxRetry",
        [](Repository &r) { return failure(r.markOutboxRetry(1, 1, kT0, QStringLiteral("421"))); });
    row("markOutboxFailed",
        [](Repository &r) { return failure(r.markOutboxFailed(1, 5, QStringLiteral("550"))); });
}

void TestStorageContract::closed_everyCall_unavailableNeverEmpty_thenOpensAgain()
{
    QFETCH(FailingCall, call);
    // Something to find, so that an empty answer could not pass for the truth.
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("a"))));
    VERIFY_OK(repo().deposit(QStringLiteral("alice"), 5000, QStringLiteral("EUR")));
    OutboxMessage mail = mailTo(QStringLiteral("alice@example.com"), QStringLiteral("bet_placed"));
    const auto placeT = m_rules.place(m_alice, newBet(100), kT0);
    QVERIFY(placeT);
    VERIFY_OK(repo().commit(*placeT, { mail }));
    VERIFY_OK(repo().storeIdempotentAnswer(
        QStringLiteral("alice"), QStringLiteral("k"), { QStringLiteral("h"), { 201, "body" } }));

    repo().close();
    repo().close(); // twice is harmless
    const std::optional<Error> error = call(repo());
    QVERIFY2(error, "answered although the repository is closed");
    QCOMPARE(error->code, ErrorCode::Unavailable);

    // Closing is not losing: the same handle opens again and everything is still there, unchanged.
    VERIFY_OK(repo().open());
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("a"))), m_alice);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 4900);
    QCOMPARE(repo().lastSeq(), 1);
    QCOMPARE(must(repo().bets({})).size(), 1);
    QCOMPARE(repo().outboxCount(QStringLiteral("pending")), 1);
    QCOMPARE(found(repo().idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k"))).requestHash,
        QStringLiteral("h"));
}

// --- commit

void TestStorageContract::commit_placeResolveDispute_ledgerBalanceAndRoundTrip()
{
    VERIFY_OK(addFunded(m_alice, 10000));
    VERIFY_OK(repo().addUser(m_operator, {}));

    // Place: the id is assigned and filled in everywhere it appears.
    const auto placeT = m_rules.place(m_alice, newBet(1000), kT0);
    QVERIFY(placeT);
    QVERIFY(placeT->after.id.isEmpty());
    const auto placed = repo().commit(*placeT, {});
    VERIFY_OK(placed);
    const QString id = placed->after.id;
    QCOMPARE(id, QStringLiteral("1"));
    QCOMPARE(placed->ledger.size(), 1);
    QCOMPARE(placed->ledger.first().betId, id);
    QCOMPARE(placed->event.betId, id);
    QCOMPARE(placed->event.data.value(QStringLiteral("bet_id")).toString(), id);
    QCOMPARE(placed->event.seq, 1);
    QCOMPARE(placed->event.userId, QStringLiteral("alice"));
    QCOMPARE(repo().balance(QStringLiteral("alice")), 9000);
    QCOMPARE(repo().betById(id), placed->after);
    QCOMPARE(repo().lastSeq(), 1);

    // Resolve as a win at 2.50: payout 2500.
    const QDateTime t1 = kT0.addSecs(3600);
    const Transition won = resolve(id, BetResult::Win, t1);
    QCOMPARE(won.event.seq, 2);
    QCOMPARE(won.ledger.size(), 1);
    QCOMPARE(won.ledger.first().betId, id);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 11500);
    const Bet settled = found(repo().betById(id));
    QCOMPARE(settled, won.after);
    QCOMPARE(settled.status, BetStatus::Settled);
    QCOMPARE(settled.result, BetResult::Win);
    QCOMPARE(settled.payout, 2500);
    QCOMPARE(settled.version, 2);
    QCOMPARE(settled.resolvedBy, QStringLiteral("olga"));
    QCOMPARE(settled.resolvedAt, t1);
    QCOMPARE(settled.resolvedAt.timeSpec(), Qt::UTC);
    QCOMPARE(settled.disputeDeadline, t1.addMSecs(m_rules.disputeWindowMs()));
    QVERIFY(!settled.dispute);

    // Dispute, then uphold as a loss: the ledger takes the payout back, the dispute record round-trips.
    const QDateTime t2 = t1.addSecs(60);
    const auto disputeT = m_rules.dispute(settled, m_alice, QStringLiteral("they lost 0-1"), t2);
    QVERIFY(disputeT);
    const auto disputed = repo().commit(*disputeT, {});
    VERIFY_OK(disputed);
    QCOMPARE(repo().betById(id), disputed->after);
    QCOMPARE(found(repo().betById(id)).dispute->state, DisputeState::Open);
    QVERIFY(!found(repo().betById(id)).disputeDeadline.isValid());
    QCOMPARE(repo().balance(QStringLiteral("alice")), 11500); // a dispute moves no money

    const QDateTime t3 = t2.addSecs(60);
    const auto decideT = m_rules.decideDispute(disputed->after, m_operator, DisputeState::Upheld,
        BetResult::Loss, QStringLiteral("checked the score"), t3);
    QVERIFY(decideT);
    const auto decided = repo().commit(*decideT, {});
    VERIFY_OK(decided);
    const Bet final = found(repo().betById(id));
    QCOMPARE(final, decided->after);
    QCOMPARE(final.dispute->state, DisputeState::Upheld);
    QCOMPARE(final.dispute->reason, QStringLiteral("they lost 0-1"));
    QCOMPARE(final.dispute->decidedBy, QStringLiteral("olga"));
    QCOMPARE(final.dispute->decidedAt, t3);
    QCOMPARE(final.dispute->raisedAt, t2);
    QCOMPARE(decided->ledger.size(), 1);
    QCOMPARE(decided->ledger.first().amount, -2500);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 9000); // 10000 - 1000 + 2500 - 2500

    const auto history = must(repo().eventsForBet(id));
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.at(0).type, EventType::BetUpdated);
    QCOMPARE(history.at(1).type, EventType::BetResolved);
    QCOMPARE(history.at(2).type, EventType::BetDisputed);
    QCOMPARE(history.at(3).type, EventType::BetResolved);
    QCOMPARE(history.at(1), won.event);
    QCOMPARE(history.at(3).seq, 4);
    QCOMPARE(history.at(3).data.value(QStringLiteral("previous_result")).toString(), QStringLiteral("win"));
    // A bet with no history has an empty one: a list read answers "none", not "no such thing".
    QVERIFY(must(repo().eventsForBet(QStringLiteral("999"))).isEmpty());
    QVERIFY(must(repo().eventsForBet(QStringLiteral("abc"))).isEmpty());
}

void TestStorageContract::commit_staleVersion_conflictAndNothingWritten_data()
{
    QTest::addColumn<bool>("winnerOnAnotherHandle");
    QTest::newRow("same handle") << false;
    // Two server processes (or a CLI next to the server): the version check must hold across connections.
    QTest::newRow("another handle") << true;
}

void TestStorageContract::commit_staleVersion_conflictAndNothingWritten()
{
    QFETCH(bool, winnerOnAnotherHandle);
    VERIFY_OK(addFunded(m_alice, 5000));
    const QString id = place(m_alice, 1000).after.id;
    const Bet loaded = found(repo().betById(id));

    // Two operators load the same version; the first wins, the second must not double-pay.
    const auto first = m_rules.resolve(loaded, m_operator, BetResult::Win, QString(), kT0.addSecs(10));
    const auto second = m_rules.resolve(loaded, m_operator, BetResult::Loss, QString(), kT0.addSecs(11));
    QVERIFY(first && second);
    if (winnerOnAnotherHandle) {
        auto other = m_backend->reopen();
        QVERIFY(other);
        VERIFY_OK(other->commit(*first, {}));
    } else {
        VERIFY_OK(repo().commit(*first, {}));
    }
    const Bet afterFirst = found(repo().betById(id));
    QCOMPARE(afterFirst.result, BetResult::Win);
    const qint64 balance = must(repo().balance(QStringLiteral("alice")));
    QCOMPARE(balance, 6500);

    const auto lost = repo().commit(*second, { mailTo(QStringLiteral("alice@example.com")) });
    QVERIFY(!lost);
    QCOMPARE(lost.error().code, ErrorCode::Conflict);
    QCOMPARE(lost.error().message,
        QStringLiteral("bet %1 was changed by someone else; reload and try again").arg(id));
    QCOMPARE(repo().betById(id), afterFirst);
    QCOMPARE(repo().balance(QStringLiteral("alice")), balance);
    QCOMPARE(repo().lastSeq(), 2);
    QCOMPARE(must(repo().eventsForBet(id)).size(), 2);
    QCOMPARE(repo().outboxCount(QString()), 0);
}

void TestStorageContract::commit_unknownBet_notFound()
{
    VERIFY_OK(repo().addUser(m_alice, {}));
    Bet ghost;
    ghost.id = QStringLiteral("42");
    ghost.userId = QStringLiteral("alice");
    ghost.stake = 100;
    ghost.odds = 20000;
    ghost.version = 1;
    ghost.createdAt = kT0;
    ghost.updatedAt = kT0;
    const auto transition = m_rules.resolve(ghost, m_operator, BetResult::Loss, QString(), kT0);
    QVERIFY(transition);
    const auto committed = repo().commit(*transition, {});
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::NotFound);
    QCOMPARE(repo().lastSeq(), 0);
    QVERIFY(isAbsent(repo().betById(QStringLiteral("42")))); // an update never inserts
}

void TestStorageContract::commit_insufficientFunds_refusedAndNothingWritten()
{
    VERIFY_OK(addFunded(m_alice, 500));
    const auto transition = m_rules.place(m_alice, newBet(1000), kT0);
    QVERIFY(transition);
    const auto committed = repo().commit(*transition, { mailTo(QStringLiteral("alice@example.com")) });
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::InsufficientFunds);
    QCOMPARE(committed.error().message, QStringLiteral("balance 5.00 EUR is less than the stake 10.00 EUR"));
    QVERIFY(must(repo().bets(allBets())).isEmpty());
    QCOMPARE(repo().lastSeq(), 0);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 500);
    QCOMPARE(repo().outboxCount(QString()), 0);

    // Exactly the balance is enough.
    const auto exact = m_rules.place(m_alice, newBet(500), kT0);
    QVERIFY(exact);
    VERIFY_OK(repo().commit(*exact, {}));
    QCOMPARE(repo().balance(QStringLiteral("alice")), 0);
}

void TestStorageContract::commit_twoHandlesAtOnce_noLostUpdateAndOneSequence()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    VERIFY_OK(addFunded(m_bob, 100000));
    constexpr int kWrites = 40;

    // Another process on the same database (the email worker, a second server): its own handle, its own
    // thread. It pays into alice's balance while this handle takes stakes from it, and both place bets.
    std::atomic<int> workerFailures { 0 };
    test::StorageBackend *backend = m_backend.get();
    std::unique_ptr<QThread> worker(QThread::create([this, backend, &workerFailures] {
        const auto other = backend->reopen();
        if (!other) {
            workerFailures = 2 * kWrites;
            return;
        }
        for (int i = 0; i < kWrites; ++i) {
            if (!other->deposit(QStringLiteral("alice"), 100, QStringLiteral("EUR")))
                ++workerFailures;
            const auto transition = m_rules.place(m_bob, newBet(10), kT0.addMSecs(i));
            if (!transition || !other->commit(*transition, {}))
                ++workerFailures;
        }
    }));
    worker->start();
    int failures = 0;
    for (int i = 0; i < kWrites; ++i) {
        const auto transition = m_rules.place(m_alice, newBet(10), kT0.addMSecs(i));
        if (!transition || !repo().commit(*transition, {}))
            ++failures;
    }
    QVERIFY(worker->wait(60000));
    QCOMPARE(failures, 0);
    QCOMPARE(workerFailures.load(), 0);

    // Every write counted: the balances are the sums of everything both handles wrote.
    QCOMPARE(repo().balance(QStringLiteral("alice")), 100000 + kWrites * 100 - kWrites * 10);
    QCOMPARE(repo().balance(QStringLiteral("bob")), 100000 - kWrites * 10);
    // One sequence across handles: every seq handed out once, no gaps, and one bet id per bet.
    QCOMPARE(repo().lastSeq(), 2 * kWrites);
    EventQuery everything;
    everything.limit = 1000;
    QList<qint64> expectedSeqs;
    for (qint64 seq = 1; seq <= 2 * kWrites; ++seq)
        expectedSeqs << seq;
    QCOMPARE(seqs(must(repo().events(everything))), expectedSeqs);
    const QStringList betIds = ids(must(repo().bets(allBets())));
    QCOMPARE(betIds.size(), 2 * kWrites);
    QCOMPARE(QSet<QString>(betIds.cbegin(), betIds.cend()).size(), 2 * kWrites);
}

// --- event log

void TestStorageContract::events_afterSeqUserIdLimit()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    VERIFY_OK(addFunded(m_bob, 100000));
    // seq 1..10, alternating alice (odd) and bob (even)
    for (int i = 0; i < 10; ++i)
        place(i % 2 == 0 ? m_alice : m_bob, 100 + i, kT0.addSecs(i));

    EventQuery all;
    QCOMPARE(seqs(must(repo().events(all))), (QList<qint64> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }));
    EventQuery after;
    after.afterSeq = 7;
    QCOMPARE(seqs(must(repo().events(after))), (QList<qint64> { 8, 9, 10 }));
    after.afterSeq = 10;
    QVERIFY(must(repo().events(after)).isEmpty());

    EventQuery alice;
    alice.userId = QStringLiteral("alice");
    alice.afterSeq = 2;
    QCOMPARE(seqs(must(repo().events(alice))), (QList<qint64> { 3, 5, 7, 9 }));
    alice.limit = 2;
    QCOMPARE(seqs(must(repo().events(alice))), (QList<qint64> { 3, 5 }));
    alice.afterSeq = 5;
    QCOMPARE(seqs(must(repo().events(alice))), (QList<qint64> { 7, 9 }));
    for (const BetEvent &e : must(repo().events(alice)))
        QCOMPARE(e.userId, QStringLiteral("alice"));

    EventQuery limited;
    limited.limit = 3;
    QCOMPARE(seqs(must(repo().events(limited))), (QList<qint64> { 1, 2, 3 }));
    limited.limit = 0;
    QVERIFY(must(repo().events(limited)).isEmpty());
    limited.limit = -1; // not "everything"
    QVERIFY(must(repo().events(limited)).isEmpty());

    EventQuery nobody;
    nobody.userId = QStringLiteral("nobody");
    QVERIFY(must(repo().events(nobody)).isEmpty());

    // What the log returns is what was committed.
    const BetEvent third = must(repo().events(all)).at(2);
    QCOMPARE(third.betId, QStringLiteral("3"));
    QCOMPARE(third.timestamp, kT0.addSecs(2));
    QCOMPARE(third.timestamp.timeSpec(), Qt::UTC);
    QCOMPARE(third.data,
        eventDataFor(Bet {}, found(repo().betById(QStringLiteral("3"))), QStringLiteral("alice")));
}

void TestStorageContract::events_afterTime_tiesOrderedBySeqAndStrictlyAfter()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    VERIFY_OK(addFunded(m_bob, 100000));
    const QDateTime t1 = kT0.addMSecs(1);
    const QDateTime t2 = kT0.addMSecs(2);
    place(m_alice, 100, kT0); // seq 1
    for (int i = 0; i < 30; ++i) // seq 2..31 share one millisecond
        place(i % 3 == 0 ? m_bob : m_alice, 100, t1);
    place(m_alice, 100, t2); // seq 32

    EventQuery q;
    q.afterTime = kT0;
    auto events = must(repo().events(q));
    QCOMPARE(events.size(), 31);
    for (int i = 0; i < events.size(); ++i)
        QCOMPARE(events.at(i).seq, i + 2);

    q.afterTime = t1; // strictly after: none of the 30 ties
    events = must(repo().events(q));
    QCOMPARE(seqs(events), (QList<qint64> { 32 }));

    q.afterTime = kT0.addMSecs(-1);
    QCOMPARE(must(repo().events(q)).size(), 32);
    q.afterTime = t2;
    QVERIFY(must(repo().events(q)).isEmpty());

    // Paging through the ties: a time cursor plus a seq cursor.
    q.afterTime = kT0;
    q.limit = 10;
    QList<qint64> seen;
    for (int page = 0; page < 10; ++page) {
        const auto batch = must(repo().events(q));
        if (batch.isEmpty())
            break;
        seen << seqs(batch);
        q.afterSeq = batch.last().seq;
    }
    QCOMPARE(seen.size(), 31);
    QCOMPARE(seen.first(), 2);
    QCOMPARE(seen.last(), 32);

    // With a user filter: bob had every third of the ties.
    EventQuery bob;
    bob.afterTime = kT0;
    bob.userId = QStringLiteral("bob");
    const auto bobs = must(repo().events(bob));
    QCOMPARE(bobs.size(), 10);
    for (int i = 1; i < bobs.size(); ++i)
        QVERIFY(bobs.at(i - 1).seq < bobs.at(i).seq);
}

void TestStorageContract::events_newest_returnsLastAscending()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    VERIFY_OK(addFunded(m_bob, 100000));
    for (int i = 0; i < 8; ++i) // alice: 1,2,3,5,6,7 ; bob: 4,8
        place((i == 3 || i == 7) ? m_bob : m_alice, 100, kT0.addSecs(i));

    EventQuery q;
    q.newest = true;
    q.limit = 3;
    QCOMPARE(seqs(must(repo().events(q))), (QList<qint64> { 6, 7, 8 }));

    q.userId = QStringLiteral("alice");
    QCOMPARE(seqs(must(repo().events(q))), (QList<qint64> { 5, 6, 7 }));

    q.limit = 100; // fewer than limit: all of them, ascending
    QCOMPARE(seqs(must(repo().events(q))), (QList<qint64> { 1, 2, 3, 5, 6, 7 }));

    q.afterTime = kT0.addSecs(4); // newest within a time window
    q.limit = 1;
    QCOMPARE(seqs(must(repo().events(q))), (QList<qint64> { 7 }));
}

void TestStorageContract::prune_dropsOldEvents_seqNeverReused()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    for (int i = 0; i < 5; ++i)
        place(m_alice, 100, kT0.addSecs(i));
    QCOMPARE(repo().firstRetainedSeq(), 1);

    QCOMPARE(repo().pruneEvents(3), 3);
    QCOMPARE(repo().firstRetainedSeq(), 4);
    QCOMPARE(repo().lastSeq(), 5);
    QCOMPARE(seqs(must(repo().events({}))), (QList<qint64> { 4, 5 }));
    QVERIFY(must(repo().eventsForBet(QStringLiteral("1"))).isEmpty());
    // Bets and ledger are never pruned.
    QCOMPARE(must(repo().bets(allBets())).size(), 5);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 100000 - 500);

    QCOMPARE(repo().pruneEvents(3), 0);
    QCOMPARE(repo().pruneEvents(5), 2);
    QCOMPARE(repo().firstRetainedSeq(), 0);
    QCOMPARE(repo().lastSeq(), 5); // the log is empty, but seq 5 was handed out
    QVERIFY(must(repo().events({})).isEmpty());

    // Not even after a restart: a client holding seq 5 must not miss a new event numbered 5.
    m_repo.reset();
    m_repo = m_backend->reopen();
    QVERIFY(m_repo);
    QCOMPARE(repo().lastSeq(), 5);
    QCOMPARE(place(m_alice, 100, kT0.addSecs(10)).event.seq, 6);
    QCOMPARE(repo().firstRetainedSeq(), 6);
}

void TestStorageContract::cursorState_againstTheRetainedLog_data()
{
    // The log holds `written` events (seq 1..written) of which those up to `prunedUpTo` were pruned.
    QTest::addColumn<int>("written");
    QTest::addColumn<qint64>("prunedUpTo");
    QTest::addColumn<qint64>("cursor");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("lastSeq");
    QTest::addColumn<qint64>("firstRetainedSeq");
    const int ok = CursorState::Ok, ahead = CursorState::Ahead, pruned = CursorState::Pruned;

    QTest::newRow("new log, cursor 0") << 0 << qint64(0) << qint64(0) << ok << qint64(0) << qint64(0);
    QTest::newRow("new log, cursor from another database")
        << 0 << qint64(0) << qint64(1) << ahead << qint64(0) << qint64(0);

    QTest::newRow("full log, from the start") << 5 << qint64(0) << qint64(0) << ok << qint64(5) << qint64(1);
    QTest::newRow("full log, midway") << 5 << qint64(0) << qint64(3) << ok << qint64(5) << qint64(1);
    QTest::newRow("full log, caught up") << 5 << qint64(0) << qint64(5) << ok << qint64(5) << qint64(1);
    QTest::newRow("full log, one beyond the end")
        << 5 << qint64(0) << qint64(6) << ahead << qint64(5) << qint64(1);

    // First retained is 3: a cursor at 2 continues exactly, one at 1 missed seq 2.
    QTest::newRow("pruned, cursor just before the first kept")
        << 5 << qint64(2) << qint64(2) << ok << qint64(5) << qint64(3);
    QTest::newRow("pruned, cursor one before that")
        << 5 << qint64(2) << qint64(1) << pruned << qint64(5) << qint64(3);
    QTest::newRow("pruned, cursor 0") << 5 << qint64(2) << qint64(0) << pruned << qint64(5) << qint64(3);
    QTest::newRow("pruned, caught up") << 5 << qint64(2) << qint64(5) << ok << qint64(5) << qint64(3);
    QTest::newRow("pruned, beyond the end") << 5 << qint64(2) << qint64(9) << ahead << qint64(5) << qint64(3);

    // Everything pruned: the log is empty but seq 1..5 were handed out.
    QTest::newRow("all pruned, caught up") << 5 << qint64(5) << qint64(5) << ok << qint64(5) << qint64(0);
    QTest::newRow("all pruned, one behind")
        << 5 << qint64(5) << qint64(4) << pruned << qint64(5) << qint64(0);
    QTest::newRow("all pruned, cursor 0") << 5 << qint64(5) << qint64(0) << pruned << qint64(5) << qint64(0);
    QTest::newRow("all pruned, beyond the end")
        << 5 << qint64(5) << qint64(6) << ahead << qint64(5) << qint64(0);
}

void TestStorageContract::cursorState_againstTheRetainedLog()
{
    QFETCH(int, written);
    QFETCH(qint64, prunedUpTo);
    QFETCH(qint64, cursor);
    QFETCH(int, kind);
    QFETCH(qint64, lastSeq);
    QFETCH(qint64, firstRetainedSeq);
    VERIFY_OK(addFunded(m_alice, 100000));
    for (int i = 0; i < written; ++i)
        place(m_alice, 100, kT0.addSecs(i));
    if (prunedUpTo > 0)
        QCOMPARE(repo().pruneEvents(prunedUpTo), int(prunedUpTo));

    const CursorState state = must(repo().cursorState(cursor));
    QCOMPARE(int(state.kind), kind);
    QCOMPARE(state.lastSeq, lastSeq);
    QCOMPARE(state.firstRetainedSeq, firstRetainedSeq);
    // Ok is a promise: continuing after the cursor returns every event still to come, without a gap.
    if (state.kind == CursorState::Ok) {
        EventQuery rest;
        rest.afterSeq = cursor;
        QList<qint64> expected;
        for (qint64 seq = cursor + 1; seq <= lastSeq; ++seq)
            expected << seq;
        QCOMPARE(seqs(must(repo().events(rest))), expected);
    }
}

// --- bets

void TestStorageContract::bets_filters()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    VERIFY_OK(addFunded(m_bob, 100000));
    VERIFY_OK(repo().addUser(m_operator, {}));
    const QString a1 = place(m_alice, 100, kT0, QStringLiteral("Match winner")).after.id;
    const QString a2 = place(m_alice, 100, kT0.addSecs(1), QStringLiteral("Total goals")).after.id;
    const QString b1 = place(m_bob, 100, kT0.addSecs(2), QStringLiteral("Match winner")).after.id;
    resolve(a1, BetResult::Win, kT0.addSecs(3)); // a1 now the most recently updated
    resolve(b1, BetResult::Loss, kT0.addSecs(4)); // then b1

    QCOMPARE(ids(must(repo().bets({}))), (QStringList { b1, a1, a2 }));
    BetQuery q;
    q.userId = QStringLiteral("alice");
    QCOMPARE(ids(must(repo().bets(q))), (QStringList { a1, a2 }));
    q.status = BetStatus::Pending;
    QCOMPARE(ids(must(repo().bets(q))), (QStringList { a2 }));
    BetQuery settled;
    settled.status = BetStatus::Settled;
    QCOMPARE(ids(must(repo().bets(settled))), (QStringList { b1, a1 }));
    BetQuery won;
    won.result = BetResult::Win;
    QCOMPARE(ids(must(repo().bets(won))), (QStringList { a1 }));
    BetQuery unresolved;
    unresolved.result = BetResult::None;
    QCOMPARE(ids(must(repo().bets(unresolved))), (QStringList { a2 }));
    BetQuery market;
    market.market = QStringLiteral("Match winner");
    QCOMPARE(ids(must(repo().bets(market))), (QStringList { b1, a1 }));
    market.market = QStringLiteral("match winner"); // exact match
    QVERIFY(must(repo().bets(market)).isEmpty());
    BetQuery event;
    event.eventName = QStringLiteral("Ajax v PSV");
    QCOMPARE(must(repo().bets(event)).size(), 3);
    event.eventName = QStringLiteral("Other");
    QVERIFY(must(repo().bets(event)).isEmpty());
    BetQuery nobody;
    nobody.userId = QStringLiteral("nobody");
    QVERIFY(must(repo().bets(nobody)).isEmpty());
    BetQuery none;
    none.limit = 0;
    QVERIFY(must(repo().bets(none)).isEmpty());
}

void TestStorageContract::bets_keysetPagination_visitsEveryBetOnceNewestFirst()
{
    VERIFY_OK(addFunded(m_alice, 100000));
    // 11 bets, several updated in the same millisecond: the id breaks the tie.
    QStringList expected;
    for (int i = 0; i < 11; ++i)
        expected.prepend(place(m_alice, 100, kT0.addMSecs(i / 3)).after.id);

    BetQuery q;
    q.userId = QStringLiteral("alice");
    q.limit = 4;
    QStringList seen;
    int pages = 0;
    for (;;) {
        const auto page = must(repo().bets(q));
        if (page.isEmpty())
            break;
        ++pages;
        QVERIFY(page.size() <= 4);
        seen << ids(page);
        q.beforeUpdatedAt = page.last().updatedAt;
        q.beforeId = page.last().id;
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen, expected);

    // A time cursor without an id: strictly older than that time.
    BetQuery older;
    older.beforeUpdatedAt = kT0.addMSecs(1);
    QCOMPARE(must(repo().bets(older)).size(), 3);
}

// --- idempotency and outbox

void TestStorageContract::idempotency_firstAnswerKept_otherRequestConflict_perUser()
{
    const QString alice = QStringLiteral("alice");
    const QString key = QStringLiteral("4f9a-key");
    QVERIFY(isAbsent(repo().idempotentAnswer(alice, key)));

    // The body is bytes, not text: it must come back exactly, NUL included.
    const QByteArray body("{\"bet\":{\"id\":\"1\"}}\0binary", 26);
    VERIFY_OK(repo().storeIdempotentAnswer(alice, key, { QStringLiteral("hash-1"), { 201, body } }));
    const IdempotentAnswer stored = found(repo().idempotentAnswer(alice, key));
    QCOMPARE(stored.response.status, 201);
    QCOMPARE(stored.response.body, body);
    QCOMPARE(stored.requestHash, QStringLiteral("hash-1"));

    // The same request again keeps the first answer; a different request under the key is refused.
    VERIFY_OK(repo().storeIdempotentAnswer(alice, key, { QStringLiteral("hash-1"), { 500, "later" } }));
    QCOMPARE(found(repo().idempotentAnswer(alice, key)).response.status, 201);
    QCOMPARE(found(repo().idempotentAnswer(alice, key)).response.body, body);
    const auto reused = repo().storeIdempotentAnswer(alice, key, { QStringLiteral("hash-2"), { 200, "x" } });
    QVERIFY(!reused);
    QCOMPARE(reused.error().code, ErrorCode::Conflict);
    QCOMPARE(found(repo().idempotentAnswer(alice, key)).requestHash, QStringLiteral("hash-1"));

    // Keys are per user.
    QVERIFY(isAbsent(repo().idempotentAnswer(QStringLiteral("bob"), key)));
    VERIFY_OK(
        repo().storeIdempotentAnswer(QStringLiteral("bob"), key, { QStringLiteral("hash-b"), { 200, "b" } }));
    QCOMPARE(found(repo().idempotentAnswer(QStringLiteral("bob"), key)).response.body, QByteArray("b"));
    QCOMPARE(found(repo().idempotentAnswer(alice, key)).response.body, body);
}

void TestStorageContract::commitWithIdempotency_storesTheAnswerBuiltFromTheCommittedBet()
{
    VERIFY_OK(addFunded(m_alice, 5000));
    place(m_alice, 100); // seq 1, bet 1

    const auto transition = m_rules.place(m_alice, newBet(200), kT0);
    QVERIFY(transition);
    const auto committed = repo().commit(*transition, {}, idempotencyKey(QStringLiteral("k1")));
    VERIFY_OK(committed);
    QCOMPARE(committed->after.id, QStringLiteral("2"));
    const IdempotentAnswer stored
        = found(repo().idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1")));
    QCOMPARE(stored.requestHash, QStringLiteral("hash-k1"));
    QCOMPARE(stored.response.status, 201);
    // The committed bet exactly as the live answer encodes it (ids, version and times assigned).
    QCOMPARE(stored.response.body, json::toBytes(json::encode(committed->after)));
    QCOMPARE(answeredBet(stored.response), committed->after);
}

void TestStorageContract::commitWithIdempotency_keyAlreadyTaken_conflictAndNothingWritten()
{
    VERIFY_OK(addFunded(m_alice, 5000));
    // A concurrent request with the same key got there first (between our check and our commit).
    VERIFY_OK(repo().storeIdempotentAnswer(
        QStringLiteral("alice"), QStringLiteral("k1"), { QStringLiteral("hash-k1"), { 201, "first" } }));
    const auto transition = m_rules.place(m_alice, newBet(200), kT0);
    QVERIFY(transition);
    const auto committed = repo().commit(
        *transition, { mailTo(QStringLiteral("alice@example.com")) }, idempotencyKey(QStringLiteral("k1")));
    QVERIFY(!committed);
    QCOMPARE(committed.error().code, ErrorCode::Conflict);
    QVERIFY(must(repo().bets(allBets())).isEmpty());
    QCOMPARE(repo().balance(QStringLiteral("alice")), 5000);
    QCOMPARE(repo().lastSeq(), 0);
    QCOMPARE(repo().outboxCount(QString()), 0);
    QCOMPARE(found(repo().idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k1"))).response.body,
        QByteArray("first"));
}

void TestStorageContract::notificationPreferences_noneSavedIsAbsent_savedRoundTrip_unknownUserNotFound()
{
    VERIFY_OK(repo().addUser(m_alice, {}));
    VERIFY_OK(repo().addUser(m_bob, {}));
    QVERIFY(isAbsent(repo().notificationPreferences(m_alice.id))); // never saved: the caller's defaults apply

    NotificationPreferences muted;
    muted.setEnabled(EventType::BetUpdated, NotificationChannel::Email, false);
    muted.setEnabled(EventType::BetResolved, NotificationChannel::Webhook, true);
    muted.quietHours = QuietHours { QTime(22, 0), QTime(7, 0), QStringLiteral("Europe/Berlin") };
    VERIFY_OK(repo().setNotificationPreferences(m_alice.id, muted));
    QVERIFY(found(repo().notificationPreferences(m_alice.id)) == muted);
    QVERIFY(isAbsent(repo().notificationPreferences(m_bob.id))); // per user

    // Saving again replaces the whole value.
    NotificationPreferences plain;
    VERIFY_OK(repo().setNotificationPreferences(m_alice.id, plain));
    QVERIFY(found(repo().notificationPreferences(m_alice.id)) == plain);

    const auto unknown = repo().setNotificationPreferences(QStringLiteral("nobody"), muted);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    QVERIFY(isAbsent(repo().notificationPreferences(QStringLiteral("nobody"))));
}

void TestStorageContract::outbox_due_sent_retry_failed_count()
{
    VERIFY_OK(addFunded(m_alice, 10000));
    VERIFY_OK(repo().addUser(m_operator, {}));
    const QString id = place(m_alice, 1000).after.id;

    const auto transition
        = m_rules.resolve(found(repo().betById(id)), m_operator, BetResult::Win, QString(), kT0.addSecs(60));
    QVERIFY(transition);
    QList<OutboxMessage> mails;
    for (int i = 0; i < 3; ++i) {
        OutboxMessage m = mailTo(QStringLiteral("alice%1@example.com").arg(i));
        m.userId = QStringLiteral("alice");
        m.payload = QJsonObject { { QStringLiteral("payout"), 2500 }, { QStringLiteral("n"), i } };
        mails << m;
    }
    mails[2].nextAttemptAt = kT0.addSecs(3600); // scheduled later
    const auto committed = repo().commit(*transition, mails);
    VERIFY_OK(committed);
    QCOMPARE(repo().outboxCount(QStringLiteral("pending")), 3);
    QCOMPARE(repo().outboxCount(QString()), 3);

    const QDateTime now = kT0.addSecs(120);
    QVERIFY(must(repo().dueOutbox(kT0, 10)).isEmpty()); // not before its event
    auto due = must(repo().dueOutbox(now, 10));
    QCOMPARE(due.size(), 2);
    QVERIFY(due.at(0).id < due.at(1).id);
    const OutboxMessage first = due.at(0);
    QCOMPARE(first.kind, QStringLiteral("bet_resolved"));
    QCOMPARE(first.recipient, QStringLiteral("alice0@example.com"));
    QCOMPARE(first.userId, QStringLiteral("alice"));
    QCOMPARE(first.betId, id);
    QCOMPARE(first.eventSeq, committed->event.seq);
    QCOMPARE(first.payload, mails.at(0).payload);
    QCOMPARE(first.attempts, 0);
    QCOMPARE(first.state, QStringLiteral("pending"));
    QCOMPARE(must(repo().dueOutbox(now, 1)).size(), 1);
    QCOMPARE(must(repo().dueOutbox(kT0.addSecs(3600), 10)).size(), 3);

    VERIFY_OK(repo().markOutboxSent(first.id, now));
    VERIFY_OK(repo().markOutboxRetry(due.at(1).id, 1, now.addSecs(30), QStringLiteral("421 try later")));
    QVERIFY(must(repo().dueOutbox(now, 10)).isEmpty());
    due = must(repo().dueOutbox(now.addSecs(30), 10));
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().attempts, 1);
    QCOMPARE(due.first().lastError, QStringLiteral("421 try later"));
    QCOMPARE(due.first().nextAttemptAt, now.addSecs(30));

    VERIFY_OK(repo().markOutboxFailed(due.first().id, 5, QStringLiteral("550 no such user")));
    QCOMPARE(repo().outboxCount(QStringLiteral("sent")), 1);
    QCOMPARE(repo().outboxCount(QStringLiteral("failed")), 1);
    QCOMPARE(repo().outboxCount(QStringLiteral("pending")), 1);
    QCOMPARE(must(repo().dueOutbox(now.addDays(1), 10)).size(), 1); // failed and sent are never due again

    QCOMPARE(repo().markOutboxSent(9999, now).error().code, ErrorCode::NotFound);
    QCOMPARE(repo().markOutboxRetry(9999, 1, now, QString()).error().code, ErrorCode::NotFound);
    QCOMPARE(repo().markOutboxFailed(9999, 1, QString()).error().code, ErrorCode::NotFound);
    QVERIFY(must(repo().dueOutbox(now, 0)).isEmpty());
}

void TestStorageContract::reopen_everythingSurvives()
{
    VERIFY_OK(repo().addUser(m_alice, tokenHash(QStringLiteral("a"))));
    VERIFY_OK(repo().addUser(m_operator, tokenHash(QStringLiteral("o"))));
    VERIFY_OK(repo().deposit(QStringLiteral("alice"), 3000, QStringLiteral("EUR")));
    const Transition placed = place(m_alice, 1000);
    const auto t = m_rules.resolve(placed.after, m_operator, BetResult::Push, QString(), kT0.addSecs(5));
    QVERIFY(t);
    VERIFY_OK(repo().commit(*t, { mailTo(QStringLiteral("alice@example.com")) }));
    VERIFY_OK(repo().storeIdempotentAnswer(
        QStringLiteral("alice"), QStringLiteral("k"), { QStringLiteral("h"), { 201, "body" } }));

    // A restart: the first handle closes and goes, a new one opens the same database.
    repo().close();
    m_repo.reset();
    m_repo = m_backend->reopen();
    QVERIFY(m_repo);
    QCOMPARE(repo().userByTokenHash(tokenHash(QStringLiteral("a"))), m_alice);
    QCOMPARE(must(repo().users()).size(), 2);
    QCOMPARE(repo().balance(QStringLiteral("alice")), 3000);
    const Bet bet = found(repo().betById(placed.after.id));
    QCOMPARE(bet.status, BetStatus::Settled);
    QCOMPARE(bet.result, BetResult::Push);
    QCOMPARE(bet.version, 2);
    QCOMPARE(repo().lastSeq(), 2);
    QCOMPARE(must(repo().events({})).size(), 2);
    QCOMPARE(repo().outboxCount(QStringLiteral("pending")), 1);
    QCOMPARE(found(repo().idempotentAnswer(QStringLiteral("alice"), QStringLiteral("k"))).response.body,
        QByteArray("body"));
}

// --- webhooks

void TestStorageContract::webhooks_addListUpdateRemove()
{
    Webhook first = hook();
    first.userIds = { QStringLiteral("alice"), QStringLiteral("bob") };
    first.cursorSeq = 5;
    const Webhook added = must(repo().addWebhook(first));
    QVERIFY(!added.id.isEmpty());
    QCOMPARE(added.url, first.url);
    QCOMPARE(added.eventTypes, first.eventTypes);
    QCOMPARE(added.userIds, first.userIds);
    QCOMPARE(added.secret, first.secret);
    QCOMPARE(added.cursorSeq, 5);
    QVERIFY(added.enabled);
    QCOMPARE(added.consecutiveFailures, 0);
    QCOMPARE(added.createdAt, kT0);
    const Webhook second = must(repo().addWebhook(hook(QStringLiteral("https://other.example.com/"))));
    QVERIFY(second.id != added.id);

    QCOMPARE(found(repo().webhookById(added.id)).url, first.url);
    QVERIFY(isAbsent(repo().webhookById(QStringLiteral("999"))));
    QVERIFY(isAbsent(repo().webhookById(QStringLiteral("not-an-id"))));
    const QList<Webhook> all = must(repo().webhooks());
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).id, added.id); // ascending by id

    Webhook changed = added;
    changed.url = QStringLiteral("https://changed.example.com/x");
    changed.eventTypes = { QStringLiteral("bet_updated"), QStringLiteral("bet_disputed") };
    changed.userIds = {};
    changed.enabled = false;
    VERIFY_OK(repo().updateWebhook(changed));
    const Webhook reread = found(repo().webhookById(added.id));
    QCOMPARE(reread.url, changed.url);
    QCOMPARE(reread.eventTypes, changed.eventTypes);
    QVERIFY(reread.userIds.isEmpty());
    QVERIFY(!reread.enabled);
    QCOMPARE(reread.cursorSeq, 5); // an update never moves the cursor

    changed.id = QStringLiteral("999");
    QCOMPARE(repo().updateWebhook(changed).error().code, ErrorCode::NotFound);
    QCOMPARE(repo().setWebhookCursor(QStringLiteral("999"), 1).error().code, ErrorCode::NotFound);

    VERIFY_OK(repo().recordWebhookAttempt(attemptOn(added.id, 6, 500, 5)));
    VERIFY_OK(repo().removeWebhook(added.id));
    QVERIFY(isAbsent(repo().webhookById(added.id)));
    QVERIFY(must(repo().webhookDeliveries(added.id, 10)).isEmpty());
    QCOMPARE(repo().removeWebhook(added.id).error().code, ErrorCode::NotFound);
    QCOMPARE(must(repo().webhooks()).size(), 1);
}

void TestStorageContract::webhooks_enablingClearsTheFailureRun_cursorStays()
{
    const Webhook added = must(repo().addWebhook(hook()));
    WebhookAttempt failed = attemptOn(added.id, 1, 503);
    failed.disableAfter = 2;
    QVERIFY(must(repo().recordWebhookAttempt(failed)).enabled);
    const Webhook disabled = must(repo().recordWebhookAttempt(failed));
    QVERIFY(!disabled.enabled);
    QCOMPARE(disabled.consecutiveFailures, 2);
    QVERIFY(disabled.disabledReason.contains(QStringLiteral("2 consecutive failures")));
    QVERIFY(disabled.nextAttemptAt.isValid());

    Webhook enable = disabled;
    enable.enabled = true;
    VERIFY_OK(repo().updateWebhook(enable));
    const Webhook enabled = found(repo().webhookById(added.id));
    QVERIFY(enabled.enabled);
    QCOMPARE(enabled.consecutiveFailures, 0);
    QVERIFY(enabled.disabledReason.isEmpty());
    QVERIFY(!enabled.nextAttemptAt.isValid());
    QCOMPARE(enabled.cursorSeq, 0);
    QCOMPARE(enabled.lastStatus, 503); // history stays
}

void TestStorageContract::webhookAttempts_successMovesCursor_failuresDisableAtThreshold()
{
    const Webhook added = must(repo().addWebhook(hook()));
    WebhookAttempt fail = attemptOn(added.id, 1, 500, 0);
    fail.disableAfter = 3;
    Webhook after = must(repo().recordWebhookAttempt(fail));
    QCOMPARE(after.consecutiveFailures, 1);
    QCOMPARE(after.cursorSeq, 0);
    QCOMPARE(after.lastStatus, 500);
    QCOMPARE(after.lastError, QStringLiteral("HTTP 500"));
    QCOMPARE(after.nextAttemptAt, fail.nextAttemptAt);

    after = must(repo().recordWebhookAttempt(attemptOn(added.id, 1, 204, 0)));
    QCOMPARE(after.cursorSeq, 1);
    QCOMPARE(after.consecutiveFailures, 0);
    QCOMPARE(after.lastStatus, 204);
    QVERIFY(after.lastError.isEmpty());
    QVERIFY(!after.nextAttemptAt.isValid());

    // Skipping filtered events: compare-and-set on the cursor.
    QCOMPARE(repo().advanceWebhookCursor(added.id, 1, 4), true);
    QCOMPARE(repo().advanceWebhookCursor(added.id, 1, 9), false);
    QCOMPARE(found(repo().webhookById(added.id)).cursorSeq, 4);

    for (int i = 0; i < 3; ++i)
        after = must(repo().recordWebhookAttempt(fail));
    QVERIFY(!after.enabled);
    QCOMPARE(after.cursorSeq, 4); // a disabled endpoint keeps its place
    QCOMPARE(repo().recordWebhookAttempt(attemptOn(QStringLiteral("999"), 1, 200)).error().code,
        ErrorCode::NotFound);
}

void TestStorageContract::webhookAttempts_replayDuringAttempt_cursorNotOverwritten()
{
    Webhook w = hook();
    w.cursorSeq = 10;
    const Webhook added = must(repo().addWebhook(w));
    // The worker read cursor 10 and is sending 11; meanwhile an operator replays from 3.
    VERIFY_OK(repo().setWebhookCursor(added.id, 3));
    const Webhook after = must(repo().recordWebhookAttempt(attemptOn(added.id, 11, 200, 10)));
    QCOMPARE(after.cursorSeq, 3);
    QCOMPARE(after.lastStatus, 200);
}

void TestStorageContract::webhookDeliveries_boundedPerEndpoint_newestFirst()
{
    const Webhook a = must(repo().addWebhook(hook()));
    const Webhook b = must(repo().addWebhook(hook()));
    for (int seq = 1; seq <= 8; ++seq) {
        WebhookAttempt attempt = attemptOn(a.id, seq, seq % 2 ? 500 : 200, seq - 1);
        attempt.keepDeliveries = 5;
        VERIFY_OK(repo().recordWebhookAttempt(attempt));
        VERIFY_OK(repo().recordWebhookAttempt(attemptOn(b.id, seq, 0)));
    }
    const QList<WebhookDelivery> kept = must(repo().webhookDeliveries(a.id, 100));
    QCOMPARE(kept.size(), 5);
    QCOMPARE(kept.first().seq, 8);
    QCOMPARE(kept.last().seq, 4);
    QCOMPARE(kept.first().status, 200);
    QCOMPARE(kept.first().latencyMs, 7);
    QCOMPARE(kept.first().at, kT0.addSecs(8));
    QCOMPARE(kept.at(1).error, QStringLiteral("HTTP 500"));
    QCOMPARE(must(repo().webhookDeliveries(a.id, 2)).size(), 2);
    QCOMPARE(must(repo().webhookDeliveries(b.id, 100)).size(), 8); // the other endpoint's are its own
}

QTEST_GUILESS_MAIN(TestStorageContract)
#include "tst_storagecontract.moc"
