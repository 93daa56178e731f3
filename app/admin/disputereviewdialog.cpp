#include "disputereviewdialog.h"

#include "app/logcategories.h"
#include "app/models/betformatter.h"
#include "app/net/apiport.h"
#include "common/betrules.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

constexpr BetResult kResults[] = { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void };

QLabel *readOnlyText(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

DisputeReviewDialog::DisputeReviewDialog(ApiPort *api, const Bet &bet, QWidget *parent, Clock clock)
    : QDialog(parent)
    , m_api(api)
    , m_bet(bet)
{
    setObjectName(QStringLiteral("disputeReviewDialog"));
    setWindowTitle(tr("Review dispute on bet %1").arg(bet.id));
    auto *layout = new QVBoxLayout(this);

    auto *facts = new QFormLayout;
    facts->addRow(tr("Bet:"),
        readOnlyText(
            tr("%1 by %2: %3 · %4: %5").arg(bet.id, bet.userId, bet.eventName, bet.market, bet.selection),
            this));
    facts->addRow(tr("Stake:"),
        readOnlyText(
            tr("%1 at %2").arg(BetFormatter::money(bet.stake, bet.currency), BetFormatter::odds(bet.odds)),
            this));
    facts->addRow(tr("Current result:"),
        readOnlyText(
            tr("%1, paid %2")
                .arg(BetFormatter::verdict(bet.result), BetFormatter::money(bet.payout, bet.currency)),
            this));
    if (!bet.resolutionNotes.isEmpty())
        facts->addRow(tr("Resolution notes:"), readOnlyText(bet.resolutionNotes, this));
    if (bet.dispute) {
        auto *reason = readOnlyText(bet.dispute->reason, this);
        reason->setObjectName(QStringLiteral("reasonLabel"));
        facts->addRow(tr("Bettor's reason:"), reason);
        facts->addRow(tr("Raised:"),
            readOnlyText(tr("%1 ago (%2)")
                             .arg(BetFormatter::age(bet.dispute->raisedAt, clock()),
                                 BetFormatter::dateTime(bet.dispute->raisedAt)),
                this));
    }
    layout->addLayout(facts);

    auto *decisionBox = new QGroupBox(tr("Decision"), this);
    auto *decisionLayout = new QFormLayout(decisionBox);
    m_uphold = new QRadioButton(tr("&Uphold: re-settle with a new result"), decisionBox);
    m_uphold->setObjectName(QStringLiteral("upholdButton"));
    m_reject = new QRadioButton(tr("Re&ject: the current result stands"), decisionBox);
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_decisionGroup = new QButtonGroup(this);
    m_decisionGroup->addButton(m_uphold);
    m_decisionGroup->addButton(m_reject);
    decisionLayout->addRow(m_uphold);
    m_resultCombo = new QComboBox(decisionBox);
    m_resultCombo->setObjectName(QStringLiteral("newResultCombo"));
    for (BetResult r : kResults) {
        if (r != bet.result) // upholding must change the result
            m_resultCombo->addItem(BetFormatter::verdict(r), static_cast<int>(r));
    }
    m_resultCombo->setPlaceholderText(tr("Choose the new result…"));
    m_resultCombo->setCurrentIndex(-1);
    decisionLayout->addRow(tr("New &result:"), m_resultCombo);
    m_correctionLabel = new QLabel(decisionBox);
    m_correctionLabel->setObjectName(QStringLiteral("correctionLabel"));
    m_correctionLabel->setWordWrap(true);
    decisionLayout->addRow(QString(), m_correctionLabel);
    decisionLayout->addRow(m_reject);
    layout->addWidget(decisionBox);

    auto *notesForm = new QFormLayout;
    m_notesEdit = new QPlainTextEdit(this);
    m_notesEdit->setObjectName(QStringLiteral("notesEdit"));
    m_notesEdit->setPlaceholderText(tr("Why, for the bettor and the audit trail (required)"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setMaximumHeight(90);
    notesForm->addRow(tr("&Notes:"), m_notesEdit);
    layout->addLayout(notesForm);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("hintLabel"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->setVisible(false);
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(this);
    m_decideButton = buttons->addButton(tr("&Decide"), QDialogButtonBox::AcceptRole);
    m_decideButton->setObjectName(QStringLiteral("decideButton"));
    m_decideButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);

    connect(m_decisionGroup, &QButtonGroup::buttonToggled, this, &DisputeReviewDialog::updateForm);
    connect(m_resultCombo, &QComboBox::currentIndexChanged, this, &DisputeReviewDialog::updateForm);
    connect(m_notesEdit, &QPlainTextEdit::textChanged, this, &DisputeReviewDialog::updateForm);
    connect(m_decideButton, &QPushButton::clicked, this, &DisputeReviewDialog::send);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    resize(560, 520);
    updateForm();
}

DisputeState DisputeReviewDialog::decision() const
{
    if (m_uphold->isChecked())
        return DisputeState::Upheld;
    if (m_reject->isChecked())
        return DisputeState::Rejected;
    return DisputeState::Open;
}

void DisputeReviewDialog::setDecision(DisputeState decision)
{
    if (decision == DisputeState::Upheld)
        m_uphold->setChecked(true);
    else if (decision == DisputeState::Rejected)
        m_reject->setChecked(true);
}

BetResult DisputeReviewDialog::newResult() const
{
    if (decision() != DisputeState::Upheld)
        return BetResult::None;
    const QVariant chosen = m_resultCombo->currentData();
    return chosen.isValid() ? static_cast<BetResult>(chosen.toInt()) : BetResult::None;
}

void DisputeReviewDialog::setNewResult(BetResult result)
{
    m_resultCombo->setCurrentIndex(m_resultCombo->findData(static_cast<int>(result)));
}

QString DisputeReviewDialog::notes() const
{
    return m_notesEdit->toPlainText().trimmed();
}

void DisputeReviewDialog::setNotes(const QString &notes)
{
    m_notesEdit->setPlainText(notes);
}

qint64 DisputeReviewDialog::newPayout() const
{
    if (newResult() == BetResult::None)
        return m_bet.payout;
    const auto payout = BetRules::payoutFor(newResult(), m_bet.stake, m_bet.odds);
    return payout ? *payout : m_bet.payout;
}

qint64 DisputeReviewDialog::correction() const
{
    return newPayout() - m_bet.payout;
}

bool DisputeReviewDialog::canDecide() const
{
    if (m_busy || notes().isEmpty())
        return false;
    switch (decision()) {
    case DisputeState::Open:
        return false;
    case DisputeState::Rejected:
        return true;
    case DisputeState::Upheld:
        return newResult() != BetResult::None;
    }
    return false;
}

QString DisputeReviewDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void DisputeReviewDialog::updateForm()
{
    const bool upholding = decision() == DisputeState::Upheld;
    m_resultCombo->setEnabled(upholding && !m_busy);
    if (upholding && newResult() != BetResult::None) {
        m_correctionLabel->setText(tr("New payout %1; the ledger books %2.")
                                       .arg(BetFormatter::money(newPayout(), m_bet.currency),
                                           BetFormatter::signedMoney(correction(), m_bet.currency)));
    } else if (decision() == DisputeState::Rejected) {
        m_correctionLabel->setText(tr("No money moves; the bettor is told the result stands."));
    } else {
        m_correctionLabel->clear();
    }

    if (decision() == DisputeState::Open)
        m_hint->setText(tr("Choose to uphold or reject the dispute."));
    else if (upholding && newResult() == BetResult::None)
        m_hint->setText(tr("Choose the new result."));
    else if (notes().isEmpty())
        m_hint->setText(tr("Notes are required for a dispute decision."));
    else
        m_hint->clear();
    m_decideButton->setEnabled(canDecide());
    if (!m_busy)
        m_decideButton->setText(
            !m_error->isHidden() && m_key.isFor(fingerprint()) ? tr("&Retry") : tr("&Decide"));
}

QByteArray DisputeReviewDialog::fingerprint() const
{
    return (m_bet.id + QLatin1Char('\x1f') + disputeStateName(decision()) + QLatin1Char('\x1f')
        + resultName(newResult()) + QLatin1Char('\x1f') + notes())
        .toUtf8();
}

void DisputeReviewDialog::send()
{
    if (!canDecide())
        return;
    const QString key = m_key.keyFor(fingerprint());
    m_busy = true;
    m_error->setVisible(false);
    m_decideButton->setEnabled(false);
    m_decideButton->setText(tr("Sending…"));
    m_api->decideDispute(
        m_bet.id, decision(), newResult(), notes(), this,
        [this](const Result<Bet> &bet) {
            m_busy = false;
            if (bet) {
                m_key.forget();
                Q_EMIT decided(*bet);
                Q_EMIT requestFinished(true);
                accept();
                return;
            }
            const Error &error = bet.error();
            qCInfo(lcAppAdmin) << "deciding the dispute on bet" << m_bet.id << "failed:" << error.message;
            QString text = error.code == ErrorCode::Conflict
                ? tr("Not decided: someone else changed bet %1 first (conflict). Server: %2")
                      .arg(m_bet.id, error.message)
                : BetFormatter::error(error);
            if (error.code == ErrorCode::Unavailable)
                text += QLatin1Char('\n')
                    + tr("Retry sends the same decision again; it cannot be applied twice.");
            m_error->setText(text);
            m_error->setVisible(true);
            updateForm();
            Q_EMIT requestFinished(false);
        },
        key);
}

} // namespace betthat::app
