#pragma once

// The "Recent resolutions" sidebar: the last resolutions, newest first; a click opens the bet.

#include "common/timeutil.h"

#include <QDockWidget>

class QListView;

namespace betthat::app {

class RecentResolutionsModel;

class RecentResolutionsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit RecentResolutionsDock(RecentResolutionsModel *model, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    RecentResolutionsModel *model() const { return m_model; }
    // "now" for the relative times (tests pin it).
    void setClock(Clock clock);

Q_SIGNALS:
    void betActivated(const QString &betId);

protected:
    void changeEvent(QEvent *event) override;

private:
    RecentResolutionsModel *m_model;
    QListView *m_view;
    Clock m_clock = systemClock();
};

} // namespace betthat::app
