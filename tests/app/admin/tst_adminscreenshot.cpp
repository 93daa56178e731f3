// End to end on a real X server (xvfb-run): the admin window with a real server's data, saved as screenshots
// for the README (build/screenshots/admin.png and admin-bulk-resolve.png).
#include "adminfixture.h"
#include "app/admin/adminqueuesync.h"
#include "app/admin/adminwindow.h"
#include "app/admin/audittraildialog.h"
#include "app/admin/disputereviewdialog.h"
#include "app/admin/disputesmodel.h"
#include "app/admin/pendingbetsmodel.h"
#include "server/storage/repository.h"
#include "tests/support/resultchecks.h"
#include "app/admin/correctiondialog.h"
#include "app/admin/resolvedialog.h"
#include "app/admin/settlemarketdialog.h"
#include "app/admin/serverpanel.h"
#include "app/models/servermetricssampler.h"
#include <QTabWidget>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>

#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using betthat::test::AdminFixture;

namespace {

QString screenshotDir()
{
    const QString binaryDir = qEnvironmentVariable("BETTHAT_BINARY_DIR", QDir::currentPath());
    const QString dir = QDir(binaryDir).filePath(QStringLiteral("screenshots"));
    QDir().mkpath(dir);
    return dir;
}

// A blank or single-colour image means nothing was painted.
bool hasContent(const QImage &image)
{
    if (image.isNull() || image.width() < 200 || image.height() < 200)
        return false;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return colours.size() > 8;
}

// Renders what is on screen after pending layout and paint requests are handled (no waiting involved).
bool save(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    const QImage image = widget->grab().toImage();
    if (!hasContent(image))
        return false;
    const QString path = QDir(screenshotDir()).filePath(name);
    if (!image.save(path))
        return false;
    qInfo("saved %s", qPrintable(path));
    return true;
}

} // namespace

class TestAdminScreenshot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void adminWindow_withRealData_isShownAndSaved();
    void settleMarketAndCorrection_areShownAndSaved();
    void serverTab_withLiveData_isShownAndSaved();
};

void TestAdminScreenshot::adminWindow_withRealData_isShownAndSaved()
{
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
    // The README shows the English UI, whatever the machine's locale.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    AdminFixture fx;
    // Bets placed over the last hours, so the queue shows real waiting times.
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-7 * 3600);
    auto now = std::make_shared<QDateTime>(start);
    fx.server().setClock([now] { return *now; });
    QVERIFY(fx.start());
    const auto later = [&](int minutes) { *now = now->addSecs(60 * minutes); };

    struct Seed
    {
        const char *event, *market, *selection, *odds;
        qint64 stake;
    };
    const Seed seeds[] = {
        { "Arsenal v Chelsea", "Match winner", "Arsenal", "2.10", 2500 },
        { "Arsenal v Chelsea", "Match winner", "Draw", "3.40", 1000 },
        { "Arsenal v Chelsea", "Total goals", "Over 2.5", "1.85", 2000 },
        { "Arsenal v Chelsea", "Total goals", "Under 2.5", "2.05", 1500 },
        { "Lakers v Celtics", "Match winner", "Celtics", "1.72", 5000 },
        { "Lakers v Celtics", "Total points", "Over 221.5", "1.91", 1000 },
        { "France v New Zealand", "Match winner", "France", "1.30", 4000 },
        { "France v New Zealand", "Handicap", "New Zealand +7.5", "1.95", 1200 },
        { "Djokovic v Alcaraz", "Match winner", "Alcaraz", "2.25", 800 },
        { "Djokovic v Alcaraz", "Total sets", "Over 3.5", "1.66", 1000 },
    };
    int i = 0;
    for (const Seed &s : seeds) {
        fx.place(i % 3 == 0 ? fx.bob : fx.alice, QString::fromUtf8(s.event), QString::fromUtf8(s.market),
            s.stake, QString::fromUtf8(s.odds), QString::fromUtf8(s.selection));
        later(17 + 3 * i++);
    }
    // Two settled bets the bettors dispute.
    const Bet lost = fx.place(fx.alice, QStringLiteral("Real Madrid v Barcelona"),
        QStringLiteral("Match winner"), 3000, QStringLiteral("2.40"), QStringLiteral("Barcelona"));
    later(40);
    fx.dispute(fx.resolve(lost.id, BetResult::Loss, QStringLiteral("Real Madrid won 2-1")),
        QStringLiteral("Barcelona won 2-1 after extra time; the result is wrong"));
    const Bet voided = fx.place(fx.bob, QStringLiteral("Bulls v Knicks"), QStringLiteral("Match winner"),
        2000, QStringLiteral("1.80"), QStringLiteral("Knicks"));
    later(25);
    fx.dispute(fx.resolve(voided.id, BetResult::Void, QStringLiteral("Postponed")),
        QStringLiteral("The game was played the next day"));
    *now = QDateTime::currentDateTimeUtc();

    AdminWindow window(fx.api(fx.olga), fx.feed(fx.olga));
    window.resize(1280, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.queueSync()->hasLoaded() && !window.queueSync()->isLoading());
    QTRY_VERIFY(window.realTimeClient()->isConnected());
    QCOMPARE(window.pendingModel()->rowCount(), 10);
    QCOMPARE(window.disputesModel()->rowCount(), 2);

    // The operator selects the bets of one event (the Event filter would narrow the list to them).
    QStringList arsenal;
    for (const Bet &bet : window.pendingModel()->bets()) {
        if (bet.eventName == QLatin1String("Arsenal v Chelsea"))
            arsenal << bet.id;
    }
    QCOMPARE(window.selectPendingBets(arsenal), 4);
    window.pendingView()->setFocus();
    QVERIFY(save(&window, QStringLiteral("admin.png")));

    // The bulk resolve confirmation for the selection.
    window.bulkResolveAction()->trigger();
    auto *dialog = window.findChild<ResolveDialog *>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->setResult(BetResult::Void);
    dialog->setNotes(QStringLiteral("Match abandoned after 20 minutes (floodlight failure)"));
    QVERIFY(save(dialog, QStringLiteral("admin-bulk-resolve.png")));
    QTest::mouseClick(dialog->resolveButton(), Qt::LeftButton);
    QCOMPARE(dialog->page(), ResolveDialog::Page::Confirm);
    QVERIFY(save(dialog, QStringLiteral("admin-bulk-confirm.png")));
    dialog->reject();

    // The disputes with their reasons and ages.
    window.tabs()->setCurrentIndex(1);
    QVERIFY(window.selectDispute(lost.id));
    QVERIFY(save(&window, QStringLiteral("admin-disputes.png")));

    window.reviewDisputeAction()->trigger();
    auto *review = window.findChild<DisputeReviewDialog *>();
    QVERIFY(review);
    QVERIFY(QTest::qWaitForWindowExposed(review));
    review->setDecision(DisputeState::Upheld);
    review->setNewResult(BetResult::Win);
    review->setNotes(QStringLiteral("The official report confirms 2-1 to Barcelona after extra time"));
    QVERIFY(save(review, QStringLiteral("admin-dispute-review.png")));
    review->reject();

    window.auditTrailAction()->trigger();
    auto *audit = window.findChild<AuditTrailDialog *>();
    QVERIFY(audit);
    QVERIFY(QTest::qWaitForWindowExposed(audit));
    QTRY_VERIFY(!audit->isLoading());
    QTRY_VERIFY(!audit->summaryLabel()->text().isEmpty());
    QVERIFY(save(audit, QStringLiteral("admin-audit-trail.png")));
    audit->reject();
}

void TestAdminScreenshot::settleMarketAndCorrection_areShownAndSaved()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    AdminFixture fx;
    QVERIFY(fx.start());
    const QString race = QStringLiteral("Cheltenham 14:30");
    const QString win = QStringLiteral("Win");
    const Bet crown = fx.place(fx.alice, race, win, 1000, QStringLiteral("5.00"), QStringLiteral("Desert Crown"));
    fx.place(fx.bob, race, win, 500, QStringLiteral("5.50"), QStringLiteral("Desert Crown"));
    const Bet galopin = fx.place(fx.alice, race, win, 2000, QStringLiteral("3.00"), QStringLiteral("Galopin"));
    fx.place(fx.bob, race, win, 1000, QStringLiteral("8.00"), QStringLiteral("Sir Gino"));
    fx.place(fx.alice, race, win, 500, QStringLiteral("12.00"), QStringLiteral("Lucky Strike"));
    fx.place(fx.bob, QStringLiteral("Arsenal v Chelsea"), QStringLiteral("Match winner"), 2500,
        QStringLiteral("2.10"), QStringLiteral("Arsenal"));

    AdminWindow window(fx.api(fx.olga), fx.feed(fx.olga));
    window.resize(1280, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.queueSync()->hasLoaded() && !window.queueSync()->isLoading());
    QCOMPARE(window.selectPendingBets({ crown.id }), 1);

    // The photo finish: a dead heat for first between Desert Crown and Galopin, a withdrawn horse's Rule 4.
    window.settleMarketAction()->trigger();
    auto *settle = window.findChild<SettleMarketDialog *>();
    QVERIFY(settle);
    QSignalSpy loaded(settle, &SettleMarketDialog::loaded);
    QVERIFY(QTest::qWaitForWindowExposed(settle));
    QVERIFY(loaded.wait());
    settle->setOutcome(QStringLiteral("Desert Crown"), BetResult::Win, {}, QStringLiteral("0.5"));
    settle->setOutcome(QStringLiteral("Galopin"), BetResult::Win, {}, QStringLiteral("0.5"));
    settle->findChild<QSpinBox *>(QStringLiteral("deductionSpin"))->setValue(15);
    auto *certainty = settle->findChild<QComboBox *>(QStringLiteral("certaintyCombo"));
    certainty->setCurrentIndex(certainty->findData(int(Certainty::Provisional)));
    settle->findChild<QCheckBox *>(QStringLiteral("othersLoseCheck"))->setChecked(true);
    settle->findChild<QPlainTextEdit *>(QStringLiteral("notesEdit"))
        ->setPlainText(QStringLiteral("Photo: dead heat for first. Rule 4 (15p): Night Owl withdrawn"));
    QVERIFY2(settle->problem().isEmpty(), qPrintable(settle->problem()));
    QVERIFY(save(settle, QStringLiteral("admin-settle-market.png")));
    QTest::mouseClick(settle->findChild<QPushButton *>(QStringLiteral("continueButton")), Qt::LeftButton);
    QCOMPARE(settle->page(), SettleMarketDialog::Page::Confirm);
    QVERIFY(save(settle, QStringLiteral("admin-settle-confirm.png")));
    QSignalSpy finished(settle, &SettleMarketDialog::requestFinished);
    QTest::mouseClick(settle->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
    QVERIFY(finished.wait());
    QCOMPARE(settle->page(), SettleMarketDialog::Page::Report);
    QVERIFY(save(settle, QStringLiteral("admin-settle-report.png")));
    settle->accept();

    // The judge's review: no dead heat after all, Galopin won outright. The operator re-settles that bet.
    const Bet settled = betthat::test::found(fx.server().server().repository().betById(galopin.id));
    CorrectionDialog *correction = window.openResettle(settled);
    QVERIFY(QTest::qWaitForWindowExposed(correction));
    auto *result = correction->findChild<QComboBox *>(QStringLiteral("resultCombo"));
    result->setCurrentIndex(result->findData(int(BetResult::Win)));
    correction->findChild<QSpinBox *>(QStringLiteral("deductionSpin"))->setValue(15);
    correction->findChild<QPlainTextEdit *>(QStringLiteral("notesEdit"))
        ->setPlainText(QStringLiteral("Judge's review: Galopin won by a nose, no dead heat"));
    QVERIFY2(correction->problem().isEmpty(), qPrintable(correction->problem()));
    QVERIFY(save(correction, QStringLiteral("admin-resettle.png")));
    correction->reject();
}

void TestAdminScreenshot::serverTab_withLiveData_isShownAndSaved()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    AdminFixture fx;
    // Hundreds of resolutions in seconds: the window fetches each changed bet, far beyond an operator's pace.
    fx.server().config().rateLimits.requestsPerSecond = 0;
    QVERIFY(fx.start());
    AdminWindow window(fx.api(fx.olga), fx.feed(fx.olga));
    window.resize(1280, 760);
    ServerMetricsSampler *sampler = window.serverPanel()->sampler();
    sampler->stop();
    // Ten minutes of a real server's metrics in a few seconds: each scrape is stamped five seconds after the
    // one before, and between scrapes bettors come online and bets are placed and resolved at a changing pace.
    auto stamp = std::make_shared<QDateTime>(QDateTime::currentDateTimeUtc().addSecs(-10 * 60));
    sampler->setClock([stamp] { return *stamp = stamp->addSecs(5); });
    window.tabs()->setCurrentWidget(window.serverPanel());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy added(sampler, &ServerMetricsSampler::sampleAdded);
    QList<betthat::test::TestUser> bettors { fx.alice, fx.bob };
    for (int i = 0; i < 4; ++i)
        bettors << fx.server().addUser(QStringLiteral("bettor%1").arg(i), Role::Bettor, 1000000);
    int online = 0;
    for (int step = 0; step < 120; ++step) {
        if (step % 12 == 0 && online < bettors.size()) {
            RealTimeClient *feed = fx.feed(bettors.at(online++));
            QTRY_VERIFY(feed->state() == RealTimeClient::State::Live);
        }
        const int bets = 1 + (step % 5) + (step > 60 && step < 80 ? 6 : 0);
        for (int i = 0; i < bets; ++i) {
            const betthat::test::TestUser &bettor = bettors.at((step + i) % online);
            fx.resolve(fx.place(bettor).id, i % 3 ? BetResult::Loss : BetResult::Win);
        }
        QVERIFY(sampler->scrapeNow());
        QVERIFY2(added.wait(10000),
            qPrintable(QStringLiteral("step %1: %2").arg(step).arg(sampler->lastError().message)));
    }
    const auto *latency = window.serverPanel()->findChild<QChartView *>(QStringLiteral("latencyChart"));
    QVERIFY(latency);
    QCOMPARE(latency->chart()->series().size(), 2);
    QVERIFY(qobject_cast<QLineSeries *>(latency->chart()->series().constLast())->count() > 50);
    QVERIFY(save(&window, QStringLiteral("admin-server.png")));
}

QTEST_MAIN(TestAdminScreenshot)
#include "tst_adminscreenshot.moc"
