#include "charts/timechart.h"

#include "timeline/timecoordinates.h"
#include "timeline/timelinemodel.h"
#include "timeline/zoomcontrol.h"
#include "trace/stepdecimation.h"
#include "trace/tracestore.h"

#include <QFontMetrics>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <shared_mutex>

namespace interleave {

TimeChart::TimeChart(TimelineModel* model, ZoomControl* zoom, QWidget* parent)
    : QChartView(parent)
    , m_model(model)
    , m_zoom(zoom)
    , m_theme(&Theme::light())
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
    , m_throttle(new QTimer(this))
{
    auto* chart = new QChart;
    chart->legend()->setVisible(false); // drawn in the margin instead, see drawForeground()
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->setBackgroundRoundness(0);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    // The timeline's ruler above labels the time; here the grid follows the same ticks.
    m_x->setLabelsVisible(false);
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_y->setLabelFormat("%d");
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(90);
    setMaximumHeight(180);
    m_throttle->setSingleShot(true);
    connect(m_throttle, &QTimer::timeout, this, &TimeChart::rebuild);
    connect(m_zoom, &ZoomControl::windowChanged, this, &TimeChart::refresh);
    setTheme(Theme::light());
}

void TimeChart::setTheme(const Theme& theme)
{
    m_theme = &theme;
    chart()->setBackgroundBrush(theme.background);
    chart()->setPlotAreaBackgroundBrush(theme.background);
    chart()->setPlotAreaBackgroundVisible(true);
    chart()->legend()->setLabelColor(theme.text);
    chart()->legend()->setFont(theme.smallFont);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsColor(theme.mutedText);
        axis->setLabelsFont(theme.smallFont);
        axis->setGridLineColor(theme.grid);
        axis->setLinePenColor(theme.grid);
        axis->setTitleBrush(theme.mutedText);
        axis->setTitleFont(theme.smallFont);
    }
    setBackgroundBrush(theme.background);
    // Room for a few axis labels in the theme's font: Qt Charts elides labels it cannot fit.
    setMinimumHeight(std::max(90, QFontMetrics(theme.smallFont).height() * 7));
    rebuild();
}

void TimeChart::alignPlot(int left, int width)
{
    m_plotLeft = left;
    m_plotWidth = width;
    applyPlotArea();
}

void TimeChart::resizeEvent(QResizeEvent* event)
{
    // The plot area first: Qt Charts lays out axes for the plot area it has when resized, and
    // does not always redo it when the area changes afterwards (stale grid and labels).
    applyPlotArea();
    QChartView::resizeEvent(event);
}

void TimeChart::applyPlotArea()
{
    const double top = 16; // room for the top label, which Qt Charts centres on the edge
    const double bottom = 10;
    chart()->setPlotArea(QRectF(m_plotLeft, top, std::max(10, m_plotWidth),
                                std::max(20.0, double(height()) - top - bottom)));
}

void TimeChart::drawForeground(QPainter* painter, const QRectF&)
{
    painter->save();
    painter->setFont(m_theme->smallFont);
    const QFontMetrics metrics(m_theme->smallFont);
    int y = 10;
    for (QAbstractSeries* series : chart()->series()) {
        const auto* line = qobject_cast<QLineSeries*>(series);
        if (line == nullptr)
            continue;
        painter->fillRect(QRect(8, y + metrics.ascent() / 2 - 2, 14, 4), line->pen().color());
        painter->setPen(m_theme->text);
        painter->drawText(QRect(28, y, m_plotLeft - 80, metrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(line->name(), Qt::ElideRight, m_plotLeft - 80));
        y += metrics.height() + 2;
    }
    painter->restore();
}

void TimeChart::refresh()
{
    /// Ten rebuilds a second keep zooming fluid; four a second are plenty for a live run, where
    /// Qt Charts' axis re-layout would otherwise take a tenth of a core from the workers.
    const qint64 minimumIntervalMs = m_model->live() ? 250 : 100;
    if (m_throttle->isActive())
        return;
    const qint64 since = m_sinceRebuild.isValid() ? m_sinceRebuild.elapsed() : minimumIntervalMs;
    if (since >= minimumIntervalMs)
        rebuild();
    else
        m_throttle->start(int(minimumIntervalMs - since));
}

void TimeChart::rebuild()
{
    m_sinceRebuild.start();
    m_seriesUsed = 0;
    const auto trace = m_model->trace();
    const std::uint64_t origin = m_model->origin();
    if (trace) {
        const std::uint64_t start = std::max(m_zoom->windowStart(), origin);
        const std::uint64_t end = std::max(m_zoom->windowEnd(), start + 1);
        std::shared_lock lock(trace->mutex());
        fill(start, end);
    }
    while (m_series.size() > m_seriesUsed) {
        chart()->removeSeries(m_series.back());
        delete m_series.back();
        m_series.pop_back();
    }
    if (!trace)
        return;
    m_x->setRange(double(m_zoom->windowStart() - std::min(m_zoom->windowStart(), origin)) / 1e6,
                  double(m_zoom->windowEnd() - std::min(m_zoom->windowEnd(), origin)) / 1e6);
    const Viewport viewport{m_zoom->windowStart(), m_zoom->windowEnd(), 0,
                            double(std::max(1, m_plotWidth))};
    m_x->setTickInterval(double(tickStep(viewport)) / 1e6);
    applyPlotArea();
    QChartView::viewport()->update();
}

void TimeChart::addStepSeries(const CounterSeries& counter, const QString& name,
                              const QColor& color, double scale, std::uint64_t start,
                              std::uint64_t end)
{
    const std::uint64_t origin = m_model->origin();
    const double ms = 1e-6;
    QList<QPointF> points;
    for (const StepPoint& p : decimateSteps(counter, start, end, m_model->end(), m_plotWidth))
        points << QPointF(double(p.t - origin) * ms, p.value * scale);
    QLineSeries* series = nullptr;
    if (m_seriesUsed < m_series.size()) {
        series = m_series[m_seriesUsed];
    } else {
        series = new QLineSeries;
        chart()->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        m_series.push_back(series);
    }
    ++m_seriesUsed;
    if (series->name() != name)
        series->setName(name);
    if (series->pen().color() != color)
        series->setPen(QPen(color, 1.6));
    series->replace(points);
}

void TimeChart::setValueAxis(double highest, const QString& title)
{
    // Whole-number steps of 1, 2 or 5 × 10^k, no closer than about 22 px: Qt Charts elides
    // labels that crowd each other into "...".
    const int plotHeight = std::max(20, height() - 18);
    const int labelHeight = QFontMetrics(m_theme->smallFont).height();
    const int maxIntervals = std::max(1, plotHeight / std::max(22, labelHeight * 2));
    double step = 1;
    for (double decade = 1; highest / step > maxIntervals; decade *= 10) {
        for (double factor : {1.0, 2.0, 5.0}) {
            step = factor * decade;
            if (highest / step <= maxIntervals)
                break;
        }
    }
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(step);
    m_y->setRange(0, std::max(step, std::ceil(highest / step) * step));
    m_y->setTitleText(title);
}

bool TimeChart::hasCounter(CounterKind kind) const
{
    const auto trace = m_model->trace();
    if (!trace)
        return false;
    std::shared_lock lock(trace->mutex());
    for (const CounterSeries& series : trace->counters()) {
        if (series.kind == kind && !series.times.empty())
            return true;
    }
    return false;
}

bool QueueDepthChart::hasData() const
{
    return hasCounter(CounterKind::QueueDepth);
}

void QueueDepthChart::fill(std::uint64_t start, std::uint64_t end)
{
    const TraceStore& trace = *m_model->trace();
    double highest = 1;
    int index = 0;
    for (const CounterSeries& series : trace.counters()) {
        if (series.kind != CounterKind::QueueDepth)
            continue;
        for (double value : series.values)
            highest = std::max(highest, value);
        addStepSeries(series, "depth of " + QString::fromStdString(series.name),
                      m_theme->stateColor(index++ % 2 ? LaneState::Joining : LaneState::QueueWait)
                          .darker(115),
                      1.0, start, end);
    }
    setValueAxis(highest, "items");
}

bool CoreUtilisationChart::hasData() const
{
    return hasCounter(CounterKind::CoreUtilisation);
}

void CoreUtilisationChart::fill(std::uint64_t start, std::uint64_t end)
{
    const TraceStore& trace = *m_model->trace();
    for (const CounterSeries& series : trace.counters()) {
        if (series.kind == CounterKind::CoreUtilisation)
            addStepSeries(series, QString::fromStdString(series.name) + " busy",
                          m_theme->workerColor(series.key + 5), 100.0, start, end);
    }
    setValueAxis(100, "% busy");
}

bool CounterChart::hasData() const
{
    return hasCounter(CounterKind::Custom);
}

void CounterChart::fill(std::uint64_t start, std::uint64_t end)
{
    const TraceStore& trace = *m_model->trace();
    double highest = 0;
    int index = 0;
    for (const CounterSeries& series : trace.counters()) {
        if (series.kind != CounterKind::Custom)
            continue;
        for (double value : series.values)
            highest = std::max(highest, value);
        addStepSeries(series, QString::fromStdString(series.name), m_theme->workerColor(index++),
                      1.0, start, end);
    }
    setValueAxis(highest > 0 ? highest : 1, "value");
}

} // namespace interleave
