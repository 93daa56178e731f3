#include "correctiondialog.h"

#include "app/logcategories.h"
#include "app/models/betformatter.h"
#include "app/net/apiport.h"
#include "common/money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

constexpr BetResult kResults[] = { BetResult::Win, BetResult::Loss, BetResult::Push, BetResult::Void };

QLabel *plainLabel(const QString &text, const QString &name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // names and notes are user-supplied text
    return label;
}

QString describe(const Bet &bet)
{
    QString text = bet.status == BetStatus::Pending
        ? BetFormatter::status(bet.status)
        : CorrectionDialog::tr("%1, payout %2").arg(BetFormatter::verdict(bet.result), BetFormatter::money(bet.payout, bet.currency));
    const QString terms = BetFormatter::terms(bet);
    if (!terms.isEmpty())
        text += QStringLiteral(" (") + terms + QLatin1Char(')');
    if (bet.certainty == Certainty::Provisional)
        text += QStringLiteral(" · ") + BetFormatter::certainty(bet.certainty);
    return text;
}

} // namespace

CorrectionDialog::CorrectionDialog(ApiPort *api, const Bet &bet, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_bet(bet)
    , m_mode(mode)
{
    setObjectName(QStringLiteral("correctionDialog"));
    setWindowTitle(mode == Mode::Resettle ? tr("Re-settle bet %1").arg(bet.id)
                                          : tr("Roll back bet %1 to pending").arg(bet.id));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(plainLabel(tr("Bet %1 by %2: %3 · %4: %5, stake %6 at %7")
                                     .arg(bet.id, bet.userId, bet.eventName, bet.market, bet.selection,
                                         BetFormatter::money(bet.stake, bet.currency), BetFormatter::odds(bet.odds)),
        QStringLiteral("betHeading"), this));
    layout->addWidget(plainLabel(tr("Now: %1").arg(describe(bet)), QStringLiteral("currentLabel"), this));

    auto *form = new QFormLayout;
    if (mode == Mode::Resettle) {
        m_result = new QComboBox(this);
        m_result->setObjectName(QStringLiteral("resultCombo"));
        for (BetResult r : kResults)
            m_result->addItem(BetFormatter::verdict(r), int(r));
        // No preselected result: a correction is deliberate.
        m_result->setPlaceholderText(tr("Choose the new result…"));
        m_result->setCurrentIndex(-1);
        form->addRow(tr("New &result:"), m_result);
        m_voidFactor = new QLineEdit(this);
        m_voidFactor->setObjectName(QStringLiteral("voidFactorEdit"));
        m_voidFactor->setPlaceholderText(tr("none"));
        form->addRow(tr("&Void factor:"), m_voidFactor);
        m_deadHeat = new QLineEdit(this);
        m_deadHeat->setObjectName(QStringLiteral("deadHeatEdit"));
        m_deadHeat->setPlaceholderText(tr("none"));
        form->addRow(tr("&Dead-heat factor:"), m_deadHeat);
        m_deduction = new QSpinBox(this);
        m_deduction->setObjectName(QStringLiteral("deductionSpin"));
        m_deduction->setRange(0, 90);
        m_deduction->setSuffix(tr(" p in the pound"));
        m_deduction->setSpecialValueText(tr("none"));
        form->addRow(tr("Rule &4 deduction:"), m_deduction);
        connect(m_result, &QComboBox::currentIndexChanged, this, &CorrectionDialog::update);
        connect(m_voidFactor, &QLineEdit::textChanged, this, &CorrectionDialog::update);
        connect(m_deadHeat, &QLineEdit::textChanged, this, &CorrectionDialog::update);
        connect(m_deduction, &QSpinBox::valueChanged, this, &CorrectionDialog::update);
    }
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(tr("Why the settlement is corrected, for the bettor (required)"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(80);
    form->addRow(tr("&Notes:"), m_notes);
    layout->addLayout(form);
    connect(m_notes, &QPlainTextEdit::textChanged, this, &CorrectionDialog::update);

    m_ledger = plainLabel(QString(), QStringLiteral("ledgerLabel"), this);
    layout->addWidget(m_ledger);
    m_error = plainLabel(QString(), QStringLiteral("errorLabel"), this);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(mode == Mode::Resettle ? tr("Re-&settle") : tr("Roll &back"),
        QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    auto *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);
    connect(m_apply, &QPushButton::clicked, this, &CorrectionDialog::send);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    resize(560, mode == Mode::Resettle ? 460 : 320);
    update();
}

std::optional<SettlementTerms> CorrectionDialog::terms() const
{
    SettlementTerms terms;
    if (m_mode != Mode::Resettle)
        return terms;
    terms.result = m_result->currentIndex() < 0 ? BetResult::None : BetResult(m_result->currentData().toInt());
    const auto factor = [](const QLineEdit *edit) -> std::optional<std::optional<qint64>> {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            return std::optional<qint64>();
        const auto parsed = parseFactor(QString(text).replace(QLatin1Char(','), QLatin1Char('.')));
        return parsed ? std::optional<std::optional<qint64>>(std::optional<qint64>(*parsed)) : std::nullopt;
    };
    const auto v = factor(m_voidFactor);
    const auto d = factor(m_deadHeat);
    if (!v || !d)
        return std::nullopt;
    terms.voidFactor = *v;
    terms.deadHeatFactor = *d;
    if (m_deduction->value() > 0)
        terms.deduction = m_deduction->value();
    return terms;
}

std::optional<qint64> CorrectionDialog::newPayout() const
{
    if (m_mode == Mode::Rollback)
        return 0;
    const auto t = terms();
    if (!t || t->result == BetResult::None || !BetRules::checkTerms(*t).ok())
        return std::nullopt;
    const auto parts = BetRules::payoutFor(*t, m_bet.stake, m_bet.odds);
    return parts ? std::optional<qint64>(parts->total()) : std::nullopt;
}

QString CorrectionDialog::problem() const
{
    if (m_mode == Mode::Resettle) {
        const auto t = terms();
        if (!t)
            return tr("A factor is a decimal between 0 and 1, e.g. 0.5.");
        if (t->result == BetResult::None)
            return tr("Choose the new result.");
        const Status valid = BetRules::checkTerms(*t);
        if (!valid.ok())
            return valid.error().message;
        if (*t == SettlementTerms::of(m_bet) && m_bet.status != BetStatus::Disputed)
            return tr("That is the bet's current outcome: choose a different result or terms.");
    }
    if (m_notes->toPlainText().trimmed().isEmpty())
        return tr("Notes are required: tell the bettor why the settlement changes.");
    return {};
}

void CorrectionDialog::update()
{
    const auto payout = newPayout();
    const QString reversed = BetFormatter::signedMoney(-m_bet.payout, m_bet.currency);
    if (m_mode == Mode::Rollback) {
        m_ledger->setText(m_bet.payout == 0
                ? tr("Ledger: no payout to reverse; the bet is pending again.")
                : tr("Ledger: %1 reversed for %2; the bet is pending again.").arg(reversed, m_bet.userId));
    } else if (payout) {
        // The ledger reverses the whole old payout, then books the new one: both lines, and the net.
        const QString net = BetFormatter::signedMoney(*payout - m_bet.payout, m_bet.currency);
        const QString booked = BetFormatter::money(*payout, m_bet.currency);
        m_ledger->setText(m_bet.payout == 0
                ? tr("Ledger: %1 booked, net %2 for %3.").arg(booked, net, m_bet.userId)
                : tr("Ledger: %1 reversed, %2 booked, net %3 for %4.").arg(reversed, booked, net, m_bet.userId));
    } else {
        m_ledger->setText(tr("Ledger: %1 reversed, then the new payout is booked.").arg(reversed));
    }
    if (!m_busy) {
        const QString why = problem();
        m_error->setText(why);
        m_error->setVisible(!why.isEmpty());
        m_apply->setEnabled(why.isEmpty());
    }
}

QByteArray CorrectionDialog::fingerprint() const
{
    const auto t = terms().value_or(SettlementTerms {});
    return QStringList { m_mode == Mode::Resettle ? QStringLiteral("resettle") : QStringLiteral("rollback"),
        m_bet.id, resultName(t.result), QString::number(t.voidFactor.value_or(-1)),
        QString::number(t.deadHeatFactor.value_or(-1)), QString::number(t.deduction.value_or(-1)),
        m_notes->toPlainText().trimmed() }
        .join(QLatin1Char('\x1f'))
        .toUtf8();
}

void CorrectionDialog::send()
{
    if (m_busy || !problem().isEmpty())
        return;
    const QString key = m_key.keyFor(fingerprint());
    m_busy = true;
    m_apply->setEnabled(false);
    m_error->setVisible(false);
    auto done = [this](const Result<Bet> &bet) {
        m_busy = false;
        if (bet) {
            m_key.forget();
            Q_EMIT corrected(*bet);
            Q_EMIT requestFinished(true);
            accept();
            return;
        }
        const Error &error = bet.error();
        qCInfo(lcAppAdmin) << "correcting bet" << m_bet.id << "failed:" << error.message;
        QString text = BetFormatter::error(error);
        if (error.code == ErrorCode::Unavailable)
            text += QLatin1Char('\n') + tr("Retry sends the same request again; the bet cannot be corrected twice.");
        update();
        m_error->setText(text);
        m_error->setVisible(true);
        m_apply->setText(error.code == ErrorCode::Unavailable ? tr("&Retry")
                : m_mode == Mode::Resettle                    ? tr("Re-&settle")
                                                              : tr("Roll &back"));
        Q_EMIT requestFinished(false);
    };
    const QString notes = m_notes->toPlainText().trimmed();
    if (m_mode == Mode::Resettle)
        m_api->resettleBet(m_bet.id, *terms(), notes, this, done, key);
    else
        m_api->rollbackBet(m_bet.id, notes, this, done, key);
}

} // namespace betthat::app
