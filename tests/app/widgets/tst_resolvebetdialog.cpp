// ResolveBetDialog: payout preview, notes required for void, resolves on the server, a race shows a conflict.
#include "app/net/apiclient.h"
#include "app/widgets/resolvebetdialog.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "tests/support/testsupport.h"

#include <QComboBox>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestResolveBetDialog : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    TestUser m_operator;
    TestUser m_alice;

    static void choose(ResolveBetDialog &dialog, BetResult result)
    {
        dialog.resultField()->setCurrentIndex(dialog.resultField()->findData(static_cast<int>(result)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_server.start());
        m_operator = m_server.addUser(QStringLiteral("op"), Role::Operator);
        m_alice = m_server.addUser(QStringLiteral("alice"));
    }

    void payoutPreview_followsTheResult_data()
    {
        QTest::addColumn<int>("result");
        QTest::addColumn<QString>("payout");
        QTest::newRow("win") << int(BetResult::Win) << QStringLiteral("€25.00");
        QTest::newRow("loss") << int(BetResult::Loss) << QStringLiteral("€0.00");
        QTest::newRow("push") << int(BetResult::Push) << QStringLiteral("€10.00");
        QTest::newRow("void") << int(BetResult::Void) << QStringLiteral("€10.00");
    }

    void payoutPreview_followsTheResult()
    {
        QFETCH(int, result);
        QFETCH(QString, payout);
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = m_server.placeBet(m_alice, 1000, QStringLiteral("2.50"));
        ResolveBetDialog dialog(&api, bet);
        choose(dialog, BetResult(result));
        QCOMPARE(dialog.payoutText(), payout);
    }

    void voidWithoutNotes_isRefusedWithoutARequest()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = m_server.placeBet(m_alice);
        ResolveBetDialog dialog(&api, bet);
        choose(dialog, BetResult::Void);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QCOMPARE(dialog.errorText(), QStringLiteral("Say why the bet is void: notes are required."));
        QTest::qWait(50);
        QCOMPARE(requests.count(), 0);
        QCOMPARE(m_server.server().repository().betById(bet.id)->status, BetStatus::Pending);
    }

    void win_isResolvedOnTheServer()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = m_server.placeBet(m_alice, 1000, QStringLiteral("2.50"));
        ResolveBetDialog dialog(&api, bet);
        choose(dialog, BetResult::Win);
        dialog.notesField()->setPlainText(QStringLiteral("Final score 2-1"));
        QSignalSpy succeeded(&dialog, &BetActionDialog::succeeded);
        dialog.submit();
        QVERIFY(succeeded.wait(10000));
        const Bet stored = *m_server.server().repository().betById(bet.id);
        QCOMPARE(stored.status, BetStatus::Settled);
        QCOMPARE(stored.result, BetResult::Win);
        QCOMPARE(stored.payout, 2500);
        QCOMPARE(stored.resolutionNotes, QStringLiteral("Final score 2-1"));
    }

    void resolvedMeanwhile_showsTheConflict()
    {
        ApiClient api(ServerEndpoint(QUrl(m_server.baseUrl()), m_operator.token));
        const Bet bet = m_server.placeBet(m_alice);
        ResolveBetDialog dialog(&api, bet);
        QVERIFY(
            m_server.server().service().resolve(m_operator.user, bet.id, BetResult::Loss, QString()).ok());
        choose(dialog, BetResult::Win);
        QSignalSpy requests(&api, &ApiClient::requestFinished);
        dialog.submit();
        QVERIFY(requests.wait(10000));
        QVERIFY2(dialog.errorText().startsWith(QStringLiteral("This bet changed meanwhile:")),
            qPrintable(dialog.errorText()));
        QCOMPARE(m_server.server().repository().betById(bet.id)->result, BetResult::Loss);
    }
};

QTEST_MAIN(TestResolveBetDialog)
#include "tst_resolvebetdialog.moc"
