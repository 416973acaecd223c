#include "charts/chartstack.h"

#include "charts/corelanes.h"
#include "charts/timechart.h"
#include "timeline/timelinemodel.h"
#include "trace/tracestore.h"

#include <QVBoxLayout>

namespace interleave {

ChartStack::ChartStack(TimelineModel* model, ZoomControl* zoom, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_queue(new TimeChart(model, zoom, CounterStrip::Kind::QueueDepth))
    , m_coreLanes(new CoreLanes(model, zoom))
    , m_cpu(new TimeChart(model, zoom, CounterStrip::Kind::Cpu))
    , m_counters(new TimeChart(model, zoom, CounterStrip::Kind::Custom))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_queue);
    layout->addWidget(m_coreLanes);
    layout->addWidget(m_cpu);
    layout->addWidget(m_counters);
}

void ChartStack::setTheme(const Theme& theme)
{
    m_queue->setTheme(theme);
    m_cpu->setTheme(theme);
    m_counters->setTheme(theme);
    m_coreLanes->setTheme(theme);
}

void ChartStack::alignPlot(int left, int width)
{
    m_queue->alignPlot(left, width);
    m_cpu->alignPlot(left, width);
    m_counters->alignPlot(left, width);
    m_coreLanes->alignPlot(left, width);
}

void ChartStack::refresh()
{
    m_queue->refresh();
    m_cpu->refresh();
    m_counters->refresh();
    m_counters->setVisible(m_counters->hasData());
    m_queue->setVisible(m_queue->hasData());
    m_cpu->setVisible(m_cpu->hasData());
    const auto trace = m_model->trace();
    // An imported trace says nothing of cores.
    m_coreLanes->setVisible(trace && trace->run.importedFrom.empty());
    m_coreLanes->setFixedHeight(m_coreLanes->sizeHint().height());
    m_coreLanes->update();
    const bool has = m_queue->isVisibleTo(this) || m_cpu->isVisibleTo(this) ||
                     m_counters->isVisibleTo(this) || m_coreLanes->isVisibleTo(this);
    if (has != m_hasCharts) {
        m_hasCharts = has;
        emit hasChartsChanged(has);
    }
}

} // namespace interleave
