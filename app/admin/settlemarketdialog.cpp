#include "settlemarketdialog.h"

#include "app/logcategories.h"
#include "app/models/betformatter.h"
#include "app/net/apiport.h"
#include "common/money.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace betthat::app {

namespace {

constexpr BetResult kResults[] = { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void };
constexpr int kPageSize = 500; // the server's largest page
enum SelectionColumn { SelName, SelBets, SelStake, SelOutcome, SelVoidFactor, SelDeadHeat, SelColumns };
enum PreviewColumn { PrevBet, PrevBettor, PrevSelection, PrevStake, PrevOdds, PrevPayout, PrevColumns };

QLabel *makeErrorLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setVisible(false);
    return label;
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidget *makeTable(int columns, const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setWordWrap(false);
    return table;
}

// An empty factor field is "no factor"; anything else must parse.
std::optional<std::optional<qint64>> factorFrom(const QLineEdit *edit)
{
    const QString text = edit ? edit->text().trimmed() : QString();
    if (text.isEmpty())
        return std::optional<qint64>();
    const auto parsed = parseFactor(QString(text).replace(QLatin1Char(','), QLatin1Char('.')));
    if (!parsed)
        return std::nullopt;
    return std::optional<qint64>(*parsed);
}

} // namespace

SettleMarketDialog::SettleMarketDialog(
    ApiPort *api, const QString &eventName, const QString &market, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_eventName(eventName)
    , m_market(market)
    , m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("settleMarketDialog"));
    setWindowTitle(tr("Settle market"));
    m_pages->addWidget(buildFormPage());
    m_pages->addWidget(buildConfirmPage());
    m_pages->addWidget(buildReportPage());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    resize(900, 680);
    load();
}

QWidget *SettleMarketDialog::buildFormPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *heading = new QLabel(page);
    heading->setObjectName(QStringLiteral("marketHeading"));
    heading->setTextFormat(Qt::PlainText); // event and market names come from bettors' slips
    heading->setText(tr("%1 · %2").arg(m_eventName, m_market));
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    heading->setFont(headingFont);
    layout->addWidget(heading);

    m_selectionTable = makeTable(SelColumns,
        { tr("Selection"), tr("Bets to settle"), tr("Pending stake"), tr("Outcome"), tr("Void factor"),
            tr("Dead heat") },
        QStringLiteral("selectionTable"), page);
    layout->addWidget(m_selectionTable, 2);

    auto *form = new QFormLayout;
    m_deduction = new QSpinBox(page);
    m_deduction->setObjectName(QStringLiteral("deductionSpin"));
    m_deduction->setRange(0, 90);
    m_deduction->setSuffix(tr(" p in the pound"));
    m_deduction->setSpecialValueText(tr("none"));
    m_deduction->setToolTip(tr("Rule 4: deducted from the winnings of every winning selection"));
    form->addRow(tr("Rule &4 deduction:"), m_deduction);
    m_certainty = new QComboBox(page);
    m_certainty->setObjectName(QStringLiteral("certaintyCombo"));
    m_certainty->addItem(tr("Confirmed (final, opens the dispute window)"), int(Certainty::Confirmed));
    m_certainty->addItem(tr("Provisional (pays out, may still change)"), int(Certainty::Provisional));
    form->addRow(tr("&Certainty:"), m_certainty);
    m_othersLose = new QCheckBox(tr("Selections without an outcome &lose"), page);
    m_othersLose->setObjectName(QStringLiteral("othersLoseCheck"));
    form->addRow(QString(), m_othersLose);
    m_notes = new QPlainTextEdit(page);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(tr("What happened, for the bettors (required when a selection is void)"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(60);
    form->addRow(tr("&Notes:"), m_notes);
    layout->addLayout(form);

    m_previewTable = makeTable(PrevColumns,
        { tr("Bet"), tr("Bettor"), tr("Selection"), tr("Stake"), tr("Odds"), tr("Payout") },
        QStringLiteral("previewTable"), page);
    layout->addWidget(m_previewTable, 3);
    m_totalLabel = new QLabel(page);
    m_totalLabel->setObjectName(QStringLiteral("totalLabel"));
    layout->addWidget(m_totalLabel);
    m_formError = makeErrorLabel(page, QStringLiteral("formError"));
    layout->addWidget(m_formError);

    auto *buttons = new QDialogButtonBox(page);
    m_continueButton = buttons->addButton(tr("&Continue…"), QDialogButtonBox::AcceptRole);
    m_continueButton->setObjectName(QStringLiteral("continueButton"));
    m_continueButton->setDefault(true);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);

    connect(m_deduction, &QSpinBox::valueChanged, this, &SettleMarketDialog::updatePreview);
    connect(m_othersLose, &QCheckBox::toggled, this, &SettleMarketDialog::updatePreview);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &SettleMarketDialog::updatePreview);
    connect(m_continueButton, &QPushButton::clicked, this, &SettleMarketDialog::showConfirmation);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    return page;
}

QWidget *SettleMarketDialog::buildConfirmPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_confirmTitle = new QLabel(page);
    m_confirmTitle->setObjectName(QStringLiteral("confirmTitle"));
    m_confirmTitle->setWordWrap(true);
    m_confirmTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = m_confirmTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_confirmTitle->setFont(titleFont);
    layout->addWidget(m_confirmTitle);
    m_confirmLabel = new QLabel(page);
    m_confirmLabel->setObjectName(QStringLiteral("confirmLabel"));
    m_confirmLabel->setWordWrap(true);
    m_confirmLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(m_confirmLabel);
    auto *explain = new QLabel(tr("Each bet is settled on its own and gets its own event. A bet that someone "
                                  "else changed in the meantime is reported and does not stop the others."),
        page);
    explain->setWordWrap(true);
    layout->addWidget(explain);
    layout->addStretch(1);
    m_confirmError = makeErrorLabel(page, QStringLiteral("confirmError"));
    layout->addWidget(m_confirmError);
    auto *buttons = new QDialogButtonBox(page);
    m_backButton = buttons->addButton(tr("&Back"), QDialogButtonBox::RejectRole);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    m_confirmButton = buttons->addButton(tr("Settle"), QDialogButtonBox::AcceptRole);
    m_confirmButton->setObjectName(QStringLiteral("confirmButton"));
    layout->addWidget(buttons);
    connect(m_backButton, &QPushButton::clicked, this, [this] {
        m_confirmError->setVisible(false);
        m_pages->setCurrentIndex(int(Page::Form));
        m_continueButton->setDefault(true);
    });
    connect(m_confirmButton, &QPushButton::clicked, this, &SettleMarketDialog::send);
    return page;
}

QWidget *SettleMarketDialog::buildReportPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_summaryLabel = new QLabel(page);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);
    m_reportTable = makeTable(
        4, { tr("Bet"), tr("Selection"), tr("Action"), tr("Details") }, QStringLiteral("reportTable"), page);
    layout->addWidget(m_reportTable, 1);
    auto *buttons = new QDialogButtonBox(page);
    auto *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    layout->addWidget(buttons);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    return page;
}

SettleMarketDialog::Page SettleMarketDialog::page() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void SettleMarketDialog::load()
{
    // Three reads: the selections (names, counts, stakes), and the bets the preview prices: pending ones and
    // settled ones, of which the provisional results are the ones a settlement may still change.
    m_loading = 3;
    m_loadError.clear();
    m_bets.clear();
    m_continueButton->setEnabled(false);
    m_totalLabel->setText(tr("Loading the market…"));
    m_api->marketSelections(m_eventName, m_market, this, [this](const Result<QList<MarketSelection>> &r) {
        if (r)
            m_selections = *r;
        loadFinished(r.ok(), r.ok() ? QString() : BetFormatter::error(r.error()));
    });
    loadBets(BetStatus::Pending, {});
    loadBets(BetStatus::Settled, {});
}

void SettleMarketDialog::loadBets(BetStatus status, const QString &cursor)
{
    BetFilter filter;
    filter.status = status;
    filter.eventName = m_eventName;
    filter.market = m_market;
    filter.limit = kPageSize;
    filter.cursor = cursor;
    m_api->bets(filter, this, [this, status](const Result<BetPage> &r) {
        if (!r)
            return loadFinished(false, BetFormatter::error(r.error()));
        for (const Bet &bet : r->bets) {
            // The filter matches by name; the server compares exactly, so this only guards odd answers.
            if (bet.eventName != m_eventName || bet.market != m_market)
                continue;
            if (bet.status == BetStatus::Pending || bet.certainty == Certainty::Provisional)
                m_bets.append(bet);
        }
        if (!r->nextCursor.isEmpty())
            return loadBets(status, r->nextCursor);
        loadFinished(true, {});
    });
}

void SettleMarketDialog::loadFinished(bool ok, const QString &error)
{
    if (!ok && m_loadError.isEmpty())
        m_loadError = error;
    if (--m_loading > 0)
        return;
    std::sort(m_bets.begin(), m_bets.end(),
        [](const Bet &a, const Bet &b) { return a.id.toLongLong() < b.id.toLongLong(); });
    fillSelections();
    updatePreview();
    Q_EMIT loaded(m_loadError.isEmpty());
}

void SettleMarketDialog::fillSelections()
{
    m_selectionTable->setRowCount(static_cast<int>(m_selections.size()));
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    for (int row = 0; row < m_selections.size(); ++row) {
        const MarketSelection &s = m_selections.at(row);
        m_selectionTable->setItem(row, SelName, cell(s.selection));
        const QString count = s.provisionalBets > 0
            ? tr("%1 (+%2 provisional)").arg(s.pendingBets).arg(s.provisionalBets)
            : QString::number(s.pendingBets);
        m_selectionTable->setItem(row, SelBets, cell(count, right));
        m_selectionTable->setItem(row, SelStake, cell(BetFormatter::moneyTotals(s.pendingStake), right));

        auto *outcome = new QComboBox(m_selectionTable);
        outcome->setObjectName(QStringLiteral("outcome:") + s.selection);
        outcome->addItem(tr("—"), int(BetResult::None));
        for (BetResult r : kResults)
            outcome->addItem(BetFormatter::verdict(r), int(r));
        m_selectionTable->setCellWidget(row, SelOutcome, outcome);
        connect(outcome, &QComboBox::currentIndexChanged, this, &SettleMarketDialog::updatePreview);

        const auto factorEdit = [&](const QString &prefix, const QString &tip) {
            auto *edit = new QLineEdit(m_selectionTable);
            edit->setObjectName(prefix + s.selection);
            edit->setPlaceholderText(tr("none"));
            edit->setToolTip(tip);
            connect(edit, &QLineEdit::textChanged, this, &SettleMarketDialog::updatePreview);
            return edit;
        };
        m_selectionTable->setCellWidget(row, SelVoidFactor,
            factorEdit(QStringLiteral("voidFactor:"),
                tr("Share of the stake that is void and refunded, e.g. 0.5 (win, loss or push)")));
        m_selectionTable->setCellWidget(row, SelDeadHeat,
            factorEdit(QStringLiteral("deadHeat:"),
                tr("Share of the stake that wins at full odds in a dead heat, e.g. 0.5 (win only)")));
    }
    m_selectionTable->resizeColumnsToContents();
    m_selectionTable->horizontalHeader()->setSectionResizeMode(SelName, QHeaderView::Stretch);

    m_previewTable->setRowCount(static_cast<int>(m_bets.size()));
    for (int row = 0; row < m_bets.size(); ++row) {
        const Bet &bet = m_bets.at(row);
        QString id = bet.id;
        if (bet.certainty == Certainty::Provisional)
            id = tr("%1 (provisional: %2)").arg(bet.id, BetFormatter::outcomeWord(bet.result));
        m_previewTable->setItem(row, PrevBet, cell(id, right));
        m_previewTable->setItem(row, PrevBettor, cell(bet.userId));
        m_previewTable->setItem(row, PrevSelection, cell(bet.selection));
        m_previewTable->setItem(row, PrevStake, cell(BetFormatter::money(bet.stake, bet.currency), right));
        m_previewTable->setItem(row, PrevOdds, cell(BetFormatter::odds(bet.odds), right));
        m_previewTable->setItem(row, PrevPayout, cell(QString(), right));
    }
    m_previewTable->resizeColumnsToContents();
    m_previewTable->horizontalHeader()->setSectionResizeMode(PrevSelection, QHeaderView::Stretch);
}

SettlementTerms SettleMarketDialog::termsFor(const QString &selection) const
{
    SettlementTerms terms;
    const auto *combo = findChild<QComboBox *>(QStringLiteral("outcome:") + selection);
    terms.result = combo ? static_cast<BetResult>(combo->currentData().toInt()) : BetResult::None;
    if (terms.result == BetResult::None) {
        if (m_othersLose->isChecked())
            terms.result = BetResult::Loss;
        return terms;
    }
    if (const auto v = factorFrom(findChild<QLineEdit *>(QStringLiteral("voidFactor:") + selection)))
        terms.voidFactor = *v;
    if (const auto d = factorFrom(findChild<QLineEdit *>(QStringLiteral("deadHeat:") + selection)))
        terms.deadHeatFactor = *d;
    if (terms.result == BetResult::Win)
        terms.deduction = deduction();
    return terms;
}

void SettleMarketDialog::setOutcome(
    const QString &selection, BetResult result, const QString &voidFactor, const QString &deadHeatFactor)
{
    if (auto *combo = findChild<QComboBox *>(QStringLiteral("outcome:") + selection))
        combo->setCurrentIndex(combo->findData(int(result)));
    if (auto *edit = findChild<QLineEdit *>(QStringLiteral("voidFactor:") + selection))
        edit->setText(voidFactor);
    if (auto *edit = findChild<QLineEdit *>(QStringLiteral("deadHeat:") + selection))
        edit->setText(deadHeatFactor);
}

std::optional<int> SettleMarketDialog::deduction() const
{
    return m_deduction->value() > 0 ? std::optional<int>(m_deduction->value()) : std::nullopt;
}

Certainty SettleMarketDialog::certainty() const
{
    return static_cast<Certainty>(m_certainty->currentData().toInt());
}

std::optional<qint64> SettleMarketDialog::payoutFor(const Bet &bet) const
{
    const SettlementTerms terms = termsFor(bet.selection);
    if (terms.result == BetResult::None || !BetRules::checkTerms(terms).ok())
        return std::nullopt;
    // The same function the server books with, so the preview is the payout to the cent.
    const auto parts = BetRules::payoutFor(terms, bet.stake, bet.odds);
    return parts ? std::optional<qint64>(parts->total()) : std::nullopt;
}

QMap<QString, qint64> SettleMarketDialog::totalPayout() const
{
    QMap<QString, qint64> totals;
    for (const Bet &bet : m_bets)
        totals[bet.currency] += payoutFor(bet).value_or(0);
    return totals;
}

QString SettleMarketDialog::problem() const
{
    if (m_loading > 0)
        return tr("Loading the market…");
    if (!m_loadError.isEmpty())
        return tr("The market could not be loaded: %1").arg(m_loadError);
    if (m_selections.isEmpty())
        return tr("This market has no bets.");
    QStringList missing;
    bool anyOutcome = false;
    bool anyVoid = false;
    for (const MarketSelection &s : m_selections) {
        const SettlementTerms terms = termsFor(s.selection);
        const QLineEdit *voidEdit = findChild<QLineEdit *>(QStringLiteral("voidFactor:") + s.selection);
        const QLineEdit *deadHeatEdit = findChild<QLineEdit *>(QStringLiteral("deadHeat:") + s.selection);
        if (terms.result == BetResult::None) {
            if (s.pendingBets + s.provisionalBets > 0)
                missing << s.selection;
            continue;
        }
        anyOutcome = true;
        anyVoid = anyVoid || terms.result == BetResult::Void;
        if (!factorFrom(voidEdit) || !factorFrom(deadHeatEdit))
            return tr("%1: a factor is a decimal between 0 and 1, e.g. 0.5.").arg(s.selection);
        const Status valid = BetRules::checkTerms(terms);
        if (!valid.ok())
            return tr("%1: %2").arg(s.selection, valid.error().message);
    }
    if (!missing.isEmpty())
        return tr("Choose an outcome for: %1 (or let selections without one lose).")
            .arg(missing.join(QStringLiteral(", ")));
    if (!anyOutcome)
        return tr("Choose at least one outcome.");
    if (anyVoid && m_notes->toPlainText().trimmed().isEmpty())
        return tr("Notes are required to void a selection: tell the bettors why.");
    return {};
}

void SettleMarketDialog::updatePreview()
{
    for (int row = 0; row < m_bets.size(); ++row) {
        const auto payout = payoutFor(m_bets.at(row));
        m_previewTable->item(row, PrevPayout)->setText(
            payout ? BetFormatter::money(*payout, m_bets.at(row).currency) : tr("—"));
    }
    m_totalLabel->setText(tr("Total payout: %1 (bets: %2)")
                              .arg(BetFormatter::moneyTotals(totalPayout()))
                              .arg(m_bets.size()));
    const QString why = problem();
    m_formError->setText(why);
    m_formError->setVisible(!why.isEmpty() && m_loading == 0);
    m_continueButton->setEnabled(why.isEmpty() && !m_busy);
}

MarketSettleRequest SettleMarketDialog::request() const
{
    MarketSettleRequest request;
    request.eventName = m_eventName;
    request.market = m_market;
    request.deduction = deduction();
    request.certainty = certainty();
    request.othersLose = m_othersLose->isChecked();
    request.notes = m_notes->toPlainText().trimmed();
    for (const MarketSelection &s : m_selections) {
        const auto *combo = findChild<QComboBox *>(QStringLiteral("outcome:") + s.selection);
        if (combo && combo->currentData().toInt() != int(BetResult::None))
            request.outcomes.append({ s.selection, termsFor(s.selection) });
    }
    return request;
}

QByteArray SettleMarketDialog::fingerprint() const
{
    const MarketSettleRequest r = request();
    QStringList parts { r.eventName, r.market, certaintyName(r.certainty), QString::number(r.deduction.value_or(-1)),
        r.othersLose ? QStringLiteral("others") : QString(), r.notes };
    for (const SelectionOutcome &o : r.outcomes)
        parts << o.selection << resultName(o.terms.result) << QString::number(o.terms.voidFactor.value_or(-1))
              << QString::number(o.terms.deadHeatFactor.value_or(-1));
    return parts.join(QLatin1Char('\x1f')).toUtf8();
}

void SettleMarketDialog::showConfirmation()
{
    if (!problem().isEmpty())
        return updatePreview();
    const MarketSettleRequest r = request();
    m_confirmTitle->setText(r.certainty == Certainty::Provisional
            ? tr("Settle %1 · %2 provisionally?").arg(m_eventName, m_market)
            : tr("Settle %1 · %2?").arg(m_eventName, m_market));
    QStringList lines;
    lines << tr("Bets: %1").arg(m_bets.size());
    lines << tr("Total payout: %1").arg(BetFormatter::moneyTotals(totalPayout()));
    for (const SelectionOutcome &o : r.outcomes) {
        const QString terms = BetFormatter::terms(o.terms.voidFactor, o.terms.deadHeatFactor, o.terms.deduction);
        lines << (terms.isEmpty() ? tr("%1: %2").arg(o.selection, BetFormatter::verdict(o.terms.result))
                                  : tr("%1: %2 (%3)").arg(o.selection, BetFormatter::verdict(o.terms.result), terms));
    }
    if (r.othersLose)
        lines << tr("Every other selection: Loss");
    if (!r.notes.isEmpty())
        lines << tr("Notes: %1").arg(r.notes);
    m_confirmLabel->setText(lines.join(QLatin1Char('\n')));
    m_confirmError->setVisible(false);
    m_confirmButton->setText(tr("Settle %n bet(s)", nullptr, static_cast<int>(m_bets.size())));
    m_pages->setCurrentIndex(int(Page::Confirm));
    m_confirmButton->setDefault(true);
    m_confirmButton->setFocus();
}

void SettleMarketDialog::send()
{
    if (m_busy)
        return;
    // Unchanged request, same key: a retry after a lost answer gets the first report instead of acting twice.
    const QString key = m_key.keyFor(fingerprint());
    m_busy = true;
    m_backButton->setEnabled(false);
    m_confirmButton->setEnabled(false);
    m_confirmButton->setText(tr("Settling…"));
    m_confirmError->setVisible(false);
    m_api->settleMarket(
        request(), this,
        [this](const Result<MarketSettleReport> &report) {
            m_busy = false;
            m_backButton->setEnabled(true);
            m_confirmButton->setEnabled(true);
            if (report) {
                m_key.forget();
                showReport(*report);
                Q_EMIT requestFinished(true);
                return;
            }
            const Error &error = report.error();
            qCInfo(lcAppAdmin) << "settling" << m_eventName << m_market << "failed:" << error.message;
            QString text = BetFormatter::error(error);
            if (error.code == ErrorCode::Unavailable)
                text += QLatin1Char('\n') + tr("Retry sends the same request again; no bet can be settled twice.");
            m_confirmError->setText(text);
            m_confirmError->setVisible(true);
            m_confirmButton->setText(
                error.code == ErrorCode::Unavailable ? tr("&Retry") : tr("Settle %n bet(s)", nullptr, int(m_bets.size())));
            Q_EMIT requestFinished(false);
        },
        key);
}

void SettleMarketDialog::showReport(const MarketSettleReport &report)
{
    m_report = report;
    QList<MarketSettleItem> sorted = report.results;
    // Failures first: they are what the operator has to look at.
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const MarketSettleItem &a, const MarketSettleItem &b) { return !a.outcome.ok() && b.outcome.ok(); });
    m_reportTable->setRowCount(static_cast<int>(sorted.size()));
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    QList<Bet> changed;
    for (int row = 0; row < sorted.size(); ++row) {
        const MarketSettleItem &item = sorted.at(row);
        m_reportTable->setItem(row, 0, cell(item.betId, right));
        m_reportTable->setItem(row, 1, cell(item.selection));
        if (!item.outcome) {
            const Error &error = item.outcome.error();
            m_reportTable->setItem(row, 2,
                cell(error.code == ErrorCode::Conflict ? tr("Failed: changed by someone else")
                                                       : tr("Failed: %1").arg(BetFormatter::errorCode(error.code))));
            m_reportTable->setItem(row, 3, cell(error.message));
            continue;
        }
        const Bet &bet = *item.outcome;
        changed << bet;
        QString action = item.action;
        if (item.action == QLatin1String("settled"))
            action = tr("Settled");
        else if (item.action == QLatin1String("confirmed"))
            action = tr("Confirmed");
        else if (item.action == QLatin1String("resettled"))
            action = tr("Re-settled");
        else if (item.action == QLatin1String("unchanged"))
            action = tr("Unchanged");
        m_reportTable->setItem(row, 2, cell(action));
        QString details = tr("%1, payout %2").arg(BetFormatter::verdict(bet.result),
            BetFormatter::money(bet.payout, bet.currency));
        if (bet.certainty == Certainty::Provisional)
            details = tr("%1 (provisional)").arg(details);
        m_reportTable->setItem(row, 3, cell(details));
    }
    m_reportTable->resizeColumnsToContents();
    m_reportTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_summaryLabel->setText(tr("Settled: %1 · Confirmed: %2 · Re-settled: %3 · Unchanged: %4 · Failed: %5")
                                .arg(report.settled)
                                .arg(report.confirmed)
                                .arg(report.resettled)
                                .arg(report.unchanged)
                                .arg(report.failed));
    m_pages->setCurrentIndex(int(Page::Report));
    if (!changed.isEmpty())
        Q_EMIT betsSettled(changed);
}

} // namespace betthat::app
