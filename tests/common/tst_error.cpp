// Tests of error.h: the wire names and HTTP statuses of every error code, and Result<T>'s two states.

#include "common/error.h"

#include <QTest>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::ErrorCode)

class TestError : public QObject
{
    Q_OBJECT

private slots:
    void errorCode_wireNameAndHttpStatus_data();
    void errorCode_wireNameAndHttpStatus();
    void result_holdsValueOrError();
};

void TestError::errorCode_wireNameAndHttpStatus_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("http");

    QTest::newRow("bad request") << ErrorCode::BadRequest << QStringLiteral("bad_request") << 400;
    QTest::newRow("unauthorized") << ErrorCode::Unauthorized << QStringLiteral("unauthorized") << 401;
    QTest::newRow("forbidden") << ErrorCode::Forbidden << QStringLiteral("forbidden") << 403;
    QTest::newRow("not found") << ErrorCode::NotFound << QStringLiteral("not_found") << 404;
    QTest::newRow("conflict") << ErrorCode::Conflict << QStringLiteral("conflict") << 409;
    QTest::newRow("insufficient funds")
        << ErrorCode::InsufficientFunds << QStringLiteral("insufficient_funds") << 409;
    QTest::newRow("payload too large")
        << ErrorCode::PayloadTooLarge << QStringLiteral("payload_too_large") << 413;
    QTest::newRow("rate limited") << ErrorCode::RateLimited << QStringLiteral("rate_limited") << 429;
    QTest::newRow("unavailable") << ErrorCode::Unavailable << QStringLiteral("unavailable") << 503;
    QTest::newRow("internal") << ErrorCode::Internal << QStringLiteral("internal") << 500;
}

void TestError::errorCode_wireNameAndHttpStatus()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);
    QFETCH(int, http);
    QCOMPARE(errorCodeName(code), name);
    QCOMPARE(httpStatusFor(code), http);
}

void TestError::result_holdsValueOrError()
{
    const Result<int> value(7);
    QVERIFY(value.ok());
    QVERIFY(static_cast<bool>(value));
    QCOMPARE(*value, 7);

    const Result<int> error(makeError(ErrorCode::NotFound, QStringLiteral("no bet 9")));
    QVERIFY(!error.ok());
    QCOMPARE(error.error().code, ErrorCode::NotFound);
    QCOMPARE(error.error().message, QStringLiteral("no bet 9"));

    const Status ok = Ok {};
    QVERIFY(ok.ok());
    const Status failed = makeError(ErrorCode::Conflict, QStringLiteral("stale version"));
    QVERIFY(!failed.ok());
    QCOMPARE(errorCodeName(failed.error().code), QStringLiteral("conflict"));
}

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
