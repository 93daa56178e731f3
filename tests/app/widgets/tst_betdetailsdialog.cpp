// BetDetailsDialog: every field and the event timeline from a real server; an unknown bet says so.
#include "app/net/apiclient.h"
#include "app/widgets/betdetailsdialog.h"
#include "server/core/betservice.h"
#include "tests/support/testsupport.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestBetDetailsDialog : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    TestUser m_operator;
    TestUser m_alice;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_server.start());
        m_operator = m_server.addUser(QStringLiteral("op"), Role::Operator);
        m_alice = m_server.addUser(QStringLiteral("alice"));
    }

    void disputedBet_showsEveryFieldAndTheTimeline()
    {
        const Bet placed
            = m_server.placeBet(m_alice, 2000, QStringLiteral("1.91"), QStringLiteral("Total points"));
        auto &service = m_server.server().service();
        QVERIFY(
            service.resolve(m_operator.user, placed.id, BetResult::Loss, QStringLiteral("Total points 212"))
                .ok());
        QVERIFY(service.dispute(m_alice.user, placed.id, QStringLiteral("Overtime made it 221")).ok());

        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        BetDetailsDialog dialog(&api, placed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toBool(), true);

        QCOMPARE(dialog.betId(), placed.id);
        QCOMPARE(dialog.fieldText(QStringLiteral("id")), placed.id);
        QCOMPARE(dialog.fieldText(QStringLiteral("user")), QStringLiteral("alice"));
        QCOMPARE(dialog.fieldText(QStringLiteral("event")), QStringLiteral("Arsenal v Chelsea"));
        QCOMPARE(dialog.fieldText(QStringLiteral("market")), QStringLiteral("Total points"));
        QCOMPARE(dialog.fieldText(QStringLiteral("odds")), QStringLiteral("1.91"));
        QCOMPARE(dialog.fieldText(QStringLiteral("stake")), QStringLiteral("€20.00"));
        QCOMPARE(dialog.fieldText(QStringLiteral("potentialReturn")), QStringLiteral("€38.20"));
        QCOMPARE(dialog.fieldText(QStringLiteral("status")), QStringLiteral("Disputed"));
        QCOMPARE(dialog.fieldText(QStringLiteral("result")), QStringLiteral("Lost"));
        QCOMPARE(dialog.fieldText(QStringLiteral("payout")), QStringLiteral("€0.00"));
        QCOMPARE(dialog.fieldText(QStringLiteral("notes")), QStringLiteral("Total points 212"));
        QCOMPARE(dialog.fieldText(QStringLiteral("resolvedBy")), QStringLiteral("op"));
        QCOMPARE(dialog.fieldText(QStringLiteral("disputeReason")), QStringLiteral("Overtime made it 221"));
        QCOMPARE(dialog.fieldText(QStringLiteral("disputeState")), QStringLiteral("Open"));

        // placed, resolved, disputed: in order, with who did it.
        QTreeWidget *timeline = dialog.timeline();
        QCOMPARE(timeline->topLevelItemCount(), 3);
        QCOMPARE(timeline->topLevelItem(0)->text(1), QStringLiteral("Placed"));
        QCOMPARE(timeline->topLevelItem(1)->text(1), QStringLiteral("Resolved"));
        QCOMPARE(timeline->topLevelItem(1)->text(2), QStringLiteral("Pending → Settled · Lost"));
        QCOMPARE(timeline->topLevelItem(1)->text(3), QStringLiteral("op"));
        QCOMPARE(timeline->topLevelItem(1)->text(4), QStringLiteral("Total points 212"));
        QCOMPARE(timeline->topLevelItem(2)->text(1), QStringLiteral("Disputed"));
        QCOMPARE(timeline->topLevelItem(2)->text(3), QStringLiteral("alice"));
        QVERIFY(timeline->topLevelItem(2)->text(4).contains(QStringLiteral("Overtime made it 221")));
        QVERIFY(timeline->topLevelItem(1)->data(0, Qt::UserRole).toLongLong()
            < timeline->topLevelItem(2)->data(0, Qt::UserRole).toLongLong());
    }

    void reload_showsChangesMadeSince()
    {
        const Bet placed = m_server.placeBet(m_alice, 500);
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        BetDetailsDialog dialog(&api, placed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dialog.fieldText(QStringLiteral("status")), QStringLiteral("Pending"));
        QCOMPARE(dialog.timeline()->topLevelItemCount(), 1);
        QVERIFY(
            m_server.server().service().resolve(m_operator.user, placed.id, BetResult::Win, QString()).ok());
        dialog.reload();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(dialog.fieldText(QStringLiteral("status")), QStringLiteral("Settled"));
        QCOMPARE(dialog.fieldText(QStringLiteral("payout")), QStringLiteral("€12.50"));
        QCOMPARE(dialog.timeline()->topLevelItemCount(), 2);
    }

    void unknownBet_saysItCouldNotLoad()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        BetDetailsDialog dialog(&api, QStringLiteral("999999"));
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        dialog.show();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.at(0).at(0).toBool(), false);
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("detailsError"));
        QVERIFY(error && error->isVisible());
        QVERIFY(error->text().startsWith(QStringLiteral("Could not load everything:")));
        QVERIFY(!dialog.bet().has_value());
    }

    void actions_followTheCardRules()
    {
        const Bet placed = m_server.placeBet(m_alice, 100);
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        BetCardDelegate rules;
        BetCardDelegate::Viewer viewer;
        viewer.userId = QStringLiteral("op");
        viewer.isOperator = true;
        rules.setViewer(viewer);
        BetDetailsDialog dialog(&api, placed.id);
        dialog.setAttribute(Qt::WA_DeleteOnClose, false);
        dialog.setActionSource(&rules);
        QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
        QVERIFY(loaded.wait(10000));
        auto *resolve = dialog.findChild<QPushButton *>(
            QStringLiteral("detailsAction_%1").arg(static_cast<int>(BetCardDelegate::Action::Resolve)));
        QVERIFY(resolve);
        QSignalSpy requested(&dialog, &BetDetailsDialog::actionRequested);
        resolve->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(1).toString(), placed.id);
    }
};

QTEST_MAIN(TestBetDetailsDialog)
#include "tst_betdetailsdialog.moc"
