#include "webhookspanel.h"

#include "app/net/apiport.h"
#include "webhooklistmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

QPushButton *button(const QString &text, const char *name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    return b;
}

} // namespace

WebhooksPanel::WebhooksPanel(ApiPort *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_model(new WebhookListModel(this))
{
    setObjectName(QStringLiteral("webhooksPanel"));
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("webhooksBanner"));
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::ToolTipBase); // stands out, and follows the palette (dark mode)
    m_banner->setForegroundRole(QPalette::ToolTipText);
    m_banner->hide();

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("webhooksView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setSectionResizeMode(WebhookListModel::UrlColumn, QHeaderView::Stretch);

    m_deliveries = new QTableWidget(0, 5, this);
    m_deliveries->setObjectName(QStringLiteral("webhookDeliveries"));
    m_deliveries->setHorizontalHeaderLabels(
        { tr("When"), tr("Event seq"), tr("Status"), tr("Latency"), tr("Error") });
    m_deliveries->horizontalHeader()->setStretchLastSection(true);
    m_deliveries->verticalHeader()->hide();
    m_deliveries->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_deliveries->setSelectionMode(QAbstractItemView::NoSelection);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("webhookUrl"));
    m_url->setPlaceholderText(tr("https://example.com/hooks/betthat"));
    auto *addButton = button(tr("Add"), "addWebhook", this);
    auto *enableButton = button(tr("Enable"), "enableWebhook", this);
    auto *disableButton = button(tr("Disable"), "disableWebhook", this);
    auto *deleteButton = button(tr("Delete"), "deleteWebhook", this);
    m_sinceSeq = new QSpinBox(this);
    m_sinceSeq->setObjectName(QStringLiteral("replaySinceSeq"));
    m_sinceSeq->setRange(0, 2147483647);
    m_sinceSeq->setPrefix(tr("after seq "));
    auto *replayButton = button(tr("Replay"), "replayWebhook", this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("webhooksStatus"));

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_url, 1);
    addRow->addWidget(addButton);
    auto *actions = new QHBoxLayout;
    actions->addWidget(enableButton);
    actions->addWidget(disableButton);
    actions->addWidget(deleteButton);
    actions->addStretch(1);
    actions->addWidget(m_sinceSeq);
    actions->addWidget(replayButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 2);
    layout->addLayout(actions);
    layout->addWidget(new QLabel(tr("Recent deliveries of the selected webhook:"), this));
    layout->addWidget(m_deliveries, 1);
    layout->addLayout(addRow);
    layout->addWidget(m_status);

    connect(addButton, &QPushButton::clicked, this, &WebhooksPanel::add);
    connect(enableButton, &QPushButton::clicked, this, [this] { setEnabled(true); });
    connect(disableButton, &QPushButton::clicked, this, [this] { setEnabled(false); });
    connect(deleteButton, &QPushButton::clicked, this, &WebhooksPanel::remove);
    connect(replayButton, &QPushButton::clicked, this, &WebhooksPanel::replay);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &WebhooksPanel::showDeliveries);
}

QString WebhooksPanel::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(WebhookListModel::IdRole).toString();
}

void WebhooksPanel::refresh()
{
    m_api->webhooks(this, [this](const Result<QList<Webhook>> &list) {
        if (!list)
            showError(list.error().message);
        else
            m_model->setWebhooks(*list);
        updateBanner();
        Q_EMIT refreshed();
    });
}

void WebhooksPanel::add()
{
    const QString url = m_url->text().trimmed();
    if (url.isEmpty())
        return;
    // Every event type: narrowing is done with the API (docs/INTEGRATIONS.md).
    const QStringList types { QStringLiteral("bet_updated"), QStringLiteral("bet_resolved"),
        QStringLiteral("bet_disputed") };
    m_api->createWebhook(url, types, {}, this, [this](const Result<Webhook> &created) {
        if (!created)
            return showError(created.error().message);
        m_url->clear();
        // The secret is shown once, so it is shown here; copy it to the receiver now.
        m_status->setText(tr("Webhook %1 added. Its signing secret (shown only now): %2")
                              .arg(created->id, created->secret));
        m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
        refresh();
    });
}

void WebhooksPanel::setEnabled(bool enabled)
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_api->setWebhookEnabled(id, enabled, this, [this](const Result<Webhook> &changed) {
        if (!changed)
            return showError(changed.error().message);
        m_model->update(*changed);
        updateBanner();
    });
}

void WebhooksPanel::remove()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_api->deleteWebhook(id, this, [this](const Result<bool> &removed) {
        if (!removed)
            return showError(removed.error().message);
        refresh();
    });
}

void WebhooksPanel::replay()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_api->replayWebhook(id, m_sinceSeq->value(), this, [this](const Result<Webhook> &replayed) {
        if (!replayed)
            return showError(replayed.error().message);
        m_model->update(*replayed);
        m_status->setText(tr("Webhook %1 replays the events after seq %2.")
                              .arg(replayed->id)
                              .arg(replayed->cursorSeq));
    });
}

void WebhooksPanel::showDeliveries()
{
    const QString id = selectedId();
    m_deliveries->setRowCount(0);
    if (id.isEmpty())
        return;
    m_api->webhookDeliveries(id, this, [this, id](const Result<QList<WebhookDelivery>> &list) {
        if (!list)
            return showError(list.error().message);
        if (selectedId() != id) // another endpoint was selected meanwhile
            return;
        m_deliveries->setRowCount(int(list->size()));
        int row = 0;
        for (const WebhookDelivery &d : *list) {
            // Receiver text (the error) is plain text in a table item: never rendered as rich text.
            const QStringList cells { QLocale().toString(d.at.toLocalTime(), QLocale::ShortFormat),
                QString::number(d.seq), d.status > 0 ? QString::number(d.status) : tr("no answer"),
                tr("%1 ms").arg(d.latencyMs), d.error };
            for (int column = 0; column < cells.size(); ++column)
                m_deliveries->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            ++row;
        }
        Q_EMIT deliveriesShown();
    });
}

void WebhooksPanel::showError(const QString &message)
{
    m_status->setText(tr("Webhooks: %1").arg(message));
}

void WebhooksPanel::updateBanner()
{
    const int disabled = m_model->disabledByFailures();
    m_banner->setVisible(disabled > 0);
    m_banner->setText(tr("%n webhook(s) were disabled after repeated failed deliveries. Fix the receiver, then "
                         "enable them: they resume where they stopped.",
        nullptr, disabled));
}

} // namespace betthat::app
