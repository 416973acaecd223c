#include "timeline/timelinemodel.h"
#include "timeline/timelinewidget.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QNativeGestureEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <shared_mutex>

// The timeline's mouse, wheel, gesture and key handling: zoom, pan, select, pick.

namespace interleave {

void TimelineWidget::zoomAt(double factor, double x)
{
    m_zoom->zoom(factor, xToTime(x, viewport()));
}

void TimelineWidget::wheelEvent(QWheelEvent* event)
{
    // Perfetto's scheme: the wheel (or a trackpad) scrolls the lanes, Shift+wheel or a
    // sideways swipe pans, Ctrl+wheel zooms at the mouse; the wheel alone never zooms.
    const QPoint angle = event->angleDelta();
    const double x = event->position().x();
    if (event->modifiers() & Qt::ControlModifier) {
        const int delta = angle.y() != 0 ? angle.y() : angle.x();
        zoomAt(std::pow(1.0015, delta), std::max(x, double(m_headerWidth)));
    } else if (event->modifiers() & Qt::ShiftModifier || angle.x() != 0) {
        const int delta = angle.x() != 0 ? angle.x() : angle.y();
        m_zoom->pan(-std::int64_t(double(delta) / 120.0 * 0.1 * double(m_zoom->windowDuration())));
    } else {
        m_vertical->setValue(m_vertical->value() - angle.y() / 2);
    }
    event->accept();
}

bool TimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto* gesture = static_cast<QNativeGestureEvent*>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomAt(1.0 + gesture->value(), gesture->position().x());
            return true;
        }
    }
    return QWidget::event(event);
}

void TimelineWidget::mousePressEvent(QMouseEvent* event)
{
    setFocus();
    m_pressPosition = event->pos();
    m_pressTime = xToTime(event->position().x(), viewport());
    m_pressWindowStart = m_zoom->windowStart();
    m_moved = false;
    if (headerPress(event))
        return;
    const bool onRuler = rulerRect().contains(event->pos());
    if (event->button() == Qt::LeftButton && (onRuler || (event->modifiers() & Qt::ShiftModifier)))
        m_drag = Drag::Select;
    else if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton ||
             event->button() == Qt::RightButton)
        m_drag = Drag::Pan;
    if (m_drag == Drag::Pan)
        setCursor(Qt::ClosedHandCursor);
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_drag != Drag::None && (event->pos() - m_pressPosition).manhattanLength() > 3)
        m_moved = true;
    if (headerMove(event))
        return;
    if (m_drag == Drag::Pan && m_moved) {
        const double nsPerPixel = viewport().nsPerPixel();
        const auto shift =
            std::int64_t(double(event->pos().x() - m_pressPosition.x()) * nsPerPixel);
        m_zoom->setWindow(
            std::uint64_t(std::max<std::int64_t>(0, std::int64_t(m_pressWindowStart) - shift)),
            std::uint64_t(std::max<std::int64_t>(0, std::int64_t(m_pressWindowStart) - shift)) +
                m_zoom->windowDuration());
        return;
    }
    if (m_drag == Drag::Select && m_moved) {
        m_zoom->setSelection(m_pressTime, xToTime(event->position().x(), viewport()));
        return;
    }
    // Hover.
    const auto span = spanAt(event->pos());
    const bool changed =
        span.has_value() != m_hover.has_value() ||
        (span && (span->lane != m_hover->lane || span->span.start != m_hover->span.start));
    m_hover = span;
    if (changed)
        updateDrawing();
    showTooltip(event->pos());
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (headerRelease(event))
        return;
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (drag == Drag::Pan && !m_moved && event->button() == Qt::LeftButton) {
        // A click: pick the marker, else the slice, else the span under the mouse.
        TimelineItem item;
        if (const auto marker = eventAt(event->pos())) {
            item.kind = TimelineItem::Kind::Event;
            item.lane = marker->first;
            item.index = marker->second;
        } else if (const auto slice = sliceAt(event->pos())) {
            item.kind = TimelineItem::Kind::Slice;
            item.lane = laneRowAt(event->pos())->lane;
            item.depth = slice->first;
            item.index = slice->second;
        } else if (const auto span = spanAt(event->pos())) {
            item.kind = TimelineItem::Kind::Span;
            item.lane = span->lane;
            item.span = span->span;
        }
        select(item);
    }
    if (drag == Drag::Select && !m_moved)
        m_zoom->clearSelection();
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (const auto span = spanAt(event->pos())) {
        const std::uint64_t margin = std::max<std::uint64_t>(span->span.duration() / 10, 100);
        m_zoom->setWindow(span->span.start > margin ? span->span.start - margin : 0,
                          span->span.end + margin);
    }
}

void TimelineWidget::keyPressEvent(QKeyEvent* event)
{
    const double centre = plotRect().center().x();
    const QPoint mouse = mapFromGlobal(QCursor::pos());
    const double anchor = plotRect().contains(mouse) ? mouse.x() : centre;
    const std::int64_t step = std::int64_t(m_zoom->windowDuration() / 8);
    // Single keys are single keys: with Ctrl, Alt or Meta held they belong to the menus
    // (Ctrl+Shift+S is Save As, not zoom out).
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_W:
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAt(1.4, anchor); break;
    case Qt::Key_S:
    case Qt::Key_Minus: zoomAt(1.0 / 1.4, anchor); break;
    case Qt::Key_A:
    case Qt::Key_Left: m_zoom->pan(-step); break;
    case Qt::Key_D:
    case Qt::Key_Right: m_zoom->pan(step); break;
    case Qt::Key_F:
    case Qt::Key_Home: m_zoom->fitAll(); break;
    case Qt::Key_Z: m_zoom->zoomToSelection(); break;
    case Qt::Key_Escape:
        m_zoom->clearSelection();
        pick(std::nullopt);
        break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void TimelineWidget::leaveEvent(QEvent*)
{
    if (m_hover) {
        m_hover.reset();
        updateDrawing();
    }
}

void TimelineWidget::pick(const std::optional<SpanRef>& span)
{
    TimelineItem item;
    if (span) {
        item.kind = TimelineItem::Kind::Span;
        item.lane = span->lane;
        item.span = span->span;
    }
    select(item);
}

void TimelineWidget::select(const TimelineItem& item)
{
    m_selected = item;
    m_handOver.reset();
    const auto trace = m_model->trace();
    if (trace && item.valid()) {
        std::shared_lock lock(trace->mutex());
        if (item.kind == TimelineItem::Kind::Span)
            m_handOver = handOverForWait(*trace, item.lane, item.span);
        else if (item.kind == TimelineItem::Kind::Event)
            m_handOver = handOverForEvent(*trace, item.lane, item.index);
    }
    updateDrawing();
    emit selectionChanged();
}

void TimelineWidget::goTo(const TimelineTarget& target)
{
    const auto trace = m_model->trace();
    if (!trace || target.lane == kNoWorker)
        return;
    // Keep the zoom when the place fits in it; else show it with as much around it.
    const std::uint64_t length = std::max<std::uint64_t>(target.end - target.start, 1);
    std::uint64_t width = m_zoom->windowDuration();
    if (length * 10 > width * 9)
        width = length * 3;
    if (target.start < m_zoom->windowStart() || target.end > m_zoom->windowEnd() ||
        width != m_zoom->windowDuration()) {
        const std::uint64_t middle = target.start / 2 + target.end / 2;
        m_zoom->setWindow(middle - std::min(middle, width / 2), middle + width / 2);
    }
    // The lane scrolled into view.
    if (const LaneRow* row = m_model->layout().laneRow(target.lane)) {
        const int visible = plotRect().height();
        if (row->top < m_scrollY || row->top + row->height > m_scrollY + visible)
            setScrollY(row->top - visible / 3);
    }
    // What is there: an event at that instant, or the span that starts there.
    TimelineItem item;
    {
        std::shared_lock lock(trace->mutex());
        const Lane& lane = trace->lane(target.lane);
        if (target.start == target.end) {
            const std::size_t i = lane.events.lowerBound(target.start);
            if (i < lane.events.size() && lane.events.time(i) == target.start) {
                item.kind = TimelineItem::Kind::Event;
                item.index = i;
            }
        }
        for (int depth = 0; !item.valid() && depth < lane.slices.depth(); ++depth) {
            const SliceRow& row = lane.slices.row(depth);
            const auto it = std::partition_point(
                row.begin(), row.end(), [&](const Slice& s) { return s.start < target.start; });
            if (it != row.end() && it->start == target.start) {
                item.kind = TimelineItem::Kind::Slice;
                item.depth = depth;
                item.index = std::size_t(it - row.begin());
            }
        }
        if (!item.valid()) {
            const auto it =
                std::partition_point(lane.spans.begin(), lane.spans.end(),
                                     [&](const StateSpan& s) { return s.end <= target.start; });
            if (it != lane.spans.end() && it->start <= target.start) {
                item.kind = TimelineItem::Kind::Span;
                item.span = *it;
            }
        }
        item.lane = target.lane;
    }
    select(item);
}

void TimelineWidget::contextMenuEvent(QContextMenuEvent* event)
{
    if (const LaneRow* row = headerRowAt(event->pos())) {
        showLaneMenu(event->globalPos(), *row);
        return;
    }
    if (!m_model->trace() || !plotRect().contains(event->pos()))
        return;
    const auto [time, lane] = timeAndLaneAt(event->pos());
    emit contextMenuRequested(event->globalPos(), time, lane);
}

} // namespace interleave
