#include "qstrings.h"
#include "statepalette.h"
#include "timeline/renderhelpers.h"
#include "timeline/timelinemodel.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace interleave::render {

void slices(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    const int level = SliceRows::levelFor(v.nsPerPixel());
    const int rowHeight = f.model->metrics().sliceRowHeight;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setFont(theme.smallFont);
    const QFontMetrics metrics = painter.fontMetrics();
    const double left = f.plotRect.left();
    const double right = f.plotRect.right() + 1;
    for (const LaneRow& row : f.model->layout().rows()) {
        if (row.header || row.lane >= f.trace->laneCount())
            continue;
        const SliceRows& rows = f.trace->lane(row.lane).slices;
        const RowSpan r = onScreen(f, row);
        if (rows.empty() || !visible(f, r))
            continue;
        for (int depth = 0; depth < rows.depth(); ++depth) {
            const double top = r.top + 3 + depth * rowHeight;
            if (top > f.plotRect.bottom() || top + rowHeight < f.plotRect.top())
                continue;
            const double height = rowHeight - 2;
            auto draw = [&](std::uint64_t start, std::uint64_t end, const Slice& named,
                            std::uint32_t folded) {
                const double x0 = std::max(left, timeToX(start, v));
                const double x1 = std::min(right, timeToX(end, v));
                const QRectF box(x0, top, std::max(1.0, x1 - x0), height);
                const QColor color = theme.sliceColor(named.name);
                painter.fillRect(box, color);
                if (folded > 1) {
                    // Many short slices stand behind this one: hatch it, as Tracy zig-zags.
                    painter.fillRect(box, QBrush(color.darker(135), Qt::BDiagPattern));
                    return;
                }
                if (box.width() < 24)
                    return;
                painter.setPen(theme.kind == Theme::Kind::Dark ? theme.text
                                                               : QColor(0x10, 0x10, 0x10));
                const QString name = qs(f.trace->string(named.name));
                painter.drawText(box.adjusted(3, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft,
                                 metrics.elidedText(name, Qt::ElideRight, int(box.width()) - 5));
            };
            const std::vector<Slice>& exact = rows.row(depth);
            if (level == 0) {
                auto it = std::partition_point(exact.begin(), exact.end(),
                                               [&](const Slice& s) { return s.end <= v.start; });
                for (; it != exact.end() && it->start < v.end; ++it)
                    draw(it->start, it->end, *it, 1);
            } else {
                const std::vector<FoldedSlice>& list = rows.folded(depth, level);
                auto it = std::partition_point(list.begin(), list.end(), [&](const FoldedSlice& s) {
                    return s.end <= v.start;
                });
                for (; it != list.end() && it->start < v.end; ++it)
                    draw(it->start, it->end, exact[it->longest], it->count);
            }
        }
    }
    painter.restore();
}

void flows(QPainter& painter, const TimelineFrame& f)
{
    const std::vector<Flow>& all = f.trace->flows;
    if (all.empty())
        return;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    // Many arrows at once hide the slices: past a few dozen in view, they fade.
    std::size_t inView = 0;
    for (const Flow& flow : all) {
        inView += flow.fromLane != flow.toLane && std::max(flow.fromTime, flow.toTime) >= v.start &&
                  std::min(flow.fromTime, flow.toTime) <= v.end;
    }
    QColor color = f.theme->arrow;
    color.setAlphaF(inView <= 40 ? 0.75f : inView <= 200 ? 0.35f : 0.15f);
    int drawn = 0;
    for (const Flow& flow : all) {
        if (std::max(flow.fromTime, flow.toTime) < v.start ||
            std::min(flow.fromTime, flow.toTime) > v.end)
            continue;
        // An arrow within one lane says nothing the slices do not; between lanes it does.
        if (flow.fromLane == flow.toLane)
            continue;
        const int y0 = laneCenterY(f, flow.fromLane);
        const int y1 = laneCenterY(f, flow.toLane);
        if (y0 < 0 || y1 < 0)
            continue;
        const QPointF from(timeToX(flow.fromTime, v), y0);
        const QPointF to(timeToX(flow.toTime, v), y1);
        painter.setPen(QPen(color, 1.5));
        painter.setBrush(f.theme->background);
        painter.drawEllipse(from, 3, 3);
        arrow(painter, from, to, color, false);
        // Thousands of arrows would hide the lanes: zoom in to see the rest.
        if (++drawn == 500)
            break;
    }
    painter.restore();
}

} // namespace interleave::render
