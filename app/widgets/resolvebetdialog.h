#pragma once

// An operator resolves one pending bet from its card: result, notes (required for void) and the payout it
// gives.

#include "betactiondialog.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace betthat::app {

class ResolveBetDialog : public BetActionDialog
{
    Q_OBJECT
public:
    ResolveBetDialog(ApiClient *api, const Bet &bet, QWidget *parent = nullptr);

    QComboBox *resultField() const { return m_result; }
    QPlainTextEdit *notesField() const { return m_notes; }
    QString payoutText() const;
    BetResult selectedResult() const;

protected:
    QString validate() const override;
    QString requestFingerprint() const override;
    void send(const QString &idempotencyKey) override;

private:
    void updatePayout();

    Bet m_bet;
    QComboBox *m_result;
    QPlainTextEdit *m_notes;
    QLabel *m_payout;
};

} // namespace betthat::app
