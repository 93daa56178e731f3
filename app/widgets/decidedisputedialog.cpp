#include "decidedisputedialog.h"

#include "app/models/betformatter.h"
#include "app/net/apiclient.h"
#include "common/betrules.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace betthat::app {

DecideDisputeDialog::DecideDisputeDialog(ApiClient *api, const Bet &bet, QWidget *parent)
    : BetActionDialog(api, tr("Decide"), parent)
    , m_bet(bet)
    , m_uphold(new QRadioButton(tr("&Uphold: re-settle with a new result"), this))
    , m_reject(new QRadioButton(tr("Re&ject: the original result stands"), this))
    , m_result(new QComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_payout(new QLabel(this))
{
    setObjectName(QStringLiteral("DecideDisputeDialog"));
    setWindowTitle(tr("Review dispute on bet #%1").arg(bet.id));
    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setTextFormat(Qt::PlainText);
    summary->setText(tr("%1\nBettor: %2 · Result: %3 · Payout %4\nReason: %5")
                         .arg(BetFormatter::title(bet), bet.userId, BetFormatter::result(bet.result),
                             BetFormatter::money(bet.payout, bet.currency),
                             bet.dispute ? bet.dispute->reason : QString()));
    m_uphold->setObjectName(QStringLiteral("upholdOption"));
    m_reject->setObjectName(QStringLiteral("rejectOption"));
    m_reject->setChecked(true);
    m_result->setObjectName(QStringLiteral("resultField"));
    for (const BetResult r : { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void }) {
        if (r != bet.result)
            m_result->addItem(BetFormatter::result(r), static_cast<int>(r));
    }
    m_notes->setObjectName(QStringLiteral("notesField"));
    m_notes->setPlaceholderText(tr("The decision, as the bettor will read it"));
    m_notes->setTabChangesFocus(true);
    m_payout->setObjectName(QStringLiteral("payoutPreview"));

    auto *form = new QFormLayout;
    form->addRow(m_reject);
    form->addRow(m_uphold);
    form->addRow(tr("New &result:"), m_result);
    form->addRow(tr("New payout:"), m_payout);
    form->addRow(tr("&Notes:"), m_notes);
    body()->addWidget(summary);
    body()->addLayout(form);
    connect(m_uphold, &QRadioButton::toggled, this, &DecideDisputeDialog::updateState);
    connect(m_result, &QComboBox::currentIndexChanged, this, &DecideDisputeDialog::updateState);
    updateState();
}

void DecideDisputeDialog::updateState()
{
    const bool uphold = m_uphold->isChecked();
    m_result->setEnabled(uphold);
    const BetResult result = uphold ? static_cast<BetResult>(m_result->currentData().toInt()) : m_bet.result;
    const auto payout = BetRules::payoutFor(result, m_bet.stake, m_bet.odds);
    m_payout->setText(payout ? BetFormatter::money(*payout, m_bet.currency) : payout.error().message);
}

QString DecideDisputeDialog::validate() const
{
    if (m_notes->toPlainText().trimmed().isEmpty())
        return tr("Notes are required: the bettor is told why.");
    return {};
}

QString DecideDisputeDialog::requestFingerprint() const
{
    return QStringList { m_uphold->isChecked() ? QStringLiteral("uphold") : QStringLiteral("reject"),
        m_result->currentData().toString(), m_notes->toPlainText().trimmed() }
        .join(QChar(0x1f));
}

void DecideDisputeDialog::send(const QString &idempotencyKey)
{
    const bool uphold = m_uphold->isChecked();
    api()->decideDispute(
        m_bet.id, uphold ? DisputeState::Upheld : DisputeState::Rejected,
        uphold ? static_cast<BetResult>(m_result->currentData().toInt()) : BetResult::None,
        m_notes->toPlainText().trimmed(), this, [this](const Result<Bet> &bet) { finish(bet); },
        idempotencyKey);
}

} // namespace betthat::app
