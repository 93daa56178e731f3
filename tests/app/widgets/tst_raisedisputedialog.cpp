// RaiseDisputeDialog: a reason is required; the bettor's dispute reaches the server; a second one is refused.
#include "app/net/apiclient.h"
#include "tests/support/resultchecks.h"
#include "app/widgets/raisedisputedialog.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "tests/support/testsupport.h"

#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestRaiseDisputeDialog : public QObject
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

    void reason_isRequired()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        const Bet placed = m_server.placeBet(m_alice);
        const Bet settled
            = *m_server.server().service().resolve(m_operator.user, placed.id, BetResult::Loss, {});
        RaiseDisputeDialog dialog(&api, settled);
        dialog.reasonField()->setPlainText(QStringLiteral("   "));
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QCOMPARE(dialog.errorText(), QStringLiteral("Give a reason for the dispute."));
        QTest::qWait(50);
        QCOMPARE(requests.count(), 0);
    }

    void dispute_reachesTheServer_andASecondIsRefused()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_alice.token));
        const Bet placed = m_server.placeBet(m_alice);
        const Bet settled
            = *m_server.server().service().resolve(m_operator.user, placed.id, BetResult::Loss, {});
        RaiseDisputeDialog first(&api, settled);
        first.reasonField()->setPlainText(QStringLiteral("The final score was 2-1"));
        QSignalSpy succeeded(&first, &BetActionDialog::succeeded);
        first.submit();
        QVERIFY(succeeded.wait(10000));
        const Bet stored = betthat::test::found(m_server.server().repository().betById(placed.id));
        QCOMPARE(stored.status, BetStatus::Disputed);
        QCOMPARE(stored.dispute->reason, QStringLiteral("The final score was 2-1"));

        RaiseDisputeDialog second(&api, settled);
        second.reasonField()->setPlainText(QStringLiteral("again"));
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        second.submit();
        QVERIFY(requests.wait(10000));
        QVERIFY2(second.errorText().startsWith(QStringLiteral("This bet changed meanwhile:")),
            qPrintable(second.errorText()));
    }
};

QTEST_MAIN(TestRaiseDisputeDialog)
#include "tst_raisedisputedialog.moc"
