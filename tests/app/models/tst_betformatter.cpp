// BetFormatter: money in the locale's format from minor units, totals and corrections, odds, the bettor's and
// the operator's words for results, relative times and ages, errors.
#include "app/models/betformatter.h"

#include <QLocale>
#include <QTest>

using namespace betthat;
using namespace betthat::app;

class TestBetFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void money_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("expected");
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        const QLocale de(QLocale::German, QLocale::Germany);
        QTest::newRow("en eur") << en << qint64(5250) << QStringLiteral("EUR") << QStringLiteral("€52.50");
        QTest::newRow("en thousands")
            << en << qint64(100000) << QStringLiteral("EUR") << QStringLiteral("€1,000.00");
        QTest::newRow("en cents") << en << qint64(5) << QStringLiteral("USD") << QStringLiteral("$0.05");
        QTest::newRow("en other code")
            << en << qint64(1234) << QStringLiteral("CHF") << QStringLiteral("CHF12.34");
        QTest::newRow("de eur") << de << qint64(5250) << QStringLiteral("EUR")
                                << QStringLiteral("52,50\u00a0€");
        QTest::newRow("de negative") << de << qint64(-1000) << QStringLiteral("EUR")
                                     << QStringLiteral("-10,00\u00a0€");
    }

    void money()
    {
        QFETCH(QLocale, locale);
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, expected);
        QCOMPARE(BetFormatter::money(minor, currency, locale), expected);
    }

    void odds_followTheLocalesDecimalPoint()
    {
        QCOMPARE(BetFormatter::odds(21000, QLocale(QLocale::English)), QStringLiteral("2.10"));
        QCOMPARE(BetFormatter::odds(18350, QLocale(QLocale::German)), QStringLiteral("1,835"));
    }

    void moneyTotals_joinsCurrencies_emptyIsZero()
    {
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(BetFormatter::moneyTotals({}, en), QStringLiteral("€0.00"));
        QCOMPARE(
            BetFormatter::moneyTotals({ { QStringLiteral("EUR"), 5250 } }, en), QStringLiteral("€52.50"));
        QCOMPARE(BetFormatter::moneyTotals(
                     { { QStringLiteral("GBP"), 300 }, { QStringLiteral("EUR"), 5250 } }, en),
            QStringLiteral("€52.50 + £3.00"));
    }

    void signedMoney_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("expected");
        QTest::newRow("credit") << qint64(2500) << QStringLiteral("+€25.00");
        QTest::newRow("debit") << qint64(-1000) << QStringLiteral("\u2212€10.00");
        QTest::newRow("nothing moves") << qint64(0) << QStringLiteral("±0");
    }

    void signedMoney()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, expected);
        QCOMPARE(BetFormatter::signedMoney(
                     minor, QStringLiteral("EUR"), QLocale(QLocale::English, QLocale::UnitedStates)),
            expected);
    }

    void result_isTheBettorsWord_verdictTheOperators_data()
    {
        QTest::addColumn<int>("result");
        QTest::addColumn<QString>("bettor");
        QTest::addColumn<QString>("operatorWord");
        QTest::newRow("none") << int(BetResult::None) << QString() << QStringLiteral("—");
        QTest::newRow("win") << int(BetResult::Win) << QStringLiteral("Won") << QStringLiteral("Win");
        QTest::newRow("loss") << int(BetResult::Loss) << QStringLiteral("Lost") << QStringLiteral("Loss");
        QTest::newRow("push") << int(BetResult::Push) << QStringLiteral("Push") << QStringLiteral("Push");
        QTest::newRow("void") << int(BetResult::Void) << QStringLiteral("Void") << QStringLiteral("Void");
    }

    void result_isTheBettorsWord_verdictTheOperators()
    {
        QFETCH(int, result);
        QFETCH(QString, bettor);
        QFETCH(QString, operatorWord);
        QCOMPARE(BetFormatter::result(static_cast<BetResult>(result)), bettor);
        QCOMPARE(BetFormatter::verdict(static_cast<BetResult>(result)), operatorWord);
    }

    void age_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("seconds") << qint64(45) << QStringLiteral("45 s");
        QTest::newRow("minutes, truncated") << qint64(12 * 60 + 59) << QStringLiteral("12 min");
        QTest::newRow("hours and minutes") << qint64(3 * 3600 + 5 * 60) << QStringLiteral("3 h 5 min");
        QTest::newRow("days and hours") << qint64(2 * 86400 + 4 * 3600) << QStringLiteral("2 d 4 h");
        // A clock a little behind the server's must not show a negative age.
        QTest::newRow("in the future") << qint64(-30) << QStringLiteral("0 s");
    }

    void age()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, expected);
        const QDateTime now(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
        QCOMPARE(BetFormatter::age(now.addSecs(-secondsAgo), now), expected);
        QVERIFY(BetFormatter::age(QDateTime(), now).isEmpty());
    }

    void dateTime_showsSeconds_invalidIsEmpty()
    {
        const QDateTime when(QDate(2024, 3, 1), QTime(12, 34, 56), Qt::UTC);
        QVERIFY2(BetFormatter::dateTime(when).contains(when.toLocalTime().toString(QStringLiteral("mm:ss"))),
            qPrintable(BetFormatter::dateTime(when)));
        QVERIFY(BetFormatter::dateTime(QDateTime()).isEmpty());
    }

    void error_namesTheCodeThenTheServersMessage()
    {
        QCOMPARE(BetFormatter::error(Error { ErrorCode::Conflict, QStringLiteral("bet 2 is settled") }),
            QStringLiteral("Conflict: bet 2 is settled"));
        QCOMPARE(BetFormatter::error(Error { ErrorCode::Unavailable, QString() }),
            QStringLiteral("Server unavailable"));
        QCOMPARE(BetFormatter::errorCode(ErrorCode::InsufficientFunds), QStringLiteral("Insufficient funds"));
    }

    void relativeTime_data()
    {
        QTest::addColumn<int>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("now") << 3 << QStringLiteral("just now");
        QTest::newRow("minutes") << 5 * 60 << QStringLiteral("5 min ago");
        QTest::newRow("hours") << 3 * 3600 << QStringLiteral("3 h ago");
        QTest::newRow("days") << 2 * 86400 << QStringLiteral("2 days ago");
    }

    void relativeTime()
    {
        QFETCH(int, secondsAgo);
        QFETCH(QString, expected);
        const QDateTime now(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
        QCOMPARE(BetFormatter::relativeTime(now.addSecs(-secondsAgo), now), expected);
        QVERIFY(BetFormatter::relativeTime(QDateTime(), now).isEmpty());
    }

    void title_withoutEvent_namesTheBet()
    {
        Bet bet;
        bet.id = QStringLiteral("12");
        QCOMPARE(BetFormatter::title(bet), QStringLiteral("Bet #12"));
        bet.eventName = QStringLiteral("Arsenal v Chelsea");
        bet.market = QStringLiteral("Match winner");
        bet.selection = QStringLiteral("Arsenal");
        QCOMPARE(BetFormatter::title(bet), QStringLiteral("Arsenal v Chelsea · Match winner: Arsenal"));
    }
};

QTEST_GUILESS_MAIN(TestBetFormatter)
#include "tst_betformatter.moc"
