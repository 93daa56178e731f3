#include "adminwindow.h"

#include "adminqueuesync.h"
#include "app/models/betformatter.h"
#include "app/net/apiclient.h"
#include "app/net/realtimeclient.h"
#include "audittraildialog.h"
#include "correctiondialog.h"
#include "disputereviewdialog.h"
#include "disputesmodel.h"
#include "pendingbetsfiltermodel.h"
#include "pendingbetsmodel.h"
#include "webhookspanel.h"
#include "resolvedialog.h"
#include "serverpanel.h"
#include "settlemarketdialog.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

namespace betthat::app {

namespace {

enum TabIndex { PendingTab = 0, DisputesTab = 1 };

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    return view;
}

// Keeps the choice when the list of values changes under it (bets come and go with the live feed).
void setChoices(QComboBox *combo, const QString &allText, const QStringList &values)
{
    const QString current = combo->currentData().toString();
    QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const QString &value : values)
        combo->addItem(value, value);
    // A filtered value whose last bet left stays selectable, so the filter does not jump to "all" under the
    // user.
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(current, current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

// The app's SVG icons live in its resources (betthat_appui); without them (tests, other hosts) the style's
// own.
QIcon themedIcon(const QString &name, QStyle::StandardPixmap fallback, const QWidget *widget)
{
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    return QFile::exists(path) ? QIcon(path) : widget->style()->standardIcon(fallback);
}

} // namespace

AdminWindow::AdminWindow(ApiPort *api, RealTimeClient *realtime, QWidget *parent)
    : QMainWindow(parent)
    , m_api(api)
    , m_realtime(realtime)
    , m_pendingModel(new PendingBetsModel(this))
    , m_pendingProxy(new PendingBetsFilterModel(this))
    , m_disputesModel(new DisputesModel(this))
    , m_disputesProxy(new QSortFilterProxyModel(this))
    , m_ageTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("adminWindow"));
    setWindowTitle(tr("Bet That — Operator"));
    setWindowIcon(themedIcon(QStringLiteral("admin"), QStyle::SP_ComputerIcon, this));
    Q_ASSERT(m_realtime);
    m_pendingProxy->setSourceModel(m_pendingModel);
    m_disputesProxy->setSourceModel(m_disputesModel);
    m_disputesProxy->setSortRole(BetTableModel::SortRole);
    m_disputesProxy->setDynamicSortFilter(true);
    m_sync = new AdminQueueSync(api, m_realtime, m_pendingModel, m_disputesModel, this);

    buildActions();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("adminTabs"));
    m_tabs->addTab(buildPendingTab(), tr("&Pending"));
    m_tabs->addTab(buildDisputesTab(), tr("&Disputes"));
    m_webhooks = new WebhooksPanel(m_api, this);
    m_tabs->addTab(m_webhooks, tr("&Webhooks"));
    // Samples from the start, so the charts already hold the last minutes when the operator looks.
    m_server = new ServerPanel(m_api, this);
    m_tabs->addTab(m_server, tr("&Server"));
    setCentralWidget(m_tabs);

    m_feedStatus = new QLabel(this);
    m_feedStatus->setObjectName(QStringLiteral("feedStatus"));
    m_loadStatus = new QLabel(this);
    m_loadStatus->setObjectName(QStringLiteral("loadStatus"));
    statusBar()->addWidget(m_loadStatus, 1);
    statusBar()->addPermanentWidget(m_feedStatus);

    connect(m_tabs, &QTabWidget::currentChanged, this, &AdminWindow::updateActions);
    connect(m_sync, &AdminQueueSync::loaded, this, [this] {
        m_loadStatus->setText(
            tr("Loaded at %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
        m_pendingView->resizeColumnsToContents();
        m_disputesView->resizeColumnsToContents();
    });
    connect(m_sync, &AdminQueueSync::loadFailed, this, [this](const Error &error) {
        m_loadStatus->setText(error.code == ErrorCode::Forbidden
                ? tr("Only operators can use the admin window.")
                : tr("Could not load the queue: %1").arg(BetFormatter::error(error)));
    });
    for (QAbstractItemModel *model : { static_cast<QAbstractItemModel *>(m_pendingProxy),
             static_cast<QAbstractItemModel *>(m_disputesModel) }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &AdminWindow::updateCounts);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &AdminWindow::updateCounts);
        connect(model, &QAbstractItemModel::modelReset, this, &AdminWindow::updateCounts);
    }
    connect(m_pendingModel, &QAbstractItemModel::rowsInserted, this, &AdminWindow::updateFilterChoices);
    connect(m_pendingModel, &QAbstractItemModel::rowsRemoved, this, &AdminWindow::updateFilterChoices);
    connect(m_pendingModel, &QAbstractItemModel::modelReset, this, &AdminWindow::updateFilterChoices);
    connect(m_realtime, &RealTimeClient::stateChanged, this, &AdminWindow::updateFeedStatus);
    connect(m_realtime, &RealTimeClient::lastErrorChanged, this, &AdminWindow::updateFeedStatus);

    // Ages tick on without any event.
    m_ageTimer->setInterval(30 * 1000);
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        m_pendingModel->refreshAges();
        m_disputesModel->refreshAges();
    });
    m_ageTimer->start();

    resize(1100, 640);
    updateActions();
    updateCounts();
    updateFeedStatus();
    refresh();
}

AdminWindow::~AdminWindow() = default;

void AdminWindow::buildActions()
{
    m_resolveAction = new QAction(
        themedIcon(QStringLiteral("resolve"), QStyle::SP_DialogApplyButton, this), tr("&Resolve…"), this);
    m_resolveAction->setObjectName(QStringLiteral("resolveAction"));
    m_resolveAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    m_resolveAction->setToolTip(tr("Resolve the selected bet"));
    connect(m_resolveAction, &QAction::triggered, this, &AdminWindow::openResolveDialog);

    m_bulkResolveAction
        = new QAction(themedIcon(QStringLiteral("resolve"), QStyle::SP_DialogApplyButton, this),
            tr("&Bulk resolve…"), this);
    m_bulkResolveAction->setObjectName(QStringLiteral("bulkResolveAction"));
    m_bulkResolveAction->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    m_bulkResolveAction->setToolTip(tr("Resolve every selected bet with one result"));
    connect(m_bulkResolveAction, &QAction::triggered, this, &AdminWindow::openBulkResolveDialog);

    m_reviewAction = new QAction(themedIcon(QStringLiteral("dispute"), QStyle::SP_MessageBoxWarning, this),
        tr("Review &dispute…"), this);
    m_reviewAction->setObjectName(QStringLiteral("reviewDisputeAction"));
    m_reviewAction->setShortcut(QKeySequence(tr("Ctrl+D")));
    connect(m_reviewAction, &QAction::triggered, this, &AdminWindow::openDisputeReview);

    m_auditAction
        = new QAction(themedIcon(QStringLiteral("details"), QStyle::SP_FileDialogDetailedView, this),
            tr("&Audit trail"), this);
    m_auditAction->setObjectName(QStringLiteral("auditTrailAction"));
    m_auditAction->setShortcut(QKeySequence(tr("Ctrl+T")));
    connect(m_auditAction, &QAction::triggered, this, &AdminWindow::openAuditTrail);

    m_refreshAction = new QAction(
        themedIcon(QStringLiteral("refresh"), QStyle::SP_BrowserReload, this), tr("Re&fresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &AdminWindow::refresh);

    m_settleMarketAction = new QAction(
        themedIcon(QStringLiteral("resolve"), QStyle::SP_DialogApplyButton, this), tr("Settle &market…"), this);
    m_settleMarketAction->setObjectName(QStringLiteral("settleMarketAction"));
    m_settleMarketAction->setShortcut(QKeySequence(tr("Ctrl+M")));
    m_settleMarketAction->setToolTip(
        tr("Settle the market of the selected bet: an outcome per selection, dead heats, Rule 4"));
    connect(m_settleMarketAction, &QAction::triggered, this, &AdminWindow::openSettleMarketDialog);

    m_resettleAction = new QAction(tr("Re-&settle…"), this);
    m_resettleAction->setObjectName(QStringLiteral("resettleAction"));
    m_resettleAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_resettleAction->setToolTip(tr("Give a settled or voided bet a different outcome"));
    connect(m_resettleAction, &QAction::triggered, this, [this] { correctBet(false); });

    m_rollbackAction = new QAction(tr("Roll back to &pending…"), this);
    m_rollbackAction->setObjectName(QStringLiteral("rollbackAction"));
    m_rollbackAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    m_rollbackAction->setToolTip(tr("Undo the settlement of a bet: it becomes pending again"));
    connect(m_rollbackAction, &QAction::triggered, this, [this] { correctBet(true); });

    auto *toolbar = addToolBar(tr("Actions"));
    toolbar->setObjectName(QStringLiteral("adminToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_resolveAction);
    toolbar->addAction(m_bulkResolveAction);
    toolbar->addAction(m_settleMarketAction);
    toolbar->addSeparator();
    toolbar->addAction(m_reviewAction);
    toolbar->addAction(m_auditAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);

    QMenu *menu = menuBar()->addMenu(tr("&Bets"));
    menu->addAction(m_resolveAction);
    menu->addAction(m_bulkResolveAction);
    menu->addAction(m_reviewAction);
    menu->addAction(m_auditAction);
    menu->addSeparator();
    menu->addAction(m_settleMarketAction);
    menu->addAction(m_resettleAction);
    menu->addAction(m_rollbackAction);
    menu->addSeparator();
    menu->addAction(m_refreshAction);
    menu->addSeparator();
    auto *close = menu->addAction(tr("&Close"));
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
}

QWidget *AdminWindow::buildPendingTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *filters = new QHBoxLayout;
    const auto addFilter = [&](const QString &label, const QString &name) {
        auto *combo = new QComboBox(page);
        combo->setObjectName(name);
        // A fixed width: choices come and go with the live feed, and the bar must not jump around.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(18);
        auto *text = new QLabel(label, page);
        text->setBuddy(combo);
        filters->addWidget(text);
        filters->addWidget(combo);
        return combo;
    };
    m_eventFilter = addFilter(tr("&Event:"), QStringLiteral("eventFilter"));
    m_marketFilter = addFilter(tr("&Market:"), QStringLiteral("marketFilter"));
    m_userFilter = addFilter(tr("B&ettor:"), QStringLiteral("userFilter"));
    auto *clear = new QPushButton(tr("Clear filters"), page);
    clear->setObjectName(QStringLiteral("clearFilters"));
    filters->addWidget(clear);
    filters->addStretch(1);
    m_pendingCount = new QLabel(page);
    m_pendingCount->setObjectName(QStringLiteral("pendingCount"));
    filters->addWidget(m_pendingCount);
    layout->addLayout(filters);

    m_pendingView = makeTable(m_pendingProxy, page);
    m_pendingView->setObjectName(QStringLiteral("pendingView"));
    m_pendingView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pendingView->sortByColumn(PendingBetsModel::PlacedColumn, Qt::DescendingOrder);
    m_pendingView->horizontalHeader()->setStretchLastSection(false);
    m_pendingView->horizontalHeader()->setSectionResizeMode(
        PendingBetsModel::SelectionColumn, QHeaderView::Stretch);
    m_pendingView->addAction(m_resolveAction);
    m_pendingView->addAction(m_bulkResolveAction);
    m_pendingView->addAction(m_auditAction);
    layout->addWidget(m_pendingView, 1);

    connect(m_eventFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_pendingProxy->setEventFilter(m_eventFilter->currentData().toString()); });
    connect(m_marketFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_pendingProxy->setMarketFilter(m_marketFilter->currentData().toString()); });
    connect(m_userFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_pendingProxy->setUserFilter(m_userFilter->currentData().toString()); });
    connect(clear, &QPushButton::clicked, this, [this] {
        m_eventFilter->setCurrentIndex(0);
        m_marketFilter->setCurrentIndex(0);
        m_userFilter->setCurrentIndex(0);
    });
    connect(m_pendingView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &AdminWindow::updateActions);
    connect(m_pendingView, &QTableView::doubleClicked, this, [this] { openResolveDialog(); });
    updateFilterChoices();
    return page;
}

QWidget *AdminWindow::buildDisputesTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_disputesView = makeTable(m_disputesProxy, page);
    m_disputesView->setObjectName(QStringLiteral("disputesView"));
    m_disputesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_disputesView->sortByColumn(DisputesModel::AgeColumn, Qt::DescendingOrder);
    m_disputesView->horizontalHeader()->setStretchLastSection(false);
    m_disputesView->horizontalHeader()->setSectionResizeMode(
        DisputesModel::ReasonColumn, QHeaderView::Stretch);
    m_disputesView->addAction(m_reviewAction);
    m_disputesView->addAction(m_auditAction);
    layout->addWidget(m_disputesView, 1);
    connect(m_disputesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &AdminWindow::updateActions);
    connect(m_disputesView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &AdminWindow::updateActions);
    connect(m_disputesView, &QTableView::doubleClicked, this, [this] { openDisputeReview(); });
    return page;
}

void AdminWindow::setClock(Clock clock)
{
    m_pendingModel->setClock(clock);
    m_disputesModel->setClock(std::move(clock));
    m_pendingModel->refreshAges();
    m_disputesModel->refreshAges();
}

void AdminWindow::refresh()
{
    m_loadStatus->setText(tr("Loading…"));
    m_sync->reload();
    m_webhooks->refresh();
}

QList<Bet> AdminWindow::selectedPendingBets() const
{
    QModelIndexList rows = m_pendingView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<Bet> bets;
    for (const QModelIndex &proxyIndex : std::as_const(rows)) {
        const QModelIndex source = m_pendingProxy->mapToSource(proxyIndex);
        if (source.isValid())
            bets.append(m_pendingModel->betAt(source.row()));
    }
    return bets;
}

std::optional<Bet> AdminWindow::currentDispute() const
{
    if (!m_disputesView)
        return std::nullopt;
    const QModelIndexList rows = m_disputesView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const QModelIndex source = m_disputesProxy->mapToSource(rows.constFirst());
    if (!source.isValid())
        return std::nullopt;
    return m_disputesModel->betAt(source.row());
}

int AdminWindow::selectPendingBets(const QStringList &betIds)
{
    QItemSelection selection;
    const QSet<QString> wanted(betIds.cbegin(), betIds.cend());
    for (int row = 0; row < m_pendingProxy->rowCount(); ++row) {
        const QModelIndex index = m_pendingProxy->index(row, 0);
        if (wanted.contains(index.data(BetTableModel::BetIdRole).toString()))
            selection.select(index, m_pendingProxy->index(row, m_pendingProxy->columnCount() - 1));
    }
    m_pendingView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        m_pendingView->selectionModel()->setCurrentIndex(
            selection.first().topLeft(), QItemSelectionModel::NoUpdate);
    return static_cast<int>(m_pendingView->selectionModel()->selectedRows().size());
}

bool AdminWindow::selectDispute(const QString &betId)
{
    const int sourceRow = m_disputesModel->rowOf(betId);
    if (sourceRow < 0)
        return false;
    m_tabs->setCurrentIndex(DisputesTab);
    const QModelIndex index = m_disputesProxy->mapFromSource(m_disputesModel->index(sourceRow, 0));
    m_disputesView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

QString AdminWindow::currentBetId() const
{
    if (m_tabs->currentIndex() == DisputesTab) {
        const auto dispute = currentDispute();
        return dispute ? dispute->id : QString();
    }
    const QList<Bet> selected = selectedPendingBets();
    return selected.size() == 1 ? selected.constFirst().id : QString();
}

void AdminWindow::updateActions()
{
    if (!m_tabs || !m_pendingView || !m_disputesView)
        return;
    const bool onPending = m_tabs && m_tabs->currentIndex() == PendingTab;
    const int selected
        = onPending ? static_cast<int>(m_pendingView->selectionModel()->selectedRows().size()) : 0;
    m_resolveAction->setEnabled(onPending && selected == 1);
    m_bulkResolveAction->setEnabled(onPending && selected >= 1);
    // "Label: number" wording needs no plural forms, so it reads right without an English translation file.
    m_bulkResolveAction->setText(
        selected > 1 ? tr("&Bulk resolve (%1)…").arg(selected) : tr("&Bulk resolve…"));
    m_reviewAction->setEnabled(
        m_tabs && m_tabs->currentIndex() == DisputesTab && currentDispute().has_value());
    m_auditAction->setEnabled(m_tabs && !currentBetId().isEmpty());
}

SettleMarketDialog *AdminWindow::openSettleMarketDialog()
{
    const QList<Bet> selected = selectedPendingBets();
    if (!selected.isEmpty())
        return openSettleMarket(selected.constFirst().eventName, selected.constFirst().market);
    const QString eventName = m_eventFilter->currentData().toString();
    const QString market = m_marketFilter->currentData().toString();
    if (eventName.isEmpty() || market.isEmpty()) {
        m_loadStatus->setText(tr("Select a pending bet of the market, or choose its event and market filters."));
        return nullptr;
    }
    return openSettleMarket(eventName, market);
}

SettleMarketDialog *AdminWindow::openSettleMarket(const QString &eventName, const QString &market)
{
    auto *dialog = new SettleMarketDialog(m_api, eventName, market, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettleMarketDialog::betsSettled, m_sync, [this](const QList<Bet> &settled) {
        for (const Bet &bet : settled)
            m_sync->applyBet(bet);
    });
    dialog->open();
    return dialog;
}

CorrectionDialog *AdminWindow::openResettle(const Bet &bet)
{
    auto *dialog = new CorrectionDialog(m_api, bet, CorrectionDialog::Mode::Resettle, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CorrectionDialog::corrected, m_sync, &AdminQueueSync::applyBet);
    dialog->open();
    return dialog;
}

CorrectionDialog *AdminWindow::openRollback(const Bet &bet)
{
    auto *dialog = new CorrectionDialog(m_api, bet, CorrectionDialog::Mode::Rollback, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CorrectionDialog::corrected, m_sync, &AdminQueueSync::applyBet);
    dialog->open();
    return dialog;
}

void AdminWindow::correctBet(bool rollback)
{
    bool ok = false;
    const QString betId = QInputDialog::getText(this,
        rollback ? tr("Roll back to pending") : tr("Re-settle"), tr("Bet ID:"), QLineEdit::Normal,
        currentBetId(), &ok)
                              .trimmed();
    if (!ok || betId.isEmpty())
        return;
    // The bet as the server has it now: a correction starts from its current outcome, not from a stale row.
    m_loadStatus->setText(tr("Loading bet %1…").arg(betId));
    m_api->bet(betId, this, [this, rollback, betId](const Result<Bet> &bet) {
        if (!bet) {
            m_loadStatus->setText(tr("Bet %1: %2").arg(betId, BetFormatter::error(bet.error())));
            return;
        }
        m_loadStatus->clear();
        if (rollback)
            openRollback(*bet);
        else
            openResettle(*bet);
    });
}

void AdminWindow::updateFilterChoices()
{
    setChoices(m_eventFilter, tr("All events"), m_pendingModel->distinctValues(BetTableModel::EventNameRole));
    setChoices(m_marketFilter, tr("All markets"), m_pendingModel->distinctValues(BetTableModel::MarketRole));
    setChoices(m_userFilter, tr("All bettors"), m_pendingModel->distinctValues(BetTableModel::UserIdRole));
}

void AdminWindow::updateCounts()
{
    if (!m_tabs)
        return;
    const int shown = m_pendingProxy->rowCount();
    const int total = m_pendingModel->rowCount();
    m_pendingCount->setText(shown == total ? tr("Pending bets: %1").arg(total)
                                           : tr("Shown: %1 of %2 pending bets").arg(shown).arg(total));
    m_tabs->setTabText(PendingTab, tr("&Pending (%1)").arg(total));
    m_tabs->setTabText(DisputesTab, tr("&Disputes (%1)").arg(m_disputesModel->rowCount()));
    updateActions();
}

void AdminWindow::updateFeedStatus()
{
    if (!m_feedStatus || !m_realtime)
        return;
    const RealTimeClient::State state = m_realtime->state();
    QString text;
    switch (state) {
    case RealTimeClient::State::Live:
        text = tr("Live");
        break;
    case RealTimeClient::State::Polling:
        text = tr("Live (polling)");
        break;
    case RealTimeClient::State::Connecting:
        text = tr("Connecting…");
        break;
    case RealTimeClient::State::Reconnecting:
        text = tr("Reconnecting…");
        break;
    case RealTimeClient::State::Offline:
        text = tr("Offline: the queue may be out of date");
        break;
    case RealTimeClient::State::AuthFailed:
        text = tr("Signed out: sign in again");
        break;
    case RealTimeClient::State::Stopped:
        text = tr("Live updates off");
        break;
    }
    m_feedStatus->setText(text);
    m_feedStatus->setToolTip(m_realtime->lastError());
}

ResolveDialog *AdminWindow::openResolveDialog()
{
    const QList<Bet> bets = selectedPendingBets();
    if (bets.size() != 1)
        return nullptr;
    return openResolve(bets, false);
}

ResolveDialog *AdminWindow::openBulkResolveDialog()
{
    const QList<Bet> bets = selectedPendingBets();
    if (bets.isEmpty())
        return nullptr;
    return openResolve(bets, true);
}

ResolveDialog *AdminWindow::openResolve(const QList<Bet> &bets, bool bulk)
{
    auto *dialog = new ResolveDialog(
        m_api, bets, bulk ? ResolveDialog::Mode::Bulk : ResolveDialog::Mode::Single, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Our own answer is first-hand: the bets leave the queue now, not when the feed echoes them.
    connect(dialog, &ResolveDialog::betsResolved, m_sync, [this](const QList<Bet> &resolved) {
        for (const Bet &bet : resolved)
            m_sync->applyBet(bet);
    });
    dialog->open();
    return dialog;
}

DisputeReviewDialog *AdminWindow::openDisputeReview()
{
    const auto bet = currentDispute();
    if (!bet)
        return nullptr;
    auto *dialog = new DisputeReviewDialog(m_api, *bet, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DisputeReviewDialog::decided, m_sync, &AdminQueueSync::applyBet);
    dialog->open();
    return dialog;
}

AuditTrailDialog *AdminWindow::openAuditTrail()
{
    const QString betId = currentBetId();
    if (betId.isEmpty())
        return nullptr;
    auto *dialog = new AuditTrailDialog(m_api, betId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace betthat::app
