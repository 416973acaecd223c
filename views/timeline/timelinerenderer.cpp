#include "timeline/timelinerenderer.h"

#include "qstrings.h"
#include "statepalette.h"
#include "timeline/markerglyphs.h"
#include "timeline/timelinemodel.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace interleave::render {

namespace {

/// The y range of a row on screen (widget coordinates).
struct RowSpan {
    int top;
    int height;
};

RowSpan onScreen(const TimelineFrame& f, const LaneRow& row)
{
    return RowSpan{f.plotRect.top() + row.top - f.scrollY, row.height};
}

bool visible(const TimelineFrame& f, const RowSpan& r)
{
    return r.top + r.height > f.plotRect.top() && r.top < f.plotRect.bottom();
}

/// Folds spans into pixel columns: each column is painted in the state that covers most of it,
/// and runs of equal columns become one rectangle. Cost: spans in view + columns, whatever the
/// zoom.
class ColumnPainter {
public:
    ColumnPainter(QPainter& painter, const Theme& theme, int top, int height, double left,
                  double right)
        : m_painter(painter)
        , m_theme(theme)
        , m_top(top)
        , m_height(height)
        , m_left(left)
        , m_right(right)
    {
    }

    void add(double x0, double x1, LaneState state)
    {
        x0 = std::max(x0, m_left);
        x1 = std::min(x1, m_right);
        if (x1 <= x0)
            return;
        const int c0 = int(std::floor(x0));
        const int c1 = int(std::floor(x1));
        if (c0 == c1) {
            weigh(c0, state, x1 - x0);
            return;
        }
        weigh(c0, state, double(c0 + 1) - x0);
        closeColumn();
        if (c1 > c0 + 1)
            extend(state, c0 + 1, c1);
        if (x1 > double(c1))
            weigh(c1, state, x1 - double(c1));
    }

    void finish()
    {
        closeColumn();
        drawRun();
        paintBatches();
    }

private:
    void weigh(int column, LaneState state, double weight)
    {
        if (column != m_column) {
            closeColumn();
            m_column = column;
        }
        m_weights[std::size_t(state)] += weight;
    }

    void closeColumn()
    {
        if (m_column == kNone)
            return;
        const auto dominant =
            std::size_t(std::max_element(m_weights.begin(), m_weights.end()) - m_weights.begin());
        extend(LaneState(dominant), m_column, m_column + 1);
        m_weights.fill(0);
        m_column = kNone;
    }

    void extend(LaneState state, int from, int to)
    {
        if (m_runOpen && m_runState == state && m_runTo >= from) {
            m_runTo = std::max(m_runTo, to);
            return;
        }
        drawRun();
        m_runOpen = true;
        m_runState = state;
        m_runFrom = from;
        m_runTo = to;
    }

    void drawRun()
    {
        if (!m_runOpen)
            return;
        m_runOpen = false;
        const int width = m_runTo - m_runFrom;
        if (m_runState == LaneState::Finished) {
            // Ended lanes stay quiet: a thin line where the worker used to be.
            m_batches[std::size_t(m_runState)].push_back(
                QRect(m_runFrom, m_top + m_height / 2 - 1, width, 2));
            return;
        }
        m_batches[std::size_t(m_runState)].push_back(QRect(m_runFrom, m_top, width, m_height));
    }

    /// One drawRects() per state: far cheaper than one fillRect() per rectangle.
    void paintBatches()
    {
        m_painter.setPen(Qt::NoPen);
        for (LaneState state : kAllLaneStates) {
            const std::vector<QRect>& rects = m_batches[std::size_t(state)];
            if (rects.empty())
                continue;
            m_painter.setBrush(state == LaneState::Finished ? m_theme.grid
                                                            : m_theme.stateColor(state));
            m_painter.drawRects(rects.data(), int(rects.size()));
            if (state == LaneState::Starting) {
                m_painter.setBrush(QBrush(m_theme.stateColor(state).darker(140), Qt::BDiagPattern));
                m_painter.drawRects(rects.data(), int(rects.size()));
            }
            if (state == LaneState::Runnable) {
                m_painter.setBrush(
                    QBrush(m_theme.stateColor(LaneState::Running), Qt::Dense6Pattern));
                m_painter.drawRects(rects.data(), int(rects.size()));
            }
        }
    }

    static constexpr int kNone = -0x7FFFFFFF;
    QPainter& m_painter;
    const Theme& m_theme;
    int m_top;
    int m_height;
    double m_left;
    double m_right;
    int m_column = kNone;
    std::array<double, kLaneStateCount> m_weights{};
    bool m_runOpen = false;
    LaneState m_runState = LaneState::Running;
    int m_runFrom = 0;
    int m_runTo = 0;
    std::array<std::vector<QRect>, kLaneStateCount> m_batches;
};

/// Calls f(span) for the spans of `lane` intersecting the window, at `level` of detail, then
/// the live tail (pyramid merges not yet closed and the lane's open span).
template <class F>
void forEachVisibleSpan(const TimelineFrame& f, std::uint16_t lane, int level, F&& visit)
{
    const Viewport& v = f.viewport;
    const Lane& data = f.trace->lane(lane);
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

void arrow(QPainter& p, QPointF from, QPointF to, const QColor& color, bool dashed)
{
    QPainterPath path(from);
    const double dy = to.y() - from.y();
    const double bend = std::max(24.0, std::abs(dy) * 0.35);
    path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    QPen pen(color, 2.0, dashed ? Qt::DashLine : Qt::SolidLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    // Head pointing along the curve's last tangent (horizontal, towards `to`).
    const double direction = to.x() >= from.x() - bend ? 1.0 : -1.0;
    QPolygonF head;
    head << to << to + QPointF(-9 * direction, -5) << to + QPointF(-9 * direction, 5);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(head);
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

void annotations(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.boldFont);
    const QFontMetrics metrics = painter.fontMetrics();
    int stagger = 0;
    for (const Annotation& note : f.trace->annotations) {
        if (note.end < v.start || note.start > v.end)
            continue;
        double top = f.plotRect.top();
        double bottom = f.plotRect.bottom();
        if (note.lane != kNoWorker) {
            const LaneRow* row = f.model->layout().laneRow(note.lane);
            if (row == nullptr)
                continue;
            top = f.plotRect.top() + row->top - f.scrollY;
            bottom = top + row->height;
        }
        const double x0 = timeToX(note.start, v);
        const double x1 = timeToX(note.end, v);
        QColor band = theme.annotation;
        band.setAlphaF(0.18f);
        if (note.isRange())
            painter.fillRect(QRectF(x0, top, std::max(1.0, x1 - x0), bottom - top), band);
        painter.setPen(QPen(theme.annotation, 2));
        painter.drawLine(QPointF(x0, top), QPointF(x0, bottom));
        if (note.isRange())
            painter.drawLine(QPointF(x1, top), QPointF(x1, bottom));
        // The note's text on a flag at its start, staggered so neighbours stay readable.
        const QString text = qs(note.text);
        const QRectF flag(x0, top + 2 + (stagger++ % 3) * (metrics.height() + 6),
                          metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
        painter.setPen(QPen(theme.annotation.darker(130), 1));
        painter.setBrush(theme.kind == Theme::Kind::Dark ? theme.groupBackground
                                                         : QColor(0xFF, 0xF4, 0xCC));
        painter.drawRoundedRect(flag, 3, 3);
        painter.setPen(theme.text);
        painter.drawText(flag, Qt::AlignCenter, text);
    }
    painter.restore();
}

int laneCenterY(const TimelineFrame& f, std::uint16_t lane)
{
    const LaneRow* row = f.model->layout().laneRow(lane);
    if (row == nullptr)
        return -1;
    const RowSpan r = onScreen(f, *row);
    return r.top + r.height / 2;
}

void laneBackgrounds(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    painter.fillRect(f.plotRect, theme.background);
    int index = 0;
    for (const LaneRow& row : f.model->layout().rows()) {
        const RowSpan r = onScreen(f, row);
        if (!visible(f, r))
            continue;
        const QRect rect(f.plotRect.left(), r.top, f.plotRect.width(), r.height);
        if (row.header)
            painter.fillRect(rect, theme.groupBackground);
        else
            painter.fillRect(rect, (index++ % 2) ? theme.laneAlternate : theme.laneBackground);
    }
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
    const int level = SpanPyramid::levelFor(v.nsPerPixel());
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
        forEachVisibleSpan(f, row.lane, level, [&](const StateSpan& span) {
            const double x0 = timeToX(span.start, v);
            const double x1 = timeToX(span.end, v);
            columns.add(x0, x1, span.state);
            if (x1 - x0 > 110 && labelled.size() < 64 && span.state != LaneState::Finished)
                labelled.emplace_back(QRectF(x0, top, x1 - x0, height), span);
        });
        columns.finish();
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
            text += "  " + qs(formatPrecise(span.duration()));
            QRectF visibleRect = rect.intersected(QRectF(f.plotRect)).adjusted(6, 0, -6, 0);
            for (const auto& [markRect, label] : marks) {
                if (markRect.left() <= visibleRect.left() + 40 &&
                    markRect.right() > visibleRect.left())
                    visibleRect.setLeft(markRect.right() + 6);
            }
            if (visibleRect.width() < 40)
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

void markers(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.smallFont);
    using Glyph = MarkerGlyphs::Glyph;
    MarkerGlyphs glyphs(painter, theme);
    for (const LaneRow& row : f.model->layout().rows()) {
        if (row.header || row.lane >= f.trace->laneCount())
            continue;
        const RowSpan r = onScreen(f, row);
        if (!visible(f, r))
            continue;
        const Lane& lane = f.trace->lane(row.lane);
        const std::size_t begin = lane.events.lowerBound(v.start);
        const std::size_t end = lane.events.lowerBound(v.end);
        // Walking the events costs per event, not per pixel: a lane this dense shows its
        // markers once zoomed in.
        if (end - begin > std::size_t(f.plotRect.width()) * 4)
            continue;
        const double top = r.top + 3, bottom = r.top + r.height - 3;
        const double middle = top + r.height / 2.0 - 3;
        const QColor color = theme.marker;
        std::uint64_t taskStart = v.start;
        // One marker of a kind per few pixels: they stay distinct, and a busy lane still
        // shows where its puts, gets and writes happen.
        constexpr double minimumGap = 4.0;
        std::array<double, 32> lastX;
        lastX.fill(-1e9);
        painter.setPen(QPen(theme.background, 1));
        lane.events.forEach(begin, end, row.lane, [&](const Event& e) {
            const double x = timeToX(e.tNs, v);
            const auto kindIndex = std::size_t(e.kind) % lastX.size();
            const bool thinned = e.kind != EventKind::TaskBegin && e.kind != EventKind::TaskEnd;
            if (thinned) {
                if (x - lastX[kindIndex] < minimumGap)
                    return;
                lastX[kindIndex] = x;
            }
            switch (e.kind) {
            case EventKind::Print: glyphs.draw(Glyph::Print, QPointF(x, top + 3.5)); break;
            case EventKind::QueuePut: glyphs.draw(Glyph::Put, QPointF(x, bottom - 4.2)); break;
            case EventKind::QueueGet: glyphs.draw(Glyph::Get, QPointF(x, bottom - 3.8)); break;
            case EventKind::PipeSend: glyphs.draw(Glyph::Send, QPointF(x - 2.8, middle)); break;
            case EventKind::PipeRecv: glyphs.draw(Glyph::Receive, QPointF(x + 2.8, middle)); break;
            case EventKind::ValueRead: glyphs.draw(Glyph::Read, QPointF(x, bottom - 5)); break;
            case EventKind::ValueWrite: glyphs.draw(Glyph::Write, QPointF(x, bottom - 5)); break;
            case EventKind::Instant: {
                // An imported instant event: a small flag on the lane's top edge.
                const QPointF tip(x, top - 1);
                const QPointF poly[] = {tip, tip + QPointF(-4.5, -0.0) + QPointF(0, 7),
                                        tip + QPointF(4.5, 7)};
                painter.setPen(QPen(theme.background, 1));
                painter.setBrush(theme.marker);
                painter.drawPolygon(poly, 3);
                break;
            }
            case EventKind::TaskBegin: taskStart = e.tNs; break;
            case EventKind::TaskEnd: {
                const double x0 = timeToX(taskStart, v);
                painter.fillRect(QRectF(x0, bottom - 3, std::max(1.0, x - x0), 3),
                                 theme.workerColor(int(e.a)));
                break;
            }
            case EventKind::Mark: {
                painter.setPen(QPen(color, 1.2, Qt::DashLine));
                painter.drawLine(QPointF(x, top - 2), QPointF(x, bottom + 2));
                const QString label = qs(f.trace->string(std::uint32_t(e.a)));
                const QFontMetrics metrics = painter.fontMetrics();
                const QRectF pill(x + 2, top + (bottom - top - metrics.height()) / 2.0,
                                  metrics.horizontalAdvance(label) + 8, metrics.height());
                QColor fill = theme.background;
                fill.setAlphaF(0.85f);
                painter.setPen(Qt::NoPen);
                painter.setBrush(fill);
                painter.drawRoundedRect(pill, 3, 3);
                painter.setPen(theme.text);
                painter.drawText(pill, Qt::AlignCenter, label);
                painter.setPen(QPen(theme.background, 1));
                break;
            }
            default: break;
            }
        });
    }
    painter.restore();
}

void lostUpdates(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.boldFont);
    for (const LostUpdate& lost : f.model->lostUpdates()) {
        const double x0 = timeToX(lost.overwritten.t, v);
        const double x1 = timeToX(lost.overwriting.t, v);
        if (std::max(x0, x1) < f.plotRect.left() || std::min(x0, x1) > f.plotRect.right())
            continue;
        const int y0 = laneCenterY(f, lost.overwritten.worker);
        const int y1 = laneCenterY(f, lost.overwriting.worker);
        if (y0 < 0 || y1 < 0)
            continue;
        const QPointF from(x0, y0 + 6), to(x1, y1 + 6);
        // Close together on screen: mark only; apart enough: link the two writes.
        if (std::abs(x1 - x0) + std::abs(y1 - y0) > 12)
            arrow(painter, from, to, theme.lostUpdate, true);
        painter.setPen(QPen(theme.lostUpdate, 2.2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(from, 6.5, 6.5); // the write whose update was lost
        painter.drawLine(to + QPointF(-5, -5), to + QPointF(5, 5)); // the stale write
        painter.drawLine(to + QPointF(-5, 5), to + QPointF(5, -5));
        if (std::abs(x1 - x0) > 40)
            painter.drawText(to + QPointF(8, -6), QString("lost %1").arg(lost.updatesLost));
    }
    painter.restore();
}

void handOver(QPainter& painter, const TimelineFrame& f)
{
    if (!f.handOver)
        return;
    const HandOver& h = *f.handOver;
    const int y0 = laneCenterY(f, h.fromLane);
    const int y1 = laneCenterY(f, h.toLane);
    if (y0 < 0 || y1 < 0)
        return;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPointF from(timeToX(h.fromTime, f.viewport), y0);
    const QPointF to(timeToX(h.toTime, f.viewport), y1);
    painter.setPen(QPen(f.theme->arrow, 2));
    painter.setBrush(f.theme->background);
    painter.drawEllipse(from, 4, 4);
    arrow(painter, from, to, f.theme->arrow, false);
    const QString label = describeHandOver(*f.trace, h);
    painter.setFont(f.theme->boldFont);
    const QRectF box = painter.fontMetrics().boundingRect(label).adjusted(-5, -3, 5, 3);
    QPointF at = (from + to) / 2 + QPointF(8, -box.height());
    QRectF placed = box.translated(at - box.topLeft());
    painter.setPen(QPen(f.theme->arrow, 1));
    painter.setBrush(f.theme->background);
    painter.drawRoundedRect(placed, 3, 3);
    painter.setPen(f.theme->text);
    painter.drawText(placed, Qt::AlignCenter, label);
    painter.restore();
}

void selection(QPainter& painter, const TimelineFrame& f)
{
    if (!f.hasSelection)
        return;
    const Theme& theme = *f.theme;
    const double x0 = timeToX(f.selectionStart, f.viewport);
    const double x1 = timeToX(f.selectionEnd, f.viewport);
    painter.save();
    painter.setClipRect(f.plotRect.united(f.rulerRect));
    const QRectF area(x0, f.rulerRect.top(), std::max(1.0, x1 - x0),
                      f.plotRect.bottom() - f.rulerRect.top());
    painter.fillRect(area, theme.selection);
    painter.setPen(QPen(theme.selectionEdge, 1.5));
    painter.drawLine(QPointF(x0, area.top()), QPointF(x0, area.bottom()));
    painter.drawLine(QPointF(x1, area.top()), QPointF(x1, area.bottom()));
    if (!f.selectionLines.isEmpty()) {
        painter.setFont(theme.font);
        const QFontMetrics metrics = painter.fontMetrics();
        int width = 0;
        for (const QString& line : f.selectionLines)
            width = std::max(width, metrics.horizontalAdvance(line));
        const int height = metrics.height() * int(f.selectionLines.size());
        QRectF box(
            std::clamp(x1 + 8, double(f.plotRect.left()), double(f.plotRect.right() - width - 16)),
            f.plotRect.top() + 8, width + 14, height + 10);
        painter.setPen(QPen(theme.selectionEdge, 1));
        painter.setBrush(theme.background);
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(theme.text);
        int y = int(box.top()) + 5 + metrics.ascent();
        for (const QString& line : f.selectionLines) {
            painter.drawText(QPointF(box.left() + 7, y), line);
            y += metrics.height();
        }
    }
    painter.restore();
}

void ruler(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    painter.save();
    painter.fillRect(f.rulerRect, theme.rulerBackground);
    painter.setClipRect(f.rulerRect);
    painter.setFont(theme.smallFont);
    const int bottom = f.rulerRect.bottom();
    for (const Tick& tick : rulerTicks(f.viewport, f.model->origin())) {
        painter.setPen(QPen(tick.major ? theme.text : theme.mutedText, 1));
        painter.drawLine(QPointF(tick.x, bottom - (tick.major ? 9 : 4)), QPointF(tick.x, bottom));
        if (tick.major)
            painter.drawText(QPointF(tick.x + 3, bottom - 11), qs(tick.label));
    }
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(f.rulerRect.bottomLeft(), f.rulerRect.bottomRight());
    painter.restore();
}

void headers(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    painter.save();
    painter.fillRect(f.headerRect, theme.headerBackground);
    painter.setClipRect(f.headerRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const LaneRow& row : f.model->layout().rows()) {
        const RowSpan r = onScreen(f, row);
        if (r.top + r.height < f.headerRect.top() || r.top > f.headerRect.bottom())
            continue;
        const QRect rect(f.headerRect.left(), r.top, f.headerRect.width(), r.height);
        if (row.header) {
            // A group title may run on over its row in the plot, which is empty there.
            const QRect whole(rect.left(), r.top, f.plotRect.right() - rect.left(), r.height);
            painter.save();
            painter.setClipRect(whole.intersected(
                QRect(whole.left(), f.headerRect.top(), whole.width(), f.headerRect.height())));
            painter.fillRect(rect, theme.groupBackground);
            painter.setPen(theme.text);
            painter.setFont(theme.boldFont);
            QString text = qs(row.label);
            if (row.pid > 0)
                text += QString("  ·  pid %1").arg(row.pid);
            painter.drawText(whole.adjusted(8, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            painter.restore();
            continue;
        }
        if (row.lane >= f.trace->laneCount())
            continue;
        // Colour swatch, kind icon, name.
        const QColor swatch = theme.workerColor(row.lane);
        painter.fillRect(QRect(rect.left() + 6, r.top + 5, 4, r.height - 10), swatch);
        const QPointF icon(rect.left() + 20, r.top + r.height / 2.0);
        painter.setPen(QPen(theme.mutedText, 1.6));
        painter.setBrush(Qt::NoBrush);
        if (row.process) {
            painter.drawRect(QRectF(icon.x() - 5, icon.y() - 5, 10, 10));
            painter.setBrush(theme.mutedText);
            painter.drawEllipse(icon, 1.6, 1.6);
        } else {
            QPainterPath wave(icon + QPointF(-6, 0));
            wave.cubicTo(icon + QPointF(-3, -6), icon + QPointF(0, 6), icon + QPointF(3, 0));
            wave.cubicTo(icon + QPointF(4.5, -3), icon + QPointF(6, -3), icon + QPointF(6, -3));
            painter.drawPath(wave);
        }
        const WorkerInfo& info = f.trace->lane(row.lane).info;
        int right = rect.right() - 6;
        if (row.process && info.pid > 0) {
            // A worker process is its own process: its pid, quietly, on the right.
            painter.setFont(theme.smallFont);
            painter.setPen(theme.mutedText);
            const QString pid = QString("pid %1").arg(info.pid);
            const int width = painter.fontMetrics().horizontalAdvance(pid);
            painter.drawText(QRect(right - width, r.top, width, r.height),
                             Qt::AlignVCenter | Qt::AlignRight, pid);
            right -= width + 6;
            painter.setPen(QPen(theme.grid, 1));
            painter.drawLine(rect.left(), r.top, rect.right(), r.top);
        }
        painter.setPen(info.fate == WorkerFate::Crashed ? theme.lostUpdate : theme.text);
        painter.setFont(theme.font);
        QString text = qs(info.name);
        if (info.fate == WorkerFate::Crashed)
            text += "  (crashed)";
        painter.drawText(
            QRect(rect.left() + 32, r.top, right - rect.left() - 32, r.height),
            Qt::AlignVCenter | Qt::AlignLeft,
            painter.fontMetrics().elidedText(text, Qt::ElideRight, right - rect.left() - 32));
    }
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(f.headerRect.topRight(), f.headerRect.bottomRight());
    painter.restore();
}

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
    selection(painter, f);
    ruler(painter, f);
    headers(painter, f);
    // The corner above the headers.
    painter.fillRect(
        QRect(f.headerRect.left(), f.rulerRect.top(), f.headerRect.width(), f.rulerRect.height()),
        f.theme->headerBackground);
}

} // namespace interleave::render

namespace interleave {

QString describeHandOver(const TraceStore& trace, const HandOver& h)
{
    const auto name = [&](std::uint16_t lane) {
        return lane < trace.laneCount() ? QString::fromStdString(trace.lane(lane).info.name)
                                        : QString("?");
    };
    const ObjectInfo* object = trace.object(h.object);
    const QString objectName = object ? QString::fromStdString(object->name) : QString();
    switch (h.kind) {
    case HandOver::Kind::Lock: return QString("%1 released %2").arg(name(h.fromLane), objectName);
    case HandOver::Kind::Gil: return QString("%1 handed over the GIL").arg(name(h.fromLane));
    case HandOver::Kind::Queue:
        return QString("item %1 (%2) put by %3").arg(h.sequence).arg(h.value).arg(name(h.fromLane));
    case HandOver::Kind::Pipe:
        return QString("message %1 sent by %2").arg(h.sequence).arg(name(h.fromLane));
    }
    return {};
}

} // namespace interleave
