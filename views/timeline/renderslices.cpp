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
#include <iterator>

namespace interleave::render {

namespace {

/// Boxes narrower than this many pixels merge with their narrow neighbours (as Tracy does).
constexpr double kMinimumBoxPixels = 3.0;

/// The union of two sorted lists of ranges, sorted.
std::vector<HiddenRange> unite(const std::vector<HiddenRange>& a, const std::vector<HiddenRange>& b)
{
    std::vector<HiddenRange> out;
    out.reserve(a.size() + b.size());
    std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out),
               [](const HiddenRange& x, const HiddenRange& y) { return x.start < y.start; });
    return out;
}

} // namespace

void slices(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    const auto minimum = std::uint64_t(std::max(1.0, kMinimumBoxPixels * v.nsPerPixel()));
    const int rowHeight = f.model->metrics().sliceRowHeight;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setFont(theme.smallFont);
    painter.setPen(Qt::NoPen);
    const QFontMetrics metrics = painter.fontMetrics();
    const QColor textColor =
        theme.kind == Theme::Kind::Dark ? theme.text : QColor(0x10, 0x10, 0x10);
    const double left = f.plotRect.left();
    const double right = f.plotRect.right() + 1;
    std::vector<SliceRun> runs;
    std::vector<HiddenRange> hidden, merged;
    std::vector<std::pair<QRectF, std::size_t>> labels;
    for (const LaneRow& row : f.model->layout().rows()) {
        if (row.header || row.lane >= f.trace->laneCount())
            continue;
        const SliceRows& rows = f.trace->lane(row.lane).slices;
        const RowSpan r = onScreen(f, row);
        if (rows.empty() || !visible(f, r))
            continue;
        hidden.clear();
        for (int depth = 0; depth < rows.depth(); ++depth) {
            const double top = r.top + 3 + depth * rowHeight;
            if (top > f.plotRect.bottom())
                break;
            // Rows scrolled out above still hide what lies under their merged boxes.
            const bool shown = top + rowHeight >= f.plotRect.top();
            const double height = rowHeight - 2;
            const SliceRow& exact = rows.row(depth);
            runs.clear();
            rows.runs(depth, v.start, v.end, minimum, hidden, runs);
            merged.clear();
            labels.clear();
            for (const SliceRun& run : runs) {
                const Slice& named = exact[run.first];
                if (run.count > 1)
                    merged.push_back(HiddenRange{run.start, run.end});
                if (!shown)
                    continue;
                const double x0 = std::max(left, timeToX(run.start, v));
                const double x1 = std::min(right, timeToX(run.end, v));
                const QRectF box(x0, top, std::max(1.0, x1 - x0), height);
                painter.fillRect(box, theme.sliceColor(named.name));
                if (run.count > 1) {
                    // Many short slices stand behind this box: hatch it, as Tracy zig-zags.
                    painter.fillRect(box,
                                     QBrush(theme.sliceHatchColor(named.name), Qt::BDiagPattern));
                } else if (box.width() >= 24) {
                    labels.emplace_back(box, run.first);
                }
            }
            // Names last, with one pen: only slices wide enough to read.
            painter.setPen(textColor);
            for (const auto& [box, index] : labels) {
                const QString name = qs(f.trace->string(exact[index].name));
                painter.drawText(box.adjusted(3, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft,
                                 metrics.elidedText(name, Qt::ElideRight, int(box.width()) - 5));
            }
            painter.setPen(Qt::NoPen);
            // What a merged box stands for includes its children: the rows below skip it.
            if (!merged.empty())
                hidden = hidden.empty() ? merged : unite(hidden, merged);
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
