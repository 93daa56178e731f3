// BetList: the filter bar drives the filter model, can be hidden (and then filters nothing), F5 reloads.
#include "app/models/betfiltermodel.h"
#include "app/models/betlistmodel.h"
#include "app/models/betsync.h"
#include "app/net/apiclient.h"
#include "app/widgets/betlist.h"
#include "tests/app/models/modelfixtures.h"
#include "tests/support/testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestBetList : public QObject
{
    Q_OBJECT

private:
    static QList<Bet> someBets()
    {
        return { makeBet("1", "Arsenal v Chelsea", "Match winner", "Arsenal", 1),
            resolved(
                makeBet("2", "Lakers v Celtics", "Total points", "Over 215.5", 0), BetResult::Win, 2500, 2),
            resolved(makeBet("3", "Monaco Grand Prix", "Race winner", "Leclerc", 0), BetResult::Loss, 0, 3) };
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void filterBar_drivesTheFilterModel()
    {
        BetListModel model;
        model.setBets(someBets());
        BetList list(&model);
        list.show();
        QCOMPARE(list.filterModel()->rowCount(), 3);

        list.statusCombo()->setCurrentIndex(
            list.statusCombo()->findData(static_cast<int>(BetStatus::Settled)));
        QCOMPARE(list.filterModel()->rowCount(), 2);
        list.resultCombo()->setCurrentIndex(list.resultCombo()->findData(static_cast<int>(BetResult::Win)));
        QCOMPARE(list.filterModel()->rowCount(), 1);
        QCOMPARE(
            list.filterModel()->index(0, 0).data(BetListModel::BetIdRole).toString(), QStringLiteral("2"));
        list.resultCombo()->setCurrentIndex(0);
        QTest::keyClicks(list.searchField(), QStringLiteral("monaco"));
        QCOMPARE(list.filterModel()->rowCount(), 1);
        QCOMPARE(
            list.filterModel()->index(0, 0).data(BetListModel::BetIdRole).toString(), QStringLiteral("3"));
        QTest::keyClicks(list.searchField(), QStringLiteral(" cricket"));
        QCOMPARE(list.filterModel()->rowCount(), 0);
        QVERIFY(!list.view()->isVisible()); // the "no bet matches" text replaces the empty list
    }

    void hidingTheFilters_clearsThem()
    {
        BetListModel model;
        model.setBets(someBets());
        BetList list(&model);
        list.show();
        QSignalSpy toggled(&list, &BetList::showFiltersChanged);
        list.searchField()->setText(QStringLiteral("arsenal"));
        QCOMPARE(list.filterModel()->rowCount(), 1);
        list.setShowFilters(false);
        QCOMPARE(toggled.count(), 1);
        QVERIFY(!list.searchField()->isVisible());
        QCOMPARE(list.filterModel()->rowCount(), 3);
        QCOMPARE(list.property("showFilters").toBool(), false);
        list.setProperty("showFilters", true);
        QVERIFY(list.searchField()->isVisible());
        QCOMPARE(toggled.count(), 2);
    }

    void refresh_F5_reloadsFromTheServer()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        server.placeBet(alice, 100);
        ApiClient api(ServerEndpoint(QUrl(server.baseUrl()), alice.token));
        BetListModel model;
        BetSync sync(&api, &model);
        BetList list(&model);
        list.setSync(&sync);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QCOMPARE(list.refreshAction()->shortcut(), QKeySequence(QKeySequence::Refresh));

        QSignalSpy reloaded(&sync, &BetSync::reloaded);
        QSignalSpy requested(&list, &BetList::refreshRequested);
        list.refreshAction()->trigger();
        QCOMPARE(requested.count(), 1);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.rowCount(), 1);

        server.placeBet(alice, 200); // not announced: only a refresh shows it
        list.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&list));
        QTest::keyClick(&list, Qt::Key_F5);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(model.rowCount(), 2);
    }

    void select_scrollsToAndSelectsTheBet()
    {
        BetListModel model;
        QList<Bet> bets;
        for (int i = 1; i <= 40; ++i)
            bets.append(makeBet(QString::number(i), QStringLiteral("Event %1").arg(i), QStringLiteral("m"),
                QStringLiteral("s"), i));
        model.setBets(bets);
        BetList list(&model);
        list.resize(600, 400);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        list.select(QStringLiteral("1")); // the oldest: at the very bottom
        QCOMPARE(list.currentBetId(), QStringLiteral("1"));
        QVERIFY(list.view()->viewport()->rect().intersects(
            list.view()->visualRect(list.indexOf(QStringLiteral("1")))));
    }

    void activatingACard_asksForItsDetails()
    {
        BetListModel model;
        model.setBets(someBets());
        BetList list(&model);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QSignalSpy action(&list, &BetList::actionTriggered);
        list.view()->setCurrentIndex(list.indexOf(QStringLiteral("2")));
        QTest::keyClick(list.view(), Qt::Key_Return);
        QCOMPARE(action.count(), 1);
        QCOMPARE(action.at(0).at(0).value<BetCardDelegate::Action>(), BetCardDelegate::Action::Details);
        QCOMPARE(action.at(0).at(1).toString(), QStringLiteral("2"));
    }
};

QTEST_MAIN(TestBetList)
#include "tst_betlist.moc"
