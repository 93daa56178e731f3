// RecentResolutionsDock: newest first, at most 20, a click opens the bet.
#include "app/models/recentresolutionsmodel.h"
#include "app/widgets/recentresolutionsdock.h"
#include "tests/app/models/modelfixtures.h"

#include <QListView>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestRecentResolutionsDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void liveResolutions_newestFirst_atMostTwenty()
    {
        RecentResolutionsModel model;
        RecentResolutionsDock dock(&model);
        dock.resize(320, 600);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        for (int i = 1; i <= 25; ++i) {
            const Bet bet = makeBet(QString::number(100 + i), QStringLiteral("Match %1").arg(i));
            const auto r
                = RecentResolutionsModel::fromEvent(resolutionEvent(i, bet, BetResult::Win, 2500), &bet);
            QVERIFY(r);
            model.addResolution(*r);
        }
        QListView *view = dock.view();
        QCOMPARE(view->model()->rowCount(), 20);
        QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Match 25 — won €25.00"));
        QCOMPARE(view->model()->index(19, 0).data().toString(), QStringLiteral("Match 6 — won €25.00"));
        // The first row is drawn at the top.
        QVERIFY(view->visualRect(view->model()->index(0, 0)).top()
            < view->visualRect(view->model()->index(1, 0)).top());
    }

    void click_opensThatBet()
    {
        RecentResolutionsModel model;
        RecentResolutionsDock dock(&model);
        dock.resize(320, 400);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        for (int i = 1; i <= 3; ++i) {
            const Bet bet = makeBet(QString::number(40 + i));
            model.addResolution(
                *RecentResolutionsModel::fromEvent(resolutionEvent(i, bet, BetResult::Loss, 0), &bet));
        }
        QSignalSpy activated(&dock, &RecentResolutionsDock::betActivated);
        const QRect second = dock.view()->visualRect(model.index(1));
        QTest::mouseClick(dock.view()->viewport(), Qt::LeftButton, {}, second.center());
        QVERIFY(activated.count() >= 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("42"));
        // Keyboard: Enter on the current row.
        activated.clear();
        dock.view()->setCurrentIndex(model.index(0));
        QTest::keyClick(dock.view(), Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("43"));
    }

    void title_isTranslatable()
    {
        RecentResolutionsModel model;
        RecentResolutionsDock dock(&model);
        QCOMPARE(dock.windowTitle(), QStringLiteral("Recent resolutions"));
        QCOMPARE(dock.objectName(), QStringLiteral("RecentResolutionsDock"));
    }
};

QTEST_MAIN(TestRecentResolutionsDock)
#include "tst_recentresolutionsdock.moc"
