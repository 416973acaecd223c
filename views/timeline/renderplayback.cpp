// Playback on the timeline: the trace after the playhead covered as if not recorded yet, the
// playhead's line and its handle on the ruler, and the events of the moment on show.
#include "timeline/renderhelpers.h"
#include "timeline/timelinemodel.h"

#include <QPainter>
#include <QPainterPath>

namespace interleave::render {

Viewport viewportUntil(const Viewport& v, std::uint64_t playhead)
{
    if (playhead == 0 || playhead >= v.end)
        return v;
    Viewport cut = v;
    if (playhead <= v.start) {
        cut.end = v.start;
        cut.width = 0;
        return cut;
    }
    cut.end = playhead;
    cut.width = v.width * double(playhead - v.start) / double(v.end - v.start);
    return cut;
}

TimelineFrame untilPlayhead(const TimelineFrame& f)
{
    TimelineFrame cut = f;
    cut.viewport = viewportUntil(f.viewport, f.playhead);
    if (cut.viewport.end != f.viewport.end)
        cut.plotRect.setRight(f.plotRect.left() + int(std::ceil(cut.viewport.width)));
    return cut;
}

void coverFuture(QPainter& painter, const QRect& plot, const Viewport& v, std::uint64_t playhead,
                 const Theme& theme)
{
    if (playhead == 0)
        return;
    const double x = timeToX(playhead, v);
    if (x < plot.right()) {
        // What has not happened yet: plain background, no spans, no markers, no values.
        const int left = std::max(plot.left(), int(std::ceil(x)));
        painter.fillRect(QRect(left, plot.top(), plot.right() - left + 1, plot.height()),
                         theme.background);
    }
    if (x >= plot.left() && x <= plot.right() + 1) {
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(theme.playhead, 2));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter.restore();
    }
}

void playhead(QPainter& painter, const TimelineFrame& f)
{
    if (f.playhead == 0)
        return;
    coverFuture(painter, f.plotRect, f.viewport, f.playhead, *f.theme);
    const double x = timeToX(f.playhead, f.viewport);
    if (x < f.plotRect.left() || x > f.plotRect.right() + 1)
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(f.theme->playhead, 2));
    painter.drawLine(QPointF(x, f.rulerRect.top()), QPointF(x, f.plotRect.top()));
    // A handle on the ruler, as on a video's scrubber.
    QPainterPath handle;
    const double top = f.rulerRect.top() + 2;
    handle.moveTo(x - 6, top);
    handle.lineTo(x + 6, top);
    handle.lineTo(x, top + 9);
    handle.closeSubpath();
    painter.fillPath(handle, f.theme->playhead);
    painter.restore();
}

void momentPoints(QPainter& painter, const TimelineFrame& f)
{
    if (f.momentPoints.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRect(f.plotRect);
    std::vector<QPointF> centres;
    for (const MomentPoint& point : f.momentPoints) {
        const int y = point.lane != kNoWorker ? laneCenterY(f, point.lane) : -1;
        if (y < 0)
            continue;
        centres.emplace_back(timeToX(point.t, f.viewport), y);
    }
    QPen joining(f.theme->playhead, 1.5, Qt::DashLine);
    painter.setPen(joining);
    for (std::size_t i = 1; i < centres.size(); ++i)
        painter.drawLine(centres[i - 1], centres[i]);
    painter.setPen(QPen(f.theme->playhead, 2.5));
    painter.setBrush(Qt::NoBrush);
    for (const QPointF& c : centres)
        painter.drawEllipse(c, 7, 7);
    painter.restore();
}

} // namespace interleave::render
