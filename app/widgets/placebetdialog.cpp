#include "placebetdialog.h"

#include "app/models/betformatter.h"
#include "app/net/apiport.h"
#include "common/betrules.h"
#include "common/money.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <cmath>

namespace betthat::app {

PlaceBetDialog::PlaceBetDialog(ApiPort *api, const QString &currency, qint64 balance, QWidget *parent)
    : BetActionDialog(api, tr("Place bet"), parent)
    , m_currency(currency)
    , m_balance(balance)
    , m_event(new QLineEdit(this))
    , m_market(new QLineEdit(this))
    , m_selection(new QLineEdit(this))
    , m_odds(new QLineEdit(this))
    , m_stake(new QDoubleSpinBox(this))
    , m_return(new QLabel(this))
{
    setObjectName(QStringLiteral("PlaceBetDialog"));
    setWindowTitle(tr("Place a bet"));
    m_event->setObjectName(QStringLiteral("eventField"));
    m_event->setPlaceholderText(tr("e.g. Arsenal v Chelsea"));
    m_market->setObjectName(QStringLiteral("marketField"));
    m_market->setPlaceholderText(tr("e.g. Match winner"));
    m_selection->setObjectName(QStringLiteral("selectionField"));
    m_selection->setPlaceholderText(tr("e.g. Arsenal"));
    m_odds->setObjectName(QStringLiteral("oddsField"));
    m_odds->setPlaceholderText(tr("decimal, e.g. 2.10"));
    m_stake->setObjectName(QStringLiteral("stakeField"));
    m_stake->setDecimals(2);
    m_stake->setRange(0.01, 1000000.0);
    m_stake->setValue(10.0);
    m_stake->setSuffix(QStringLiteral(" ") + currency);
    m_return->setObjectName(QStringLiteral("potentialReturn"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Event:"), m_event);
    form->addRow(tr("&Market:"), m_market);
    form->addRow(tr("&Selection:"), m_selection);
    form->addRow(tr("&Odds:"), m_odds);
    form->addRow(tr("S&take:"), m_stake);
    form->addRow(tr("Potential return:"), m_return);
    if (balance >= 0)
        form->addRow(tr("Balance:"), new QLabel(BetFormatter::money(balance, currency), this));
    body()->addLayout(form);

    connect(m_odds, &QLineEdit::textChanged, this, &PlaceBetDialog::updateReturn);
    connect(m_stake, &QDoubleSpinBox::valueChanged, this, &PlaceBetDialog::updateReturn);
    updateReturn();
}

qint64 PlaceBetDialog::stakeMinor() const
{
    return std::llround(m_stake->value() * 100.0);
}

void PlaceBetDialog::updateReturn()
{
    // Odds are typed the way the locale writes decimals; the wire wants a dot.
    const auto odds
        = parseOdds(m_odds->text().trimmed().replace(QLocale().decimalPoint(), QStringLiteral(".")));
    const auto winnings = odds ? winningsFor(stakeMinor(), *odds) : Result<qint64>(odds.error());
    m_return->setText(winnings ? BetFormatter::money(*winnings, m_currency) : QStringLiteral("—"));
}

QString PlaceBetDialog::validate() const
{
    if (m_event->text().trimmed().isEmpty())
        return tr("Enter the event.");
    if (m_market->text().trimmed().isEmpty())
        return tr("Enter the market.");
    if (m_selection->text().trimmed().isEmpty())
        return tr("Enter your selection.");
    const auto odds
        = parseOdds(m_odds->text().trimmed().replace(QLocale().decimalPoint(), QStringLiteral(".")));
    if (!odds)
        return tr("Enter decimal odds above 1, e.g. 2.10 (%1).").arg(odds.error().message);
    if (m_balance >= 0 && stakeMinor() > m_balance)
        return tr("The stake is more than your balance of %1.")
            .arg(BetFormatter::money(m_balance, m_currency));
    return {};
}

QString PlaceBetDialog::requestFingerprint() const
{
    return QStringList { m_event->text().trimmed(), m_market->text().trimmed(), m_selection->text().trimmed(),
        m_odds->text().trimmed(), QString::number(stakeMinor()) }
        .join(QChar(0x1f));
}

void PlaceBetDialog::send(const QString &idempotencyKey)
{
    NewBet request;
    request.eventName = m_event->text().trimmed();
    request.market = m_market->text().trimmed();
    request.selection = m_selection->text().trimmed();
    request.odds
        = *parseOdds(m_odds->text().trimmed().replace(QLocale().decimalPoint(), QStringLiteral(".")));
    request.stake = stakeMinor();
    request.currency = m_currency;
    api()->placeBet(
        request, this, [this](const Result<Bet> &bet) { finish(bet); }, idempotencyKey);
}

QString PlaceBetDialog::describe(const Error &error) const
{
    if (error.code == ErrorCode::InsufficientFunds)
        return tr("Not enough money for this stake: %1").arg(error.message);
    return BetActionDialog::describe(error);
}

} // namespace betthat::app
