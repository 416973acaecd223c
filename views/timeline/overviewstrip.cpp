#include "timeline/overviewstrip.h"

#include "timeline/columnpainter.h"
#include "timeline/timecoordinates.h"
#include "timeline/timelinemodel.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <shared_mutex>

namespace interleave {

OverviewStrip::OverviewStrip(TimelineModel* model, ZoomControl* zoom, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_zoom(zoom)
    , m_theme(&Theme::light())
{
    setObjectName("overviewStrip");
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFixedHeight(30);
    setCursor(Qt::PointingHandCursor);
    setToolTip("The whole trace: click to go there, drag the frame to pan, wheel to zoom");
    // While a run records, the whole trace changes with every poll: a few frames a second do.
    auto* throttle = new QTimer(this);
    throttle->setSingleShot(true);
    throttle->setInterval(250);
    connect(throttle, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    const auto later = [this, throttle] {
        if (!m_model->live())
            update();
        else if (!throttle->isActive())
            throttle->start();
    };
    connect(m_zoom, &ZoomControl::windowChanged, this, later);
    connect(m_model, &TimelineModel::changed, this, later);
    connect(m_model, &TimelineModel::playheadChanged, this, qOverload<>(&QWidget::update));
}

void OverviewStrip::setTheme(const Theme& theme)
{
    m_theme = &theme;
    update();
}

void OverviewStrip::alignPlot(int left, int width)
{
    m_plotLeft = left;
    m_plotWidth = width;
    update();
}

std::uint64_t OverviewStrip::timeAt(double x) const
{
    const Viewport whole{m_zoom->traceStart(),
                         std::max(m_zoom->traceEnd(), m_zoom->traceStart() + 1), double(m_plotLeft),
                         double(std::max(1, m_plotWidth))};
    return xToTime(std::clamp(x, double(m_plotLeft), double(m_plotLeft + m_plotWidth)), whole);
}

double OverviewStrip::xOf(std::uint64_t t) const
{
    const Viewport whole{m_zoom->traceStart(),
                         std::max(m_zoom->traceEnd(), m_zoom->traceStart() + 1), double(m_plotLeft),
                         double(std::max(1, m_plotWidth))};
    return timeToX(t, whole);
}

void OverviewStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const Theme& theme = *m_theme;
    painter.fillRect(rect(), theme.headerBackground);
    const QRect plot(m_plotLeft, 2, m_plotWidth, height() - 4);
    painter.fillRect(plot, theme.background);
    const auto trace = m_model->trace();
    if (!trace)
        return;
    painter.setPen(theme.mutedText);
    painter.setFont(theme.smallFont);
    painter.drawText(QRect(8, 0, m_plotLeft - 16, height()), Qt::AlignVCenter | Qt::AlignRight,
                     "whole trace");
    const Viewport whole{m_zoom->traceStart(),
                         std::max(m_zoom->traceEnd(), m_zoom->traceStart() + 1),
                         double(plot.left()), double(std::max(1, plot.width()))};
    {
        std::shared_lock lock(trace->mutex());
        // Each lane a row as thin as the strip allows, in the order the timeline shows them.
        std::vector<std::uint16_t> lanes;
        for (const LaneRow& row : m_model->layout().rows())
            if (!row.header && row.lane < trace->laneCount() && row.lane < m_model->laneCount())
                lanes.push_back(row.lane);
        const int count = std::max<int>(1, int(lanes.size()));
        const double rowHeight = std::max(1.0, double(plot.height()) / count);
        const int level = SpanPyramid::levelFor(whole.nsPerPixel());
        for (int i = 0; i < int(lanes.size()); ++i) {
            const int top = plot.top() + int(i * rowHeight);
            const int height = std::max(1, int((i + 1) * rowHeight) - int(i * rowHeight));
            if (top >= plot.bottom())
                break;
            const Lane& lane = trace->lane(lanes[std::size_t(i)]);
            if (!lane.slices.empty()) {
                // Imported lanes: their outermost slices.
                painter.setPen(Qt::NoPen);
                painter.setBrush(theme.stateColor(LaneState::Running));
                // A pixel's worth of slices merge into one box.
                std::vector<SliceRun> runs;
                lane.slices.runs(0, whole.start, whole.end,
                                 std::uint64_t(std::max(1.0, whole.nsPerPixel())), {}, runs);
                for (const SliceRun& s : runs)
                    painter.drawRect(QRectF(
                        timeToX(s.start, whole), top,
                        std::max(1.0, timeToX(s.end, whole) - timeToX(s.start, whole)), height));
                continue;
            }
            render::ColumnPainter columns(painter, theme, top, height, plot.left(),
                                          plot.right() + 1);
            const SpanList& list =
                level == 0 ? lane.spans : m_model->pyramid(lanes[std::size_t(i)]).level(level);
            for (const StateSpan& span : list)
                columns.add(timeToX(span.start, whole), timeToX(span.end, whole), span.state);
            if (level > 0)
                for (const StateSpan& span : m_model->pyramid(lanes[std::size_t(i)]).tail(level))
                    columns.add(timeToX(span.start, whole), timeToX(span.end, whole), span.state);
            columns.finish();
        }
    }
    // The window the timeline shows, and the world outside it dimmed.
    const double x0 = std::clamp(timeToX(m_zoom->windowStart(), whole), double(plot.left()),
                                 double(plot.right()));
    const double x1 =
        std::clamp(timeToX(m_zoom->windowEnd(), whole), double(plot.left()), double(plot.right()));
    QColor dim = theme.background;
    dim.setAlphaF(0.55f);
    painter.fillRect(QRectF(plot.left(), plot.top(), x0 - plot.left(), plot.height()), dim);
    painter.fillRect(QRectF(x1, plot.top(), plot.right() - x1, plot.height()), dim);
    painter.setPen(QPen(theme.selectionEdge, 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(x0, 1, std::max(3.0, x1 - x0), height() - 2));
    if (m_model->hasPlayhead()) {
        // Playback: where the playhead is in the whole trace.
        const double x = std::clamp(timeToX(m_model->playhead(), whole), double(plot.left()),
                                    double(plot.right()));
        painter.setPen(QPen(theme.playhead, 2));
        painter.drawLine(QPointF(x, 0), QPointF(x, height()));
    }
}

void OverviewStrip::centreOn(double x)
{
    const std::uint64_t t = timeAt(x);
    const std::uint64_t width = m_zoom->windowDuration();
    m_zoom->setWindow(t - std::min(t, width / 2), t - std::min(t, width / 2) + width);
}

void OverviewStrip::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_model->trace())
        return;
    const double x = event->position().x();
    const double x0 = xOf(m_zoom->windowStart());
    const double x1 = xOf(m_zoom->windowEnd());
    if (x < x0 - 2 || x > x1 + 2) {
        centreOn(x);
        m_grab = (xOf(m_zoom->windowEnd()) - xOf(m_zoom->windowStart())) / 2;
    } else {
        m_grab = x - x0;
    }
    m_dragging = true;
}

void OverviewStrip::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const std::uint64_t start = timeAt(event->position().x() - m_grab);
    m_zoom->setWindow(start, start + m_zoom->windowDuration());
}

void OverviewStrip::mouseReleaseEvent(QMouseEvent*)
{
    m_dragging = false;
}

void OverviewStrip::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta != 0 && m_model->trace())
        m_zoom->zoom(std::pow(1.0015, delta), timeAt(event->position().x()));
    event->accept();
}

} // namespace interleave
