#include "timeline/timelinewidget.h"

#include "qstrings.h"
#include "timeline/timelinemodel.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QRegion>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <shared_mutex>

namespace interleave {

namespace {

constexpr int kScrollRange = 10'000;

QString stateLabel(LaneState state)
{
    const std::string_view label = laneStateLabel(state);
    return QString::fromUtf8(label.data(), qsizetype(label.size()));
}

} // namespace

TimelineWidget::TimelineWidget(TimelineModel* model, ZoomControl* zoom, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_zoom(zoom)
    , m_theme(&Theme::light())
    , m_horizontal(new QScrollBar(Qt::Horizontal, this))
    , m_vertical(new QScrollBar(Qt::Vertical, this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_AcceptTouchEvents);
    setMinimumHeight(160);
    m_horizontal->setRange(0, 0);
    connect(m_horizontal, &QScrollBar::valueChanged, this, &TimelineWidget::onHorizontalScroll);
    connect(m_vertical, &QScrollBar::valueChanged, this, [this](int value) {
        m_scrollY = value;
        updateDrawing();
    });
    connect(m_zoom, &ZoomControl::windowChanged, this, [this] {
        updateScrollBars();
        updateDrawing();
    });
    connect(m_zoom, &ZoomControl::selectionChanged, this, [this] {
        updateSelectionSummary();
        updateDrawing();
    });
    connect(m_model, &TimelineModel::changed, this, [this] { updateDrawing(); });
    connect(m_model, &TimelineModel::layoutChanged, this, [this] {
        if (m_model->trace() == nullptr || (m_picked && m_picked->lane >= m_model->laneCount())) {
            m_picked.reset();
            m_hover.reset();
            m_handOver.reset();
        }
        fitHeaderWidth();
        updateScrollBars();
        updateDrawing();
    });
}

void TimelineWidget::fitHeaderWidth()
{
    // Wide enough for the longest lane name (imported traces name threads at length), but the
    // lanes keep most of the width.
    const QFontMetrics metrics(m_theme->font);
    int widest = 0;
    for (const LaneRow& row : m_model->layout().rows()) {
        if (!row.header)
            widest = std::max(widest, metrics.horizontalAdvance(QString::fromStdString(row.label)) +
                                          (row.process ? 110 : 48));
    }
    const int wanted = std::clamp(widest, 190, std::max(190, width() / 4));
    if (wanted == m_headerWidth)
        return;
    m_headerWidth = wanted;
    resizeEvent(nullptr);
}

void TimelineWidget::setTheme(const Theme& theme)
{
    m_theme = &theme;
    m_rulerHeight = render::rulerHeight(theme);
    const LaneMetrics lanes = render::laneMetrics(theme);
    m_model->setMetrics(lanes); // relays out the lanes, the name column with them
    updateDrawing();
}

void TimelineWidget::updateDrawing()
{
    // Everything but the scroll bars: a full update() would repaint them too, and Fusion's
    // scroll bars cost as much as the lanes when a live run repaints 30 times a second.
    update(QRegion(rect()).subtracted(m_horizontal->geometry()).subtracted(m_vertical->geometry()));
}

QRect TimelineWidget::rulerRect() const
{
    return QRect(m_headerWidth, 0, width() - m_headerWidth - m_vertical->sizeHint().width(),
                 m_rulerHeight);
}

QRect TimelineWidget::plotRect() const
{
    const int scrollBar = m_horizontal->sizeHint().height();
    return QRect(m_headerWidth, m_rulerHeight,
                 width() - m_headerWidth - m_vertical->sizeHint().width(),
                 height() - m_rulerHeight - scrollBar);
}

QRect TimelineWidget::headerRect() const
{
    const QRect plot = plotRect();
    return QRect(0, plot.top(), m_headerWidth, plot.height());
}

Viewport TimelineWidget::viewport() const
{
    const QRect plot = plotRect();
    return Viewport{m_zoom->windowStart(), m_zoom->windowEnd(), double(plot.left()),
                    double(std::max(1, plot.width()))};
}

TimelineFrame TimelineWidget::currentFrame() const
{
    TimelineFrame f;
    f.model = m_model;
    f.trace = m_model->trace().get();
    f.theme = m_theme;
    f.viewport = viewport();
    f.plotRect = plotRect();
    f.headerRect = headerRect();
    f.rulerRect = rulerRect();
    f.scrollY = m_scrollY;
    f.now = m_model->live() ? m_model->end() : 0;
    f.hover = m_hover;
    f.picked = m_picked;
    f.handOver = m_handOver;
    f.hasSelection = m_zoom->hasSelection();
    f.selectionStart = m_zoom->selectionStart();
    f.selectionEnd = m_zoom->selectionEnd();
    f.selectionLines = m_selectionLines;
    return f;
}

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const auto trace = m_model->trace();
    if (!trace) {
        painter.fillRect(rect(), m_theme->background);
        painter.setPen(m_theme->mutedText);
        painter.setFont(m_theme->font);
        painter.drawText(rect(), Qt::AlignCenter,
                         "Pick a scenario and press Run (F5), or open a trace (Ctrl+O).");
        return;
    }
    std::shared_lock lock(trace->mutex());
    const TimelineFrame f = currentFrame();
    // The frame covers ruler, headers and lanes; the corners beside the scroll bars are ours.
    painter.fillRect(QRect(f.rulerRect.right() + 1, 0, width() - f.rulerRect.right() - 1,
                           m_vertical->geometry().top()),
                     m_theme->headerBackground);
    painter.fillRect(QRect(0, m_horizontal->geometry().top(), m_horizontal->geometry().left(),
                           height() - m_horizontal->geometry().top()),
                     m_theme->headerBackground);
    painter.fillRect(QRect(m_vertical->geometry().left(), m_vertical->geometry().bottom() + 1,
                           width() - m_vertical->geometry().left(),
                           height() - m_vertical->geometry().bottom() - 1),
                     m_theme->headerBackground);
    render::frame(painter, f);
    // Outline what the mouse is over and what was clicked.
    painter.setClipRect(f.plotRect);
    for (const auto& [ref, width] : {std::pair{m_hover, 1.0}, std::pair{m_picked, 2.0}}) {
        if (!ref)
            continue;
        const int y = render::laneCenterY(f, ref->lane);
        if (y < 0)
            continue;
        const LaneRow* row = m_model->layout().laneRow(ref->lane);
        const double x0 = timeToX(ref->span.start, f.viewport);
        const double x1 = timeToX(ref->span.end, f.viewport);
        painter.setPen(QPen(m_theme->hover, width));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(
            QRectF(x0, y - row->height / 2.0 + 2, std::max(2.0, x1 - x0), row->height - 4));
    }
    // The corner between the two scroll bars.
    painter.setClipping(false);
    painter.fillRect(
        QRect(m_vertical->x(), m_horizontal->y(), m_vertical->width(), m_horizontal->height()),
        m_theme->headerBackground);
    painter.fillRect(QRect(0, m_horizontal->y(), m_headerWidth, m_horizontal->height()),
                     m_theme->headerBackground);
}

void TimelineWidget::resizeEvent(QResizeEvent*)
{
    const int barHeight = m_horizontal->sizeHint().height();
    const int barWidth = m_vertical->sizeHint().width();
    m_horizontal->setGeometry(m_headerWidth, height() - barHeight,
                              width() - m_headerWidth - barWidth, barHeight);
    m_vertical->setGeometry(width() - barWidth, m_rulerHeight, barWidth,
                            height() - m_rulerHeight - barHeight);
    updateScrollBars();
    emit plotGeometryChanged(plotRect().left(), plotRect().width());
}

void TimelineWidget::updateScrollBars()
{
    m_updatingScrollBars = true;
    const int content = m_model->layout().contentHeight();
    const int visible = plotRect().height();
    m_vertical->setRange(0, std::max(0, content - visible));
    m_vertical->setPageStep(std::max(1, visible));
    m_vertical->setSingleStep(24);
    m_scrollY = std::min(m_scrollY, m_vertical->maximum());
    m_vertical->setValue(m_scrollY);

    const double trace = double(m_zoom->traceEnd() - m_zoom->traceStart());
    const double window = double(m_zoom->windowDuration());
    if (trace <= 0 || window >= trace) {
        m_horizontal->setRange(0, 0);
    } else {
        const double page = window / trace * kScrollRange;
        m_horizontal->setRange(0, kScrollRange - int(page));
        m_horizontal->setPageStep(std::max(1, int(page)));
        m_horizontal->setSingleStep(std::max(1, int(page / 10)));
        const double offset =
            double(std::int64_t(m_zoom->windowStart()) - std::int64_t(m_zoom->traceStart()));
        m_horizontal->setValue(int(offset / trace * kScrollRange));
    }
    m_updatingScrollBars = false;
}

void TimelineWidget::onHorizontalScroll(int value)
{
    if (m_updatingScrollBars)
        return;
    const double trace = double(m_zoom->traceEnd() - m_zoom->traceStart());
    const auto start = m_zoom->traceStart() + std::uint64_t(double(value) / kScrollRange * trace);
    m_zoom->setWindow(start, start + m_zoom->windowDuration());
}

void TimelineWidget::zoomAt(double factor, double x)
{
    m_zoom->zoom(factor, xToTime(x, viewport()));
}

void TimelineWidget::wheelEvent(QWheelEvent* event)
{
    const QPoint angle = event->angleDelta();
    const bool overflow = m_vertical->maximum() > 0;
    const double x = event->position().x();
    if (event->modifiers() & Qt::ControlModifier ||
        (!overflow && angle.x() == 0 && !(event->modifiers() & Qt::ShiftModifier))) {
        zoomAt(std::pow(1.0015, angle.y()), std::max(x, double(m_headerWidth)));
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
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (drag == Drag::Pan && !m_moved && event->button() == Qt::LeftButton) {
        // A click: pick the span (or the marker) under the mouse.
        if (const auto marker = eventAt(event->pos())) {
            const auto trace = m_model->trace();
            std::shared_lock lock(trace->mutex());
            m_handOver = handOverForEvent(*trace, marker->first, marker->second);
            m_picked = spanAt(event->pos());
            updateDrawing();
            emit spanPicked();
            return;
        }
        pick(spanAt(event->pos()));
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
    m_picked = span;
    m_handOver.reset();
    if (span) {
        const auto trace = m_model->trace();
        std::shared_lock lock(trace->mutex());
        m_handOver = handOverForWait(*trace, span->lane, span->span);
    }
    updateDrawing();
    emit spanPicked();
}

const LaneRow* TimelineWidget::laneRowAt(QPoint position) const
{
    if (!m_model->trace() || !plotRect().contains(position))
        return nullptr;
    const LaneRow* row = m_model->layout().rowAt(position.y() - plotRect().top() + m_scrollY);
    return row == nullptr || row->header ? nullptr : row;
}

std::optional<SpanRef> TimelineWidget::spanAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    if (row == nullptr)
        return std::nullopt;
    const auto trace = m_model->trace();
    const std::uint64_t t = xToTime(position.x(), viewport());
    std::shared_lock lock(trace->mutex());
    if (row->lane >= trace->laneCount())
        return std::nullopt;
    const Lane& lane = trace->lane(row->lane);
    const auto it = std::partition_point(lane.spans.begin(), lane.spans.end(),
                                         [t](const StateSpan& s) { return s.end <= t; });
    if (it != lane.spans.end() && it->start <= t)
        return SpanRef{row->lane, *it};
    if (m_model->live()) {
        if (const auto open = lane.tracker.openSpan(m_model->end()); open && open->start <= t)
            return SpanRef{row->lane, *open};
    }
    return std::nullopt;
}

std::optional<std::pair<std::uint16_t, std::size_t>> TimelineWidget::eventAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    if (row == nullptr)
        return std::nullopt;
    const auto trace = m_model->trace();
    const Viewport v = viewport();
    const double slack = 5.0;
    std::shared_lock lock(trace->mutex());
    if (row->lane >= trace->laneCount())
        return std::nullopt;
    const Lane& lane = trace->lane(row->lane);
    const std::size_t begin = lane.events.lowerBound(xToTime(position.x() - slack, v));
    const std::size_t end = lane.events.lowerBound(xToTime(position.x() + slack, v) + 1);
    if (end - begin > 64)
        return std::nullopt; // too dense to point at one
    std::optional<std::pair<std::uint16_t, std::size_t>> best;
    double bestDistance = slack + 1;
    for (std::size_t i = begin; i < end; ++i) {
        switch (lane.events.kind(i)) {
        case EventKind::Print:
        case EventKind::Instant:
        case EventKind::QueuePut:
        case EventKind::QueueGet:
        case EventKind::PipeSend:
        case EventKind::PipeRecv:
        case EventKind::ValueRead:
        case EventKind::ValueWrite:
        case EventKind::LockAcquire:
        case EventKind::LockRelease:
        case EventKind::GilAcquire:
        case EventKind::TaskBegin:
        case EventKind::Mark: {
            const double distance = std::abs(timeToX(lane.events.time(i), v) - position.x());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = std::pair{row->lane, i};
            }
            break;
        }
        default: break;
        }
    }
    return best;
}

QString TimelineWidget::spanTooltip(const SpanRef& ref) const
{
    const auto trace = m_model->trace();
    const Lane& lane = trace->lane(ref.lane);
    const std::uint64_t origin = m_model->origin();
    QString text = "<b>" + stateLabel(ref.span.state) + "</b>";
    if (const ObjectInfo* object = trace->object(ref.span.object);
        object && (ref.span.state == LaneState::LockWait ||
                   ref.span.state == LaneState::QueueWait || ref.span.state == LaneState::GilWait))
        text += " &nbsp;<i>" + qs(object->name).toHtmlEscaped() + "</i>";
    text += "<br>" + qs(lane.info.name).toHtmlEscaped();
    text += QString(" · %1 → %2 (%3)")
                .arg(qs(formatPrecise(ref.span.start - std::min(ref.span.start, origin))),
                     qs(formatPrecise(ref.span.end - std::min(ref.span.end, origin))),
                     qs(formatPrecise(ref.span.duration())));
    if (ref.span.related != kNoWorker && ref.span.related < trace->laneCount())
        text += "<br>joining " + qs(trace->lane(ref.span.related).info.name).toHtmlEscaped();
    if (const auto h = handOverForWait(*trace, ref.lane, ref.span))
        text += "<br>ended when " + describeHandOver(*trace, *h).toHtmlEscaped() + " at " +
                qs(formatPrecise(h->fromTime - std::min(h->fromTime, origin)));
    return text;
}

QString TimelineWidget::eventTooltip(std::uint16_t laneId, std::size_t index) const
{
    const auto trace = m_model->trace();
    const Lane& lane = trace->lane(laneId);
    const Event e = lane.events.at(index, laneId);
    const ObjectInfo* object = trace->object(e.object);
    const QString objectName = object ? qs(object->name).toHtmlEscaped() : QString();
    QString what;
    switch (e.kind) {
    case EventKind::Print:
        what =
            QString("<b>print</b> “%1”").arg(qs(trace->string(std::uint32_t(e.a))).toHtmlEscaped());
        break;
    case EventKind::Instant:
        what = QString("<b>%1</b>").arg(qs(trace->string(std::uint32_t(e.a))).toHtmlEscaped());
        break;
    case EventKind::QueuePut:
    case EventKind::QueueGet:
        what = QString("<b>%1</b> %2: item %3, value %4, depth %5 after")
                   .arg(e.kind == EventKind::QueuePut ? "put" : "get", objectName)
                   .arg(queueSequence(e.a))
                   .arg(std::int64_t(e.b))
                   .arg(queueDepth(e.a));
        break;
    case EventKind::PipeSend:
    case EventKind::PipeRecv:
        what = QString("<b>%1</b> %2: message %3, %4 bytes")
                   .arg(e.kind == EventKind::PipeSend ? "send" : "recv", objectName)
                   .arg(e.a)
                   .arg(e.b);
        break;
    case EventKind::ValueRead:
    case EventKind::ValueWrite:
        what = QString("<b>%1</b> %2 = %3")
                   .arg(e.kind == EventKind::ValueRead ? "read" : "write", objectName)
                   .arg(std::int64_t(e.b));
        break;
    case EventKind::LockAcquire:
    case EventKind::GilAcquire:
        what = QString("<b>acquire</b> %1%2")
                   .arg(objectName, (e.flags & LockContended) ? " (had to wait)" : "");
        break;
    case EventKind::LockRelease: what = QString("<b>release</b> %1").arg(objectName); break;
    case EventKind::TaskBegin:
        what = QString("<b>task %1</b> (input %2)").arg(e.a).arg(std::int64_t(e.b));
        break;
    case EventKind::Mark:
        what = "<b>" + qs(trace->string(std::uint32_t(e.a))).toHtmlEscaped() + "</b>";
        break;
    default: what = qs(eventKindName(e.kind)); break;
    }
    QString text = what + "<br>" + qs(lane.info.name).toHtmlEscaped() + " at " +
                   qs(formatPrecise(e.tNs - std::min(e.tNs, m_model->origin()))) +
                   QString(" on CPU %1").arg(e.cpu);
    if (const auto h = handOverForEvent(*trace, laneId, index))
        text += "<br>" + describeHandOver(*trace, *h).toHtmlEscaped();
    return text;
}

void TimelineWidget::setScrollY(int y)
{
    m_scrollY = std::clamp(y, 0, std::max(0, m_vertical->maximum()));
    m_vertical->setValue(m_scrollY);
    updateDrawing();
}

std::pair<std::uint64_t, int> TimelineWidget::timeAndLaneAt(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    return {xToTime(position.x(), viewport()), row != nullptr ? int(row->lane) : -1};
}

void TimelineWidget::contextMenuEvent(QContextMenuEvent* event)
{
    if (!m_model->trace() || !plotRect().contains(event->pos()))
        return;
    const auto [time, lane] = timeAndLaneAt(event->pos());
    emit contextMenuRequested(event->globalPos(), time, lane);
}

QString TimelineWidget::sliceTooltip(QPoint position) const
{
    const LaneRow* row = laneRowAt(position);
    const auto trace = m_model->trace();
    if (row == nullptr || row->lane >= trace->laneCount())
        return {};
    const SliceRows& rows = trace->lane(row->lane).slices;
    if (rows.empty())
        return {};
    const int rowHeight = m_model->metrics().sliceRowHeight;
    const int depth = (position.y() - plotRect().top() + m_scrollY - row->top - 3) / rowHeight;
    if (depth < 0 || depth >= rows.depth())
        return {};
    // Within two pixels, so that a one-pixel slice can still be pointed at.
    const Viewport v = viewport();
    const std::uint64_t from = xToTime(position.x() - 2, v);
    const std::uint64_t to = xToTime(position.x() + 2, v);
    const std::vector<Slice>& slices = rows.row(depth);
    auto it = std::partition_point(slices.begin(), slices.end(),
                                   [&](const Slice& s) { return s.end < from; });
    if (it == slices.end() || it->start > to)
        return {};
    QString text =
        QString("<b>%1</b><br>%2 from %3")
            .arg(qs(trace->string(it->name)).toHtmlEscaped(), qs(formatPrecise(it->duration())),
                 qs(formatPrecise(it->start - m_model->origin())));
    if (it->category != 0 && !trace->string(it->category).empty())
        text += "<br>category: " + qs(trace->string(it->category)).toHtmlEscaped();
    const std::string& args = trace->string(it->args);
    if (!args.empty() && args != "{}")
        text += "<br><code>" + qs(args.substr(0, 400)).toHtmlEscaped() + "</code>";
    return text;
}

void TimelineWidget::showTooltip(QPoint position)
{
    const auto trace = m_model->trace();
    if (!trace)
        return;
    QString text;
    if (const auto marker = eventAt(position)) {
        std::shared_lock lock(trace->mutex());
        text = eventTooltip(marker->first, marker->second);
    } else if (m_hover) {
        std::shared_lock lock(trace->mutex());
        text = spanTooltip(*m_hover);
    } else {
        std::shared_lock lock(trace->mutex());
        text = sliceTooltip(position);
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(mapToGlobal(position + QPoint(14, 16)), text, this);
}

void TimelineWidget::updateSelectionSummary()
{
    m_selectionLines.clear();
    const auto trace = m_model->trace();
    if (!trace || !m_zoom->hasSelection())
        return;
    const std::uint64_t a = m_zoom->selectionStart();
    const std::uint64_t b = m_zoom->selectionEnd();
    std::array<std::uint64_t, kLaneStateCount> totals{};
    {
        std::shared_lock lock(trace->mutex());
        for (std::size_t i = 0; i < trace->laneCount(); ++i) {
            const SpanList& spans = trace->lane(i).spans;
            auto it = std::partition_point(spans.begin(), spans.end(),
                                           [a](const StateSpan& s) { return s.end <= a; });
            for (; it != spans.end() && it->start < b; ++it)
                totals[std::size_t(it->state)] += std::min(it->end, b) - std::max(it->start, a);
        }
    }
    m_selectionLines << QString("Δ %1").arg(qs(formatPrecise(b - a)));
    for (LaneState state : kAllLaneStates) {
        if (totals[std::size_t(state)] > 0 && state != LaneState::Finished)
            m_selectionLines << QString("%1: %2").arg(
                stateLabel(state), qs(formatPrecise(totals[std::size_t(state)])));
    }
}

} // namespace interleave
