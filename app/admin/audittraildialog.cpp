#include "audittraildialog.h"

#include "app/models/betformatter.h"
#include "app/net/apiport.h"
#include "audittrailmodel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace betthat::app {

AuditTrailDialog::AuditTrailDialog(ApiPort *api, const QString &betId, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_betId(betId)
    , m_model(new AuditTrailModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("auditTrailDialog"));
    setWindowTitle(tr("Audit trail of bet %1").arg(betId));
    auto *layout = new QVBoxLayout(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);

    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->setVisible(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(AuditTrailModel::NotesColumn, QHeaderView::Stretch);
    layout->addWidget(m_view, 1);

    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refreshButton, &QPushButton::clicked, this, &AuditTrailDialog::reload);

    resize(980, 380);
    reload();
}

void AuditTrailDialog::reload()
{
    if (m_loading)
        return;
    m_loading = true;
    m_error.clear();
    m_refreshButton->setEnabled(false);
    m_status->setText(tr("Loading…"));

    m_api->bet(m_betId, this, [this](const Result<Bet> &bet) {
        if (!bet)
            return; // the events request reports the error
        m_summary->setText(
            tr("Bet %1 by %2: %3 · %4: %5 — %6, stake %7 at %8, now %9")
                .arg(bet->id, bet->userId, bet->eventName, bet->market, bet->selection,
                    BetFormatter::status(bet->status), BetFormatter::money(bet->stake, bet->currency),
                    BetFormatter::odds(bet->odds), BetFormatter::verdict(bet->result)));
    });
    m_api->betEvents(m_betId, this, [this](const Result<QList<BetEvent>> &events) {
        m_loading = false;
        m_refreshButton->setEnabled(true);
        if (!events) {
            m_error = BetFormatter::error(events.error());
            m_status->setText(m_error);
            Q_EMIT loadFailed(events.error());
            return;
        }
        m_model->setEvents(*events);
        m_view->resizeColumnsToContents();
        m_view->horizontalHeader()->setSectionResizeMode(AuditTrailModel::NotesColumn, QHeaderView::Stretch);
        m_status->setText(tr("Events: %1, oldest first.").arg(events->size()));
        Q_EMIT loaded();
    });
}

} // namespace betthat::app
