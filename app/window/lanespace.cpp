#include "window/lanespace.h"

#include "charts/chartstack.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"

#include <QResizeEvent>
#include <QSplitter>
#include <QTimer>
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

void LaneSpace::followHeight(QWidget* widget)
{
    widget->installEventFilter(this);
}

bool LaneSpace::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize) {
        const auto* resize = static_cast<QResizeEvent*>(event);
        if (resize->size().height() != resize->oldSize().height())
            QTimer::singleShot(0, this, &LaneSpace::fit);
    }
    return QObject::eventFilter(watched, event);
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
    // Measured from where the timeline really starts: when the lanes are too short, their layout
    // overflows and the timeline is taller than what shows of it.
    const int chrome = m_timeline->mapTo(m_lanes, QPoint(0, 0)).y() + m_timeline->height() -
                       m_timeline->plotRect().height();
    const int rows = m_timeline->contentHeight();
    const int wantLanes = chrome + rows + 4;
    const int wantCharts = m_charts->isVisible() ? m_chartStack->sizeHint().height() + 2 : 0;
    // The tabs keep a readable minimum; the charts come whole first (they are short), then
    // the lanes take what they need of the rest, and whatever is left goes to the tabs.
    const int minimumTabs = std::max(120, total / 6);
    const int charts = std::min(wantCharts, std::max(0, (total - minimumTabs) / 2));
    const int lanes =
        std::clamp(wantLanes, std::min(m_lanes->minimumSizeHint().height(), total / 3),
                   std::max(total / 3, total - minimumTabs - charts));
    m_splitter->setSizes({lanes, charts, std::max(0, total - lanes - charts)});
}

} // namespace interleave
