// StreamValidator on byte tables: what passes, what is refused with which HTTP status or close code, and that
// the verdict does not depend on how the bytes are split into reads.
#include "server/edge/streamvalidator.h"

#include <QTest>
#include <QtEndian>

using namespace betthat::server;

namespace {

StreamValidator::Limits testLimits()
{
    StreamValidator::Limits limits;
    limits.maxRequestLineBytes = 64;
    limits.maxHeaderBytes = 256;
    limits.maxHeaderFields = 5;
    limits.maxBodyBytes = 100;
    limits.maxFrameBytes = 1000;
    return limits;
}

struct Outcome
{
    int httpStatus = 0;
    int closeCode = 0;
    StreamValidator::Events events;
};

// Feeds `bytes` in pieces of `step` bytes, as reads of a socket would deliver them.
Outcome run(const QByteArray &bytes, qsizetype step)
{
    StreamValidator validator(testLimits());
    Outcome outcome;
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        StreamValidator::Events events;
        const auto violation = validator.feed(bytes.constData() + at, qMin(step, bytes.size() - at), events);
        outcome.events.requestsStarted += events.requestsStarted;
        outcome.events.headsCompleted += events.headsCompleted;
        outcome.events.requestsCompleted += events.requestsCompleted;
        outcome.events.upgraded = outcome.events.upgraded || events.upgraded;
        outcome.events.pings += events.pings;
        if (violation) {
            outcome.httpStatus = violation->httpStatus;
            outcome.closeCode = violation->closeCode;
            return outcome;
        }
    }
    return outcome;
}

const QByteArray kUpgrade = "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";

QByteArray clientFrame(int opcode, const QByteArray &payload, bool masked = true, bool fin = true)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | char(payload.size())));
    } else {
        frame.append(char(maskBit | 126));
        const quint16 length = qToBigEndian<quint16>(quint16(payload.size()));
        frame.append(reinterpret_cast<const char *>(&length), 2);
    }
    if (masked)
        frame.append("\x01\x02\x03\x04", 4); // payload left as is: the validator never unmasks
    return frame + payload;
}

QByteArray frameHeaderClaiming(quint64 length)
{
    QByteArray frame("\x82\xFF", 2);
    const quint64 bigEndian = qToBigEndian<quint64>(length);
    frame.append(reinterpret_cast<const char *>(&bigEndian), 8);
    return frame + QByteArray("\x01\x02\x03\x04", 4);
}

} // namespace

class TestStreamValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void feed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<int>("requestsCompleted");

        QTest::newRow("simple GET") << QByteArray("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n") << 0 << 0 << 1;
        QTest::newRow("pipelined GETs") << QByteArray("GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\nGET / HTTP/1.0\r\n\r\n")
                                        << 0 << 0 << 3;
        QTest::newRow("body by Content-Length, then a GET")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n\r\n") << 0 << 0 << 2;
        QTest::newRow("CRLF between requests tolerated")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi\r\nGET / HTTP/1.1\r\n\r\n") << 0 << 0 << 2;
        QTest::newRow("chunked body") << QByteArray("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                    "5\r\nhello\r\na;ext=1\r\n0123456789\r\n0\r\n\r\n")
                                      << 0 << 0 << 1;
        QTest::newRow("request line at the limit") << QByteArray("GET /" + QByteArray(50, 'a') + " HTTP/1.1\r\n\r\n")
                                                   << 0 << 0 << 1;
        QTest::newRow("request line too long: 414")
            << QByteArray("GET /" + QByteArray(100, 'a') + " HTTP/1.1\r\n\r\n") << 414 << 0 << 0;
        QTest::newRow("header block too large: 431")
            << QByteArray("GET / HTTP/1.1\r\nX-A: " + QByteArray(300, 'a') + "\r\n\r\n") << 431 << 0 << 0;
        QTest::newRow("too many fields: 431")
            << QByteArray("GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\n\r\n") << 431 << 0 << 0;
        QTest::newRow("Content-Length above the body limit: 413 before the body")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n") << 413 << 0 << 0;
        QTest::newRow("10 GB Content-Length: 413")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 10000000000\r\n\r\n") << 413 << 0 << 0;
        QTest::newRow("chunked body counted while it arrives: 413")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + QByteArray(64, 'x')
                   + "\r\n40\r\n")
            << 413 << 0 << 0;
        QTest::newRow("duplicate Content-Length: 400")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello") << 400 << 0 << 0;
        QTest::newRow("Content-Length 2^64-1: 400")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("Content-Length negative: 400") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")
                                                      << 400 << 0 << 0;
        QTest::newRow("Content-Length list: 400") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n")
                                                  << 400 << 0 << 0;
        QTest::newRow("Content-Length and chunked: 400")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("unknown Transfer-Encoding: 501")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501 << 0 << 0;
        QTest::newRow("bare LF after the request line: 400") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("bare LF ending the head: 400") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\n") << 400 << 0 << 0;
        QTest::newRow("bare CR: 400") << QByteArray("GET / HTTP/1.1\rHost: a\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("LF-only upgrade request: 400")
            << QByteArray("GET /ws HTTP/1.1\nUpgrade: websocket\nConnection: Upgrade\n\n") << 400 << 0 << 0;
        QTest::newRow("folded header: 400") << QByteArray("GET / HTTP/1.1\r\nA: 1\r\n  2\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("space before the colon: 400") << QByteArray("GET / HTTP/1.1\r\nA : 1\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("malformed request line: 400") << QByteArray("GET /\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("HTTP/2 preface: 400") << QByteArray("PRI * HTTP/2.0\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("trailer after the last chunk: 400")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n") << 400 << 0 << 0;
        QTest::newRow("malformed chunk size: 400")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400 << 0 << 0;

        QTest::newRow("upgrade, then masked frames") << kUpgrade + clientFrame(1, "hello") + clientFrame(9, "p")
                + clientFrame(1, QByteArray(300, 'x'))
                                                     << 0 << 0 << 0;
        QTest::newRow("unmasked client frame: 1002") << kUpgrade + clientFrame(1, "hello", false) << 0 << 1002 << 0;
        QTest::newRow("reserved bits: 1002") << kUpgrade + QByteArray("\xC1\x80\x01\x02\x03\x04", 6) << 0 << 1002 << 0;
        QTest::newRow("unknown opcode: 1002") << kUpgrade + clientFrame(3, "x") << 0 << 1002 << 0;
        QTest::newRow("fragmented ping: 1002") << kUpgrade + clientFrame(9, "x", true, false) << 0 << 1002 << 0;
        QTest::newRow("ping over 125 bytes: 1002") << kUpgrade + clientFrame(9, QByteArray(126, 'x')) << 0 << 1002 << 0;
        QTest::newRow("frame above the limit: 1009 before its payload")
            << kUpgrade + frameHeaderClaiming(quint64(1) << 40) << 0 << 1009 << 0;
    }

    void feed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, httpStatus);
        QFETCH(int, closeCode);
        QFETCH(int, requestsCompleted);
        // Whole, byte by byte and in odd pieces: the same verdict.
        for (const qsizetype step : { bytes.size(), qsizetype(1), qsizetype(7) }) {
            const Outcome outcome = run(bytes, step);
            QCOMPARE(outcome.httpStatus, httpStatus);
            QCOMPARE(outcome.closeCode, closeCode);
            QCOMPARE(outcome.events.requestsCompleted, requestsCompleted);
        }
    }

    void events_trackRequestsUpgradeAndPings()
    {
        StreamValidator validator(testLimits());
        StreamValidator::Events events;
        QVERIFY(!validator.feed("GET / HT", 8, events));
        QCOMPARE(events.requestsStarted, 1);
        QVERIFY(validator.inHead());
        const QByteArray rest = "TP/1.1\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 3\r\n\r\na";
        QVERIFY(!validator.feed(rest.constData(), rest.size(), events));
        QCOMPARE(events.requestsCompleted, 1);
        QCOMPARE(events.headsCompleted, 2);
        QVERIFY(validator.inRequest());
        QVERIFY(!validator.inHead());
        StreamValidator::Events more;
        QVERIFY(!validator.feed("bc", 2, more));
        QCOMPARE(more.requestsCompleted, 1);
        QVERIFY(!validator.inRequest());

        const QByteArray upgrade = kUpgrade + clientFrame(9, "a") + clientFrame(9, "b");
        StreamValidator::Events ws;
        QVERIFY(!validator.feed(upgrade.constData(), upgrade.size(), ws));
        QVERIFY(ws.upgraded);
        QCOMPARE(ws.pings, 2);
        QVERIFY(validator.isWebSocket());
    }

    void afterViolation_everythingRefused()
    {
        StreamValidator validator(testLimits());
        StreamValidator::Events events;
        QVERIFY(validator.feed("GET / HTTP/1.1\n", 15, events));
        QVERIFY(validator.feed("GET / HTTP/1.1\r\n\r\n", 18, events));
    }
};

QTEST_GUILESS_MAIN(TestStreamValidator)
#include "tst_streamvalidator.moc"
