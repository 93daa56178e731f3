#pragma once

// Settles one market in one request: each selection's outcome and terms, a Rule 4 deduction, the certainty,
// a payout preview per bet computed with the server's own rule, a confirmation, then the per-bet report.

#include "app/net/apitypes.h"
#include "common/bet.h"
#include "common/betrules.h"
#include "requestkey.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace betthat::app {

class ApiPort;

class SettleMarketDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Page { Form, Confirm, Report };
    Q_ENUM(Page)

    // Loads the market's selections and its bets to settle at once.
    SettleMarketDialog(ApiPort *api, const QString &eventName, const QString &market, QWidget *parent = nullptr);

    Page page() const;
    QString eventName() const { return m_eventName; }
    QString market() const { return m_market; }
    bool isLoading() const { return m_loading > 0; }
    const QList<MarketSelection> &selections() const { return m_selections; }
    // The pending bets and the provisional results this settlement may change, in placement order.
    const QList<Bet> &bets() const { return m_bets; }

    // The outcome chosen for a selection (result None: not chosen; with "others lose": a loss).
    SettlementTerms termsFor(const QString &selection) const;
    void setOutcome(const QString &selection, BetResult result, const QString &voidFactor = {},
        const QString &deadHeatFactor = {});
    // What the chosen outcome pays this bet; nullopt while it has no valid outcome.
    std::optional<qint64> payoutFor(const Bet &bet) const;
    QMap<QString, qint64> totalPayout() const;
    // Why the request cannot be sent yet (empty: it can).
    QString problem() const;

    QString idempotencyKey() const { return m_key.current(); }
    const MarketSettleReport &report() const { return m_report; }

Q_SIGNALS:
    // The market's selections and bets arrived (or failed to).
    void loaded(bool ok);
    // Every bet the server settled or corrected here (the window updates its queue at once).
    void betsSettled(const QList<betthat::Bet> &bets);
    // The settle request was answered, or failed without an answer.
    void requestFinished(bool ok);

private:
    QWidget *buildFormPage();
    QWidget *buildConfirmPage();
    QWidget *buildReportPage();
    void load();
    void loadBets(BetStatus status, const QString &cursor);
    void loadFinished(bool ok, const QString &error);
    void fillSelections();
    void updatePreview();
    void showConfirmation();
    void send();
    void showReport(const MarketSettleReport &report);
    MarketSettleRequest request() const;
    QByteArray fingerprint() const;
    std::optional<int> deduction() const;
    Certainty certainty() const;

    ApiPort *m_api;
    QString m_eventName;
    QString m_market;
    QList<MarketSelection> m_selections;
    QList<Bet> m_bets;
    int m_loading = 0;
    QString m_loadError;
    bool m_busy = false;
    RequestKey m_key;
    MarketSettleReport m_report;

    QStackedWidget *m_pages;
    QTableWidget *m_selectionTable;
    QSpinBox *m_deduction;
    QComboBox *m_certainty;
    QCheckBox *m_othersLose;
    QPlainTextEdit *m_notes;
    QTableWidget *m_previewTable;
    QLabel *m_totalLabel;
    QLabel *m_formError;
    QPushButton *m_continueButton;
    QLabel *m_confirmTitle;
    QLabel *m_confirmLabel;
    QLabel *m_confirmError;
    QPushButton *m_backButton;
    QPushButton *m_confirmButton;
    QLabel *m_summaryLabel;
    QTableWidget *m_reportTable;
};

} // namespace betthat::app
