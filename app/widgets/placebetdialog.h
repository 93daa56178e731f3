#pragma once

// "Place bet" for bettors: event, market, selection, odds and stake, with the potential return shown as
// typed.

#include "betactiondialog.h"

class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace betthat::app {

class PlaceBetDialog : public BetActionDialog
{
    Q_OBJECT
public:
    // balance: what the bettor has (minor units), to warn before the server refuses; < 0: unknown.
    PlaceBetDialog(ApiPort *api, const QString &currency, qint64 balance, QWidget *parent = nullptr);

protected:
    QString validate() const override;
    QString requestFingerprint() const override;
    void send(const QString &idempotencyKey) override;
    QString describe(const Error &error) const override;

private:
    void updateReturn();
    qint64 stakeMinor() const;

    QString m_currency;
    qint64 m_balance;
    QLineEdit *m_event;
    QLineEdit *m_market;
    QLineEdit *m_selection;
    QLineEdit *m_odds;
    QDoubleSpinBox *m_stake;
    QLabel *m_return;
};

} // namespace betthat::app
