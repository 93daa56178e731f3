#pragma once

// A bettor disputes a settled or voided bet inside the dispute window, with a required reason.

#include "betactiondialog.h"

class QPlainTextEdit;

namespace betthat::app {

class RaiseDisputeDialog : public BetActionDialog
{
    Q_OBJECT
public:
    RaiseDisputeDialog(ApiPort *api, const Bet &bet, QWidget *parent = nullptr);

protected:
    QString validate() const override;
    QString requestFingerprint() const override;
    void send(const QString &idempotencyKey) override;

private:
    Bet m_bet;
    QPlainTextEdit *m_reason;
};

} // namespace betthat::app
