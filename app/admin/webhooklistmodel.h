#pragma once

// The operator's webhook endpoints as a table: url, event types, enabled, last status, consecutive failures.
// Rows of endpoints the server disabled after failures are tinted with the palette's warning colour.

#include "common/webhook.h"

#include <QAbstractTableModel>
#include <QList>

namespace betthat::app {

class WebhookListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UrlColumn, TypesColumn, EnabledColumn, LastStatusColumn, FailuresColumn, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit WebhookListModel(QObject *parent = nullptr);

    void setWebhooks(const QList<Webhook> &webhooks);
    // Replaces one endpoint by id (after an enable or a replay): one row changes.
    void update(const Webhook &webhook);
    const Webhook *at(int row) const;
    // Endpoints the server disabled by itself (a disabled reason), not those an operator switched off.
    int disabledByFailures() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Webhook> m_webhooks;
};

} // namespace betthat::app
