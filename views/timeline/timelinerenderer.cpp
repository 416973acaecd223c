#include "timeline/timelinerenderer.h"

#include "theme.h"

#include <QPainter>

namespace interleave::render {

void frame(QPainter& painter, const TimelineFrame& f)
{
    laneBackgrounds(painter, f);
    spans(painter, f);
    slices(painter, f);
    markers(painter, f);
    flows(painter, f);
    lostUpdates(painter, f);
    annotations(painter, f);
    handOver(painter, f);
    playhead(painter, f);
    momentPoints(painter, f);
    selection(painter, f);
    ruler(painter, f);
    headers(painter, f);
    // The corner above the headers.
    painter.fillRect(
        QRect(f.headerRect.left(), f.rulerRect.top(), f.headerRect.width(), f.rulerRect.height()),
        f.theme->headerBackground);
}

} // namespace interleave::render
