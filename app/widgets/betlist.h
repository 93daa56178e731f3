#pragma once

// The bet cards with a filter bar (status, result, search) that can be hidden, and Refresh (F5).

#include "betcarddelegate.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QStackedWidget;
class QTimer;

namespace betthat::app {

class BetFilterModel;
class BetListModel;
class BetSync;

class BetList : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(bool showFilters READ showFilters WRITE setShowFilters NOTIFY showFiltersChanged)
public:
    explicit BetList(BetListModel *model, QWidget *parent = nullptr);

    bool showFilters() const { return m_showFilters; }
    void setShowFilters(bool show);

    // Refresh reloads through this (nullptr: the action only emits refreshRequested).
    void setSync(BetSync *sync);
    void setEmptyText(const QString &text);

    BetListModel *model() const { return m_model; }
    BetFilterModel *filterModel() const { return m_filter; }
    QListView *view() const { return m_view; }
    BetCardDelegate *delegate() const { return m_delegate; }
    QAction *refreshAction() const { return m_refresh; }
    QComboBox *statusCombo() const { return m_status; }
    QComboBox *resultCombo() const { return m_result; }
    QLineEdit *searchField() const { return m_search; }
    // The proxy index of a bet (invalid when filtered out or unknown).
    QModelIndex indexOf(const QString &betId) const;
    // Scrolls to and selects a bet.
    void select(const QString &betId);
    QString currentBetId() const;

Q_SIGNALS:
    void showFiltersChanged(bool show);
    void refreshRequested();
    void actionTriggered(betthat::app::BetCardDelegate::Action action, const QString &betId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyFilters();
    void updateCount();
    void onBetChanged(const QString &betId);
    void showContextMenu(const QPoint &pos);

    BetListModel *m_model;
    BetFilterModel *m_filter;
    BetCardDelegate *m_delegate;
    QPointer<BetSync> m_sync;
    QWidget *m_filterBar;
    QLabel *m_statusLabel;
    QComboBox *m_status;
    QLabel *m_resultLabel;
    QComboBox *m_result;
    QLineEdit *m_search;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QListView *m_view;
    QLabel *m_empty;
    QAction *m_refresh;
    QTimer *m_animation; // repaints while a card's highlight fades
    QTimer *m_clockTick; // relative times age
    QString m_emptyText;
    bool m_showFilters = true;
    bool m_loading = false;
};

} // namespace betthat::app
