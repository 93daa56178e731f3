#pragma once

// The admin window's "Server" tab: the server's own metrics over the last minutes — connections,
// deliveries per second, commit → delivery p50/p99 as charts, the email queue, failures and errors as numbers —
// and a one-line verdict, so an operator sees at a glance whether delivery is healthy.

#include "app/models/servermetricssampler.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace betthat::app {

class ApiPort;

class ServerPanel : public QWidget
{
    Q_OBJECT
public:
    // api: an operator's; not owned. Samples GET /metrics from the start (every 5 s; see sampler()).
    explicit ServerPanel(ApiPort *api, QWidget *parent = nullptr);
    ~ServerPanel() override;

    ServerMetricsSampler *sampler() const { return m_sampler; }
    QString verdict() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Chart
    {
        QChartView *view = nullptr;
        QChart *chart = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *values = nullptr;
    };
    Chart makeChart(const QString &title, const QString &unit, const char *name);
    QLineSeries *addSeries(Chart &chart, const QString &name, const char *objectName);
    void redraw();
    void updateNumbers();
    void updateVerdict();
    void applyPalette();

    ServerMetricsSampler *m_sampler;
    Chart m_connections;
    Chart m_deliveries;
    Chart m_latency;
    QLineSeries *m_connectionsSeries = nullptr;
    QLineSeries *m_deliveriesSeries = nullptr;
    QLineSeries *m_p50Series = nullptr;
    QLineSeries *m_p99Series = nullptr;
    QLabel *m_verdictIcon = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_sampleStatus = nullptr;
    QLabel *m_connectionsValue = nullptr;
    QLabel *m_deliveriesValue = nullptr;
    QLabel *m_p99Value = nullptr;
    QLabel *m_emailQueueValue = nullptr;
    QLabel *m_emailFailuresValue = nullptr;
    QLabel *m_httpErrorsValue = nullptr;
    QLabel *m_databaseErrorsValue = nullptr;
    QLabel *m_windowCaption = nullptr;
};

} // namespace betthat::app
