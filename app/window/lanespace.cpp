#include "window/lanespace.h"

#include "charts/chartstack.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"

#include <QSplitter>
#include <algorithm>

namespace interleave {

LaneSpace::LaneSpace(QSplitter* splitter, QWidget* lanes, TimelineWidget* timeline, QWidget* charts,
                     ChartStack* chartStack, QObject* parent)
    : QObject(parent)
    , m_splitter(splitter)
    , m_lanes(lanes)
    , m_timeline(timeline)
    , m_charts(charts)
    , m_chartStack(chartStack)
{
    // splitterMoved is only emitted when the user drags a handle.
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_userPlaced = true; });
}

void LaneSpace::fit()
{
    if (m_userPlaced)
        return;
    const QList<int> sizes = m_splitter->sizes();
    if (sizes.size() != 3)
        return;
    const int total = sizes[0] + sizes[1] + sizes[2];
    if (total <= 0)
        return;
    // The lanes: everything above the rows (headline, legend, ruler), the rows, the scroll bar.
    const int chrome = m_lanes->height() - m_timeline->plotRect().height();
    const int rows = m_timeline->contentHeight();
    const int wantLanes = chrome + rows + 4;
    const int wantCharts = m_charts->isVisible() ? m_chartStack->sizeHint().height() + 2 : 0;
    const int minimumTabs = std::max(150, total / 5);
    const int lanes =
        std::clamp(wantLanes, std::min(m_lanes->minimumSizeHint().height() + 40, total / 2),
                   std::max(total * 7 / 10, total - wantCharts - minimumTabs));
    const int charts = std::clamp(wantCharts, 0, std::max(0, total - lanes - minimumTabs));
    m_splitter->setSizes({lanes, charts, std::max(minimumTabs, total - lanes - charts)});
}

} // namespace interleave
