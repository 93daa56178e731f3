#include "resolvebetdialog.h"

#include "app/models/betformatter.h"
#include "app/net/apiclient.h"
#include "common/betrules.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace betthat::app {

ResolveBetDialog::ResolveBetDialog(ApiClient *api, const Bet &bet, QWidget *parent)
    : BetActionDialog(api, tr("Resolve"), parent)
    , m_bet(bet)
    , m_result(new QComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_payout(new QLabel(this))
{
    setObjectName(QStringLiteral("ResolveBetDialog"));
    setWindowTitle(tr("Resolve bet #%1").arg(bet.id));
    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setText(tr("%1\nBettor: %2 · Stake %3 · Odds %4")
                         .arg(BetFormatter::title(bet), bet.userId,
                             BetFormatter::money(bet.stake, bet.currency), BetFormatter::odds(bet.odds)));
    m_result->setObjectName(QStringLiteral("resultField"));
    for (const BetResult r : { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void })
        m_result->addItem(BetFormatter::result(r), static_cast<int>(r));
    m_notes->setObjectName(QStringLiteral("notesField"));
    m_notes->setPlaceholderText(tr("e.g. Final score 2-1 (required for void)"));
    m_notes->setTabChangesFocus(true);
    m_payout->setObjectName(QStringLiteral("payoutPreview"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Result:"), m_result);
    form->addRow(tr("&Notes:"), m_notes);
    form->addRow(tr("Payout:"), m_payout);
    body()->addWidget(summary);
    body()->addLayout(form);
    connect(m_result, &QComboBox::currentIndexChanged, this, &ResolveBetDialog::updatePayout);
    updatePayout();
}

BetResult ResolveBetDialog::selectedResult() const
{
    return static_cast<BetResult>(m_result->currentData().toInt());
}

QString ResolveBetDialog::payoutText() const
{
    return m_payout->text();
}

void ResolveBetDialog::updatePayout()
{
    const auto payout = BetRules::payoutFor(selectedResult(), m_bet.stake, m_bet.odds);
    m_payout->setText(payout ? BetFormatter::money(*payout, m_bet.currency) : payout.error().message);
}

QString ResolveBetDialog::validate() const
{
    if (selectedResult() == BetResult::Void && m_notes->toPlainText().trimmed().isEmpty())
        return tr("Say why the bet is void: notes are required.");
    return {};
}

QString ResolveBetDialog::requestFingerprint() const
{
    return QString::number(static_cast<int>(selectedResult())) + QChar(0x1f)
        + m_notes->toPlainText().trimmed();
}

void ResolveBetDialog::send(const QString &idempotencyKey)
{
    api()->resolveBet(
        m_bet.id, selectedResult(), m_notes->toPlainText().trimmed(), this,
        [this](const Result<Bet> &bet) { finish(bet); }, idempotencyKey);
}

} // namespace betthat::app
