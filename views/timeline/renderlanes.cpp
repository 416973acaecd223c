#include "base/gallop.h"
#include "qstrings.h"
#include "statepalette.h"
#include "timeline/columnpainter.h"
#include "timeline/renderhelpers.h"
#include "timeline/timelinemodel.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace interleave::render {

namespace {

/// Calls f(span) for the spans of `lane` intersecting the window, at `level` of detail, then
/// the live tail (pyramid merges not yet closed and the lane's open span).
template <class F>
void forEachVisibleSpan(const TimelineFrame& f, std::uint16_t lane, int level, F&& visit)
{
    const Viewport& v = f.viewport;
    const Lane& data = f.trace->lane(lane);
    // A lane the model has not taken in yet (a live run's newest) has no pyramid: exact spans.
    if (lane >= f.model->laneCount())
        level = 0;
    const SpanList& list = level == 0 ? data.spans : f.model->pyramid(lane).level(level);
    auto first = std::partition_point(list.begin(), list.end(),
                                      [&](const StateSpan& s) { return s.end <= v.start; });
    std::uint64_t covered = 0;
    for (auto it = first; it != list.end() && it->start < v.end; ++it) {
        visit(*it);
        covered = it->end;
    }
    if (!list.empty())
        covered = std::max(covered, list.back().end);
    if (level > 0 && lane < f.model->laneCount()) {
        for (const StateSpan& tail : f.model->pyramid(lane).tail(level)) {
            if (tail.end > v.start && tail.start < v.end)
                visit(tail);
            covered = std::max(covered, tail.end);
        }
    }
    if (f.now != 0 && !f.trace->finalized()) {
        if (const auto open = data.tracker.openSpan(f.now)) {
            StateSpan span = *open;
            span.start = std::max(span.start, covered);
            if (span.end > span.start && span.end > v.start && span.start < v.end)
                visit(span);
        }
    }
}

/// Where phase marks and their labels go on a lane (only where markers are drawn at all: when
/// the lane's events in view are sparse enough to tell apart).
std::vector<std::pair<QRectF, QString>> markLabels(const TimelineFrame& f, std::uint16_t laneId,
                                                   double top, const QFontMetrics& metrics)
{
    std::vector<std::pair<QRectF, QString>> labels;
    const Lane& lane = f.trace->lane(laneId);
    const std::size_t begin = lane.events.lowerBound(f.viewport.start);
    const std::size_t end = lane.events.lowerBound(f.viewport.end);
    if (end - begin > std::size_t(f.plotRect.width()) / 3)
        return labels;
    for (std::size_t i = begin; i < end; ++i) {
        if (lane.events.kind(i) != EventKind::Mark)
            continue;
        const Event e = lane.events.at(i, laneId);
        const QString text = QString::fromStdString(f.trace->string(std::uint32_t(e.a)));
        const double x = timeToX(e.tNs, f.viewport);
        labels.emplace_back(
            QRectF(x + 2, top, metrics.horizontalAdvance(text) + 8, metrics.height()), text);
    }
    return labels;
}

/// A bar under the lane while it holds a lock, in the colour of waiting for one: the other
/// side of every lock wait. Holds closer than a pixel merge, so any zoom draws a few bars; when
/// every hold is shorter than a pixel, those ending within a bar's next pixel are jumped over
/// by binary search, so a million holds in view cost what the pixels need.
void lockHolds(QPainter& painter, const TimelineFrame& f, std::uint16_t lane, int bottom)
{
    if (lane >= f.model->laneCount())
        return;
    const Viewport& v = f.viewport;
    const LockHoldTracker& tracker = f.model->holds(lane);
    const std::vector<LockHold>& closed = tracker.holds();
    const double left = f.plotRect.left(), right = f.plotRect.right() + 1;
    const double nsPerPixel = v.nsPerPixel();
    const bool jump = double(tracker.longest()) <= nsPerPixel;
    std::vector<QRectF> bars;
    auto add = [&](const LockHold& hold) {
        const double x0 = std::max(left, timeToX(hold.start, v));
        const double x1 = std::min(right, std::max(timeToX(hold.end, v), x0 + 1));
        if (x1 <= x0)
            return;
        if (!bars.empty() && x0 <= bars.back().right() + 1 && x1 >= bars.back().left() - 1) {
            bars.back().setLeft(std::min(bars.back().left(), x0));
            bars.back().setRight(std::max(bars.back().right(), x1));
        } else {
            bars.emplace_back(x0, bottom - 4, x1 - x0, 4);
        }
    };
    // Closed holds are in the order they ended: past the window's end by more than the
    // longest hold, none can reach back into it.
    auto it = std::partition_point(closed.begin(), closed.end(),
                                   [&](const LockHold& h) { return h.end <= v.start; });
    while (it != closed.end()) {
        if (it->start >= v.end) {
            if (it->end > v.end + tracker.longest())
                break;
            ++it;
            continue;
        }
        add(*it);
        ++it;
        if (jump && !bars.empty()) {
            // Every hold ending before the bar's next pixel lies within it.
            const double reach = double(v.start) + (bars.back().right() + 1 - v.x0) * nsPerPixel;
            it = gallopPartition(it, closed.end(),
                                 [&](const LockHold& h) { return double(h.end) < reach; });
        }
    }
    for (const LockHold& hold : tracker.open(f.now != 0 ? f.now : f.model->end()))
        add(hold);
    if (bars.empty())
        return;
    // Whole pixels: the raster engine fills integer rectangles without its path machinery.
    std::vector<QRect> pixels;
    pixels.reserve(bars.size());
    for (const QRectF& bar : bars) {
        const int x0 = int(std::lround(bar.left()));
        const int x1 = std::max(x0 + 1, int(std::lround(bar.right())));
        pixels.emplace_back(x0, bottom - 4, x1 - x0, 4);
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(f.theme->lockHoldBar);
    painter.drawRects(pixels.data(), int(pixels.size()));
}

} // namespace

LaneMetrics laneMetrics(const Theme& theme)
{
    const QFontMetrics font(theme.font);
    LaneMetrics metrics;
    metrics.laneHeight = std::max(24, font.height() + 12);
    metrics.headerHeight = std::max(18, font.height() + 6);
    metrics.sliceRowHeight = QFontMetrics(theme.smallFont).height() + 5;
    return metrics;
}

int rulerHeight(const Theme& theme)
{
    return std::max(24, QFontMetrics(theme.font).height() + 12);
}

void laneBackgrounds(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    // Rows first, then only what they leave of the plot: every pixel is filled once (the plot
    // is over a million of them).
    const int plotTop = f.plotRect.top(), plotEnd = f.plotRect.bottom() + 1;
    int filledTo = plotTop;
    auto background = [&](int from, int to) {
        if (to > from)
            painter.fillRect(QRect(f.plotRect.left(), from, f.plotRect.width(), to - from),
                             theme.background);
    };
    int index = 0;
    for (const LaneRow& row : f.model->layout().rows()) {
        const RowSpan r = onScreen(f, row);
        if (!visible(f, r))
            continue;
        const int top = std::max(r.top, plotTop), end = std::min(r.top + r.height, plotEnd);
        background(filledTo, top);
        filledTo = std::max(filledTo, end);
        const QRect rect(f.plotRect.left(), top, f.plotRect.width(), end - top);
        if (row.header)
            painter.fillRect(rect, theme.groupBackground);
        else
            painter.fillRect(rect, (index++ % 2) ? theme.laneAlternate : theme.laneBackground);
    }
    background(filledTo, plotEnd);
    // Light vertical grid at the major ruler ticks.
    painter.setPen(QPen(theme.grid, 1));
    for (const Tick& tick : rulerTicks(f.viewport, f.model->origin())) {
        if (tick.major && tick.x >= f.plotRect.left() && tick.x <= f.plotRect.right())
            painter.drawLine(QPointF(tick.x, f.plotRect.top()),
                             QPointF(tick.x, f.plotRect.bottom()));
    }
}

void spans(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    // Spans folded to up to two pixels: each column still gets its dominant state, from a
    // quarter of the items the exact level holds.
    const int level = SpanPyramid::levelFor(2 * v.nsPerPixel());
    const QRectF keepClear = handOverLabelRect(f);
    const TimeToX toX(v);
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setFont(theme.smallFont);
    for (const LaneRow& row : f.model->layout().rows()) {
        if (row.header || row.lane >= f.trace->laneCount())
            continue;
        const RowSpan r = onScreen(f, row);
        if (!visible(f, r))
            continue;
        if (!f.trace->lane(row.lane).slices.empty())
            continue;
        const int top = r.top + theme.spanInset;
        const int height = r.height - 2 * theme.spanInset;
        ColumnPainter columns(painter, theme, top, height, f.plotRect.left(),
                              f.plotRect.right() + 1);
        std::vector<std::pair<QRectF, StateSpan>> labelled;
        // Spans mostly touch: a span's start is the last one's end, already mapped.
        std::uint64_t lastEnd = ~std::uint64_t(0);
        double lastEndX = 0;
        forEachVisibleSpan(f, row.lane, level, [&](const StateSpan& span) {
            const double x0 = span.start == lastEnd ? lastEndX : toX(span.start);
            const double x1 = toX(span.end);
            lastEnd = span.end;
            lastEndX = x1;
            columns.add(x0, x1, span.state);
            if (x1 - x0 > 110 && labelled.size() < 64 && span.state != LaneState::Finished)
                labelled.emplace_back(QRectF(x0, top, x1 - x0, height), span);
        });
        columns.finish();
        lockHolds(painter, f, row.lane, top + height);
        // Wide spans say what they are, after any phase mark's label in their way.
        const auto marks =
            markLabels(f, row.lane, top + (height - painter.fontMetrics().height()) / 2.0,
                       painter.fontMetrics());
        for (const auto& [rect, span] : labelled) {
            QString text = QString::fromUtf8(laneStateLabel(span.state).data(),
                                             qsizetype(laneStateLabel(span.state).size()));
            if (const ObjectInfo* object = f.trace->object(span.object);
                object != nullptr &&
                (span.state == LaneState::LockWait || span.state == LaneState::QueueWait))
                text += " · " + qs(object->name);
            if (span.related != kNoWorker && span.related < f.trace->laneCount())
                text += " · " + qs(f.trace->lane(span.related).info.name);
            // While playing, a span the playhead is in has lasted only until then so far.
            if (f.playhead != 0 && span.end > f.playhead)
                text +=
                    "  " + qs(formatPrecise(f.playhead - std::min(span.start, f.playhead))) + " …";
            else
                text += "  " + qs(formatPrecise(span.duration()));
            QRectF visibleRect = rect.intersected(QRectF(f.plotRect)).adjusted(6, 0, -6, 0);
            for (const auto& [markRect, label] : marks) {
                if (markRect.left() <= visibleRect.left() + 40 &&
                    markRect.right() > visibleRect.left())
                    visibleRect.setLeft(markRect.right() + 6);
            }
            if (visibleRect.width() < 40 || visibleRect.intersects(keepClear))
                continue;
            painter.setPen(StatePalette::textColor(span.state));
            painter.drawText(
                visibleRect, Qt::AlignVCenter | Qt::AlignLeft,
                painter.fontMetrics().elidedText(text, Qt::ElideRight, int(visibleRect.width())));
        }
    }
    if (f.now != 0) {
        const double x = timeToX(f.now, v);
        painter.setPen(QPen(theme.selectionEdge, 1.5, Qt::DashLine));
        painter.drawLine(QPointF(x, f.plotRect.top()), QPointF(x, f.plotRect.bottom()));
    }
    painter.restore();
}

} // namespace interleave::render
