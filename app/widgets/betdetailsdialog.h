#pragma once

// Every field of one bet and its event timeline (GET /bets/{id} and /bets/{id}/events), with the actions the
// viewer may take on it.

#include "app/net/apiport.h"
#include "betcarddelegate.h"
#include "common/bet.h"
#include "common/betevent.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace betthat::app {

class BetDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    BetDetailsDialog(ApiPort *api, const QString &betId, QWidget *parent = nullptr);

    QString betId() const { return m_betId; }
    // Which action buttons to offer (the card's rules).
    void setActionSource(const BetCardDelegate *delegate);
    // Fetches the bet and its events again (the window calls it when an event for this bet arrives).
    void reload();

    std::optional<Bet> bet() const { return m_bet; }

Q_SIGNALS:
    void loaded(bool ok);
    void actionRequested(betthat::app::BetCardDelegate::Action action, const QString &betId);

private:
    void showBet(const Bet &bet);
    void showEvents(const QList<BetEvent> &events);
    void setField(const QString &field, const QString &text);
    void updateActions();
    void finishPart(bool ok, const QString &error);

    QPointer<ApiPort> m_api;
    QPointer<const BetCardDelegate> m_actions;
    QString m_betId;
    std::optional<Bet> m_bet;
    QList<BetEvent> m_events;
    QLabel *m_heading;
    QLabel *m_error;
    QFormLayout *m_form;
    QGroupBox *m_disputeBox;
    QFormLayout *m_disputeForm;
    QTreeWidget *m_timeline;
    QWidget *m_actionBar;
    QList<QPushButton *> m_actionButtons;
    int m_pendingParts = 0;
    bool m_partsOk = true;
    quint64 m_generation = 0;
};

} // namespace betthat::app
