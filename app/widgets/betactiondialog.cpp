#include "betactiondialog.h"

#include "app/net/apiport.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace betthat::app {

BetActionDialog::BetActionDialog(ApiPort *api, const QString &confirmText, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_body(new QVBoxLayout)
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_confirm(m_buttons->addButton(confirmText, QDialogButtonBox::AcceptRole))
{
    m_error->setObjectName(QStringLiteral("dialogError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BetActionDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_body);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
}

void BetActionDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void BetActionDialog::revalidate()
{
    // Problems are explained on submit rather than by a silently greyed-out button.
    m_confirm->setEnabled(!m_busy);
}

void BetActionDialog::submit()
{
    if (m_busy || !m_api)
        return;
    const QString problem = validate();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    // A retry of exactly this request (after a timeout, say) reuses the key, so the server acts at most once;
    // a changed request is a new action and gets a new key.
    const QString key = m_key.keyFor(requestFingerprint().toUtf8());
    m_busy = true;
    showError(QString());
    m_confirm->setEnabled(false);
    setCursor(Qt::BusyCursor);
    send(key);
}

void BetActionDialog::finish(const Result<Bet> &result)
{
    m_busy = false;
    unsetCursor();
    if (!result) {
        showError(describe(result.error()));
        revalidate();
        return;
    }
    m_key.forget();
    Q_EMIT succeeded(*result);
    accept();
}

QString BetActionDialog::describe(const Error &error) const
{
    switch (error.code) {
    case ErrorCode::Unavailable:
        return tr("The server could not be reached: %1. Try again; the request will not be applied twice.")
            .arg(error.message);
    case ErrorCode::Conflict:
        return tr("This bet changed meanwhile: %1").arg(error.message);
    case ErrorCode::Forbidden:
        return tr("Not allowed: %1").arg(error.message);
    case ErrorCode::Unauthorized:
        return tr("The server refused the sign-in: %1").arg(error.message);
    default:
        return error.message;
    }
}

} // namespace betthat::app
