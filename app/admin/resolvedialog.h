#pragma once

// Resolves one bet, or a selection in one bulk request: result, notes, each bet's payout and the total, a
// confirmation for bulk, then the outcome of every bet (a bet someone else resolved meanwhile is reported
// alone).

#include "app/net/apitypes.h"
#include "common/bet.h"
#include "requestkey.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace betthat::app {

class ApiPort;

class ResolveDialog : public QDialog
{
    Q_OBJECT
public:
    // Single: POST /bets/{id}/resolve, closes on success. Bulk: a confirmation page, ONE POST /bets/resolve,
    // then the per-bet outcomes.
    enum class Mode { Single, Bulk };
    Q_ENUM(Mode)
    enum class Page { Form, Confirm, Outcome };
    Q_ENUM(Page)

    ResolveDialog(ApiPort *api, const QList<Bet> &bets, Mode mode, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    Page page() const;
    const QList<Bet> &bets() const { return m_bets; }

    BetResult result() const;
    void setResult(BetResult result);
    QString notes() const;
    void setNotes(const QString &notes);
    // Voiding needs a reason the bettor can read.
    bool notesRequired() const { return result() == BetResult::Void; }
    // What the chosen result pays this bet (0 without a result).
    qint64 payoutFor(const Bet &bet) const;
    QMap<QString, qint64> totalPayout() const; // per currency

    bool isBusy() const { return m_busy; }
    QString errorText() const;
    // The Idempotency-Key of the current request: the same while the request is retried unchanged.
    QString idempotencyKey() const { return m_key.current(); }
    const QList<BulkResolveItem> &outcomes() const { return m_outcomes; }
    int succeededCount() const;
    int failedCount() const { return static_cast<int>(m_outcomes.size()) - succeededCount(); }

    // The dialog's controls, for keyboard handling and tests.
    QComboBox *resultCombo() const { return m_resultCombo; }
    QPlainTextEdit *notesEdit() const { return m_notesEdit; }
    QPushButton *resolveButton() const { return m_resolveButton; } // Form: "Resolve" or "Continue…"
    QPushButton *confirmButton() const { return m_confirmButton; } // Confirm: sends the bulk request
    QPushButton *backButton() const { return m_backButton; }
    QPushButton *closeButton() const { return m_closeButton; } // Outcome
    QTableWidget *payoutTable() const { return m_payoutTable; }
    QTableWidget *outcomeTable() const { return m_outcomeTable; }
    QLabel *confirmTitle() const { return m_confirmTitle; }
    QLabel *confirmLabel() const { return m_confirmLabel; } // count, total payout, notes
    QLabel *summaryLabel() const { return m_summaryLabel; }

Q_SIGNALS:
    // Every bet the server resolved in this dialog (the window drops them from the queue at once).
    void betsResolved(const QList<betthat::Bet> &bets);
    // A request was answered, or failed without an answer.
    void requestFinished(bool ok);

private:
    QWidget *buildFormPage();
    QWidget *buildConfirmPage();
    QWidget *buildOutcomePage();
    void updateForm();
    void onResolveClicked();
    void showConfirmation();
    void sendSingle();
    void sendBulk();
    void setBusy(bool busy);
    void showError(const QString &text);
    void showOutcomes(const QList<BulkResolveItem> &items);
    QByteArray fingerprint() const;

    ApiPort *m_api;
    QList<Bet> m_bets;
    Mode m_mode;
    RequestKey m_key;
    bool m_busy = false;
    QList<BulkResolveItem> m_outcomes;

    QStackedWidget *m_pages;
    QComboBox *m_resultCombo;
    QPlainTextEdit *m_notesEdit;
    QLabel *m_notesHint;
    QTableWidget *m_payoutTable;
    QLabel *m_totalLabel;
    QLabel *m_formError;
    QPushButton *m_resolveButton;
    QPushButton *m_cancelButton;
    QLabel *m_confirmTitle;
    QLabel *m_confirmLabel;
    QLabel *m_confirmError;
    QPushButton *m_backButton;
    QPushButton *m_confirmButton;
    QLabel *m_summaryLabel;
    QTableWidget *m_outcomeTable;
    QPushButton *m_closeButton;
};

} // namespace betthat::app
