#pragma once

// One bet's audit trail: its current state and every event with who, when, from -> to and notes.

#include "common/error.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace betthat::app {

class ApiPort;
class AuditTrailModel;

class AuditTrailDialog : public QDialog
{
    Q_OBJECT
public:
    // Starts loading at once.
    AuditTrailDialog(ApiPort *api, const QString &betId, QWidget *parent = nullptr);

    QString betId() const { return m_betId; }
    AuditTrailModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *summaryLabel() const { return m_summary; }
    bool isLoading() const { return m_loading; }
    QString errorText() const { return m_error; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loaded();
    void loadFailed(const betthat::Error &error);

private:
    ApiPort *m_api;
    QString m_betId;
    AuditTrailModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_status;
    QPushButton *m_refreshButton;
    bool m_loading = false;
    QString m_error;
};

} // namespace betthat::app
