// Tests of the text rules: which characters a name or a note may hold, the error that names the field, and
// the single-line rendering used for text stored before the rules.

#include "common/textrules.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace betthat;

Q_DECLARE_METATYPE(betthat::text::Kind)

class TstTextRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<text::Kind>("kind");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("complaint"); // part of the error message when refused

        const auto single = text::Kind::SingleLine;
        const auto multi = text::Kind::MultiLine;
        QTest::newRow("plain") << QStringLiteral("Arsenal v Chelsea") << single << true << QString();
        QTest::newRow("accents and emoji") << QStringLiteral("Atlético – Real ⚽ \U0001F600") << single << true << QString();
        QTest::newRow("empty") << QString() << single << true << QString();
        QTest::newRow("newline in a name") << QStringLiteral("Final\nBcc: victim@evil.test") << single << false
                                           << QStringLiteral("U+000A");
        QTest::newRow("carriage return in a name") << QStringLiteral("a\rb") << single << false << QStringLiteral("U+000D");
        QTest::newRow("tab in a name") << QStringLiteral("a\tb") << single << false << QStringLiteral("U+0009");
        QTest::newRow("NUL") << QString::fromUtf16(u"a\u0000b", 3) << single << false << QStringLiteral("U+0000");
        QTest::newRow("ESC") << QStringLiteral("\x1b[31mred") << single << false << QStringLiteral("U+001B");
        QTest::newRow("DEL") << QStringLiteral("a\x7f") << single << false << QStringLiteral("U+007F");
        QTest::newRow("C1 control") << QString(QChar(0x85)) << multi << false << QStringLiteral("U+0085");
        QTest::newRow("line separator in a name") << QString(QChar(0x2028)) << single << false
                                                  << QStringLiteral("line separator");
        QTest::newRow("line separator in a note") << QString(QChar(0x2028)) << multi << true << QString();
        QTest::newRow("newline in a note") << QStringLiteral("line one\nline two") << multi << true << QString();
        QTest::newRow("tab in a note") << QStringLiteral("a\tb") << multi << true << QString();
        QTest::newRow("CR in a note") << QStringLiteral("a\r\nb") << multi << false << QStringLiteral("U+000D");
        QTest::newRow("ESC in a note") << QStringLiteral("\x1b]0;x\x07") << multi << false << QStringLiteral("U+001B");
        QTest::newRow("lone high surrogate") << QString::fromUtf16(u"x\xd800y", 3) << multi << false
                                             << QStringLiteral("lone surrogate");
        QTest::newRow("lone low surrogate") << QString::fromUtf16(u"x\xdc00", 2) << single << false
                                            << QStringLiteral("lone surrogate");
        QTest::newRow("high surrogate at the end") << QString::fromUtf16(u"x\xd83d", 2) << single << false
                                                   << QStringLiteral("lone surrogate");
        QTest::newRow("surrogate pair") << QString::fromUtf16(u"\xd83d\xde00", 2) << single << true << QString();
    }
    void check()
    {
        QFETCH(QString, value);
        QFETCH(text::Kind, kind);
        QFETCH(bool, accepted);
        QFETCH(QString, complaint);
        const Status checked = text::check(QStringLiteral("event_name"), value, kind);
        QCOMPARE(bool(checked), accepted);
        if (!accepted) {
            QCOMPARE(checked.error().code, ErrorCode::BadRequest);
            QVERIFY2(checked.error().message.startsWith(QStringLiteral("event_name contains")),
                qPrintable(checked.error().message));
            QVERIFY2(checked.error().message.contains(complaint), qPrintable(checked.error().message));
        }
    }

    void checkJson_namesTheNestedField()
    {
        const QJsonArray items { QStringLiteral("1"), QStringLiteral("2\n") };
        const Status checked = text::checkJson(QStringLiteral("bet_ids"), items, text::Kind::SingleLine);
        QVERIFY(!checked);
        QVERIFY2(checked.error().message.startsWith(QStringLiteral("bet_ids[1] contains")),
            qPrintable(checked.error().message));

        const QJsonObject object { { QStringLiteral("factor"), QString::fromUtf16(u"\xdc00", 1) } };
        const Status nested = text::checkJson(QStringLiteral("others"), object, text::Kind::SingleLine);
        QVERIFY(!nested);
        QVERIFY2(nested.error().message.startsWith(QStringLiteral("others.factor contains")),
            qPrintable(nested.error().message));

        const QJsonObject badKey { { QStringLiteral("a\x1b"), 1 } };
        QVERIFY(!text::checkJson(QStringLiteral("others"), badKey, text::Kind::SingleLine));
        QVERIFY(text::checkJson(QStringLiteral("n"), QJsonValue(42), text::Kind::SingleLine));
    }

    void singleLine_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("newline") << QStringLiteral("Final\nBcc: x") << QStringLiteral("Final Bcc: x");
        QTest::newRow("CRLF") << QStringLiteral("a\r\nb") << QStringLiteral("a  b");
        QTest::newRow("separator") << QString(QStringLiteral("a") + QChar(0x2029) + QStringLiteral("b")) << QStringLiteral("a b");
        QTest::newRow("lone surrogate") << QString::fromUtf16(u"a\xd800", 2) << QString(QStringLiteral("a") + QChar(QChar::ReplacementCharacter));
        QTest::newRow("pair kept") << QString::fromUtf16(u"\xd83d\xde00", 2) << QString::fromUtf16(u"\xd83d\xde00", 2);
        QTest::newRow("clean") << QStringLiteral("Arsenal") << QStringLiteral("Arsenal");
    }
    void singleLine()
    {
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QCOMPARE(text::singleLine(value), expected);
        QVERIFY(text::check(QStringLiteral("x"), text::singleLine(value), text::Kind::SingleLine));
    }
};

QTEST_GUILESS_MAIN(TstTextRules)
#include "tst_textrules.moc"
