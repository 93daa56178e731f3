// BetCardDelegate: the actions each viewer gets, hit testing on the drawn buttons, the change highlight,
// and painting with palette colours only (light and dark).
#include "app/models/betlistmodel.h"
#include "app/net/apiclient.h"
#include "app/widgets/betcarddelegate.h"
#include "app/widgets/betdetailsdialog.h"
#include "server/core/betservice.h"
#include "tests/app/models/modelfixtures.h"
#include "tests/app/net/apitestutil.h"
#include "tests/support/testsupport.h"

#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

using Action = BetCardDelegate::Action;
Q_DECLARE_METATYPE(QList<betthat::app::BetCardDelegate::Action>)

class TestBetCardDelegate : public QObject
{
    Q_OBJECT

private:
    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
        p.setColor(QPalette::Base, QColor(0x2a, 0x2d, 0x33));
        p.setColor(QPalette::AlternateBase, QColor(0x33, 0x36, 0x3d));
        p.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3f));
        p.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
        p.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x60));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7b, 0xf0));
        return p;
    }

private Q_SLOTS:
    void actions_dependOnViewerAndBet_data()
    {
        QTest::addColumn<QString>("viewerId");
        QTest::addColumn<bool>("isOperator");
        QTest::addColumn<QString>("actingFor");
        QTest::addColumn<int>(
            "state"); // 0 pending, 1 settled now, 2 settled 8 days ago, 3 disputed, 4 decided
        QTest::addColumn<QList<Action>>("expected");
        QTest::newRow("bettor, own pending")
            << "alice" << false << "" << 0 << QList<Action> { Action::Details };
        QTest::newRow("bettor, own settled in window")
            << "alice" << false << "" << 1 << QList<Action> { Action::Details, Action::Dispute };
        QTest::newRow("bettor, window closed")
            << "alice" << false << "" << 2 << QList<Action> { Action::Details };
        QTest::newRow("bettor, someone else's")
            << "bob" << false << "" << 1 << QList<Action> { Action::Details };
        QTest::newRow("bettor, already disputed")
            << "alice" << false << "" << 3 << QList<Action> { Action::Details };
        QTest::newRow("operator, pending")
            << "op" << true << "" << 0 << QList<Action> { Action::Details, Action::Resolve };
        QTest::newRow("operator, settled") << "op" << true << "" << 1 << QList<Action> { Action::Details };
        QTest::newRow("operator, open dispute")
            << "op" << true << "" << 3 << QList<Action> { Action::Details, Action::ReviewDispute };
        QTest::newRow("operator, decided dispute")
            << "op" << true << "" << 4 << QList<Action> { Action::Details };
        QTest::newRow("operator acting for alice")
            << "op" << true << "alice" << 1 << QList<Action> { Action::Details, Action::Dispute };
    }

    void actions_dependOnViewerAndBet()
    {
        QFETCH(QString, viewerId);
        QFETCH(bool, isOperator);
        QFETCH(QString, actingFor);
        QFETCH(int, state);
        QFETCH(QList<Action>, expected);

        const QDateTime now = baseTime().addDays(30);
        BetCardDelegate delegate;
        delegate.setClock([now] { return now; });
        BetCardDelegate::Viewer viewer;
        viewer.userId = viewerId;
        viewer.isOperator = isOperator;
        if (!actingFor.isEmpty())
            viewer.actingFor.insert(actingFor);
        delegate.setViewer(viewer);

        Bet bet = makeBet(QStringLiteral("1"));
        if (state >= 1) {
            bet = resolved(bet, BetResult::Loss, 0);
            bet.resolvedAt = state == 2 ? now.addDays(-8) : now.addSecs(-60);
            bet.disputeDeadline = bet.resolvedAt.addDays(7); // the server's answer
        }
        if (state >= 3) {
            bet.status = BetStatus::Disputed;
            bet.dispute = Dispute { QStringLiteral("wrong"), now,
                state == 4 ? DisputeState::Rejected : DisputeState::Open, {}, {}, {} };
            bet.disputeDeadline = QDateTime(); // one dispute per bet
            if (state == 4)
                bet.status = BetStatus::Settled;
        }
        QCOMPARE(delegate.actionsFor(bet), expected);
    }

    // The server's window, not a local guess: with --dispute-window 1h a bet settled 2 h ago offers no Dispute
    // (card, context menu and details dialog all ask the delegate), one settled 30 min ago does.
    void serverWithOneHourWindow_disputeOfferedOnlyInsideIt()
    {
        QDateTime serverNow = baseTime();
        server::ServerConfig config;
        config.disputeWindowMs = 3600 * 1000;
        TestServer server(config);
        server.setClock([&serverNow] { return serverNow; });
        QVERIFY(server.start());
        const TestUser op = server.addUser(QStringLiteral("olga"), Role::Operator);
        const TestUser alice = server.addUser(QStringLiteral("alice"));
        const QString early = server.placeBet(alice).id;
        const QString late = server.placeBet(alice).id;
        const QDateTime now = baseTime().addSecs(3 * 3600);
        serverNow = now.addSecs(-2 * 3600);
        QVERIFY(server.server().service().resolve(op.user, early, BetResult::Loss, QStringLiteral("0-1")).ok());
        serverNow = now.addSecs(-30 * 60);
        QVERIFY(server.server().service().resolve(op.user, late, BetResult::Loss, QStringLiteral("0-1")).ok());
        serverNow = now;

        ApiClient api(ServerEndpoint(QUrl(server.baseUrl()), alice.token));
        const auto fetch = [&api](const QString &id) {
            return awaitCall<Bet>([&api, id](QObject *context, ApiCallback<Bet> done) { api.bet(id, context, done); });
        };
        const auto earlyBet = fetch(early);
        const auto lateBet = fetch(late);
        QVERIFY(earlyBet.ok() && lateBet.ok());
        QCOMPARE(earlyBet->disputeDeadline, now.addSecs(-3600));
        QCOMPARE(lateBet->disputeDeadline, now.addSecs(30 * 60));

        BetCardDelegate delegate;
        delegate.setClock([now] { return now; });
        BetCardDelegate::Viewer viewer;
        viewer.userId = alice.user.id;
        delegate.setViewer(viewer);
        QCOMPARE(delegate.actionsFor(*earlyBet), QList<Action> { Action::Details });
        QCOMPARE(delegate.actionsFor(*lateBet), (QList<Action> { Action::Details, Action::Dispute }));

        const QString disputeButton = QStringLiteral("detailsAction_%1").arg(static_cast<int>(Action::Dispute));
        for (const auto &[id, offered] : { std::pair { early, false }, std::pair { late, true } }) {
            BetDetailsDialog dialog(&api, id);
            QSignalSpy loaded(&dialog, &BetDetailsDialog::loaded);
            dialog.setActionSource(&delegate);
            dialog.reload();
            QVERIFY(loaded.wait(5000));
            QVERIFY(loaded.last().at(0).toBool());
            QCOMPARE(dialog.findChild<QPushButton *>(disputeButton) != nullptr, offered);
        }
    }

    void clickOnADrawnButton_triggersThatAction()
    {
        BetListModel model;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Bet bet = resolved(makeBet(QStringLiteral("9")), BetResult::Loss, 0);
        bet.resolvedAt = now.addSecs(-30);
        bet.disputeDeadline = bet.resolvedAt.addDays(7); // the server's answer
        model.setBets({ bet });
        QListView view;
        auto *delegate = new BetCardDelegate(&view);
        BetCardDelegate::Viewer viewer;
        viewer.userId = QStringLiteral("alice");
        delegate->setViewer(viewer);
        view.setItemDelegate(delegate);
        view.setModel(&model);
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        QStyleOptionViewItem option;
        option.initFrom(view.viewport());
        option.rect = view.visualRect(model.index(0));
        const auto buttons = delegate->buttonRects(option, model.index(0));
        QCOMPARE(buttons.size(), 2);
        QCOMPARE(buttons.at(1).first, Action::Dispute);

        QSignalSpy triggered(delegate, &BetCardDelegate::actionTriggered);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, buttons.at(1).second.center());
        QCOMPARE(triggered.count(), 1);
        QCOMPARE(triggered.at(0).at(0).value<Action>(), Action::Dispute);
        QCOMPARE(triggered.at(0).at(1).toString(), QStringLiteral("9"));

        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, buttons.at(0).second.center());
        QCOMPARE(triggered.count(), 2);
        QCOMPARE(triggered.at(1).at(0).value<Action>(), Action::Details);

        // Elsewhere on the card: no action (it just selects).
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, option.rect.topLeft() + QPoint(40, 30));
        QCOMPARE(triggered.count(), 2);
    }

    void highlight_fadesOutOverItsDuration()
    {
        BetListModel model;
        QDateTime now = baseTime();
        model.setClock([&now] { return now; });
        BetCardDelegate delegate;
        delegate.setClock([&now] { return now; });
        delegate.setHighlightDuration(1000);
        const Bet bet = makeBet(QStringLiteral("1"));
        model.setBets({ bet });
        QCOMPARE(delegate.highlightIntensity(model.index(0)), 0.0);
        model.applyEvent(resolutionEvent(1, bet, BetResult::Win, 2500));
        QCOMPARE(delegate.highlightIntensity(model.index(0)), 1.0);
        now = now.addMSecs(500);
        QCOMPARE(delegate.highlightIntensity(model.index(0)), 0.5);
        now = now.addMSecs(600);
        QCOMPARE(delegate.highlightIntensity(model.index(0)), 0.0);
    }

    void paint_usesThePalette_lightAndDark_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << QPalette(Qt::white);
        QTest::newRow("dark") << darkPalette();
    }

    void paint_usesThePalette_lightAndDark()
    {
        QFETCH(QPalette, palette);
        BetListModel model;
        model.setBets({ makeBet(QStringLiteral("1")) });
        QListView view;
        view.setPalette(palette);
        auto *delegate = new BetCardDelegate(&view);
        view.setItemDelegate(delegate);
        view.setModel(&model);
        view.resize(600, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.viewport()->grab().toImage();
        const QRect card = view.visualRect(model.index(0));
        // Inside the card, away from text and the stripe: the palette's base colour, whatever the theme.
        const QColor background = image.pixelColor(card.center().x() + 40, card.top() + 8);
        QCOMPARE(background.rgb(), palette.color(QPalette::Base).rgb());
    }
};

QTEST_MAIN(TestBetCardDelegate)
#include "tst_betcarddelegate.moc"
