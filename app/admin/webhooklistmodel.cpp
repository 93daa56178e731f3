#include "webhooklistmodel.h"

#include <QApplication>
#include <QPalette>

namespace betthat::app {

WebhookListModel::WebhookListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void WebhookListModel::setWebhooks(const QList<Webhook> &webhooks)
{
    beginResetModel(); // a fresh list from the server: rows may have come and gone
    m_webhooks = webhooks;
    endResetModel();
}

void WebhookListModel::update(const Webhook &webhook)
{
    for (int row = 0; row < m_webhooks.size(); ++row) {
        if (m_webhooks.at(row).id == webhook.id) {
            m_webhooks[row] = webhook;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    beginInsertRows({}, m_webhooks.size(), m_webhooks.size());
    m_webhooks.append(webhook);
    endInsertRows();
}

const Webhook *WebhookListModel::at(int row) const
{
    return row >= 0 && row < m_webhooks.size() ? &m_webhooks.at(row) : nullptr;
}

int WebhookListModel::disabledByFailures() const
{
    int count = 0;
    for (const Webhook &w : m_webhooks)
        count += !w.enabled && !w.disabledReason.isEmpty() ? 1 : 0;
    return count;
}

int WebhookListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_webhooks.size());
}

int WebhookListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookListModel::data(const QModelIndex &index, int role) const
{
    const Webhook *w = index.isValid() ? at(index.row()) : nullptr;
    if (!w)
        return {};
    if (role == IdRole)
        return w->id;
    if (role == Qt::BackgroundRole && !w->enabled && !w->disabledReason.isEmpty())
        return QApplication::palette().color(QPalette::LinkVisited).lighter(170); // a palette colour: dark mode
    if (role == Qt::ToolTipRole)
        return w->disabledReason.isEmpty() ? w->lastError : w->disabledReason;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case UrlColumn:
        return w->url;
    case TypesColumn:
        return w->eventTypes.join(QStringLiteral(", "));
    case EnabledColumn:
        return w->enabled ? tr("Yes") : (w->disabledReason.isEmpty() ? tr("No") : tr("Disabled after failures"));
    case LastStatusColumn:
        return w->lastStatus > 0 ? QString::number(w->lastStatus)
                                 : (w->lastError.isEmpty() ? QString() : tr("No answer"));
    case FailuresColumn:
        return w->consecutiveFailures;
    default:
        return {};
    }
}

QVariant WebhookListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UrlColumn:
        return tr("URL");
    case TypesColumn:
        return tr("Events");
    case EnabledColumn:
        return tr("Enabled");
    case LastStatusColumn:
        return tr("Last status");
    case FailuresColumn:
        return tr("Failures in a row");
    default:
        return {};
    }
}

} // namespace betthat::app
