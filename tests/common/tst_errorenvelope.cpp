// Tests of the HTTP error envelope: the server's exact shape, and a decoder that keeps what it cannot name.

#include "common/errorenvelope.h"
#include "common/jsoncodec.h"

#include <QJsonArray>
#include <QTest>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::ErrorCode)

class TestErrorEnvelope : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_everyCode_data();
    void roundTrip_everyCode();
    void encode_exactBytes();
    void decode_unknownCode_internalMessageKept();
    void decode_malformed_refusedWithReason_data();
    void decode_malformed_refusedWithReason();
};

void TestErrorEnvelope::roundTrip_everyCode_data()
{
    QTest::addColumn<ErrorCode>("code");
    for (ErrorCode code : {ErrorCode::BadRequest, ErrorCode::Unauthorized, ErrorCode::Forbidden, ErrorCode::NotFound,
                           ErrorCode::Conflict, ErrorCode::InsufficientFunds, ErrorCode::PayloadTooLarge,
                           ErrorCode::MethodNotAllowed, ErrorCode::RateLimited, ErrorCode::Unavailable,
                           ErrorCode::Internal})
        QTest::newRow(qPrintable(errorCodeName(code))) << code;
}

void TestErrorEnvelope::roundTrip_everyCode()
{
    QFETCH(ErrorCode, code);
    const Error error = makeError(code, QStringLiteral("bet 7: \"nope\"\nreally"));
    const auto bytes = json::toBytes(json::encodeErrorEnvelope(error));
    const auto decoded = json::decodeErrorEnvelope(*json::parseObject(bytes));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->error.code, code);
    QCOMPARE(decoded->error.message, error.message);
    QCOMPARE(errorCodeFromName(errorCodeName(code)), std::optional<ErrorCode>(code));
}

void TestErrorEnvelope::encode_exactBytes()
{
    // What server/http/apiresponse.cpp has always answered.
    QCOMPARE(json::toBytes(json::encodeErrorEnvelope(makeError(ErrorCode::Conflict, QStringLiteral("taken")))),
        QByteArray(R"({"error":{"code":"conflict","message":"taken"}})"));
}

void TestErrorEnvelope::decode_unknownCode_internalMessageKept()
{
    const auto decoded = json::decodeErrorEnvelope(
        *json::parseObject(R"({"error":{"code":"teapot","message":"short and stout"}})"));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->error.code, ErrorCode::Internal);
    QCOMPARE(decoded->error.message, QStringLiteral("short and stout"));
    QCOMPARE(errorCodeFromName(QStringLiteral("teapot")), std::nullopt);
}

void TestErrorEnvelope::decode_malformed_refusedWithReason_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");

    QTest::newRow("no error key") << QByteArray(R"({"message":"x"})") << QStringLiteral("error must be an object");
    QTest::newRow("error is a string") << QByteArray(R"({"error":"conflict"})")
                                       << QStringLiteral("error must be an object");
    QTest::newRow("no code") << QByteArray(R"({"error":{"message":"x"}})") << QStringLiteral("error.code");
    QTest::newRow("numeric code") << QByteArray(R"({"error":{"code":409,"message":"x"}})")
                                  << QStringLiteral("error.code");
    QTest::newRow("empty code") << QByteArray(R"({"error":{"code":"","message":"x"}})")
                                << QStringLiteral("error.code");
    QTest::newRow("message is an array") << QByteArray(R"({"error":{"code":"conflict","message":[]}})")
                                         << QStringLiteral("error.message");
}

void TestErrorEnvelope::decode_malformed_refusedWithReason()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    const auto decoded = json::decodeErrorEnvelope(*json::parseObject(json));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::BadRequest);
    QVERIFY2(decoded.error().message.contains(reason), qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestErrorEnvelope)
#include "tst_errorenvelope.moc"
