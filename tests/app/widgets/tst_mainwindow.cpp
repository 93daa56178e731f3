// MainWindow against a real server on 127.0.0.1: the live card update, the toast and its "View bet", the
// balance, the sidebar, "View as" for operators, the operator's card actions (the admin window's resolve and
// dispute dialogs), and the connection lost / restored toasts.
#include "app/admin/disputereviewdialog.h"
#include "tests/support/resultchecks.h"
#include "app/admin/resolvedialog.h"
#include "app/models/betlistmodel.h"
#include "app/models/betsync.h"
#include "app/models/recentresolutionsmodel.h"
#include "app/net/realtimeclient.h"
#include "app/settings/appsettings.h"
#include "app/widgets/accountheader.h"
#include "app/widgets/betcarddelegate.h"
#include "app/widgets/betdetailsdialog.h"
#include "app/widgets/betlist.h"
#include "app/widgets/connectionstatuswidget.h"
#include "app/widgets/desktopnotifier.h"
#include "app/widgets/mainwindow.h"
#include "app/widgets/toast.h"
#include "app/widgets/toastmanager.h"
#include "server/core/betservice.h"
#include "server/storage/repository.h"
#include "server/storage/sqliterepository.h"
#include "tests/support/httpclient.h"
#include "tests/support/sqlitereadfault.h"
#include "tests/support/testsupport.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
    int m_windows = 0;

    std::unique_ptr<MainWindow> openWindow(
        const TestServer &server, const TestUser &user, const QHash<QString, QString> &userTokens = {})
    {
        SessionConfig session;
        session.endpoint = ServerEndpoint(QUrl(server.baseUrl()), user.token);
        session.userTokens = userTokens;
        session.cursorFile = m_dir.filePath(QStringLiteral("cursors-%1.ini").arg(++m_windows));
        auto window = std::make_unique<MainWindow>(session, m_settings.get());
        RealTimeClient::Config config = window->session()->feedConfig();
        config.backoffBaseMs = 50;
        config.backoffCapMs = 300;
        config.pollIntervalMs = 200;
        config.heartbeatIntervalMs = 2000;
        config.connectTimeoutMs = 2000;
        config.requestTimeoutMs = 2000;
        window->session()->setFeedConfig(config);
        window->toastManager()->setFadeDuration(0);
        window->toastManager()->setCoalesceInterval(10);
        window->setDesktopNotificationsEnabled(false);
        window->show();
        return window;
    }

    static bool startAndWaitLive(MainWindow &window)
    {
        QSignalSpy ready(&window, &MainWindow::ready);
        window.start();
        if (!ready.wait(10000))
            return false;
        return QTest::qWaitFor(
            [&] { return window.realTimeClient()->state() == RealTimeClient::State::Live; }, 10000);
    }

    // Clicks a card's action button where the delegate paints it, as a user would.
    static bool clickCardAction(MainWindow &window, const QString &betId, BetCardDelegate::Action action)
    {
        QListView *view = window.betList()->view();
        const QModelIndex index = window.betList()->indexOf(betId);
        if (!index.isValid() || !QTest::qWaitForWindowExposed(&window))
            return false;
        view->scrollTo(index);
        QStyleOptionViewItem option;
        option.initFrom(view->viewport());
        option.rect = view->visualRect(index);
        for (const auto &[buttonAction, rect] : window.betList()->delegate()->buttonRects(option, index)) {
            if (buttonAction == action) {
                QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
                return true;
            }
        }
        return false;
    }

    static Toast *toastTitled(MainWindow &window, const QString &title)
    {
        for (Toast *toast : window.toastManager()->toasts()) {
            if (toast->title() == title)
                return toast;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
    }

    void settingsChange_reachesTheOpenWindow()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        auto window = openWindow(server, alice);
        QVERIFY(window->betList()->showFilters());
        QCOMPARE(window->toastManager()->duration(), 6000);

        // Written by anyone (here: straight into the settings, as the settings dialog does), applied at once.
        m_settings->setValue(AppSettings::Key::ToastDurationMs, 9000);
        m_settings->setValue(AppSettings::Key::ShowFilters, false);
        m_settings->setValue(AppSettings::Key::PollIntervalMs, 7000);
        QCOMPARE(window->toastManager()->duration(), 9000);
        QVERIFY(!window->betList()->showFilters());
        QCOMPARE(window->session()->feedConfig().pollIntervalMs, 7000);
        QCOMPARE(window->realTimeClient()->config().pollIntervalMs, 7000);

        m_settings->remove(AppSettings::Key::ToastDurationMs);
        m_settings->remove(AppSettings::Key::ShowFilters);
        m_settings->remove(AppSettings::Key::PollIntervalMs);
        QCOMPARE(window->toastManager()->duration(), 6000);
        QVERIFY(window->betList()->showFilters());
    }

    void bettor_resolutionUpdatesTheCard_andItsToastOpensTheBet()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"), Role::Bettor, 100000);
        const Bet first = server.placeBet(alice, 1000, QStringLiteral("2.50"));
        const Bet second = server.placeBet(alice, 2000, QStringLiteral("1.50"));

        auto window = openWindow(server, alice);
        QVERIFY(startAndWaitLive(*window));
        QCOMPARE(window->betModel()->rowCount(), 2);
        QCOMPARE(window->connectionStatus()->text(), QStringLiteral("Live (WebSocket)"));
        QTRY_COMPARE(window->accountHeader()->balanceText(), QStringLiteral("€970.00"));
        QVERIFY(!window->adminAction()->isEnabled());

        QSignalSpy dataChanged(window->betModel(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(window->betModel(), &QAbstractItemModel::modelReset);
        HttpClient http(server.baseUrl());
        const HttpReply reply = http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(first.id),
            QJsonObject { { "result", "win" }, { "notes", "Final score 2-1" } }, op.token);
        QCOMPARE(reply.status, 200);

        // The card, the toast, the sidebar and the balance, without any reload.
        QTRY_COMPARE_WITH_TIMEOUT(window->betModel()->bet(first.id)->status, BetStatus::Settled, 5000);
        QCOMPARE(window->betModel()->bet(first.id)->payout, 2500);
        QCOMPARE(window->betModel()->bet(second.id)->status, BetStatus::Pending);
        QVERIFY(dataChanged.count() >= 1);
        for (const QList<QVariant> &args : dataChanged)
            QCOMPARE(args.at(0).value<QModelIndex>().row(), window->betModel()->rowOf(first.id));
        QCOMPARE(reset.count(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(toastTitled(*window, QStringLiteral("You won €25.00")), 5000);
        Toast *toast = toastTitled(*window, QStringLiteral("You won €25.00"));
        QCOMPARE(toast->kind(), Toast::Kind::Success);
        QVERIFY(toast->isVisible());
        QVERIFY(toast->message().contains(QStringLiteral("Final score 2-1")));
        QCOMPARE(window->recentModel()->rowCount(), 1);
        QCOMPARE(
            window->recentModel()->index(0).data(RecentResolutionsModel::BetIdRole).toString(), first.id);
        QTRY_COMPARE(window->accountHeader()->balanceText(), QStringLiteral("€995.00"));

        auto *view = toast->findChild<QPushButton *>(QStringLiteral("toastAction_view"));
        QVERIFY(view);
        QTest::mouseClick(view, Qt::LeftButton);
        BetDetailsDialog *details = window->detailsDialog(first.id);
        QVERIFY(details);
        QVERIFY(details->isVisible());
        QCOMPARE(details->betId(), first.id);
        auto *status = details->findChild<QLabel *>(QStringLiteral("field_status"));
        QVERIFY(status);
        QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Settled"), 5000);
        auto *timeline = details->findChild<QTreeWidget *>(QStringLiteral("eventTimeline"));
        QVERIFY(timeline);
        QTRY_COMPARE(timeline->topLevelItemCount(), 2);
    }

    void toast_dismissesItselfAfterTheConfiguredTime()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const Bet bet = server.placeBet(alice);
        auto window = openWindow(server, alice);
        window->toastManager()->setDuration(300);
        QVERIFY(startAndWaitLive(*window));
        HttpClient http(server.baseUrl());
        QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(bet.id),
                         QJsonObject { { "result", "loss" } }, op.token)
                     .status,
            200);
        QTRY_VERIFY_WITH_TIMEOUT(toastTitled(*window, QStringLiteral("Bet lost")), 5000);
        QCOMPARE(toastTitled(*window, QStringLiteral("Bet lost"))->kind(), Toast::Kind::Error);
        QTRY_VERIFY_WITH_TIMEOUT(!toastTitled(*window, QStringLiteral("Bet lost")), 3000);
    }

    void notificationPreferences_loadedAtSignIn_silenceToastsButNotTheModels()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const Bet bet = server.placeBet(alice);
        HttpClient http(server.baseUrl());
        QCOMPARE(http.patch(QStringLiteral("/api/v1/me/notifications"),
                         QJsonObject { { "channels",
                             QJsonObject { { "bet_resolved", QJsonObject { { "socket", false } } } } } },
                         alice.token)
                     .status,
            200);

        auto window = openWindow(server, alice);
        QVERIFY(startAndWaitLive(*window));
        QTRY_VERIFY(!window->toastManager()->showsToastFor(EventType::BetResolved));
        QVERIFY(window->desktopNotifier()->preferences() == window->toastManager()->preferences());
        QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(bet.id),
                         QJsonObject { { "result", "loss" } }, op.token)
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(window->betModel()->bet(bet.id)->status, BetStatus::Settled, 5000);
        // The sidebar entry is added in the same step that hands the event to the toasts: once it is there,
        // anything the toasts would show is pending, and flush() shows it now.
        QTRY_COMPARE(window->recentModel()->rowCount(), 1);
        window->toastManager()->flush();
        QVERIFY(!toastTitled(*window, QStringLiteral("Bet lost")));
        QVERIFY(window->toastManager()->toasts().isEmpty());
    }

    void operator_viewAs_switchesTheFeedAndTheList()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const TestUser bob = server.addUser(QStringLiteral("bob"));
        server.placeBet(alice);
        server.placeBet(alice);
        const Bet bobs = server.placeBet(bob);

        auto window = openWindow(server, op, { { QStringLiteral("alice"), alice.token } });
        QVERIFY(startAndWaitLive(*window));
        QCOMPARE(window->betModel()->rowCount(), 3);
        QVERIFY(window->adminAction()->isEnabled());
        QCOMPARE(window->adminAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+A")));
        QCOMPARE(window->realTimeClient()->feedUserId(), QString());
        QTRY_VERIFY(window->viewAsMenu()->actions().size() >= 4); // everyone, separator, alice, bob

        QSignalSpy ready(window->betSync(), &BetSync::reloaded);
        window->viewAs(QStringLiteral("alice"));
        QVERIFY(ready.wait(10000));
        QCOMPARE(window->betModel()->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(window->realTimeClient()->state(), RealTimeClient::State::Live, 10000);
        QCOMPARE(window->realTimeClient()->feedUserId(), QStringLiteral("alice"));
        QVERIFY(window->accountHeader()->identityText().contains(QStringLiteral("Viewing alice's bets")));
        // The app holds alice's token here, so her balance is shown and she can place bets.
        QTRY_COMPARE(window->accountHeader()->balanceText(), QStringLiteral("€980.00"));
        QVERIFY(window->accountHeader()->placeBetButton()->isVisibleTo(window.get()));

        // Bob's resolution is not on alice's feed.
        HttpClient http(server.baseUrl());
        QCOMPARE(http.post(QStringLiteral("/api/v1/bets/%1/resolve").arg(bobs.id),
                         QJsonObject { { "result", "win" } }, op.token)
                     .status,
            200);
        // Barrier: a later event on alice's feed. Events arrive in seq order, so once it is here bob's (earlier)
        // one would have been too, had it been on this feed.
        const Bet marker = server.placeBet(alice);
        QTRY_VERIFY_WITH_TIMEOUT(window->betModel()->contains(marker.id), 10000);
        QVERIFY(!window->betModel()->contains(bobs.id));
        const QList<Toast *> toasts = window->toastManager()->toasts();
        QCOMPARE(toasts.size(), 1); // the marker's own "Bet placed", nothing about bob's bet
        QCOMPARE(toasts.constFirst()->title(), QStringLiteral("Bet placed"));
    }

    void operator_resolvesFromTheCard_throughTheAdminResolveDialog()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const Bet bet = server.placeBet(alice, 1000, QStringLiteral("2.50"));
        const Bet other = server.placeBet(alice);
        auto window = openWindow(server, op);
        QVERIFY(startAndWaitLive(*window));

        QVERIFY(clickCardAction(*window, bet.id, BetCardDelegate::Action::Resolve));
        QPointer<ResolveDialog> dialog = window->findChild<ResolveDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->mode(), ResolveDialog::Mode::Single);
        QCOMPARE(dialog->bets().size(), 1);
        QCOMPARE(dialog->bets().constFirst().id, bet.id);
        // No result chosen yet: nothing can be sent by accident.
        QVERIFY(!dialog->resolveButton()->isEnabled());
        dialog->setResult(BetResult::Void);
        QVERIFY(!dialog->resolveButton()->isEnabled()); // voiding needs notes
        dialog->setResult(BetResult::Win);
        QCOMPARE(dialog->payoutFor(dialog->bets().constFirst()), 2500);
        QTest::keyClicks(dialog->notesEdit(), QStringLiteral("Final score 2-1"));
        QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);

        // The dialog closes on the answer and the card shows it at once.
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10000);
        QCOMPARE(window->betModel()->bet(bet.id)->status, BetStatus::Settled);
        QCOMPARE(window->betModel()->bet(bet.id)->payout, 2500);
        QCOMPARE(window->betModel()->bet(other.id)->status, BetStatus::Pending);
        const Bet stored = betthat::test::found(server.server().repository().betById(bet.id));
        QCOMPARE(stored.status, BetStatus::Settled);
        QCOMPARE(stored.result, BetResult::Win);
        QCOMPARE(stored.payout, 2500);
        QCOMPARE(stored.resolutionNotes, QStringLiteral("Final score 2-1"));
    }

    void operator_resolveFromTheCard_resolvedMeanwhile_showsTheConflict()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const Bet bet = server.placeBet(alice);
        auto window = openWindow(server, op);
        QVERIFY(startAndWaitLive(*window));

        QVERIFY(clickCardAction(*window, bet.id, BetCardDelegate::Action::Resolve));
        ResolveDialog *dialog = window->findChild<ResolveDialog *>();
        QVERIFY(dialog);
        QVERIFY(server.server().service().resolve(op.user, bet.id, BetResult::Loss, QString()).ok());
        QSignalSpy finished(dialog, &ResolveDialog::requestFinished);
        dialog->setResult(BetResult::Win);
        QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->errorText().contains(QStringLiteral("(conflict)")), qPrintable(dialog->errorText()));
        QCOMPARE(betthat::test::found(server.server().repository().betById(bet.id)).result, BetResult::Loss);
        // The live event brings the real outcome to the card.
        QTRY_COMPARE_WITH_TIMEOUT(window->betModel()->bet(bet.id)->result, BetResult::Loss, 5000);
        dialog->reject();
    }

    void operator_reviewsADisputeFromTheCard_throughTheAdminReviewDialog()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("op"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const Bet placed = server.placeBet(alice, 1000, QStringLiteral("2.00"));
        auto &service = server.server().service();
        QVERIFY(service.resolve(op.user, placed.id, BetResult::Loss, QStringLiteral("1-1")).ok());
        QVERIFY(service.dispute(alice.user, placed.id, QStringLiteral("It was 2-1")).ok());
        auto window = openWindow(server, op);
        QVERIFY(startAndWaitLive(*window));
        QCOMPARE(window->betModel()->bet(placed.id)->status, BetStatus::Disputed);

        QVERIFY(clickCardAction(*window, placed.id, BetCardDelegate::Action::ReviewDispute));
        QPointer<DisputeReviewDialog> dialog = window->findChild<DisputeReviewDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->bet().id, placed.id);
        QCOMPARE(
            dialog->findChild<QLabel *>(QStringLiteral("reasonLabel"))->text(), QStringLiteral("It was 2-1"));
        // The current result is no choice for upholding; nothing is decided without notes.
        QCOMPARE(dialog->resultCombo()->findData(static_cast<int>(BetResult::Loss)), -1);
        dialog->setDecision(DisputeState::Rejected);
        QVERIFY(!dialog->resultCombo()->isEnabled());
        QVERIFY(!dialog->decideButton()->isEnabled());
        QTest::keyClicks(dialog->notesEdit(), QStringLiteral("The replay shows 1-1"));
        QVERIFY(dialog->decideButton()->isEnabled());
        QTest::mouseClick(dialog->decideButton(), Qt::LeftButton);

        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10000);
        QCOMPARE(window->betModel()->bet(placed.id)->dispute->state, DisputeState::Rejected);
        const Bet stored = betthat::test::found(server.server().repository().betById(placed.id));
        QCOMPARE(stored.result, BetResult::Loss);
        QCOMPARE(stored.dispute->state, DisputeState::Rejected);
        QCOMPARE(stored.dispute->decisionNotes, QStringLiteral("The replay shows 1-1"));
    }

    void serverRestart_showsConnectionLostThenRestored()
    {
        TestServer server;
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        server.placeBet(alice);
        auto window = openWindow(server, alice);
        QVERIFY(startAndWaitLive(*window));

        server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(toastTitled(*window, QStringLiteral("Connection lost")), 5000);
        QCOMPARE(toastTitled(*window, QStringLiteral("Connection lost"))->kind(), Toast::Kind::Warning);
        QVERIFY(window->connectionStatus()->state() != RealTimeClient::State::Live);
        QVERIFY(server.restart());
        QTRY_VERIFY_WITH_TIMEOUT(toastTitled(*window, QStringLiteral("Connection restored")), 15000);
        QCOMPARE(window->connectionStatus()->text(), QStringLiteral("Live (WebSocket)"));
    }

    void usersUnreadable_atSignIn_keepsTrying_neverSaysSignInNeeded()
    {
        // A storage hiccup on the server (its users table unreadable) answered a valid token with 401, and the
        // app asked to sign in again. Now it is a 503 with Retry-After: the window waits and signs in by itself.
        TestServer server;
        QVERIFY(server.start());
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        server.placeBet(alice);
        auto &sqlite = dynamic_cast<server::SqliteRepository &>(server.server().repository());
        auto fault = std::make_unique<SqliteReadFault>(sqlite.database(), QStringList { QStringLiteral("users") });
        QVERIFY(fault->isActive());
        auto window = openWindow(server, alice);
        window->start();
        QTRY_VERIFY_WITH_TIMEOUT(fault->denials() >= 2, 10000); // it asked, and asked again
        QVERIFY(window->connectionStatus()->text() != QStringLiteral("Sign-in needed"));
        QVERIFY(!toastTitled(*window, QStringLiteral("Sign-in needed")));
        QVERIFY(!window->isReady());

        fault.reset();
        QTRY_VERIFY_WITH_TIMEOUT(window->isReady(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(window->connectionStatus()->text(), QStringLiteral("Live (WebSocket)"), 10000);
        QVERIFY(!toastTitled(*window, QStringLiteral("Sign-in needed")));
    }

    void badToken_saysSignInNeeded()
    {
        TestServer server;
        QVERIFY(server.start());
        TestUser nobody;
        nobody.token = QStringLiteral("bt_not_a_real_token");
        auto window = openWindow(server, nobody);
        window->start();
        QTRY_COMPARE_WITH_TIMEOUT(window->connectionStatus()->text(), QStringLiteral("Sign-in needed"), 5000);
        QVERIFY(toastTitled(*window, QStringLiteral("Sign-in needed")));
        QVERIFY(!window->isReady());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
