// Tests of the account object of GET /api/v1/me: the server's shape, round trips and refusals.

#include "common/account.h"
#include "common/jsoncodec.h"

#include <QTest>

using namespace betthat;

namespace {

Account alice()
{
    Account a;
    a.user.id = QStringLiteral("alice");
    a.user.displayName = QStringLiteral("Alice");
    a.user.email = QStringLiteral("alice@example.com");
    a.balance = 12345;
    return a;
}

} // namespace

Q_DECLARE_METATYPE(betthat::Account)

class TestAccount : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void encode_serverShape();
    void decode_malformed_refusedWithReason_data();
    void decode_malformed_refusedWithReason();
};

void TestAccount::roundTrip_data()
{
    QTest::addColumn<Account>("account");
    QTest::newRow("bettor") << alice();
    Account op;
    op.user.id = QStringLiteral("olga");
    op.user.role = Role::Operator;
    op.user.currency = QStringLiteral("USD");
    op.user.emailNotifications = false;
    QTest::newRow("operator, USD, no email") << op;
    Account negative = alice();
    negative.balance = -250; // a dispute correction may take back more than the bettor holds
    QTest::newRow("negative balance") << negative;
}

void TestAccount::roundTrip()
{
    QFETCH(Account, account);
    const auto decoded = json::decodeAccount(*json::parseObject(json::toBytes(json::encode(account))));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(*decoded, account);
}

void TestAccount::encode_serverShape()
{
    // What /api/v1/me has always answered: {"user":{...},"balance":n,"currency":user.currency}
    const QJsonObject o = json::encode(alice());
    QStringList keys = o.keys();
    QCOMPARE(keys, (QStringList { "balance", "currency", "user" }));
    QCOMPARE(o.value(QStringLiteral("user")).toObject(), json::encode(alice().user));
    QCOMPARE(o.value(QStringLiteral("balance")).toInteger(), qint64(12345));
    QCOMPARE(o.value(QStringLiteral("currency")).toString(), QStringLiteral("EUR"));
}

void TestAccount::decode_malformed_refusedWithReason_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("reason");

    const QJsonValue remove(QJsonValue::Undefined);
    QTest::newRow("no user") << "user" << remove << "user must be an object";
    QTest::newRow("user is a string") << "user" << QJsonValue(QStringLiteral("alice")) << "user must be an object";
    QTest::newRow("user without id") << "user" << QJsonValue(QJsonObject { { "role", "bettor" } }) << "user: id";
    QTest::newRow("no balance") << "balance" << remove << "balance is required";
    QTest::newRow("fractional balance") << "balance" << QJsonValue(1.5) << "balance must be an integer";
    QTest::newRow("balance as text") << "balance" << QJsonValue(QStringLiteral("10")) << "balance must be an integer";
    QTest::newRow("currency differs from the user's") << "currency" << QJsonValue(QStringLiteral("USD"))
                                                      << "currency must be the user's currency";
}

void TestAccount::decode_malformed_refusedWithReason()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, reason);
    QJsonObject o = json::encode(alice());
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    const auto decoded = json::decodeAccount(o);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::BadRequest);
    QVERIFY2(decoded.error().message.contains(reason), qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestAccount)
#include "tst_account.moc"
