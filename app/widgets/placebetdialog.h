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
    PlaceBetDialog(ApiClient *api, const QString &currency, qint64 balance, QWidget *parent = nullptr);

    QLineEdit *eventField() const { return m_event; }
    QLineEdit *marketField() const { return m_market; }
    QLineEdit *selectionField() const { return m_selection; }
    QLineEdit *oddsField() const { return m_odds; }
    QDoubleSpinBox *stakeField() const { return m_stake; }
    QString potentialReturnText() const;
    qint64 stakeMinor() const;

protected:
    QString validate() const override;
    QString requestFingerprint() const override;
    void send(const QString &idempotencyKey) override;
    QString describe(const Error &error) const override;

private:
    void updateReturn();

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
