#include "timeline/timelinerenderer.h"

#include "theme.h"

#include <QPainter>

namespace interleave::render {

void frame(QPainter& painter, const TimelineFrame& f)
{
    laneBackgrounds(painter, f);
    // Playback: the passes see only the trace up to the playhead, at the same scale, so
    // nothing after it is drawn (not even under a cover: a vector picture keeps no trace of it).
    const TimelineFrame content = untilPlayhead(f);
    if (content.viewport.width > 0) {
        spans(painter, content);
        slices(painter, content);
        markers(painter, content);
        flows(painter, content);
        lostUpdates(painter, content);
        annotations(painter, content);
        handOver(painter, content);
    }
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
