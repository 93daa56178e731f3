#pragma once

// Corrects the settlement of one bet: re-settle it with a new result and terms, or roll it back to pending.
// Notes are required either way; the dialog shows the ledger correction before anything is sent.

#include "common/bet.h"
#include "common/betrules.h"
#include "requestkey.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace betthat::app {

class ApiPort;

class CorrectionDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Resettle, Rollback };
    Q_ENUM(Mode)

    // bet: settled, voided or disputed (the server refuses pending and cancelled bets with a conflict).
    CorrectionDialog(ApiPort *api, const Bet &bet, Mode mode, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    const Bet &bet() const { return m_bet; }
    // Re-settle: the new terms (result None until one is chosen); nullopt while a factor does not parse.
    std::optional<SettlementTerms> terms() const;
    // What the bet would pay after the correction (rollback: 0), nullopt while the terms are incomplete.
    std::optional<qint64> newPayout() const;
    QString problem() const;
    QString idempotencyKey() const { return m_key.current(); }

Q_SIGNALS:
    void corrected(const betthat::Bet &bet);
    void requestFinished(bool ok);

private:
    void update();
    void send();
    QByteArray fingerprint() const;

    ApiPort *m_api;
    Bet m_bet;
    Mode m_mode;
    RequestKey m_key;
    bool m_busy = false;

    QComboBox *m_result = nullptr;
    QLineEdit *m_voidFactor = nullptr;
    QLineEdit *m_deadHeat = nullptr;
    QSpinBox *m_deduction = nullptr;
    QPlainTextEdit *m_notes;
    QLabel *m_ledger;
    QLabel *m_error;
    QPushButton *m_apply;
};

} // namespace betthat::app
