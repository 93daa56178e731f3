#pragma once

// The header above the bets: who is signed in, whose bets are shown, the balance, and "Place bet".

#include "common/user.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;

namespace betthat::app {

class AccountHeader : public QWidget
{
    Q_OBJECT
public:
    explicit AccountHeader(QWidget *parent = nullptr);

    // viewed: whose bets are listed (nullopt: everyone's, an operator's overview).
    void setIdentity(const User &signedIn, const std::optional<User> &viewed, bool localServer);
    // nullopt hides the balance (operators' overview).
    void setBalance(std::optional<qint64> minor, const QString &currency = QStringLiteral("EUR"));
    void setPlaceBetEnabled(bool enabled);

    QString balanceText() const;
    QString identityText() const;
    QPushButton *placeBetButton() const { return m_placeBet; }

Q_SIGNALS:
    void placeBetClicked();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_identity;
    QLabel *m_detail;
    QLabel *m_balanceCaption;
    QLabel *m_balance;
    QPushButton *m_placeBet;
};

} // namespace betthat::app
