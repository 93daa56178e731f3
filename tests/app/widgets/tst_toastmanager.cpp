// ToastManager and Toast: the kind and text per event, auto-dismiss with hover pause, actions, bursts, and the
// user's preferences (a type whose socket channel is off shows no toast; quiet hours do not silence toasts).
#include "app/widgets/toast.h"
#include "app/widgets/toastmanager.h"
#include "tests/app/models/modelfixtures.h"

#include <QApplication>
#include <QEnterEvent>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestToastManager : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_host;

    ToastManager *makeManager(int durationMs = 60000)
    {
        auto *manager = new ToastManager(m_host.get());
        manager->setDuration(durationMs);
        manager->setFadeDuration(0);
        manager->setCoalesceInterval(0);
        manager->setViewer(QStringLiteral("alice"), false);
        return manager;
    }

    static BetEvent won(qint64 seq, const Bet &bet)
    {
        return resolutionEvent(seq, bet, BetResult::Win, 2500);
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_host = std::make_unique<QWidget>();
        m_host->resize(900, 700);
        m_host->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_host.get()));
    }

    void cleanup() { m_host.reset(); }

    void betEvent_showsToastOfTheRightKindAndText_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("result");
        QTest::addColumn<bool>("viewerIsOperator");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("actions");
        const int resolvedType = static_cast<int>(EventType::BetResolved);
        QTest::newRow("win") << resolvedType << int(BetResult::Win) << false << int(Toast::Kind::Success)
                             << QStringLiteral("You won €25.00") << QStringList { "view" };
        QTest::newRow("loss") << resolvedType << int(BetResult::Loss) << false << int(Toast::Kind::Error)
                              << QStringLiteral("Bet lost") << QStringList { "view" };
        QTest::newRow("push") << resolvedType << int(BetResult::Push) << false << int(Toast::Kind::Info)
                              << QStringLiteral("Push: €10.00 stake returned") << QStringList { "view" };
        QTest::newRow("void") << resolvedType << int(BetResult::Void) << false << int(Toast::Kind::Info)
                              << QStringLiteral("Bet voided: €10.00 refunded") << QStringList { "view" };
        QTest::newRow("win seen by an operator")
            << resolvedType << int(BetResult::Win) << true << int(Toast::Kind::Success)
            << QStringLiteral("alice won €25.00") << QStringList { "view" };
        QTest::newRow("dispute seen by an operator")
            << static_cast<int>(EventType::BetDisputed) << int(BetResult::Loss) << true
            << int(Toast::Kind::Warning) << QStringLiteral("alice disputed a bet")
            << QStringList { "view", "review" };
        QTest::newRow("own dispute") << static_cast<int>(EventType::BetDisputed) << int(BetResult::Loss)
                                     << false << int(Toast::Kind::Warning)
                                     << QStringLiteral("Dispute submitted") << QStringList { "view" };
        QTest::newRow("update: placed")
            << static_cast<int>(EventType::BetUpdated) << int(BetResult::None) << true
            << int(Toast::Kind::Info) << QStringLiteral("alice placed a bet") << QStringList { "view" };
    }

    void betEvent_showsToastOfTheRightKindAndText()
    {
        QFETCH(int, type);
        QFETCH(int, result);
        QFETCH(bool, viewerIsOperator);
        QFETCH(int, kind);
        QFETCH(QString, title);
        QFETCH(QStringList, actions);

        ToastManager *manager = makeManager();
        manager->setViewer(
            viewerIsOperator ? QStringLiteral("op") : QStringLiteral("alice"), viewerIsOperator);
        const Bet pending = makeBet(QStringLiteral("12"));
        const qint64 payout = result == int(BetResult::Win) ? 2500
            : result == int(BetResult::Loss)                ? 0
                                                            : 1000;
        BetEvent event;
        Bet after = pending;
        switch (static_cast<EventType>(type)) {
        case EventType::BetResolved:
            event = resolutionEvent(5, pending, BetResult(result), payout);
            break;
        case EventType::BetDisputed: {
            const Bet settled = resolved(pending, BetResult::Loss, 0);
            after = settled;
            after.status = BetStatus::Disputed;
            after.dispute = Dispute { QStringLiteral("It went to overtime"), settled.updatedAt,
                DisputeState::Open, {}, {}, {} };
            event = makeEvent(EventType::BetDisputed, 6, settled, after, QStringLiteral("alice"));
            break;
        }
        case EventType::BetUpdated:
            event = makeEvent(EventType::BetUpdated, 7, Bet {}, pending, QStringLiteral("alice"));
            break;
        }
        QSignalSpy shown(manager, &ToastManager::toastShown);
        manager->notifyBetEvent(event, pending);
        QTRY_COMPARE(manager->toasts().size(), 1);
        Toast *toast = manager->toasts().constFirst();
        QCOMPARE(int(toast->kind()), kind);
        QCOMPARE(toast->title(), title);
        QVERIFY2(toast->message().contains(QStringLiteral("Arsenal v Chelsea · Match winner: Arsenal")),
            qPrintable(toast->message()));
        QCOMPARE(toast->actionIds(), actions);
        QCOMPARE(toast->betId(), QStringLiteral("12"));
        QVERIFY(toast->isVisible());
        QCOMPARE(shown.count(), 1);
    }

    void resolutionNotes_areInTheMessage()
    {
        ToastManager *manager = makeManager();
        manager->notifyBetEvent(won(1, makeBet(QStringLiteral("3"))), makeBet(QStringLiteral("3")));
        QTRY_COMPARE(manager->toasts().size(), 1);
        QVERIFY(manager->toasts().constFirst()->message().endsWith(QStringLiteral("Final score 2-1")));
    }

    void toast_dismissesItselfAfterItsDuration()
    {
        ToastManager *manager = makeManager(300);
        manager->notifyBetEvent(won(1, makeBet(QStringLiteral("3"))), makeBet(QStringLiteral("3")));
        QTRY_COMPARE(manager->toasts().size(), 1);
        QPointer<Toast> toast = manager->toasts().constFirst();
        QTest::qWait(100);
        QVERIFY(toast && toast->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(toast.isNull(), 3000);
        QVERIFY(manager->toasts().isEmpty());
    }

    void hover_pausesTheDismissal()
    {
        ToastManager *manager = makeManager(200);
        Toast *toast = manager->showToast(Toast::Kind::Info, QStringLiteral("hello"));
        QPointer<Toast> guard(toast);
        QEnterEvent enter(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5));
        QApplication::sendEvent(toast, &enter);
        QVERIFY(toast->isPaused());
        QTest::qWait(500);
        QVERIFY2(guard, "a hovered toast must stay");
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(toast, &leave);
        QVERIFY(!toast->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 3000);
    }

    void closeButton_dismissesAtOnce()
    {
        ToastManager *manager = makeManager();
        Toast *toast = manager->showToast(Toast::Kind::Error, QStringLiteral("x"));
        QPointer<Toast> guard(toast);
        auto *close = toast->findChild<QToolButton *>(QStringLiteral("toastClose"));
        QVERIFY(close);
        QTest::mouseClick(close, Qt::LeftButton);
        QVERIFY(manager->toasts().isEmpty());
        QTRY_VERIFY(guard.isNull());
    }

    void viewAction_asksToOpenTheBet()
    {
        ToastManager *manager = makeManager();
        QSignalSpy requested(manager, &ToastManager::betActionRequested);
        manager->notifyBetEvent(won(1, makeBet(QStringLiteral("31"))), makeBet(QStringLiteral("31")));
        QTRY_COMPARE(manager->toasts().size(), 1);
        auto *view
            = manager->toasts().constFirst()->findChild<QPushButton *>(QStringLiteral("toastAction_view"));
        QVERIFY(view);
        QCOMPARE(view->text(), QStringLiteral("View bet"));
        QTest::mouseClick(view, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("31"));
        QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("view"));
        QVERIFY(manager->toasts().isEmpty()); // acting on it closes it
    }

    void deadHeat_isSaidInTheTitle()
    {
        ToastManager *manager = makeManager();
        const Bet pending = makeBet(QStringLiteral("12"));
        Bet after = resolved(pending, BetResult::Win, 2375);
        after.deadHeatFactor = 5000;
        after.certainty = Certainty::Confirmed;
        manager->notifyBetEvent(makeEvent(EventType::BetResolved, 5, pending, after), pending);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(),
            QStringLiteral("You won €23.75 — dead heat, ½ of the stake at full odds"));
    }

    void provisionalResult_saysItIsProvisional()
    {
        ToastManager *manager = makeManager();
        const Bet pending = makeBet(QStringLiteral("12"));
        Bet after = resolved(pending, BetResult::Loss, 0);
        after.certainty = Certainty::Provisional;
        manager->notifyBetEvent(makeEvent(EventType::BetResolved, 5, pending, after), pending);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("Provisional result: lost"));
    }

    void correction_replacesTheEarlierToastOfTheBet()
    {
        ToastManager *manager = makeManager();
        QSignalSpy shown(manager, &ToastManager::toastShown);
        const Bet pending = makeBet(QStringLiteral("12"));
        const Bet lost = resolved(pending, BetResult::Loss, 0);
        manager->notifyBetEvent(makeEvent(EventType::BetResolved, 5, pending, lost), pending);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QPointer<Toast> first = manager->toasts().constFirst();
        QCOMPARE(first->title(), QStringLiteral("Bet lost"));

        Bet won = resolved(lost, BetResult::Win, 4750, 10, QStringLiteral("wrong result entered"));
        won.resolutionSource = QStringLiteral("correction");
        BetEvent correction = makeEvent(EventType::BetResolved, 9, lost, won);
        correction.data.insert(QStringLiteral("supersedes_seq"), 5);
        manager->notifyBetEvent(correction, won);
        manager->flush();

        QCOMPARE(manager->toasts().size(), 1); // replaced, not stacked under the contradiction
        QVERIFY(manager->toasts().constFirst() != first.data());
        QTRY_VERIFY(first.isNull());
        Toast *now = manager->toasts().constFirst();
        QCOMPARE(now->title(),
            QStringLiteral("Correction: your bet on Arsenal was re-settled from lost to won (+€47.50)"));
        QCOMPARE(now->kind(), Toast::Kind::Success);
        QVERIFY(now->message().contains(QStringLiteral("wrong result entered")));
        QCOMPARE(shown.count(), 2);
        QCOMPARE(shown.at(1).at(3).toString(), QStringLiteral("12"));
        QCOMPARE(shown.at(1).at(4).toBool(), true); // the desktop notification replaces the earlier one too
        QCOMPARE(shown.at(0).at(4).toBool(), false);
    }

    void disputeDecision_replacesTheDisputeToast_andIsUrgent()
    {
        ToastManager *manager = makeManager();
        manager->setViewer(QStringLiteral("op"), true);
        QSignalSpy shown(manager, &ToastManager::toastShown);
        const Bet pending = makeBet(QStringLiteral("12"));
        const Bet lost = resolved(pending, BetResult::Loss, 0);
        Bet disputed = lost;
        disputed.status = BetStatus::Disputed;
        disputed.dispute = Dispute { QStringLiteral("It went to overtime"), lost.updatedAt, DisputeState::Open, {}, {}, {} };
        manager->notifyBetEvent(makeEvent(EventType::BetDisputed, 6, lost, disputed, QStringLiteral("alice")), lost);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QPointer<Toast> question = manager->toasts().constFirst();
        QCOMPARE(question->title(), QStringLiteral("alice disputed a bet"));

        // Upheld: re-settled as a win. The question and its answer do not stand side by side.
        Bet upheld = resolved(disputed, BetResult::Win, 2500);
        upheld.resolutionSource = QStringLiteral("dispute");
        upheld.dispute->state = DisputeState::Upheld;
        BetEvent decision = makeEvent(EventType::BetResolved, 8, disputed, upheld, QStringLiteral("op"));
        decision.data.insert(QStringLiteral("supersedes_seq"), 5);
        manager->notifyBetEvent(decision, upheld);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QTRY_VERIFY(question.isNull());
        QVERIFY(manager->toasts().constFirst()->message().startsWith(QStringLiteral("Re-settled after the dispute")));
        QCOMPARE(shown.count(), 2);
        QCOMPARE(shown.at(0).at(4).toBool(), false);
        QCOMPARE(shown.at(0).at(6).toBool(), false); // a dispute raised: normal urgency
        QCOMPARE(shown.at(1).at(4).toBool(), true); // replaces the desktop's "disputed" notification too
        QCOMPARE(shown.at(1).at(6).toBool(), true); // a decision: critical on the desktop
    }

    void rejectedDispute_replacesTheDisputeToast()
    {
        ToastManager *manager = makeManager();
        const Bet pending = makeBet(QStringLiteral("12"));
        const Bet lost = resolved(pending, BetResult::Loss, 0);
        Bet disputed = lost;
        disputed.status = BetStatus::Disputed;
        disputed.dispute = Dispute { QStringLiteral("It went to overtime"), lost.updatedAt, DisputeState::Open, {}, {}, {} };
        manager->notifyBetEvent(makeEvent(EventType::BetDisputed, 6, lost, disputed, QStringLiteral("alice")), lost);
        manager->flush();
        QPointer<Toast> question = manager->toasts().constFirst();
        Bet rejected = lost;
        rejected.dispute = disputed.dispute;
        rejected.dispute->state = DisputeState::Rejected;
        rejected.dispute->decisionNotes = QStringLiteral("Overtime does not count");
        manager->notifyBetEvent(makeEvent(EventType::BetUpdated, 8, disputed, rejected, QStringLiteral("op")), rejected);
        manager->flush();
        QTRY_VERIFY(question.isNull());
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("Dispute rejected"));
    }

    void rollback_saysWhyTheBetIsPendingAgain()
    {
        ToastManager *manager = makeManager();
        const Bet pending = makeBet(QStringLiteral("12"));
        const Bet won = resolved(pending, BetResult::Win, 2500);
        Bet back = pending;
        back.resolutionNotes = QStringLiteral("settlement was sent in error");
        back.resolutionSource = QStringLiteral("rollback");
        BetEvent rollback = makeEvent(EventType::BetUpdated, 9, won, back);
        rollback.data.insert(QStringLiteral("supersedes_seq"), 5);
        manager->notifyBetEvent(rollback, back);
        manager->flush();
        QCOMPARE(manager->toasts().constFirst()->title(),
            QStringLiteral("Rolled back to pending: settlement was sent in error"));
    }

    void burstWithCorrections_countsThemSeparately()
    {
        ToastManager *manager = makeManager();
        for (int i = 1; i <= 4; ++i)
            manager->notifyBetEvent(won(i, makeBet(QString::number(i))), makeBet(QString::number(i)));
        const Bet pending = makeBet(QStringLiteral("20"));
        const Bet lost = resolved(pending, BetResult::Loss, 0);
        const Bet winning = resolved(lost, BetResult::Win, 2500);
        BetEvent correction = makeEvent(EventType::BetResolved, 30, lost, winning);
        correction.data.insert(QStringLiteral("supersedes_seq"), 7);
        manager->notifyBetEvent(correction, winning);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("5 bets resolved"));
        QCOMPARE(manager->toasts().constFirst()->message(), QStringLiteral("4 won · 1 corrected"));
    }

    void burstOfFifty_givesOneSummaryToast()
    {
        ToastManager *manager = makeManager();
        manager->setCoalesceInterval(50);
        QSignalSpy shown(manager, &ToastManager::toastShown);
        for (int i = 1; i <= 50; ++i) {
            const Bet bet = makeBet(QString::number(i));
            manager->notifyBetEvent(
                resolutionEvent(i, bet, i % 2 ? BetResult::Win : BetResult::Loss, i % 2 ? 2500 : 0), bet);
        }
        QTRY_COMPARE(shown.count(), 1);
        QTest::qWait(150);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(manager->toasts().size(), 1);
        Toast *summary = manager->toasts().constFirst();
        QCOMPARE(summary->title(), QStringLiteral("50 bets resolved"));
        QCOMPARE(summary->message(), QStringLiteral("25 won · 25 lost"));
        QCOMPARE(summary->kind(), Toast::Kind::Info);
    }

    void burstGoingOn_updatesTheSameSummary()
    {
        ToastManager *manager = makeManager();
        manager->setBurstLimit(3, 5000);
        for (int i = 1; i <= 10; ++i)
            manager->notifyBetEvent(won(i, makeBet(QString::number(i))), makeBet(QString::number(i)));
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        const Bet bet = makeBet(QStringLiteral("11"));
        Bet settled = resolved(bet, BetResult::Loss, 0);
        Bet disputed = settled;
        disputed.status = BetStatus::Disputed;
        manager->notifyBetEvent(makeEvent(EventType::BetDisputed, 11, settled, disputed), bet);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("11 bet updates"));
        QCOMPARE(manager->toasts().constFirst()->message(), QStringLiteral("10 won · 1 disputed"));
    }

    void fourthEventInTheWindow_foldsTheFirstThreeIntoASummary()
    {
        ToastManager *manager = makeManager();
        manager->setBurstLimit(3, 5000);
        for (int i = 1; i <= 3; ++i) {
            manager->notifyBetEvent(won(i, makeBet(QString::number(i))), makeBet(QString::number(i)));
            manager->flush();
        }
        QCOMPARE(manager->toasts().size(), 3);
        manager->notifyBetEvent(won(4, makeBet(QStringLiteral("4"))), makeBet(QStringLiteral("4")));
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("4 bets resolved"));
    }

    void socketChannelOff_showsNoToastForThatType()
    {
        ToastManager *manager = makeManager();
        NotificationPreferences preferences;
        preferences.setEnabled(EventType::BetUpdated, NotificationChannel::Socket, false);
        // A window around the clock: toasts are for someone at the app, so quiet hours never apply to them.
        preferences.quietHours = QuietHours { QTime(0, 0), QTime(23, 59), QStringLiteral("UTC") };
        manager->setPreferences(preferences);
        QSignalSpy shown(manager, &ToastManager::toastShown);

        const Bet pending = makeBet(QStringLiteral("12"));
        manager->notifyBetEvent(makeEvent(EventType::BetUpdated, 7, Bet {}, pending, QStringLiteral("alice")),
            pending);
        manager->flush();
        // The barrier: an event of a type that is on, shown after the silenced one, is the only toast.
        manager->notifyBetEvent(won(8, pending), pending);
        manager->flush();
        QCOMPARE(manager->toasts().size(), 1);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("You won €25.00"));
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.constFirst().at(5).toString(), QStringLiteral("bet_resolved"));
        QVERIFY(!manager->showsToastFor(EventType::BetUpdated));
        QVERIFY(manager->showsToastFor(EventType::BetDisputed));
    }

    void eventsFarApart_eachGetsItsOwnToast()
    {
        ToastManager *manager = makeManager();
        manager->setBurstLimit(3, 100);
        for (int i = 1; i <= 5; ++i) {
            manager->notifyBetEvent(won(i, makeBet(QString::number(i))), makeBet(QString::number(i)));
            manager->flush();
            QTest::qWait(150);
        }
        QCOMPARE(manager->toasts().size(), 5);
        for (Toast *toast : manager->toasts())
            QCOMPARE(toast->title(), QStringLiteral("You won €25.00"));
    }

    void toasts_stackInTheBottomRightCorner_newestLowest()
    {
        ToastManager *manager = makeManager();
        Toast *first = manager->showToast(Toast::Kind::Info, QStringLiteral("first"));
        Toast *second = manager->showToast(Toast::Kind::Info, QStringLiteral("second"));
        QVERIFY(second->geometry().bottom() <= m_host->height());
        QVERIFY(m_host->height() - second->geometry().bottom() <= 20);
        QVERIFY(m_host->width() - second->geometry().right() <= 20);
        QVERIFY(first->geometry().bottom() < second->geometry().top());
        // Following the window's size.
        m_host->resize(600, 500);
        QTRY_VERIFY(m_host->height() - second->geometry().bottom() <= 20);
    }

    void tooMany_theOldestMakeRoom()
    {
        ToastManager *manager = makeManager();
        manager->setMaxVisible(3);
        QPointer<Toast> oldest = manager->showToast(Toast::Kind::Info, QStringLiteral("1"));
        for (int i = 2; i <= 5; ++i)
            manager->showToast(Toast::Kind::Info, QString::number(i));
        QCOMPARE(manager->toasts().size(), 3);
        QCOMPARE(manager->toasts().constFirst()->title(), QStringLiteral("3"));
        QTRY_VERIFY(oldest.isNull());
    }
};

QTEST_MAIN(TestToastManager)
#include "tst_toastmanager.moc"
