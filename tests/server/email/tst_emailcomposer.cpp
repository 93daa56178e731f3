// EmailComposer: every kind renders from the compiled-in templates, text always, HTML with every value
// escaped.
#include "server/email/emailcomposer.h"

#include <QTemporaryDir>
#include <QTest>

using namespace betthat;
using namespace betthat::server;

namespace {

const QString kHostile = QStringLiteral("<script>alert(\"x\")</script> & <b>bold</b>");

// A payload where every user-supplied text is hostile markup.
OutboxMessage hostileMessage(const QString &kind)
{
    OutboxMessage m;
    m.id = 3;
    m.kind = kind;
    m.recipient = QStringLiteral("alice@example.test");
    m.userId = QStringLiteral("alice");
    m.betId = QStringLiteral("7");
    m.payload = QJsonObject {
        { QStringLiteral("bet_id"), QStringLiteral("7") },
        { QStringLiteral("user_name"), kHostile },
        { QStringLiteral("event_name"), kHostile },
        { QStringLiteral("market"), kHostile },
        { QStringLiteral("selection"), kHostile },
        { QStringLiteral("odds"), 25000 },
        { QStringLiteral("stake"), 1000 },
        { QStringLiteral("currency"), QStringLiteral("EUR") },
        { QStringLiteral("result"), QStringLiteral("win") },
        { QStringLiteral("payout"), 2500 },
        { QStringLiteral("notes"), kHostile },
        { QStringLiteral("resolved_at"), QStringLiteral("2024-01-15T10:30:00.000Z") },
        { QStringLiteral("reason"), kHostile },
        { QStringLiteral("raised_at"), QStringLiteral("2024-01-16T08:00:00.000Z") },
        { QStringLiteral("bettor_id"), QStringLiteral("alice") },
        { QStringLiteral("bettor_name"), kHostile },
        { QStringLiteral("decision"), QStringLiteral("upheld") },
        { QStringLiteral("decided_at"), QStringLiteral("2024-01-17T09:00:00.000Z") },
        { QStringLiteral("previous_result"), QStringLiteral("loss") },
        { QStringLiteral("previous_payout"), 0 },
    };
    return m;
}

} // namespace

class TestEmailComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compose_eachKind_escapesEveryValueInHtml_data()
    {
        QTest::addColumn<QString>("kind");
        for (const QString &kind : EmailComposer::kinds())
            QTest::newRow(qPrintable(kind)) << kind;
    }

    void compose_eachKind_escapesEveryValueInHtml()
    {
        QFETCH(QString, kind);
        const EmailComposer composer;
        const auto email = composer.compose(hostileMessage(kind));
        QVERIFY2(email, email ? "" : qPrintable(email.error().message));
        QVERIFY(!email->subject.isEmpty());
        QVERIFY(!email->subject.contains(QStringLiteral("{{")));
        QCOMPARE(email->to, QStringLiteral("alice@example.test"));
        // HTML: the markup arrives as text.
        QVERIFY(!email->html.contains(QStringLiteral("<script>")));
        QVERIFY(!email->html.contains(QStringLiteral("<b>bold")));
        QVERIFY(email->html.contains(QStringLiteral("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                                                    "&lt;b&gt;bold&lt;/b&gt;")));
        QVERIFY(!email->html.contains(QStringLiteral("{{")));
        // Plain text: the same words, unescaped (a text part cannot run anything).
        QVERIFY(!email->text.isEmpty());
        QVERIFY(email->text.contains(kHostile));
        QVERIFY(!email->text.contains(QStringLiteral("&lt;")));
        QVERIFY(!email->text.contains(QStringLiteral("{{")));
        QVERIFY(!email->text.startsWith(QStringLiteral("Subject:")));
        QVERIFY(email->text.contains(QStringLiteral("#7")));
    }

    void compose_betResolved_formatsMoneyOddsResultAndTime()
    {
        OutboxMessage m = hostileMessage(QStringLiteral("bet_resolved"));
        m.payload[QStringLiteral("event_name")] = QStringLiteral("Arsenal v Chelsea");
        m.payload[QStringLiteral("notes")] = QString();
        const auto email = EmailComposer().compose(m);
        QVERIFY(email);
        QCOMPARE(email->subject, QStringLiteral("Bet #7 settled: Won (Arsenal v Chelsea)"));
        for (const QString &expected :
            { QStringLiteral("25.00 EUR"), QStringLiteral("10.00 EUR"), QStringLiteral("2.50"),
                QStringLiteral("Won"), QStringLiteral("(none)"), QStringLiteral("2024-01-15 10:30 UTC") }) {
            QVERIFY2(email->text.contains(expected), qPrintable(expected));
            QVERIFY2(email->html.contains(expected), qPrintable(expected));
        }
    }

    // A name stored before names were checked may hold a newline: it must neither end the Subject header
    // nor appear as the first line of the body.
    void compose_nameWithNewline_staysInsideTheSubject_data()
    {
        QTest::addColumn<QString>("kind");
        for (const QString &kind : EmailComposer::kinds())
            QTest::newRow(qPrintable(kind)) << kind;
    }
    void compose_nameWithNewline_staysInsideTheSubject()
    {
        QFETCH(QString, kind);
        OutboxMessage m = hostileMessage(kind);
        const QString injected = QStringLiteral("Final\r\nBcc: victim@evil.test\n\nHello");
        for (const char *key : { "event_name", "market", "selection", "user_name", "bettor_name" })
            m.payload[QLatin1String(key)] = injected;
        const auto email = EmailComposer().compose(m);
        QVERIFY2(email, email ? "" : qPrintable(email.error().message));
        QVERIFY2(!email->subject.contains(QLatin1Char('\n')) && !email->subject.contains(QLatin1Char('\r')),
            qPrintable(email->subject));
        QVERIFY(!email->toName.contains(QLatin1Char('\n')));
        QVERIFY2(!email->text.startsWith(QStringLiteral("Bcc")), qPrintable(email->text.left(80)));
        QVERIFY(!email->text.startsWith(QStringLiteral("Subject")));
    }

    void compose_disputeDecided_saysWhatChanged_data()
    {
        QTest::addColumn<QString>("decision");
        QTest::addColumn<QString>("expected");
        QTest::newRow("upheld") << QStringLiteral(
            "upheld") << QStringLiteral("The result is now Won (it was Lost); the payout is 25.00 EUR.");
        QTest::newRow("rejected") << QStringLiteral("rejected")
                                  << QStringLiteral("The original result stands.");
    }

    void compose_disputeDecided_saysWhatChanged()
    {
        QFETCH(QString, decision);
        QFETCH(QString, expected);
        OutboxMessage m = hostileMessage(QStringLiteral("dispute_decided"));
        m.payload[QStringLiteral("decision")] = decision;
        const auto email = EmailComposer().compose(m);
        QVERIFY(email);
        QVERIFY(email->subject.contains(decision));
        QVERIFY(email->text.contains(expected));
    }

    void compose_unknownKind_fails()
    {
        const auto email = EmailComposer().compose(hostileMessage(QStringLiteral("newsletter")));
        QVERIFY(!email);
        QVERIFY(email.error().message.contains(QStringLiteral("newsletter")));
    }

    void compose_missingTemplateDirectory_fails()
    {
        QTemporaryDir empty;
        const auto email
            = EmailComposer(empty.path()).compose(hostileMessage(QStringLiteral("bet_resolved")));
        QVERIFY(!email);
        QVERIFY(email.error().message.contains(QStringLiteral("bet_resolved.txt")));
    }

    void render_unknownPlaceholder_fails()
    {
        const auto out = EmailComposer::render(QStringLiteral("Hi {{nobody}}"), {}, true);
        QVERIFY(!out);
        QVERIFY(out.error().message.contains(QStringLiteral("nobody")));
    }

    void render_valueContainingPlaceholder_isNotExpandedAgain()
    {
        const QHash<QString, QString> values { { QStringLiteral("a"), QStringLiteral("{{b}}") },
            { QStringLiteral("b"), QStringLiteral("secret") } };
        QCOMPARE(*EmailComposer::render(QStringLiteral("[{{a}}]"), values, false), QStringLiteral("[{{b}}]"));
        QCOMPARE(*EmailComposer::render(QStringLiteral("[{{a}}|{{b}}]"), values, true),
            QStringLiteral("[{{b}}|secret]"));
    }
};

QTEST_GUILESS_MAIN(TestEmailComposer)
#include "tst_emailcomposer.moc"
