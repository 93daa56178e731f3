#pragma once

// Base of the bettor's small dialogs that send one mutating request (place a bet, raise a dispute): inline
// errors, a busy state, and the same Idempotency-Key when the very same request is retried. The operator's
// resolve and dispute decisions use the admin window's dialogs (app/admin).

#include "app/admin/requestkey.h"
#include "app/net/apiport.h"
#include "common/bet.h"
#include "common/error.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace betthat::app {

class BetActionDialog : public QDialog
{
    Q_OBJECT
public:
    // Presses the confirm button as a user would (keyboard users, tests).
    void submit();

Q_SIGNALS:
    // The server accepted the request; the dialog closes after this.
    void succeeded(const betthat::Bet &bet);

protected:
    BetActionDialog(ApiPort *api, const QString &confirmText, QWidget *parent);

    // Subclasses put their fields here.
    QVBoxLayout *body() const { return m_body; }
    ApiPort *api() const { return m_api; }
    QPushButton *confirmButton() const { return m_confirm; }

    // Checks the input: an error message, or empty when it may be sent.
    virtual QString validate() const = 0;
    // A stable description of the request: the same one retried reuses its Idempotency-Key.
    virtual QString requestFingerprint() const = 0;
    // Sends it; must call finish() exactly once.
    virtual void send(const QString &idempotencyKey) = 0;
    void finish(const Result<Bet> &result);
    void showError(const QString &message);
    // Enables the confirm button again once no request is in flight.
    void revalidate();
    // A clearer message for the errors a user can act on.
    virtual QString describe(const Error &error) const;

private:
    QPointer<ApiPort> m_api;
    QVBoxLayout *m_body;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_confirm;
    RequestKey m_key;
    bool m_busy = false;
};

} // namespace betthat::app
