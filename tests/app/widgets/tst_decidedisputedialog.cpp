// DecideDisputeDialog: notes required, reject keeps the result, uphold re-settles with the new one.
#include "app/net/apiclient.h"
#include "app/widgets/decidedisputedialog.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "tests/support/testsupport.h"

#include <QComboBox>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestDecideDisputeDialog : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    TestUser m_operator;
    TestUser m_alice;

    Bet disputedBet()
    {
        const Bet placed = m_server.placeBet(m_alice, 1000, QStringLiteral("2.00"));
        auto &service = m_server.server().service();
        if (!service.resolve(m_operator.user, placed.id, BetResult::Loss, QStringLiteral("1-1")).ok())
            qFatal("resolve failed");
        return *service.dispute(m_alice.user, placed.id, QStringLiteral("It was 2-1"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_server.start());
        m_operator = m_server.addUser(QStringLiteral("op"), Role::Operator);
        m_alice = m_server.addUser(QStringLiteral("alice"));
    }

    void withoutNotes_isRefused()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = disputedBet();
        DecideDisputeDialog dialog(&api, bet);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QCOMPARE(dialog.errorText(), QStringLiteral("Notes are required: the bettor is told why."));
        QTest::qWait(50);
        QCOMPARE(requests.count(), 0);
    }

    void reject_keepsTheResult()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = disputedBet();
        DecideDisputeDialog dialog(&api, bet);
        QVERIFY(dialog.rejectOption()->isChecked());
        QVERIFY(!dialog.resultField()->isEnabled());
        dialog.notesField()->setPlainText(QStringLiteral("The replay shows 1-1"));
        QSignalSpy succeeded(&dialog, &BetActionDialog::succeeded);
        dialog.submit();
        QVERIFY(succeeded.wait(10000));
        const Bet stored = *m_server.server().repository().betById(bet.id);
        QCOMPARE(stored.result, BetResult::Loss);
        QCOMPARE(stored.dispute->state, DisputeState::Rejected);
        QCOMPARE(stored.dispute->decisionNotes, QStringLiteral("The replay shows 1-1"));
    }

    void uphold_resettlesWithTheNewResult()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = disputedBet();
        DecideDisputeDialog dialog(&api, bet);
        dialog.upholdOption()->setChecked(true);
        QVERIFY(dialog.resultField()->isEnabled());
        QCOMPARE(dialog.resultField()->findData(static_cast<int>(BetResult::Loss)),
            -1); // the current one is no choice
        dialog.resultField()->setCurrentIndex(
            dialog.resultField()->findData(static_cast<int>(BetResult::Win)));
        dialog.notesField()->setPlainText(QStringLiteral("Confirmed 2-1"));
        QSignalSpy succeeded(&dialog, &BetActionDialog::succeeded);
        dialog.submit();
        QVERIFY(succeeded.wait(10000));
        const Bet stored = *m_server.server().repository().betById(bet.id);
        QCOMPARE(stored.result, BetResult::Win);
        QCOMPARE(stored.payout, 2000);
        QCOMPARE(stored.dispute->state, DisputeState::Upheld);
    }
};

QTEST_MAIN(TestDecideDisputeDialog)
#include "tst_decidedisputedialog.moc"
