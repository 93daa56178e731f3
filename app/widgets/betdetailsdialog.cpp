#include "betdetailsdialog.h"

#include "app/models/betformatter.h"
#include "app/models/betlistmodel.h"
#include "app/net/apiport.h"
#include "common/betchange.h"
#include "common/timeutil.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

QString localTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return QStringLiteral("—");
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString eventTitle(const BetEvent &event, const BetChange &change)
{
    switch (event.type) {
    case EventType::BetResolved:
        return BetDetailsDialog::tr("Resolved");
    case EventType::BetDisputed:
        return BetDetailsDialog::tr("Disputed");
    case EventType::BetUpdated:
        return change.isPlacement() ? BetDetailsDialog::tr("Placed") : BetDetailsDialog::tr("Updated");
    }
    return {};
}

QString statusText(const std::optional<BetStatus> &status)
{
    return status ? BetFormatter::status(*status) : QString();
}

QString resultText(BetResult result)
{
    return result != BetResult::None ? BetFormatter::result(result) : QString();
}

} // namespace

BetDetailsDialog::BetDetailsDialog(ApiPort *api, const QString &betId, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_betId(betId)
    , m_heading(new QLabel(this))
    , m_error(new QLabel(this))
    , m_form(new QFormLayout)
    , m_disputeBox(new QGroupBox(tr("Dispute"), this))
    , m_disputeForm(new QFormLayout(m_disputeBox))
    , m_timeline(new QTreeWidget(this))
    , m_actionBar(new QWidget(this))
{
    setObjectName(QStringLiteral("BetDetailsDialog"));
    setWindowTitle(tr("Bet #%1").arg(betId));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(640, 720);

    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_heading->setText(tr("Loading bet #%1…").arg(betId));
    m_error->setObjectName(QStringLiteral("detailsError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setForegroundRole(QPalette::BrightText);

    const auto addRow = [this](QFormLayout *form, const QString &field, const QString &label) {
        auto *value = new QLabel(QStringLiteral("—"), this);
        value->setObjectName(QStringLiteral("field_") + field);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        form->addRow(label, value);
    };
    addRow(m_form, QStringLiteral("id"), tr("Bet ID:"));
    addRow(m_form, QStringLiteral("user"), tr("Bettor:"));
    addRow(m_form, QStringLiteral("event"), tr("Event:"));
    addRow(m_form, QStringLiteral("market"), tr("Market:"));
    addRow(m_form, QStringLiteral("selection"), tr("Selection:"));
    addRow(m_form, QStringLiteral("odds"), tr("Odds:"));
    addRow(m_form, QStringLiteral("stake"), tr("Stake:"));
    addRow(m_form, QStringLiteral("potentialReturn"), tr("Potential return:"));
    addRow(m_form, QStringLiteral("status"), tr("Status:"));
    addRow(m_form, QStringLiteral("result"), tr("Result:"));
    addRow(m_form, QStringLiteral("payout"), tr("Payout:"));
    addRow(m_form, QStringLiteral("certainty"), tr("Certainty:"));
    addRow(m_form, QStringLiteral("terms"), tr("Settlement terms:"));
    addRow(m_form, QStringLiteral("notes"), tr("Resolution notes:"));
    addRow(m_form, QStringLiteral("source"), tr("Resolved via:"));
    addRow(m_form, QStringLiteral("resolvedBy"), tr("Resolved by:"));
    addRow(m_form, QStringLiteral("resolvedAt"), tr("Resolved at:"));
    addRow(m_form, QStringLiteral("createdAt"), tr("Placed at:"));
    addRow(m_form, QStringLiteral("updatedAt"), tr("Last update:"));
    addRow(m_form, QStringLiteral("version"), tr("Version:"));
    addRow(m_disputeForm, QStringLiteral("disputeReason"), tr("Reason:"));
    addRow(m_disputeForm, QStringLiteral("disputeRaisedAt"), tr("Raised at:"));
    addRow(m_disputeForm, QStringLiteral("disputeState"), tr("State:"));
    addRow(m_disputeForm, QStringLiteral("disputeDecision"), tr("Decision notes:"));
    addRow(m_disputeForm, QStringLiteral("disputeDecidedBy"), tr("Decided by:"));
    addRow(m_disputeForm, QStringLiteral("disputeDecidedAt"), tr("Decided at:"));
    m_disputeBox->setVisible(false);

    m_timeline->setObjectName(QStringLiteral("eventTimeline"));
    m_timeline->setRootIsDecorated(false);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->setHeaderLabels({ tr("When"), tr("Event"), tr("Change"), tr("By"), tr("Notes"), tr("Seq") });
    m_timeline->header()->setStretchLastSection(false);
    m_timeline->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_timeline->setAccessibleName(tr("Event timeline"));

    auto *actions = new QHBoxLayout(m_actionBar);
    actions->setContentsMargins(0, 0, 0, 0);
    actions->addStretch();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *refresh = buttons->addButton(tr("Refresh"), QDialogButtonBox::ActionRole);
    connect(refresh, &QPushButton::clicked, this, &BetDetailsDialog::reload);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_error);
    layout->addLayout(m_form);
    layout->addWidget(m_disputeBox);
    layout->addWidget(new QLabel(tr("Timeline"), this));
    layout->addWidget(m_timeline, 1);
    layout->addWidget(m_actionBar);
    layout->addWidget(buttons);

    reload();
}

void BetDetailsDialog::setActionSource(const BetCardDelegate *delegate)
{
    m_actions = delegate;
    updateActions();
}

void BetDetailsDialog::reload()
{
    if (!m_api)
        return;
    const quint64 generation = ++m_generation;
    m_pendingParts = 2;
    m_partsOk = true;
    m_api->bet(m_betId, this, [this, generation](const Result<Bet> &bet) {
        if (generation != m_generation)
            return;
        if (bet)
            showBet(*bet);
        finishPart(bet.ok(), bet ? QString() : bet.error().message);
    });
    m_api->betEvents(m_betId, this, [this, generation](const Result<QList<BetEvent>> &events) {
        if (generation != m_generation)
            return;
        if (events)
            showEvents(*events);
        finishPart(events.ok(), events ? QString() : events.error().message);
    });
}

void BetDetailsDialog::finishPart(bool ok, const QString &error)
{
    if (!ok) {
        m_partsOk = false;
        m_error->setText(tr("Could not load everything: %1").arg(error));
        m_error->setVisible(true);
        if (!m_bet)
            m_heading->setText(tr("Bet #%1").arg(m_betId));
    }
    if (--m_pendingParts == 0) {
        if (m_partsOk)
            m_error->setVisible(false);
        Q_EMIT loaded(m_partsOk);
    }
}

void BetDetailsDialog::setField(const QString &field, const QString &text)
{
    if (auto *label = findChild<QLabel *>(QStringLiteral("field_") + field))
        label->setText(orDash(text));
}

void BetDetailsDialog::showBet(const Bet &bet)
{
    m_bet = bet;
    m_heading->setText(BetFormatter::title(bet));
    setField(QStringLiteral("id"), bet.id);
    setField(QStringLiteral("user"), bet.userId);
    setField(QStringLiteral("event"), bet.eventName);
    setField(QStringLiteral("market"), bet.market);
    setField(QStringLiteral("selection"), bet.selection);
    setField(QStringLiteral("odds"), BetFormatter::odds(bet.odds));
    setField(QStringLiteral("stake"), BetFormatter::money(bet.stake, bet.currency));
    setField(QStringLiteral("potentialReturn"), BetFormatter::money(bet.potentialReturn, bet.currency));
    setField(QStringLiteral("status"), BetFormatter::status(bet.status));
    setField(QStringLiteral("result"), BetFormatter::result(bet.result));
    setField(QStringLiteral("payout"),
        bet.result == BetResult::None ? QString() : BetFormatter::money(bet.payout, bet.currency));
    setField(QStringLiteral("certainty"), BetFormatter::certainty(bet.certainty));
    setField(QStringLiteral("terms"),
        bet.result == BetResult::None ? QString()
                                      : (BetFormatter::terms(bet).isEmpty() ? tr("none (stake × odds)")
                                                                            : BetFormatter::terms(bet)));
    setField(QStringLiteral("notes"), bet.resolutionNotes);
    setField(QStringLiteral("source"), bet.resolutionSource);
    setField(QStringLiteral("resolvedBy"), bet.resolvedBy);
    setField(QStringLiteral("resolvedAt"), bet.resolvedAt.isValid() ? localTime(bet.resolvedAt) : QString());
    setField(QStringLiteral("createdAt"), localTime(bet.createdAt));
    setField(QStringLiteral("updatedAt"), localTime(bet.updatedAt));
    setField(QStringLiteral("version"), QString::number(bet.version));
    m_disputeBox->setVisible(bet.dispute.has_value());
    if (bet.dispute) {
        const Dispute &d = *bet.dispute;
        setField(QStringLiteral("disputeReason"), d.reason);
        setField(QStringLiteral("disputeRaisedAt"), localTime(d.raisedAt));
        setField(QStringLiteral("disputeState"), BetFormatter::disputeState(d.state));
        setField(QStringLiteral("disputeDecision"), d.decisionNotes);
        setField(QStringLiteral("disputeDecidedBy"), d.decidedBy);
        setField(
            QStringLiteral("disputeDecidedAt"), d.decidedAt.isValid() ? localTime(d.decidedAt) : QString());
    }
    updateActions();
}

void BetDetailsDialog::showEvents(const QList<BetEvent> &events)
{
    m_events = events;
    m_timeline->clear();
    for (const BetEvent &event : events) {
        // An event this build cannot read still shows when it happened and what kind it was.
        const auto decoded = json::decodeBetChange(event.data);
        const BetChange d = decoded ? *decoded : BetChange {};
        QString change;
        const QString from = statusText(d.previousStatus);
        const QString to = decoded ? statusText(d.status) : QString();
        change = from.isEmpty() ? to : tr("%1 → %2").arg(from, to);
        const QString result = resultText(d.result);
        const QString previousResult = resultText(d.previousResult);
        if (!result.isEmpty() && result != previousResult)
            change += QStringLiteral(" · ")
                + (previousResult.isEmpty() ? result : tr("%1 → %2").arg(previousResult, result));
        QStringList notes;
        for (const QString &value : { d.resolutionNotes, d.disputeReason, d.decisionNotes }) {
            if (!value.isEmpty() && !notes.contains(value))
                notes.append(value);
        }
        auto *item = new QTreeWidgetItem(m_timeline);
        item->setText(0, localTime(BetListModel::eventTime(event)));
        item->setText(1, eventTitle(event, d));
        item->setText(2, change);
        item->setText(3, d.actorId);
        item->setText(4, notes.join(QStringLiteral(" — ")));
        item->setToolTip(4, notes.join(QStringLiteral("\n")));
        item->setText(5, QString::number(event.seq));
        item->setData(0, Qt::UserRole, event.seq);
    }
    for (int column = 0; column < 4; ++column)
        m_timeline->resizeColumnToContents(column);
}

void BetDetailsDialog::updateActions()
{
    qDeleteAll(m_actionButtons);
    m_actionButtons.clear();
    if (!m_actions || !m_bet)
        return;
    auto *layout = static_cast<QHBoxLayout *>(m_actionBar->layout());
    for (const BetCardDelegate::Action action : m_actions->actionsFor(*m_bet)) {
        if (action == BetCardDelegate::Action::Details)
            continue;
        auto *button
            = new QPushButton(BetCardDelegate::actionText(action) + QStringLiteral("…"), m_actionBar);
        button->setObjectName(QStringLiteral("detailsAction_%1").arg(static_cast<int>(action)));
        connect(
            button, &QPushButton::clicked, this, [this, action] { Q_EMIT actionRequested(action, m_betId); });
        layout->addWidget(button);
        m_actionButtons.append(button);
    }
}

} // namespace betthat::app
