// The page cursor of GET /api/v1/bets: round trip, and every malformed cursor refused as bad input.
#include "server/http/betcursor.h"

#include <QTest>

using namespace betthat;
using namespace betthat::server;

class TestBetCursor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encode_thenDecode_givesTheSamePosition();
    void encode_isUrlSafe();
    void decode_malformed_isBadRequest_data();
    void decode_malformed_isBadRequest();
};

void TestBetCursor::encode_thenDecode_givesTheSamePosition()
{
    const BetCursor cursor { QDateTime::fromMSecsSinceEpoch(1705314600123, Qt::UTC), QStringLiteral("4711") };
    const auto decoded = BetCursor::decode(cursor.encode());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->updatedAt, cursor.updatedAt);
    QCOMPARE(decoded->id, cursor.id);
}

void TestBetCursor::encode_isUrlSafe()
{
    // Ids and times whose base64 would contain '+' or '/' in the standard alphabet.
    for (int i = 0; i < 200; ++i) {
        const BetCursor cursor { QDateTime::fromMSecsSinceEpoch(1705314600000LL + i * 7919, Qt::UTC),
            QString::number(1 + i * 104729) };
        const QString text = cursor.encode();
        QVERIFY2(!text.contains(QLatin1Char('+')) && !text.contains(QLatin1Char('/'))
                && !text.contains(QLatin1Char('=')),
            qPrintable(text));
    }
}

void TestBetCursor::decode_malformed_isBadRequest_data()
{
    QTest::addColumn<QString>("text");
    const auto b64 = [](const char *plain) {
        return QString::fromLatin1(
            QByteArray(plain).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    QTest::newRow("empty") << QString();
    QTest::newRow("not base64") << QStringLiteral("!!!");
    QTest::newRow("no separator") << b64("1705314600000");
    QTest::newRow("id missing") << b64("1705314600000:");
    QTest::newRow("time missing") << b64(":12");
    QTest::newRow("id not decimal") << b64("1705314600000:abc");
    QTest::newRow("id zero") << b64("1705314600000:0");
    QTest::newRow("negative time") << b64("-5:12");
    QTest::newRow("extra field") << b64("1705314600000:12:3");
    QTest::newRow("too long") << QString(200, QLatin1Char('A'));
    QTest::newRow("non latin") << QStringLiteral("\u00e9\u00e9\u00e9");
}

void TestBetCursor::decode_malformed_isBadRequest()
{
    QFETCH(QString, text);
    const auto decoded = BetCursor::decode(text);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::BadRequest);
}

QTEST_GUILESS_MAIN(TestBetCursor)
#include "tst_betcursor.moc"
