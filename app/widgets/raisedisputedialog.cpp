#include "raisedisputedialog.h"

#include "app/models/betformatter.h"
#include "app/net/apiport.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace betthat::app {

RaiseDisputeDialog::RaiseDisputeDialog(ApiPort *api, const Bet &bet, QWidget *parent)
    : BetActionDialog(api, tr("Submit dispute"), parent)
    , m_bet(bet)
    , m_reason(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("RaiseDisputeDialog"));
    setWindowTitle(tr("Dispute bet #%1").arg(bet.id));
    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setText(tr("%1\nResult: %2, payout %3")
                         .arg(BetFormatter::title(bet), BetFormatter::result(bet.result),
                             BetFormatter::money(bet.payout, bet.currency)));
    m_reason->setObjectName(QStringLiteral("reasonField"));
    m_reason->setPlaceholderText(tr("Why is this result wrong? An operator reviews every dispute."));
    m_reason->setTabChangesFocus(true);
    auto *label = new QLabel(tr("&Reason:"), this);
    label->setBuddy(m_reason);
    body()->addWidget(summary);
    body()->addWidget(label);
    body()->addWidget(m_reason);
}

QString RaiseDisputeDialog::validate() const
{
    if (m_reason->toPlainText().trimmed().isEmpty())
        return tr("Give a reason for the dispute.");
    if (m_reason->toPlainText().size() > 2000)
        return tr("The reason is too long (at most 2000 characters).");
    return {};
}

QString RaiseDisputeDialog::requestFingerprint() const
{
    return m_reason->toPlainText().trimmed();
}

void RaiseDisputeDialog::send(const QString &idempotencyKey)
{
    api()->disputeBet(
        m_bet.id, m_reason->toPlainText().trimmed(), this, [this](const Result<Bet> &bet) { finish(bet); },
        idempotencyKey);
}

} // namespace betthat::app
