#include "accountheader.h"

#include "app/models/betformatter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace betthat::app {

AccountHeader::AccountHeader(QWidget *parent)
    : QWidget(parent)
    , m_identity(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_balanceCaption(new QLabel(tr("Balance"), this))
    , m_balance(new QLabel(this))
    , m_placeBet(new QPushButton(QIcon(QStringLiteral(":/icons/place-bet.svg")), tr("Place bet…"), this))
{
    setObjectName(QStringLiteral("AccountHeader"));
    QFont big = m_identity->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_identity->setFont(big);
    m_identity->setObjectName(QStringLiteral("identityLabel"));
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_balance->setObjectName(QStringLiteral("balanceLabel"));
    m_balance->setFont(big);
    m_balance->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_balanceCaption->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_balanceCaption->setForegroundRole(QPalette::PlaceholderText);
    m_placeBet->setObjectName(QStringLiteral("placeBetButton"));
    m_placeBet->setToolTip(tr("Place a new bet (Ctrl+N)"));
    connect(m_placeBet, &QPushButton::clicked, this, &AccountHeader::placeBetClicked);

    auto *who = new QVBoxLayout;
    who->setSpacing(0);
    who->addWidget(m_identity);
    who->addWidget(m_detail);
    auto *money = new QVBoxLayout;
    money->setSpacing(0);
    money->addWidget(m_balanceCaption);
    money->addWidget(m_balance);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->addLayout(who, 1);
    layout->addLayout(money);
    layout->addSpacing(12);
    layout->addWidget(m_placeBet);
    setBalance(std::nullopt);
}

void AccountHeader::setIdentity(const User &signedIn, const std::optional<User> &viewed, bool localServer)
{
    const QString role = signedIn.isOperator() ? tr("operator") : tr("bettor");
    const QString name = signedIn.displayName.isEmpty() ? signedIn.id : signedIn.displayName;
    if (!viewed) {
        m_identity->setText(signedIn.isOperator() ? tr("All bets") : name);
    } else {
        m_identity->setText(viewed->displayName.isEmpty() ? viewed->id : viewed->displayName);
    }
    QString detail = tr("Signed in as %1 (%2)").arg(name, role);
    if (viewed && viewed->id != signedIn.id)
        detail = tr("Viewing %1's bets · %2").arg(viewed->id, detail);
    if (localServer)
        detail += QStringLiteral(" · ") + tr("local server");
    m_detail->setText(detail);
}

void AccountHeader::setBalance(std::optional<qint64> minor, const QString &currency)
{
    m_balanceCaption->setVisible(minor.has_value());
    m_balance->setVisible(minor.has_value());
    m_balance->setText(minor ? BetFormatter::money(*minor, currency) : QString());
    m_balance->setAccessibleName(minor ? tr("Balance %1").arg(m_balance->text()) : QString());
}

void AccountHeader::setPlaceBetEnabled(bool enabled)
{
    m_placeBet->setVisible(enabled);
}

QString AccountHeader::balanceText() const
{
    return m_balance->isVisibleTo(this) ? m_balance->text() : QString();
}

QString AccountHeader::identityText() const
{
    return m_identity->text() + QLatin1Char('\n') + m_detail->text();
}

void AccountHeader::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(rect().bottomLeft(), rect().bottomRight());
}

} // namespace betthat::app
