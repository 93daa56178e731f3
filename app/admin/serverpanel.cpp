#include "serverpanel.h"

#include "app/models/betformatter.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>

namespace betthat::app {

namespace {

QString dash()
{
    return QStringLiteral("–");
}

// A value axis from 0 to a little above the largest point, with round ticks; an idle server still gets a
// readable 0..1 instead of a collapsed axis.
void fitValues(QValueAxis *axis, const QList<QPointF> &points)
{
    double top = 0;
    for (const QPointF &point : points)
        top = std::max(top, point.y());
    axis->setRange(0, top > 0 ? top * 1.15 : 1);
    axis->applyNiceNumbers();
}

QLabel *numberLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(dash(), parent);
    label->setObjectName(QLatin1String(name));
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    label->setFont(font);
    label->setAlignment(Qt::AlignCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ServerPanel::ServerPanel(ApiPort *api, QWidget *parent)
    : QWidget(parent)
    , m_sampler(new ServerMetricsSampler(api, this))
{
    setObjectName(QStringLiteral("serverPanel"));

    m_verdictIcon = new QLabel(this);
    m_verdictIcon->setObjectName(QStringLiteral("healthIcon"));
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("healthVerdict"));
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.25);
    m_verdict->setFont(verdictFont);
    m_sampleStatus = new QLabel(this);
    m_sampleStatus->setObjectName(QStringLiteral("sampleStatus"));
    m_sampleStatus->setForegroundRole(QPalette::PlaceholderText);
    m_sampleStatus->setWordWrap(true);
    auto *verdictRow = new QHBoxLayout;
    verdictRow->addWidget(m_verdictIcon);
    verdictRow->addWidget(m_verdict);
    verdictRow->addStretch(1);
    verdictRow->addWidget(m_sampleStatus, 0, Qt::AlignRight);

    // The numbers: what is true now (left) and what went wrong over the window (right).
    m_connectionsValue = numberLabel("connectionsValue", this);
    m_deliveriesValue = numberLabel("deliveriesValue", this);
    m_p99Value = numberLabel("latencyP99Value", this);
    m_emailQueueValue = numberLabel("emailQueueValue", this);
    m_emailFailuresValue = numberLabel("emailFailuresValue", this);
    m_httpErrorsValue = numberLabel("httpErrorsValue", this);
    m_databaseErrorsValue = numberLabel("databaseErrorsValue", this);
    auto *numbers = new QGridLayout;
    const QList<QPair<QLabel *, QString>> captions {
        { m_connectionsValue, tr("Connections") },
        { m_deliveriesValue, tr("Deliveries/s") },
        { m_p99Value, tr("Delivery p99") },
        { m_emailQueueValue, tr("Email queue") },
        { m_emailFailuresValue, tr("Email failures") },
        { m_httpErrorsValue, tr("HTTP 5xx errors") },
        { m_databaseErrorsValue, tr("Database errors") },
    };
    for (int column = 0; column < captions.size(); ++column) {
        auto *caption = new QLabel(captions.at(column).second, this);
        caption->setAlignment(Qt::AlignCenter);
        caption->setBuddy(captions.at(column).first);
        numbers->addWidget(captions.at(column).first, 0, column);
        numbers->addWidget(caption, 1, column);
    }
    m_windowCaption = new QLabel(this);
    m_windowCaption->setObjectName(QStringLiteral("windowCaption"));
    m_windowCaption->setAlignment(Qt::AlignRight);
    m_windowCaption->setForegroundRole(QPalette::PlaceholderText);

    m_connections = makeChart(tr("Connections"), tr("open"), "connectionsChart");
    m_connectionsSeries = addSeries(m_connections, tr("Connections"), "connectionsSeries");
    m_deliveries = makeChart(tr("Deliveries per second"), tr("events/s"), "deliveriesChart");
    m_deliveriesSeries = addSeries(m_deliveries, tr("Deliveries/s"), "deliveriesSeries");
    m_latency = makeChart(tr("Commit → delivery latency"), tr("ms"), "latencyChart");
    m_p50Series = addSeries(m_latency, tr("p50"), "latencyP50Series");
    m_p99Series = addSeries(m_latency, tr("p99"), "latencyP99Series");
    m_latency.chart->legend()->show();
    m_latency.chart->legend()->setAlignment(Qt::AlignTop);

    auto *charts = new QGridLayout;
    charts->addWidget(m_connections.view, 0, 0);
    charts->addWidget(m_deliveries.view, 0, 1);
    charts->addWidget(m_latency.view, 1, 0, 1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(verdictRow);
    layout->addLayout(numbers);
    layout->addWidget(m_windowCaption);
    layout->addLayout(charts, 1);

    connect(m_sampler, &ServerMetricsSampler::sampleAdded, this, [this] {
        redraw();
        updateNumbers();
        updateVerdict();
    });
    connect(m_sampler, &ServerMetricsSampler::stateChanged, this, &ServerPanel::updateVerdict);
    connect(m_sampler, &ServerMetricsSampler::scrapeFailed, this, &ServerPanel::updateVerdict);

    applyPalette();
    redraw();
    updateNumbers();
    updateVerdict();
    m_sampler->start();
}

ServerPanel::~ServerPanel() = default;

ServerPanel::Chart ServerPanel::makeChart(const QString &title, const QString &unit, const char *name)
{
    Chart c;
    c.chart = new QChart;
    c.chart->setTitle(title);
    c.chart->legend()->hide();
    c.chart->setBackgroundRoundness(0);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.time = new QDateTimeAxis(c.chart);
    c.time->setFormat(QStringLiteral("HH:mm"));
    c.time->setTickCount(6);
    c.values = new QValueAxis(c.chart);
    c.values->setLabelFormat(QStringLiteral("%g"));
    c.values->setTitleText(unit);
    c.chart->addAxis(c.time, Qt::AlignBottom);
    c.chart->addAxis(c.values, Qt::AlignLeft);
    c.view = new QChartView(c.chart, this); // owns the chart
    c.view->setObjectName(QLatin1String(name));
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(280, 170);
    return c;
}

QLineSeries *ServerPanel::addSeries(Chart &chart, const QString &name, const char *objectName)
{
    auto *series = new QLineSeries(chart.chart);
    series->setName(name);
    series->setObjectName(QLatin1String(objectName));
    chart.chart->addSeries(series); // the chart owns it from here
    series->attachAxis(chart.time);
    series->attachAxis(chart.values);
    return series;
}

void ServerPanel::redraw()
{
    QList<QPointF> connections, deliveries, p50, p99;
    const QList<ServerMetricsSample> &samples = m_sampler->samples();
    for (const ServerMetricsSample &sample : samples) {
        const double x = double(sample.at.toMSecsSinceEpoch());
        connections.append({ x, sample.connections });
        // An interval without deliveries has no latency: a gap, not a zero that looks like instant delivery.
        if (sample.deliveriesPerSecond)
            deliveries.append({ x, *sample.deliveriesPerSecond });
        if (sample.latencyP50Ms)
            p50.append({ x, *sample.latencyP50Ms });
        if (sample.latencyP99Ms)
            p99.append({ x, *sample.latencyP99Ms });
    }
    m_connectionsSeries->replace(connections);
    m_deliveriesSeries->replace(deliveries);
    m_p50Series->replace(p50);
    m_p99Series->replace(p99);

    // The window ends at the newest sample, so a stalled scrape shows as a chart that stopped moving.
    const QDateTime end = samples.isEmpty() ? QDateTime::currentDateTimeUtc() : samples.constLast().at;
    const QDateTime begin = end.addMSecs(-m_sampler->window());
    for (const Chart *chart : { &m_connections, &m_deliveries, &m_latency })
        chart->time->setRange(begin, end);
    fitValues(m_connections.values, connections);
    fitValues(m_deliveries.values, deliveries);
    fitValues(m_latency.values, p50 + p99);
}

void ServerPanel::updateNumbers()
{
    const QLocale locale;
    const QList<ServerMetricsSample> &samples = m_sampler->samples();
    const int minutes = int(m_sampler->window() / 60000);
    m_windowCaption->setText(tr("Failures and errors: the last %1 minutes").arg(minutes));
    if (samples.isEmpty()) {
        for (QLabel *label : { m_connectionsValue, m_deliveriesValue, m_p99Value, m_emailQueueValue,
                 m_emailFailuresValue, m_httpErrorsValue, m_databaseErrorsValue })
            label->setText(dash());
        return;
    }
    const ServerMetricsSample &latest = samples.constLast();
    const ServerMetricsSample totals = m_sampler->windowTotals();
    m_connectionsValue->setText(locale.toString(qint64(latest.connections)));
    m_deliveriesValue->setText(
        latest.deliveriesPerSecond ? locale.toString(*latest.deliveriesPerSecond, 'f', 1) : dash());
    m_p99Value->setText(latest.latencyP99Ms
            ? tr("%1 ms").arg(locale.toString(*latest.latencyP99Ms, 'f', *latest.latencyP99Ms < 10 ? 1 : 0))
            : dash());
    m_emailQueueValue->setText(locale.toString(qint64(latest.emailQueue)));
    m_emailFailuresValue->setText(locale.toString(totals.emailFailures));
    m_httpErrorsValue->setText(locale.toString(totals.httpErrors));
    m_databaseErrorsValue->setText(locale.toString(totals.databaseErrors));
}

void ServerPanel::updateVerdict()
{
    using Health = ServerMetricsSampler::Health;
    const Health health = m_sampler->health();
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxWarning;
    QString text;
    switch (health) {
    case Health::Unknown:
        text = tr("Waiting for the server's metrics…");
        icon = QStyle::SP_BrowserReload;
        break;
    case Health::Healthy:
        text = tr("Delivery healthy");
        icon = QStyle::SP_DialogApplyButton;
        break;
    case Health::Slow:
        text = tr("Delivery slow: p99 %1 ms")
                   .arg(QLocale().toString(m_sampler->samples().constLast().latencyP99Ms.value_or(0), 'f', 0));
        break;
    case Health::Unreachable:
        text = tr("Server unreachable");
        icon = QStyle::SP_MessageBoxCritical;
        break;
    case Health::Forbidden:
        text = tr("Only operators can see the server's metrics");
        break;
    case Health::Failed:
        text = tr("The server's metrics could not be read");
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    m_verdict->setText(text);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_verdictIcon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));

    const QList<ServerMetricsSample> &samples = m_sampler->samples();
    if (m_sampler->state() != ServerMetricsSampler::State::Live && m_sampler->lastError().message.size() > 0)
        m_sampleStatus->setText(BetFormatter::error(m_sampler->lastError()));
    else if (!samples.isEmpty())
        m_sampleStatus->setText(tr("Last sample at %1")
                                    .arg(QLocale().toString(samples.constLast().at.toLocalTime().time(),
                                        QLocale::LongFormat)));
    else
        m_sampleStatus->clear();
}

QString ServerPanel::verdict() const
{
    return m_verdict->text();
}

void ServerPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyPalette();
}

void ServerPanel::applyPalette()
{
    // Palette colours only: the charts follow a dark palette like every other widget.
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = pal.color(QPalette::Mid);
    for (const Chart *c : { &m_connections, &m_deliveries, &m_latency }) {
        if (!c->chart)
            continue;
        c->chart->setBackgroundBrush(pal.color(QPalette::Base));
        c->chart->setBackgroundPen(QPen(grid));
        c->chart->setTitleBrush(text);
        c->chart->legend()->setLabelColor(text);
        for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(c->time), static_cast<QAbstractAxis *>(c->values) }) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(grid);
        }
    }
    const QPen primary(pal.color(QPalette::Highlight), 2);
    for (QLineSeries *series : { m_connectionsSeries, m_deliveriesSeries, m_p99Series }) {
        if (series)
            series->setPen(primary);
    }
    if (m_p50Series)
        m_p50Series->setPen(QPen(text, 1.5, Qt::DashLine));
}

} // namespace betthat::app
