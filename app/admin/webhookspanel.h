#pragma once

// The admin window's "Webhooks" tab: the endpoints, a banner when the server disabled one, and add / enable /
// disable / delete / replay through ApiPort.

#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace betthat::app {

class ApiPort;
class WebhookListModel;

class WebhooksPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WebhooksPanel(ApiPort *api, QWidget *parent = nullptr);

    WebhookListModel *model() const { return m_model; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed(); // after a list arrived (or failed: see the status label)
    void deliveriesShown(); // the selected endpoint's attempts arrived

private:
    QString selectedId() const;
    void add();
    void setEnabled(bool enabled);
    void remove();
    void replay();
    // The selected endpoint's recent attempts (status, latency, error), newest first.
    void showDeliveries();
    void showError(const QString &message);
    void updateBanner();

    ApiPort *m_api;
    WebhookListModel *m_model;
    QTableView *m_view;
    QTableWidget *m_deliveries;
    QLabel *m_banner;
    QLabel *m_status;
    QLineEdit *m_url;
    QSpinBox *m_sinceSeq;
};

} // namespace betthat::app
