// The Standard Webhooks signing scheme: secrets, key bytes and signatures against an independent vector.

#include "server/webhooks/webhooksignature.h"

#include <QTest>

using namespace betthat::server;

class TestWebhookSignature : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sign_matchesTheStandardWebhooksExample();
    void generateSecret_prefixedRandomAndUsable();
    void secretBytes_refusesMalformed_data();
    void secretBytes_refusesMalformed();
};

void TestWebhookSignature::sign_matchesTheStandardWebhooksExample()
{
    // The example of the Standard Webhooks specification (and its reference libraries' tests).
    const auto key = WebhookSignature::secretBytes(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    QVERIFY(key);
    QCOMPARE(key->size(), 24);
    QCOMPARE(WebhookSignature::sign(*key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                 R"({"test": 2432232314})"),
        QByteArray("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

void TestWebhookSignature::generateSecret_prefixedRandomAndUsable()
{
    const QString a = WebhookSignature::generateSecret();
    const QString b = WebhookSignature::generateSecret();
    QVERIFY(a.startsWith(QStringLiteral("whsec_")));
    QVERIFY(a != b);
    const auto bytes = WebhookSignature::secretBytes(a);
    QVERIFY(bytes);
    QCOMPARE(bytes->size(), 32);
}

void TestWebhookSignature::secretBytes_refusesMalformed_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("no prefix") << QStringLiteral("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    QTest::newRow("empty after prefix") << QStringLiteral("whsec_");
    QTest::newRow("not base64") << QStringLiteral("whsec_!!!!not-base64!!!!********");
    QTest::newRow("too short") << QStringLiteral("whsec_c2hvcnQ=");
    QTest::newRow("too long") << (QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(65, 'x').toBase64()));
}

void TestWebhookSignature::secretBytes_refusesMalformed()
{
    QFETCH(QString, secret);
    const auto bytes = WebhookSignature::secretBytes(secret);
    QVERIFY(!bytes);
    QCOMPARE(bytes.error().code, betthat::ErrorCode::BadRequest);
}

QTEST_GUILESS_MAIN(TestWebhookSignature)
#include "tst_webhooksignature.moc"
