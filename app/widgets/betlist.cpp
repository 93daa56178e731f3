#include "betlist.h"

#include "app/models/betfiltermodel.h"
#include "app/models/betlistmodel.h"
#include "app/models/betsync.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace betthat::app {

BetList::BetList(BetListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new BetFilterModel(this))
    , m_delegate(new BetCardDelegate(this))
    , m_filterBar(new QWidget(this))
    , m_statusLabel(new QLabel(m_filterBar))
    , m_status(new QComboBox(m_filterBar))
    , m_resultLabel(new QLabel(m_filterBar))
    , m_result(new QComboBox(m_filterBar))
    , m_search(new QLineEdit(m_filterBar))
    , m_count(new QLabel(m_filterBar))
    , m_stack(new QStackedWidget(this))
    , m_view(new QListView(m_stack))
    , m_empty(new QLabel(m_stack))
    , m_refresh(new QAction(this))
    , m_animation(new QTimer(this))
    , m_clockTick(new QTimer(this))
{
    setObjectName(QStringLiteral("BetList"));
    m_filter->setSourceModel(model);

    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_result->setObjectName(QStringLiteral("resultFilter"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_statusLabel->setBuddy(m_status);
    m_resultLabel->setBuddy(m_result);
    auto *bar = new QHBoxLayout(m_filterBar);
    bar->setContentsMargins(10, 6, 10, 2);
    bar->addWidget(m_statusLabel);
    bar->addWidget(m_status);
    bar->addSpacing(8);
    bar->addWidget(m_resultLabel);
    bar->addWidget(m_result);
    bar->addSpacing(8);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);

    m_view->setObjectName(QStringLiteral("betCards"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformItemSizes(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setMouseTracking(true); // hover feedback on the card buttons
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->viewport()->setAutoFillBackground(true);
    m_view->setBackgroundRole(QPalette::Window);
    m_view->viewport()->setBackgroundRole(QPalette::Window);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setObjectName(QStringLiteral("betListEmpty"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_stack, 1);

    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh); // F5
    m_refresh->setShortcutContext(Qt::WindowShortcut);
    m_refresh->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    addAction(m_refresh);
    connect(m_refresh, &QAction::triggered, this, [this] {
        Q_EMIT refreshRequested();
        if (m_sync)
            m_sync->reload();
    });

    connect(m_status, &QComboBox::currentIndexChanged, this, &BetList::applyFilters);
    connect(m_result, &QComboBox::currentIndexChanged, this, &BetList::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, &BetList::applyFilters);
    connect(m_delegate, &BetCardDelegate::actionTriggered, this, &BetList::actionTriggered);
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT actionTriggered(
            BetCardDelegate::Action::Details, index.data(BetListModel::BetIdRole).toString());
    });
    connect(m_view, &QListView::customContextMenuRequested, this, &BetList::showContextMenu);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &BetList::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &BetList::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &BetList::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &BetList::updateCount);
    connect(model, &BetListModel::betChanged, this, &BetList::onBetChanged);

    m_animation->setInterval(40);
    connect(m_animation, &QTimer::timeout, this, [this] {
        m_view->viewport()->update();
        // Stops once every highlight has faded.
        bool active = false;
        for (int row = 0; row < m_filter->rowCount() && !active; ++row)
            active = m_delegate->highlightIntensity(m_filter->index(row, 0)) > 0;
        if (!active)
            m_animation->stop();
    });
    m_clockTick->setInterval(30 * 1000);
    connect(m_clockTick, &QTimer::timeout, m_view->viewport(), qOverload<>(&QWidget::update));
    m_clockTick->start();

    retranslate();
    updateCount();
}

void BetList::retranslate()
{
    const auto refill = [](QComboBox *combo, const QList<QPair<QString, QVariant>> &items) {
        const int current = std::max(0, combo->currentIndex());
        const QSignalBlocker block(combo);
        combo->clear();
        for (const auto &[label, value] : items)
            combo->addItem(label, value);
        combo->setCurrentIndex(std::min(current, combo->count() - 1));
    };
    m_statusLabel->setText(tr("&Status:"));
    refill(m_status,
        { { tr("All"), QVariant() }, { tr("Pending"), static_cast<int>(BetStatus::Pending) },
            { tr("Settled"), static_cast<int>(BetStatus::Settled) },
            { tr("Voided"), static_cast<int>(BetStatus::Voided) },
            { tr("Disputed"), static_cast<int>(BetStatus::Disputed) },
            { tr("Cancelled"), static_cast<int>(BetStatus::Cancelled) } });
    m_resultLabel->setText(tr("&Result:"));
    refill(m_result,
        { { tr("Any"), QVariant() }, { tr("Not resolved"), static_cast<int>(BetResult::None) },
            { tr("Won"), static_cast<int>(BetResult::Win) },
            { tr("Lost"), static_cast<int>(BetResult::Loss) },
            { tr("Push"), static_cast<int>(BetResult::Push) },
            { tr("Void"), static_cast<int>(BetResult::Void) } });
    m_search->setPlaceholderText(tr("Search event, market or selection"));
    m_search->setAccessibleName(tr("Search bets"));
    m_view->setAccessibleName(tr("Bets"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("Reload the bets from the server (F5)"));
    if (m_emptyText.isEmpty())
        m_empty->setText(tr("No bets to show."));
    updateCount();
}

void BetList::setShowFilters(bool show)
{
    if (show == m_showFilters)
        return;
    m_showFilters = show;
    m_filterBar->setVisible(show);
    if (!show) {
        // Hidden filters must not keep hiding bets.
        m_status->setCurrentIndex(0);
        m_result->setCurrentIndex(0);
        m_search->clear();
    }
    Q_EMIT showFiltersChanged(show);
}

void BetList::setSync(BetSync *sync)
{
    if (m_sync)
        m_sync->disconnect(this);
    m_sync = sync;
    if (sync) {
        connect(sync, &BetSync::reloaded, this, [this](bool ok, const QString &error) {
            m_loading = false;
            if (!ok)
                m_empty->setText(tr("Could not load the bets: %1").arg(error));
            updateCount();
        });
    }
}

void BetList::setEmptyText(const QString &text)
{
    m_emptyText = text;
    m_empty->setText(text);
}

void BetList::applyFilters()
{
    const QVariant status = m_status->currentData();
    const QVariant result = m_result->currentData();
    m_filter->setStatusFilter(
        status.isValid() ? std::optional<BetStatus>(static_cast<BetStatus>(status.toInt())) : std::nullopt);
    m_filter->setResultFilter(
        result.isValid() ? std::optional<BetResult>(static_cast<BetResult>(result.toInt())) : std::nullopt);
    m_filter->setSearchText(m_search->text());
    updateCount();
}

void BetList::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("Bets: %1").arg(total) : tr("%1 of %2").arg(shown).arg(total));
    if (shown == 0 && total > 0)
        m_empty->setText(tr("No bet matches the filters."));
    else if (shown == 0)
        m_empty->setText(m_emptyText.isEmpty() ? tr("No bets to show.") : m_emptyText);
    m_stack->setCurrentWidget(shown == 0 ? static_cast<QWidget *>(m_empty) : m_view);
}

void BetList::onBetChanged(const QString &)
{
    if (!m_animation->isActive())
        m_animation->start();
    m_view->viewport()->update();
}

QModelIndex BetList::indexOf(const QString &betId) const
{
    const int row = m_model->rowOf(betId);
    if (row < 0)
        return {};
    return m_filter->mapFromSource(m_model->index(row));
}

void BetList::select(const QString &betId)
{
    const QModelIndex index = indexOf(betId);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

QString BetList::currentBetId() const
{
    return m_view->currentIndex().data(BetListModel::BetIdRole).toString();
}

void BetList::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const Bet bet = index.data(BetListModel::BetRole).value<Bet>();
    QMenu menu(this);
    for (const BetCardDelegate::Action action : m_delegate->actionsFor(bet)) {
        menu.addAction(BetCardDelegate::actionText(action), this,
            [this, action, id = bet.id] { Q_EMIT actionTriggered(action, id); });
    }
    menu.addSeparator();
    menu.addAction(m_refresh);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void BetList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace betthat::app
