// BetFormatter: money in the locale's format from minor units, odds, relative times.
#include "app/models/betformatter.h"

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
