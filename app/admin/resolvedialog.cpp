#include "resolvedialog.h"

#include "app/logcategories.h"
#include "app/models/betformatter.h"
#include "app/net/apiport.h"
#include "common/betrules.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace betthat::app {

namespace {

constexpr BetResult kResults[] = { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void };

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
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

} // namespace

ResolveDialog::ResolveDialog(ApiPort *api, const QList<Bet> &bets, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_bets(bets)
    , m_mode(mode)
    , m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("resolveDialog"));
    if (m_mode == Mode::Single && m_bets.size() == 1)
        setWindowTitle(tr("Resolve bet %1").arg(m_bets.constFirst().id));
    else
        setWindowTitle(tr("Resolve bets (%1)").arg(m_bets.size()));

    m_pages->addWidget(buildFormPage());
    m_pages->addWidget(buildConfirmPage());
    m_pages->addWidget(buildOutcomePage());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    resize(720, 520);
    updateForm();
}

QWidget *ResolveDialog::buildFormPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);

    auto *heading = new QLabel(page);
    heading->setWordWrap(true);
    if (m_bets.size() == 1) {
        const Bet &bet = m_bets.constFirst();
        heading->setText(tr("Bet %1 by %2: %3 · %4: %5")
                             .arg(bet.id, bet.userId, bet.eventName, bet.market, bet.selection));
    } else {
        heading->setText(tr("Selected bets: %1. Each gets the same result and notes.").arg(m_bets.size()));
    }
    layout->addWidget(heading);

    auto *form = new QFormLayout;
    m_resultCombo = new QComboBox(page);
    m_resultCombo->setObjectName(QStringLiteral("resultCombo"));
    for (BetResult r : kResults)
        m_resultCombo->addItem(BetFormatter::verdict(r), static_cast<int>(r));
    // No preselected result: a slip of the Enter key must not pay anyone.
    m_resultCombo->setPlaceholderText(tr("Choose a result…"));
    m_resultCombo->setCurrentIndex(-1);
    form->addRow(tr("&Result:"), m_resultCombo);

    m_notesEdit = new QPlainTextEdit(page);
    m_notesEdit->setObjectName(QStringLiteral("notesEdit"));
    m_notesEdit->setPlaceholderText(tr("What happened, for the bettor (e.g. the final score)"));
    m_notesEdit->setTabChangesFocus(true);
    m_notesEdit->setMaximumHeight(90);
    form->addRow(tr("&Notes:"), m_notesEdit);
    m_notesHint = new QLabel(page);
    m_notesHint->setObjectName(QStringLiteral("notesHint"));
    m_notesHint->setWordWrap(true);
    form->addRow(QString(), m_notesHint);
    layout->addLayout(form);

    m_payoutTable = new QTableWidget(static_cast<int>(m_bets.size()), 6, page);
    m_payoutTable->setObjectName(QStringLiteral("payoutTable"));
    m_payoutTable->setHorizontalHeaderLabels(
        { tr("Bet"), tr("Bettor"), tr("Selection"), tr("Stake"), tr("Odds"), tr("Payout") });
    m_payoutTable->verticalHeader()->setVisible(false);
    m_payoutTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_payoutTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_payoutTable->setSelectionMode(QAbstractItemView::NoSelection);
    m_payoutTable->setWordWrap(false);
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    for (int row = 0; row < m_bets.size(); ++row) {
        const Bet &bet = m_bets.at(row);
        m_payoutTable->setItem(row, 0, cell(bet.id, right));
        m_payoutTable->setItem(row, 1, cell(bet.userId));
        m_payoutTable->setItem(row, 2, cell(tr("%1 · %2: %3").arg(bet.eventName, bet.market, bet.selection)));
        m_payoutTable->setItem(row, 3, cell(BetFormatter::money(bet.stake, bet.currency), right));
        m_payoutTable->setItem(row, 4, cell(BetFormatter::odds(bet.odds), right));
        m_payoutTable->setItem(row, 5, cell(QString(), right));
    }
    m_payoutTable->resizeColumnsToContents();
    m_payoutTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    layout->addWidget(m_payoutTable, 1);

    m_totalLabel = new QLabel(page);
    m_totalLabel->setObjectName(QStringLiteral("totalLabel"));
    layout->addWidget(m_totalLabel);
    m_formError = makeErrorLabel(page);
    m_formError->setObjectName(QStringLiteral("formError"));
    layout->addWidget(m_formError);

    auto *buttons = new QDialogButtonBox(page);
    m_resolveButton = buttons->addButton(
        m_mode == Mode::Single ? tr("&Resolve") : tr("&Continue…"), QDialogButtonBox::AcceptRole);
    m_resolveButton->setObjectName(QStringLiteral("resolveButton"));
    m_resolveButton->setDefault(true);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);

    connect(m_resultCombo, &QComboBox::currentIndexChanged, this, &ResolveDialog::updateForm);
    connect(m_notesEdit, &QPlainTextEdit::textChanged, this, &ResolveDialog::updateForm);
    connect(m_resolveButton, &QPushButton::clicked, this, &ResolveDialog::onResolveClicked);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    return page;
}

QWidget *ResolveDialog::buildConfirmPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_confirmTitle = new QLabel(page);
    m_confirmTitle->setObjectName(QStringLiteral("confirmTitle"));
    m_confirmTitle->setWordWrap(true);
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
    auto *explain
        = new QLabel(tr("Each bet is resolved on its own and gets its own event. A bet that someone "
                        "else resolved in the meantime is reported and does not stop the others."),
            page);
    explain->setWordWrap(true);
    layout->addWidget(explain);
    layout->addStretch(1);
    m_confirmError = makeErrorLabel(page);
    m_confirmError->setObjectName(QStringLiteral("confirmError"));
    layout->addWidget(m_confirmError);

    auto *buttons = new QDialogButtonBox(page);
    m_backButton = buttons->addButton(tr("&Back"), QDialogButtonBox::RejectRole);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    m_confirmButton
        = buttons->addButton(tr("Resolve all (%1)").arg(m_bets.size()), QDialogButtonBox::AcceptRole);
    m_confirmButton->setObjectName(QStringLiteral("confirmButton"));
    layout->addWidget(buttons);

    connect(m_backButton, &QPushButton::clicked, this, [this] {
        m_confirmError->setVisible(false);
        m_pages->setCurrentIndex(static_cast<int>(Page::Form));
        m_resolveButton->setDefault(true);
    });
    connect(m_confirmButton, &QPushButton::clicked, this, &ResolveDialog::sendBulk);
    return page;
}

QWidget *ResolveDialog::buildOutcomePage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_summaryLabel = new QLabel(page);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);
    m_outcomeTable = new QTableWidget(0, 4, page);
    m_outcomeTable->setObjectName(QStringLiteral("outcomeTable"));
    m_outcomeTable->setHorizontalHeaderLabels({ tr("Bet"), tr("Bettor"), tr("Outcome"), tr("Details") });
    m_outcomeTable->verticalHeader()->setVisible(false);
    m_outcomeTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_outcomeTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_outcomeTable, 1);
    auto *buttons = new QDialogButtonBox(page);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    layout->addWidget(buttons);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::accept);
    return page;
}

ResolveDialog::Page ResolveDialog::page() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

BetResult ResolveDialog::result() const
{
    const QVariant chosen = m_resultCombo->currentData();
    return chosen.isValid() ? static_cast<BetResult>(chosen.toInt()) : BetResult::None;
}

void ResolveDialog::setResult(BetResult result)
{
    m_resultCombo->setCurrentIndex(m_resultCombo->findData(static_cast<int>(result)));
}

QString ResolveDialog::notes() const
{
    return m_notesEdit->toPlainText().trimmed();
}

void ResolveDialog::setNotes(const QString &notes)
{
    m_notesEdit->setPlainText(notes);
}

qint64 ResolveDialog::payoutFor(const Bet &bet) const
{
    if (result() == BetResult::None)
        return 0;
    const auto payout = BetRules::payoutFor(result(), bet.stake, bet.odds);
    return payout ? *payout : 0;
}

QMap<QString, qint64> ResolveDialog::totalPayout() const
{
    QMap<QString, qint64> totals;
    for (const Bet &bet : m_bets)
        totals[bet.currency] += payoutFor(bet);
    return totals;
}

QString ResolveDialog::errorText() const
{
    if (!m_confirmError->isHidden() && page() == Page::Confirm)
        return m_confirmError->text();
    return m_formError->isHidden() ? QString() : m_formError->text();
}

int ResolveDialog::succeededCount() const
{
    return static_cast<int>(std::count_if(m_outcomes.cbegin(), m_outcomes.cend(),
        [](const BulkResolveItem &item) { return item.outcome.ok(); }));
}

void ResolveDialog::updateForm()
{
    const bool haveResult = result() != BetResult::None;
    for (int row = 0; row < m_bets.size(); ++row) {
        const Bet &bet = m_bets.at(row);
        m_payoutTable->item(row, 5)->setText(
            haveResult ? BetFormatter::money(payoutFor(bet), bet.currency) : tr("—"));
    }
    m_totalLabel->setText(haveResult ? tr("Total payout: %1 (bets: %2)")
                                           .arg(BetFormatter::moneyTotals(totalPayout()))
                                           .arg(m_bets.size())
                                     : tr("Choose a result to see the payouts."));

    const bool notesMissing = notesRequired() && notes().isEmpty();
    m_notesHint->setText(notesRequired() ? tr("Notes are required to void a bet: tell the bettor why.")
                                         : tr("Optional; the bettor sees them."));
    m_resolveButton->setEnabled(!m_busy && haveResult && !notesMissing);
    // A changed request is a new action: the "Retry" wording only fits the unchanged one.
    if (!m_busy && m_mode == Mode::Single)
        m_resolveButton->setText(
            !m_formError->isHidden() && m_key.isFor(fingerprint()) ? tr("&Retry") : tr("&Resolve"));
}

void ResolveDialog::onResolveClicked()
{
    if (m_busy)
        return;
    if (result() == BetResult::None) {
        showError(tr("Choose a result first."));
        return;
    }
    if (notesRequired() && notes().isEmpty()) {
        showError(tr("Notes are required to void a bet."));
        return;
    }
    if (m_mode == Mode::Single && m_bets.size() == 1)
        sendSingle();
    else
        showConfirmation();
}

void ResolveDialog::showConfirmation()
{
    const int count = static_cast<int>(m_bets.size());
    m_confirmTitle->setText(tr("Resolve the selected bets as %1?").arg(BetFormatter::verdict(result())));
    QString text = tr("Bets: %1").arg(count);
    text += QLatin1Char('\n') + tr("Total payout: %1").arg(BetFormatter::moneyTotals(totalPayout()));
    if (!notes().isEmpty())
        text += QLatin1Char('\n') + tr("Notes: %1").arg(notes());
    m_confirmLabel->setText(text);
    m_confirmError->setVisible(false);
    m_confirmButton->setText(tr("Resolve all (%1)").arg(count));
    m_pages->setCurrentIndex(static_cast<int>(Page::Confirm));
    // One default button per dialog: Enter confirms on this page, and only here.
    m_confirmButton->setDefault(true);
    m_confirmButton->setFocus();
}

QByteArray ResolveDialog::fingerprint() const
{
    QStringList ids;
    for (const Bet &bet : m_bets)
        ids << bet.id;
    const QString mode
        = m_mode == Mode::Single && m_bets.size() == 1 ? QStringLiteral("one") : QStringLiteral("bulk");
    return (mode + QLatin1Char('\x1f') + ids.join(QLatin1Char(',')) + QLatin1Char('\x1f')
        + resultName(result()) + QLatin1Char('\x1f') + notes())
        .toUtf8();
}

void ResolveDialog::sendSingle()
{
    const Bet &bet = m_bets.constFirst();
    const QString key = m_key.keyFor(fingerprint());
    setBusy(true);
    m_api->resolveBet(
        bet.id, result(), notes(), this,
        [this](const Result<Bet> &resolved) {
            setBusy(false);
            if (resolved) {
                m_key.forget();
                Q_EMIT betsResolved({ *resolved });
                Q_EMIT requestFinished(true);
                accept();
                return;
            }
            const Error &error = resolved.error();
            qCInfo(lcAppAdmin) << "resolving bet" << m_bets.constFirst().id << "failed:" << error.message;
            if (error.code == ErrorCode::Conflict) {
                showError(
                    tr("Not resolved: someone else changed bet %1 first (conflict). The queue shows its "
                       "current state. Server: %2")
                        .arg(m_bets.constFirst().id, error.message));
            } else if (error.code == ErrorCode::Unavailable) {
                showError(tr("%1\nRetry sends the same request again; the bet cannot be resolved twice.")
                              .arg(BetFormatter::error(error)));
            } else {
                showError(BetFormatter::error(error));
            }
            updateForm();
            Q_EMIT requestFinished(false);
        },
        key);
}

void ResolveDialog::sendBulk()
{
    if (m_busy)
        return;
    BulkResolveRequest request;
    for (const Bet &bet : std::as_const(m_bets))
        request.betIds << bet.id;
    request.result = result();
    request.notes = notes();
    const QString key = m_key.keyFor(fingerprint());
    setBusy(true);
    m_api->resolveBets(
        request, this,
        [this](const Result<QList<BulkResolveItem>> &items) {
            setBusy(false);
            if (items) {
                m_key.forget();
                showOutcomes(*items);
                Q_EMIT requestFinished(true);
                return;
            }
            const Error &error = items.error();
            qCInfo(lcAppAdmin) << "bulk resolve of" << m_bets.size() << "bets failed:" << error.message;
            QString text = BetFormatter::error(error);
            if (error.code == ErrorCode::Unavailable)
                text += QLatin1Char('\n')
                    + tr("Retry sends the same request again; no bet can be resolved twice.");
            m_confirmError->setText(text);
            m_confirmError->setVisible(true);
            m_confirmButton->setText(tr("&Retry"));
            Q_EMIT requestFinished(false);
        },
        key);
}

void ResolveDialog::showOutcomes(const QList<BulkResolveItem> &items)
{
    m_outcomes = items;
    // Failures first: they are what the operator has to look at.
    QList<BulkResolveItem> sorted = items;
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const BulkResolveItem &a, const BulkResolveItem &b) { return !a.outcome.ok() && b.outcome.ok(); });
    QHash<QString, QString> owners;
    for (const Bet &bet : std::as_const(m_bets))
        owners.insert(bet.id, bet.userId);

    m_outcomeTable->setRowCount(static_cast<int>(sorted.size()));
    QList<Bet> resolved;
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    for (int row = 0; row < sorted.size(); ++row) {
        const BulkResolveItem &item = sorted.at(row);
        m_outcomeTable->setItem(row, 0, cell(item.betId, right));
        m_outcomeTable->setItem(row, 1, cell(owners.value(item.betId)));
        if (item.outcome) {
            const Bet &bet = *item.outcome;
            resolved << bet;
            m_outcomeTable->setItem(row, 2, cell(tr("Resolved")));
            m_outcomeTable->setItem(row, 3,
                cell(tr("%1, payout %2")
                         .arg(BetFormatter::verdict(bet.result),
                             BetFormatter::money(bet.payout, bet.currency))));
        } else {
            const Error &error = item.outcome.error();
            m_outcomeTable->setItem(row, 2,
                cell(error.code == ErrorCode::Conflict ? tr("Conflict: already changed by someone else")
                                                       : BetFormatter::errorCode(error.code)));
            m_outcomeTable->setItem(row, 3, cell(error.message));
        }
    }
    m_outcomeTable->resizeColumnsToContents();
    m_outcomeTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    const int failed = failedCount();
    m_summaryLabel->setText(failed == 0
            ? tr("Resolved: %1.").arg(succeededCount())
            : tr("Resolved: %1. Not resolved: %2 (listed first).").arg(succeededCount()).arg(failed));
    m_pages->setCurrentIndex(static_cast<int>(Page::Outcome));
    m_closeButton->setDefault(true);
    m_closeButton->setFocus();
    if (!resolved.isEmpty())
        Q_EMIT betsResolved(resolved);
}

void ResolveDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_resultCombo->setEnabled(!busy);
    m_notesEdit->setReadOnly(busy);
    m_backButton->setEnabled(!busy);
    m_confirmButton->setEnabled(!busy);
    if (busy) {
        m_formError->setVisible(false);
        m_confirmError->setVisible(false);
        m_resolveButton->setEnabled(false);
        m_resolveButton->setText(tr("Resolving…"));
        m_confirmButton->setText(tr("Resolving…"));
    } else {
        m_resolveButton->setText(m_mode == Mode::Single ? tr("&Resolve") : tr("&Continue…"));
        updateForm();
    }
}

void ResolveDialog::showError(const QString &text)
{
    m_formError->setText(text);
    m_formError->setVisible(!text.isEmpty());
}

} // namespace betthat::app
