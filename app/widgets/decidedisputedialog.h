#pragma once

// An operator decides an open dispute from its card: uphold with a new result (the ledger is corrected) or
// reject; notes are required either way.

#include "betactiondialog.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;

namespace betthat::app {

class DecideDisputeDialog : public BetActionDialog
{
    Q_OBJECT
public:
    DecideDisputeDialog(ApiClient *api, const Bet &bet, QWidget *parent = nullptr);

    QRadioButton *upholdOption() const { return m_uphold; }
    QRadioButton *rejectOption() const { return m_reject; }
    QComboBox *resultField() const { return m_result; }
    QPlainTextEdit *notesField() const { return m_notes; }

protected:
    QString validate() const override;
    QString requestFingerprint() const override;
    void send(const QString &idempotencyKey) override;

private:
    void updateState();

    Bet m_bet;
    QRadioButton *m_uphold;
    QRadioButton *m_reject;
    QComboBox *m_result;
    QPlainTextEdit *m_notes;
    QLabel *m_payout;
};

} // namespace betthat::app
