// Bearer parsing and token authentication on a real SQLite file (who may see what: tst_accesspolicy).
#include "server/auth/authenticator.h"
#include "server/auth/tokens.h"
#include "server/storage/sqliterepository.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TestAuthenticator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void bearerToken_data();
    void bearerToken();
    void generateToken_isRandomAndUrlSafe();
    void hashToken_isStableHexAndNeverTheToken();
    void authenticate_knownToken_returnsItsUser();
    void authenticate_missingOrUnknownToken_isUnauthorized_data();
    void authenticate_missingOrUnknownToken_isUnauthorized();
    void authenticate_afterNewToken_oldTokenStopsWorking();
    void authenticate_usersUnreadable_isUnavailable_neverUnauthorized();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteRepository> m_repository;
    QString m_aliceToken;
};

void TestAuthenticator::init()
{
    m_repository = std::make_unique<SqliteRepository>(m_dir.filePath(QStringLiteral("auth.sqlite")),
                                                      QStringLiteral("tst_authenticator"));
    QVERIFY(m_repository->open().ok());
    User alice;
    alice.id = QStringLiteral("alice");
    alice.displayName = QStringLiteral("Alice");
    m_aliceToken = generateToken();
    const auto added = m_repository->addUser(alice, hashToken(m_aliceToken));
    if (added.ok())
        return;
    // The file outlives one test function: alice exists already, give her this test's token.
    QVERIFY2(added.error().code == ErrorCode::Conflict, qPrintable(added.error().message));
    QVERIFY(m_repository->setTokenHash(QStringLiteral("alice"), hashToken(m_aliceToken)).ok());
}

void TestAuthenticator::cleanup()
{
    m_repository->close();
    m_repository.reset();
}

void TestAuthenticator::bearerToken_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("token");
    QTest::newRow("bearer") << QByteArray("Bearer abc") << QStringLiteral("abc");
    QTest::newRow("case-insensitive scheme") << QByteArray("bEaReR abc") << QStringLiteral("abc");
    QTest::newRow("surrounding spaces") << QByteArray("  Bearer   abc  ") << QStringLiteral("abc");
    QTest::newRow("absent") << QByteArray() << QString();
    QTest::newRow("scheme only") << QByteArray("Bearer") << QString();
    QTest::newRow("basic scheme") << QByteArray("Basic YWxpY2U6cHc=") << QString();
    QTest::newRow("no space") << QByteArray("Bearerabc") << QString();
}

void TestAuthenticator::bearerToken()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, token);
    QCOMPARE(Authenticator::bearerToken(header), token);
}

void TestAuthenticator::generateToken_isRandomAndUrlSafe()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString token = generateToken();
        QVERIFY(token.startsWith(QLatin1String("bt_")));
        QCOMPARE(token.size(), 3 + 43); // 32 random bytes, base64url without padding
        for (const QChar c : token.mid(3))
            QVERIFY2(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'), qPrintable(token));
        seen.insert(token);
    }
    QCOMPARE(seen.size(), 200);
}

void TestAuthenticator::hashToken_isStableHexAndNeverTheToken()
{
    const QString token = QStringLiteral("demo-alice");
    QCOMPARE(hashToken(token), hashToken(token));
    QCOMPARE(hashToken(token).size(), 64);
    QVERIFY(!hashToken(token).contains(token.toUtf8()));
    QVERIFY(hashToken(token) != hashToken(QStringLiteral("demo-bob")));
}

void TestAuthenticator::authenticate_knownToken_returnsItsUser()
{
    Authenticator auth(*m_repository);
    const auto user = auth.authenticate(m_aliceToken);
    QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().message));
    QCOMPARE(user->id, QStringLiteral("alice"));
}

void TestAuthenticator::authenticate_missingOrUnknownToken_isUnauthorized_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("missing") << QString();
    QTest::newRow("unknown") << QStringLiteral("bt_not-a-real-token");
    QTest::newRow("the hash itself") << QString::fromLatin1(hashToken(QStringLiteral("demo-alice")));
}

void TestAuthenticator::authenticate_missingOrUnknownToken_isUnauthorized()
{
    QFETCH(QString, token);
    Authenticator auth(*m_repository);
    const auto user = auth.authenticate(token);
    QVERIFY(!user.ok());
    QCOMPARE(user.error().code, ErrorCode::Unauthorized);
    QVERIFY(!user.error().message.isEmpty());
}

void TestAuthenticator::authenticate_afterNewToken_oldTokenStopsWorking()
{
    Authenticator auth(*m_repository);
    const QString fresh = generateToken();
    QVERIFY(m_repository->setTokenHash(QStringLiteral("alice"), hashToken(fresh)).ok());
    QCOMPARE(auth.authenticate(m_aliceToken).error().code, ErrorCode::Unauthorized);
    QCOMPARE(auth.authenticate(fresh)->id, QStringLiteral("alice"));
}

void TestAuthenticator::authenticate_usersUnreadable_isUnavailable_neverUnauthorized()
{
    // A storage hiccup must not sign a valid token out: the client retries on 503/1013, signs in on 401.
    m_repository->close();
    const auto user = Authenticator(*m_repository).authenticate(m_aliceToken);
    QVERIFY(!user);
    QCOMPARE(user.error().code, ErrorCode::Unavailable);
    QVERIFY(m_repository->open().ok());
    QVERIFY(Authenticator(*m_repository).authenticate(m_aliceToken).ok());
}

QTEST_GUILESS_MAIN(TestAuthenticator)
#include "tst_authenticator.moc"
