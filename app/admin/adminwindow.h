#pragma once

// The operator's admin window: the pending queue (filters, sorting, multi-select) and the open disputes, with
// Resolve…, Bulk resolve, Review dispute… and Audit trail; it keeps itself current from the live feed. The
// Webhooks and Server tabs show the integrations and the server's live metrics.

#include "app/net/realtimeclient.h"
#include "common/bet.h"
#include "common/timeutil.h"

#include <QMainWindow>
#include <QPointer>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace betthat::app {

class AdminQueueSync;
class ApiPort;
class ServerPanel;
class WebhooksPanel;
class AuditTrailDialog;
class CorrectionDialog;
class SettleMarketDialog;
class DisputeReviewDialog;
class DisputesModel;
class PendingBetsFilterModel;
class PendingBetsModel;
class ResolveDialog;

class AdminWindow : public QMainWindow
{
    Q_OBJECT
public:
    // api: signed in as an operator. realtime: the operator's global feed (feed user empty), started by its
    // owner (the Session). Neither is owned. Loads at once.
    AdminWindow(ApiPort *api, RealTimeClient *realtime, QWidget *parent = nullptr);
    ~AdminWindow() override;

    PendingBetsModel *pendingModel() const { return m_pendingModel; }
    PendingBetsFilterModel *pendingProxy() const { return m_pendingProxy; }
    DisputesModel *disputesModel() const { return m_disputesModel; }
    QSortFilterProxyModel *disputesProxy() const { return m_disputesProxy; }
    AdminQueueSync *queueSync() const { return m_sync; }
    RealTimeClient *realTimeClient() const { return m_realtime; }
    QTabWidget *tabs() const { return m_tabs; }
    ServerPanel *serverPanel() const { return m_server; }
    QTableView *pendingView() const { return m_pendingView; }
    QTableView *disputesView() const { return m_disputesView; }
    QComboBox *eventFilterCombo() const { return m_eventFilter; }
    QComboBox *marketFilterCombo() const { return m_marketFilter; }
    QComboBox *userFilterCombo() const { return m_userFilter; }

    QAction *resolveAction() const { return m_resolveAction; }
    QAction *bulkResolveAction() const { return m_bulkResolveAction; }
    QAction *reviewDisputeAction() const { return m_reviewAction; }
    QAction *auditTrailAction() const { return m_auditAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *settleMarketAction() const { return m_settleMarketAction; }
    QAction *resettleAction() const { return m_resettleAction; }
    QAction *rollbackAction() const { return m_rollbackAction; }

    // The selected pending bets (in view order) and the selected dispute.
    QList<Bet> selectedPendingBets() const;
    std::optional<Bet> currentDispute() const;
    // Selects exactly these pending bets (hidden by a filter: skipped); returns how many were selected.
    int selectPendingBets(const QStringList &betIds);
    // Selects this dispute in the Disputes tab and shows the tab; false if it is not listed.
    bool selectDispute(const QString &betId);

    // Ages in the tables are relative to this clock; tests pin it.
    void setClock(Clock clock);

public Q_SLOTS:
    void refresh();
    // Each opens its dialog (window-modal, not blocking) and returns it; null when nothing fits the
    // selection.
    ResolveDialog *openResolveDialog();
    ResolveDialog *openBulkResolveDialog();
    DisputeReviewDialog *openDisputeReview();
    AuditTrailDialog *openAuditTrail();
    // The market of the selected pending bet (or of the Event and Market filters); null when none is chosen.
    SettleMarketDialog *openSettleMarketDialog();
    SettleMarketDialog *openSettleMarket(const QString &eventName, const QString &market);
    // Corrections of a settled, voided or disputed bet, as loaded from the server.
    CorrectionDialog *openResettle(const betthat::Bet &bet);
    CorrectionDialog *openRollback(const betthat::Bet &bet);
    // Asks for the bet id (the selected bet's by default), loads the bet, then opens the correction.
    void correctBet(bool rollback);

private:
    void buildActions();
    QWidget *buildPendingTab();
    QWidget *buildDisputesTab();
    void updateActions();
    void updateFilterChoices();
    void updateCounts();
    void updateFeedStatus();
    ResolveDialog *openResolve(const QList<Bet> &bets, bool bulk);
    QString currentBetId() const;

    ApiPort *m_api;
    WebhooksPanel *m_webhooks = nullptr;
    ServerPanel *m_server = nullptr;
    QPointer<RealTimeClient> m_realtime;
    PendingBetsModel *m_pendingModel;
    PendingBetsFilterModel *m_pendingProxy;
    DisputesModel *m_disputesModel;
    QSortFilterProxyModel *m_disputesProxy;
    AdminQueueSync *m_sync;
    QTimer *m_ageTimer;

    QTabWidget *m_tabs = nullptr;
    QTableView *m_pendingView = nullptr;
    QTableView *m_disputesView = nullptr;
    QComboBox *m_eventFilter = nullptr;
    QComboBox *m_marketFilter = nullptr;
    QComboBox *m_userFilter = nullptr;
    QLabel *m_pendingCount = nullptr;
    QLabel *m_feedStatus = nullptr;
    QLabel *m_loadStatus = nullptr;

    QAction *m_resolveAction = nullptr;
    QAction *m_bulkResolveAction = nullptr;
    QAction *m_reviewAction = nullptr;
    QAction *m_auditAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_settleMarketAction = nullptr;
    QAction *m_resettleAction = nullptr;
    QAction *m_rollbackAction = nullptr;
};

} // namespace betthat::app
