// The admin window's Webhooks tab against a real server: list, add (secret shown once), disable / enable,
// the banner and row colour of an endpoint the server disabled, its recent attempts, replay and delete.

#include "app/admin/webhooklistmodel.h"
#include "app/admin/webhookspanel.h"
#include "adminfixture.h"
#include "server/betthatserver.h"
#include "server/storage/repository.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace betthat;
using namespace betthat::app;
using namespace betthat::test;

class TestWebhooksPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void addDisableEnableReplayDelete_throughTheServer();
    void endpointDisabledByFailures_bannerAndRowColour_untilEnabled();

private:
    bool refreshed();
    void select(int row) { m_panel->findChild<QTableView *>(QStringLiteral("webhooksView"))->selectRow(row); }
    void click(const char *name) { m_panel->findChild<QPushButton *>(QLatin1String(name))->click(); }
    QString cell(int row, int column) { return m_panel->model()->index(row, column).data().toString(); }
    QLabel *label(const char *name) { return m_panel->findChild<QLabel *>(QLatin1String(name)); }

    std::unique_ptr<AdminFixture> m_fixture;
    std::unique_ptr<WebhooksPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestWebhooksPanel::init()
{
    m_fixture = std::make_unique<AdminFixture>();
    QVERIFY(m_fixture->start());
    m_panel = std::make_unique<WebhooksPanel>(m_fixture->api(m_fixture->olga));
    m_tester = std::make_unique<QAbstractItemModelTester>(m_panel->model());
    m_panel->show();
    QVERIFY(refreshed());
}

void TestWebhooksPanel::cleanup()
{
    m_tester.reset();
    m_panel.reset();
    m_fixture.reset();
}

bool TestWebhooksPanel::refreshed()
{
    QSignalSpy spy(m_panel.get(), &WebhooksPanel::refreshed);
    m_panel->refresh();
    return spy.wait(10000);
}

void TestWebhooksPanel::addDisableEnableReplayDelete_throughTheServer()
{
    QCOMPARE(m_panel->model()->rowCount(), 0);
    // A public name: registration does not resolve it (delivery would, and fail, in the background).
    m_panel->findChild<QLineEdit *>(QStringLiteral("webhookUrl"))->setText(QStringLiteral("https://hooks.example.com/in"));
    QSignalSpy refreshes(m_panel.get(), &WebhooksPanel::refreshed);
    click("addWebhook");
    QVERIFY(refreshes.wait(10000));
    QCOMPARE(m_panel->model()->rowCount(), 1);
    QCOMPARE(cell(0, WebhookListModel::UrlColumn), QStringLiteral("https://hooks.example.com/in"));
    QVERIFY(label("webhooksStatus")->text().contains(QStringLiteral("whsec_")));

    select(0);
    click("disableWebhook");
    QTRY_COMPARE(cell(0, WebhookListModel::EnabledColumn), QStringLiteral("No"));
    QVERIFY(!m_fixture->server().server().repository().webhooks().value().first().enabled);
    QVERIFY(label("webhooksBanner")->isHidden()); // switched off by an operator: no warning
    click("enableWebhook");
    QTRY_COMPARE(cell(0, WebhookListModel::EnabledColumn), QStringLiteral("Yes"));

    click("replayWebhook");
    QTRY_VERIFY(label("webhooksStatus")->text().contains(QStringLiteral("replays")));

    click("deleteWebhook");
    QTRY_COMPARE(m_panel->model()->rowCount(), 0);
    QVERIFY(m_fixture->server().server().repository().webhooks().value().isEmpty());
}

void TestWebhooksPanel::endpointDisabledByFailures_bannerAndRowColour_untilEnabled()
{
    auto &repo = m_fixture->server().server().repository();
    Webhook hook;
    hook.url = QStringLiteral("https://down.example.com/in");
    hook.eventTypes = { QStringLiteral("bet_resolved") };
    hook.secret = QStringLiteral("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    const QString id = repo.addWebhook(hook).value().id;
    server::WebhookAttempt failed;
    failed.delivery.webhookId = id;
    failed.delivery.seq = 1;
    failed.delivery.status = 410;
    failed.delivery.error = QStringLiteral("HTTP 410");
    failed.disableAfter = 1; // as the worker does at its threshold
    QVERIFY(repo.recordWebhookAttempt(failed));

    QVERIFY(refreshed());
    QCOMPARE(m_panel->model()->rowCount(), 1);
    QVERIFY(label("webhooksBanner")->isVisible());
    QCOMPARE(cell(0, WebhookListModel::EnabledColumn), QStringLiteral("Disabled after failures"));
    QCOMPARE(cell(0, WebhookListModel::LastStatusColumn), QStringLiteral("410"));
    QVERIFY(m_panel->model()->index(0, 0).data(Qt::BackgroundRole).isValid());

    // Selecting the endpoint shows its recent attempts, as the server kept them.
    QSignalSpy shown(m_panel.get(), &WebhooksPanel::deliveriesShown);
    select(0);
    QVERIFY(shown.wait(10000));
    auto *deliveries = m_panel->findChild<QTableWidget *>(QStringLiteral("webhookDeliveries"));
    QVERIFY(deliveries);
    QCOMPARE(deliveries->rowCount(), 1);
    QCOMPARE(deliveries->item(0, 1)->text(), QStringLiteral("1"));   // the event's seq
    QCOMPARE(deliveries->item(0, 2)->text(), QStringLiteral("410")); // its status
    QCOMPARE(deliveries->item(0, 4)->text(), QStringLiteral("HTTP 410"));

    click("enableWebhook");
    QTRY_COMPARE(cell(0, WebhookListModel::EnabledColumn), QStringLiteral("Yes"));
    QVERIFY(label("webhooksBanner")->isHidden());
    QVERIFY(!m_panel->model()->index(0, 0).data(Qt::BackgroundRole).isValid());
}

QTEST_MAIN(TestWebhooksPanel)
#include "tst_webhookspanel.moc"
