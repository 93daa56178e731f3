#include "recentresolutionsdock.h"

#include "app/models/betformatter.h"
#include "app/models/recentresolutionsmodel.h"

#include <QEvent>
#include <QIcon>
#include <QLabel>
#include <QListView>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVBoxLayout>

namespace betthat::app {

namespace {

// Adds the result's icon and the relative time to each entry.
class ResolutionDelegate : public QStyledItemDelegate
{
public:
    ResolutionDelegate(const Clock *clock, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_clock(clock)
    { }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto result = static_cast<BetResult>(index.data(RecentResolutionsModel::ResultRole).toInt());
        switch (result) {
        case BetResult::Win:
            option->icon = QIcon(QStringLiteral(":/icons/toast-success.svg"));
            break;
        case BetResult::Loss:
            option->icon = QIcon(QStringLiteral(":/icons/toast-error.svg"));
            break;
        default:
            option->icon = QIcon(QStringLiteral(":/icons/toast-info.svg"));
            break;
        }
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(18, 18);
        const QString when = BetFormatter::relativeTime(
            index.data(RecentResolutionsModel::ResolvedAtRole).toDateTime(), (*m_clock)());
        // A line separator, not '\n': the item text layout breaks lines only there.
        option->text = index.data(Qt::DisplayRole).toString() + QChar(QChar::LineSeparator) + when;
    }

private:
    const Clock *m_clock;
};

} // namespace

RecentResolutionsDock::RecentResolutionsDock(RecentResolutionsModel *model, QWidget *parent)
    : QDockWidget(tr("Recent resolutions"), parent)
    , m_model(model)
    , m_view(new QListView(this))
{
    setObjectName(QStringLiteral("RecentResolutionsDock"));
    setFeatures(
        QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_view->setObjectName(QStringLiteral("recentResolutionsView"));
    m_view->setModel(model);
    m_view->setItemDelegate(new ResolutionDelegate(&m_clock, m_view));
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(false);
    m_view->setSpacing(2);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAccessibleName(tr("Recent resolutions"));
    m_view->setToolTip(tr("The last resolutions, newest first. Click one to open the bet."));
    // A click or Enter opens the bet: both mouse and keyboard users get there.
    const auto open = [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT betActivated(index.data(RecentResolutionsModel::BetIdRole).toString());
    };
    connect(m_view, &QListView::clicked, this, open);
    connect(m_view, &QListView::activated, this, open);
    setWidget(m_view);
    setMinimumWidth(240);

    // Relative times age: repaint once a minute.
    auto *tick = new QTimer(this);
    tick->setInterval(60 * 1000);
    connect(tick, &QTimer::timeout, m_view->viewport(), qOverload<>(&QWidget::update));
    tick->start();
}

void RecentResolutionsDock::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_view->viewport()->update();
}

void RecentResolutionsDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        setWindowTitle(tr("Recent resolutions"));
    QDockWidget::changeEvent(event);
}

} // namespace betthat::app
