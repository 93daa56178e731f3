// SmtpSender against a real SMTP server on 127.0.0.1: headers, MIME, TLS, AUTH and how each failure is
// classified.
#include "server/email/smtpsender.h"
#include "smtpfixture.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTest>

using namespace betthat;
using namespace betthat::server;
using betthat::test::SmtpFixture;

Q_DECLARE_METATYPE(SmtpFixture::Options)

namespace {

const QString kPassword = QStringLiteral("s3cret-Pa55-word-xyzzy");

EmailConfig configFor(const SmtpFixture &smtp, const QString &tls = QStringLiteral("none"))
{
    EmailConfig c;
    c.enabled = true;
    c.server = QStringLiteral("127.0.0.1");
    c.port = smtp.port();
    c.tls = tls;
    c.fromEmail = QStringLiteral("noreply@betthat.test");
    c.fromName = QStringLiteral("Bet That");
    c.timeoutMs = 5000;
    return c;
}

EmailMessage sampleMessage(const QString &to = QStringLiteral("alice@example.test"))
{
    EmailMessage m;
    m.to = to;
    m.toName = QStringLiteral("Alice Example");
    m.subject = QStringLiteral("Bet #7 settled: Won");
    m.text = QStringLiteral("Hello Alice,\nyour bet won.\n");
    m.html = QStringLiteral("<p>Hello Alice,</p><p>your bet <strong>won</strong>.</p>");
    m.messageId = QStringLiteral("betthat.1.7@betthat.test");
    m.date = QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC);
    return m;
}

QJsonObject headers(const QJsonObject &message)
{
    return message.value(QStringLiteral("headers")).toObject();
}

QJsonArray parts(const QJsonObject &message)
{
    return message.value(QStringLiteral("parts")).toArray();
}

} // namespace

class TestSmtpSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_tls.makeCertificate(), qPrintable(m_tls.error())); }

    void send_plain_arrivesWithHeadersAndBothParts()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        SmtpSender sender(configFor(smtp));
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Sent));
        QVERIFY(smtp.waitForMessages(1));
        const QJsonObject m = smtp.messages().first();
        QCOMPARE(m.value(QStringLiteral("mail_from")).toString(), QStringLiteral("noreply@betthat.test"));
        QCOMPARE(m.value(QStringLiteral("rcpt_tos")).toArray(),
            QJsonArray { QStringLiteral("alice@example.test") });
        const QJsonObject h = headers(m);
        QCOMPARE(
            h.value(QStringLiteral("From")).toString(), QStringLiteral("Bet That <noreply@betthat.test>"));
        QCOMPARE(
            h.value(QStringLiteral("To")).toString(), QStringLiteral("Alice Example <alice@example.test>"));
        QCOMPARE(h.value(QStringLiteral("Subject")).toString(), QStringLiteral("Bet #7 settled: Won"));
        QCOMPARE(
            h.value(QStringLiteral("Message-ID")).toString(), QStringLiteral("<betthat.1.7@betthat.test>"));
        QCOMPARE(
            h.value(QStringLiteral("Date")).toString(), QStringLiteral("Mon, 15 Jan 2024 10:30:00 +0000"));
        QCOMPARE(m.value(QStringLiteral("content_type")).toString(), QStringLiteral("multipart/alternative"));
        QCOMPARE(m.value(QStringLiteral("multipart_types")).toArray(),
            QJsonArray { QStringLiteral("multipart/alternative") });
        QCOMPARE(m.value(QStringLiteral("defects")).toArray(), QJsonArray {});
        const QStringList names = h.keys();
        QVERIFY(names.contains(QStringLiteral("MIME-Version"), Qt::CaseInsensitive));
        const QJsonArray p = parts(m);
        QCOMPARE(p.size(), 2);
        QCOMPARE(p.at(0).toObject().value(QStringLiteral("content_type")).toString(),
            QStringLiteral("text/plain"));
        QCOMPARE(p.at(0).toObject().value(QStringLiteral("charset")).toString(), QStringLiteral("utf-8"));
        QVERIFY(p.at(0)
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .contains(QStringLiteral("your bet won.")));
        QCOMPARE(
            p.at(1).toObject().value(QStringLiteral("content_type")).toString(), QStringLiteral("text/html"));
        QVERIFY(p.at(1)
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .contains(QStringLiteral("<strong>won</strong>")));
    }

    void send_nonAsciiAndLongLines_roundTrip()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        EmailConfig config = configFor(smtp);
        config.fromName = QStringLiteral("Wettbüro Größe");
        SmtpSender sender(config);
        EmailMessage message = sampleMessage();
        message.toName = QStringLiteral("Zoë \"Z\" Ünal");
        // Long enough for several encoded words: each must hold whole UTF-8 characters.
        message.subject = QStringLiteral("Wette über Straße – 5 € ✓ ") + QString(40, QChar(0x00e9));
        message.text = QStringLiteral("Grüße ") + QString(300, QLatin1Char('x')) + QStringLiteral(" ✓\n");
        message.html = QStringLiteral("<p>Grüße ✓</p>");
        QCOMPARE(int(sender.send(message).kind), int(SendOutcome::Kind::Sent));
        QVERIFY(smtp.waitForMessages(1));
        const QJsonObject m = smtp.messages().first();
        QCOMPARE(m.value(QStringLiteral("defects")).toArray(), QJsonArray {});
        QCOMPARE(headers(m).value(QStringLiteral("Subject")).toString(), message.subject);
        QVERIFY(m.value(QStringLiteral("raw_headers"))
                    .toObject()
                    .value(QStringLiteral("Subject"))
                    .toString()
                    .startsWith(QStringLiteral("=?UTF-8?B?")));
        QCOMPARE(headers(m).value(QStringLiteral("From")).toString(),
            QStringLiteral("Wettbüro Größe <noreply@betthat.test>"));
        // Python re-quotes the decoded display name, which is exactly: Zoë "Z" Ünal
        QCOMPARE(headers(m).value(QStringLiteral("To")).toString(),
            QStringLiteral("\"Zoë \\\"Z\\\" Ünal\" <alice@example.test>"));
        QCOMPARE(parts(m).at(0).toObject().value(QStringLiteral("content")).toString(), message.text);
    }

    void send_subjectWithLineBreaks_cannotInjectHeaders()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        SmtpSender sender(configFor(smtp));
        EmailMessage message = sampleMessage();
        message.subject = QStringLiteral("Hello\r\nBcc: victim@example.test\r\n\r\nbody");
        message.toName = QStringLiteral("Alice\r\nCc: other@example.test");
        QCOMPARE(int(sender.send(message).kind), int(SendOutcome::Kind::Sent));
        QVERIFY(smtp.waitForMessages(1));
        const QJsonObject m = smtp.messages().first();
        QVERIFY(!headers(m).contains(QStringLiteral("Bcc")));
        QVERIFY(!headers(m).contains(QStringLiteral("Cc")));
        QCOMPARE(m.value(QStringLiteral("rcpt_tos")).toArray(),
            QJsonArray { QStringLiteral("alice@example.test") });
        QCOMPARE(headers(m).value(QStringLiteral("Subject")).toString(),
            QStringLiteral("Hello  Bcc: victim@example.test    body"));
    }

    void send_starttlsWithAuth_delivered()
    {
        SmtpFixture &smtp = m_tls;
        QVERIFY2(smtp.start({ QStringLiteral("starttls"), QStringLiteral("mailer"), kPassword, {}, {}, {} }),
            qPrintable(smtp.error()));
        EmailConfig config = configFor(smtp, QStringLiteral("starttls"));
        config.caFile = smtp.certificate();
        config.username = QStringLiteral("mailer");
        config.password = kPassword;
        SmtpSender sender(config);
        const SendOutcome outcome = sender.send(sampleMessage());
        QVERIFY2(outcome.kind == SendOutcome::Kind::Sent, qPrintable(outcome.error));
        QVERIFY(smtp.waitForMessages(1));
        const QJsonObject m = smtp.messages().last();
        QCOMPARE(m.value(QStringLiteral("tls")).toBool(), true);
        QCOMPARE(m.value(QStringLiteral("authenticated")).toBool(), true);
        smtp.stop();
    }

    void send_implicitTls_delivered()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.makeCertificate(), qPrintable(smtp.error()));
        QVERIFY2(smtp.start({ QStringLiteral("ssl"), QStringLiteral("mailer"), kPassword, {}, {}, {} }),
            qPrintable(smtp.error()));
        EmailConfig config = configFor(smtp, QStringLiteral("ssl"));
        config.caFile = smtp.certificate();
        config.username = QStringLiteral("mailer");
        config.password = kPassword;
        SmtpSender sender(config);
        QVERIFY(sender.url().startsWith(QStringLiteral("smtps://")));
        const SendOutcome outcome = sender.send(sampleMessage());
        QVERIFY2(outcome.kind == SendOutcome::Kind::Sent, qPrintable(outcome.error));
        QVERIFY(smtp.waitForMessages(1));
        QCOMPARE(smtp.messages().first().value(QStringLiteral("authenticated")).toBool(), true);
    }

    void send_starttlsUntrustedCertificate_transientAndNothingSent()
    {
        SmtpFixture &smtp = m_tls;
        QVERIFY2(smtp.start({ QStringLiteral("starttls"), QStringLiteral("mailer"), kPassword, {}, {}, {} }),
            qPrintable(smtp.error()));
        const int before = int(smtp.messages().size());
        EmailConfig config = configFor(smtp, QStringLiteral("starttls"));
        config.username = QStringLiteral("mailer");
        config.password = kPassword; // no caFile: the self-signed certificate must not be trusted
        SmtpSender sender(config);
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Transient));
        QVERIFY(outcome.serverUnreachable);
        QVERIFY(!outcome.error.contains(kPassword));
        QCOMPARE(int(smtp.messages().size()), before);
        smtp.stop();
    }

    void send_starttlsRequiredButServerHasNone_transient()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        EmailConfig config = configFor(smtp, QStringLiteral("starttls"));
        config.caFile = m_tls.certificate();
        SmtpSender sender(config);
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Transient)); // never falls back to plain text
        QCOMPARE(smtp.messages().size(), 0);
    }

    void send_wrongPassword_permanent535WithoutPasswordInError()
    {
        SmtpFixture &smtp = m_tls;
        QVERIFY2(smtp.start({ QStringLiteral("starttls"), QStringLiteral("mailer"), kPassword, {}, {}, {} }),
            qPrintable(smtp.error()));
        EmailConfig config = configFor(smtp, QStringLiteral("starttls"));
        config.caFile = smtp.certificate();
        config.username = QStringLiteral("mailer");
        config.password = QStringLiteral("wrong-") + kPassword;
        SmtpSender sender(config);
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Permanent));
        QCOMPARE(outcome.smtpCode, 535);
        QVERIFY(!outcome.error.contains(config.password));
        QVERIFY(!outcome.error.contains(kPassword));
        smtp.stop();
    }

    void send_rejectedReplies_classified_data()
    {
        QTest::addColumn<SmtpFixture::Options>("options");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("smtpCode");
        QTest::addColumn<bool>("unreachable");
        SmtpFixture::Options reject;
        reject.rejectRcpt = QStringLiteral("^alice@");
        QTest::newRow("550 to RCPT: permanent")
            << reject << int(SendOutcome::Kind::Permanent) << 550 << false;
        SmtpFixture::Options tempfail;
        tempfail.tempfailRcpt = QStringLiteral("^alice@");
        QTest::newRow("451 to RCPT: transient, server fine")
            << tempfail << int(SendOutcome::Kind::Transient) << 451 << false;
        SmtpFixture::Options rejectData;
        rejectData.rejectData = QStringLiteral("^alice@");
        QTest::newRow("554 after DATA: permanent")
            << rejectData << int(SendOutcome::Kind::Permanent) << 554 << false;
    }

    void send_rejectedReplies_classified()
    {
        QFETCH(SmtpFixture::Options, options);
        QFETCH(int, kind);
        QFETCH(int, smtpCode);
        QFETCH(bool, unreachable);
        SmtpFixture smtp;
        QVERIFY2(smtp.start(options), qPrintable(smtp.error()));
        SmtpSender sender(configFor(smtp));
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), kind);
        QCOMPARE(outcome.smtpCode, smtpCode);
        QCOMPARE(outcome.serverUnreachable, unreachable);
        QCOMPARE(smtp.messages().size(), 0);
        // The refusal was about this recipient: the next message on the same sender goes through.
        const SendOutcome next = sender.send(sampleMessage(QStringLiteral("bob@example.test")));
        QVERIFY2(next.kind == SendOutcome::Kind::Sent, qPrintable(next.error));
        QVERIFY(smtp.waitForMessages(1));
    }

    void send_serverDown_transientUnreachable()
    {
        SmtpFixture smtp; // never started: its port refuses connections
        SmtpSender sender(configFor(smtp));
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Transient));
        QVERIFY(outcome.serverUnreachable);
        QCOMPARE(outcome.smtpCode, 0);
        QVERIFY(!outcome.error.isEmpty());
    }

    void send_serverNeverGreets_timesOutTransient()
    {
        QTcpServer silent; // accepts at the TCP level (backlog) and never says 220
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        EmailConfig config;
        config.server = QStringLiteral("127.0.0.1");
        config.port = silent.serverPort();
        config.timeoutMs = 300;
        SmtpSender sender(config);
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Transient));
        QVERIFY(outcome.serverUnreachable);
    }

    void send_abortRequested_givesUpAsAborted()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        EmailConfig config;
        config.server = QStringLiteral("127.0.0.1");
        config.port = silent.serverPort();
        config.timeoutMs = 60000; // only the abort can end this send
        SmtpSender sender(config);
        std::atomic<bool> abort { true };
        sender.setAbortFlag(&abort);
        const SendOutcome outcome = sender.send(sampleMessage());
        QCOMPARE(int(outcome.kind), int(SendOutcome::Kind::Aborted));
    }

    void send_batch_reusesOneConnection()
    {
        SmtpFixture smtp;
        QVERIFY2(smtp.start(), qPrintable(smtp.error()));
        SmtpSender sender(configFor(smtp));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(int(sender.send(sampleMessage()).kind), int(SendOutcome::Kind::Sent));
        QVERIFY(smtp.waitForMessages(3));
        QCOMPARE(smtp.connectionCount(), 1);
        sender.disconnect();
        QCOMPARE(int(sender.send(sampleMessage()).kind), int(SendOutcome::Kind::Sent));
        QVERIFY(smtp.waitForMessages(4));
        QTRY_COMPARE(smtp.connectionCount(), 2);
    }

    void encodeHeaderText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("ascii stays") << QStringLiteral("Bet #1 settled") << QByteArray("Bet #1 settled");
        QTest::newRow("control characters become spaces")
            << QStringLiteral("a\r\nb\tc") << QByteArray("a  b c");
        QTest::newRow("utf-8 as base64 word") << QStringLiteral("ü") << QByteArray("=?UTF-8?B?w7w=?=");
    }

    void encodeHeaderText()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(SmtpSender::encodeHeaderText(text), expected);
    }

    void encodeHeaderText_longText_wordsAtMost75Chars()
    {
        const QByteArray encoded
            = SmtpSender::encodeHeaderText(QString(100, QChar(0x20ac))); // 300 UTF-8 bytes
        const QList<QByteArray> words = encoded.split('\n');
        QVERIFY(words.size() > 1);
        for (QByteArray word : words) {
            word = word.trimmed();
            QVERIFY(word.startsWith("=?UTF-8?B?") && word.endsWith("?="));
            QVERIFY(word.size() <= 75);
            // Each word decodes to whole characters on its own.
            const QByteArray bytes = QByteArray::fromBase64(word.mid(10, word.size() - 12));
            QCOMPARE(QString::fromUtf8(bytes), QString(bytes.size() / 3, QChar(0x20ac)));
        }
    }

    void scrub_removesEveryOccurrence()
    {
        QCOMPARE(SmtpSender::scrub(QStringLiteral("pw=abc and abc"), QStringLiteral("abc")),
            QStringLiteral("pw=*** and ***"));
        QCOMPARE(SmtpSender::scrub(QStringLiteral("nothing"), QString()), QStringLiteral("nothing"));
    }

private:
    SmtpFixture m_tls; // shares its certificate between the TLS tests
};

QTEST_GUILESS_MAIN(TestSmtpSender)
#include "tst_smtpsender.moc"
