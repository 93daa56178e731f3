#pragma once

// Decides one open dispute: uphold (re-settle with a new result; the ledger books the difference) or reject
// (the result stands); notes are required either way, and the bettor is notified live.

#include "common/bet.h"
#include "common/timeutil.h"
#include "requestkey.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace betthat::app {

class ApiPort;

class DisputeReviewDialog : public QDialog
{
    Q_OBJECT
public:
    DisputeReviewDialog(
        ApiPort *api, const Bet &bet, QWidget *parent = nullptr, Clock clock = systemClock());

    const Bet &bet() const { return m_bet; }
    // Open: not chosen yet.
    DisputeState decision() const;
    void setDecision(DisputeState decision);
    BetResult newResult() const; // None unless upholding with a result chosen
    void setNewResult(BetResult result);
    QString notes() const;
    void setNotes(const QString &notes);
    // Upheld: what the new result pays and what the ledger books (new payout - current payout).
    qint64 newPayout() const;
    qint64 correction() const;
    bool canDecide() const;

    bool isBusy() const { return m_busy; }
    QString errorText() const;
    QString idempotencyKey() const { return m_key.current(); }

    QRadioButton *upholdButton() const { return m_uphold; }
    QRadioButton *rejectButton() const { return m_reject; }
    QComboBox *resultCombo() const { return m_resultCombo; }
    QPlainTextEdit *notesEdit() const { return m_notesEdit; }
    QPushButton *decideButton() const { return m_decideButton; }
    QLabel *correctionLabel() const { return m_correctionLabel; }

Q_SIGNALS:
    void decided(const betthat::Bet &bet);
    void requestFinished(bool ok);

private:
    void updateForm();
    void send();
    QByteArray fingerprint() const;

    ApiPort *m_api;
    Bet m_bet;
    RequestKey m_key;
    bool m_busy = false;

    QButtonGroup *m_decisionGroup;
    QRadioButton *m_uphold;
    QRadioButton *m_reject;
    QComboBox *m_resultCombo;
    QLabel *m_correctionLabel;
    QPlainTextEdit *m_notesEdit;
    QLabel *m_hint;
    QLabel *m_error;
    QPushButton *m_decideButton;
    QPushButton *m_cancelButton;
};

} // namespace betthat::app
