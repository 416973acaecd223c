#include "timeline/timelinewidget.h"

#include "qstrings.h"
#include "timeline/timelinemodel.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QRegion>
#include <QResizeEvent>
#include <QScrollBar>
#include <QTimer>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

namespace {

constexpr int kScrollRange = 10'000;

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
        emit scrolledVertically(value);
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
    connect(m_model, &TimelineModel::playheadChanged, this, [this] { updateDrawing(); });
    connect(m_model, &TimelineModel::layoutChanged, this, [this] {
        if (m_model->trace() == nullptr ||
            (m_selected.valid() && m_selected.lane >= m_model->laneCount())) {
            m_selected = TimelineItem();
            m_hover.reset();
            m_handOver.reset();
        }
        fitHeaderWidth();
        updateScrollBars();
        updateDrawing();
        QTimer::singleShot(0, this, &TimelineWidget::fitRows);
    });
}

void TimelineWidget::setTheme(const Theme& theme)
{
    m_theme = &theme;
    m_rulerHeight = render::rulerHeight(theme);
    const LaneMetrics lanes = render::laneMetrics(theme);
    m_model->setMetrics(lanes); // relays out the lanes, the name column with them
    fitRows();
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

int TimelineWidget::contentHeight() const
{
    const LaneMetrics natural = render::laneMetrics(*m_theme);
    const LaneMetrics& now = m_model->metrics();
    int height = 0;
    for (const LaneRow& row : m_model->layout().rows())
        height +=
            row.header ? natural.headerHeight : row.height - now.laneHeight + natural.laneHeight;
    return height;
}

void TimelineWidget::fitRows()
{
    const auto trace = m_model->trace();
    const LaneMetrics natural = render::laneMetrics(*m_theme);
    LaneMetrics wanted = natural;
    // Imported lanes are as tall as their slices nest: they scroll rather than squeeze.
    if (trace && trace->run.importedFrom.empty()) {
        int headers = 0, lanes = 0;
        for (const LaneRow& row : m_model->layout().rows())
            (row.header ? headers : lanes) += 1;
        // Rows lined up with another trace's leave gaps: they count as the lanes they hold.
        const int current = std::max(1, m_model->metrics().laneHeight);
        const int laneSpace =
            m_model->layout().contentHeight() - headers * m_model->metrics().headerHeight;
        const int laneSlots = std::max(lanes, (laneSpace + current - 1) / current);
        const int room = plotRect().height() - headers * natural.headerHeight;
        if (laneSlots > 0 && laneSlots * natural.laneHeight > room) {
            const int minimum = QFontMetrics(m_theme->font).height() + 4;
            wanted.laneHeight = std::clamp(room / laneSlots, minimum, natural.laneHeight);
        } else if (laneSlots > 0 && m_growRows) {
            wanted.laneHeight =
                std::clamp(room / laneSlots, natural.laneHeight, natural.laneHeight * 5 / 2);
        }
    }
    if (wanted.laneHeight != m_model->metrics().laneHeight)
        m_model->setMetrics(wanted);
}

void TimelineWidget::setGrowRows(bool grow)
{
    m_growRows = grow;
    fitRows();
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
    f.playhead = m_model->hasPlayhead() ? m_model->playhead() : 0;
    f.momentPoints = m_model->momentPoints();
    f.hover = m_hover;
    if (m_selected.kind == TimelineItem::Kind::Span)
        f.picked = SpanRef{m_selected.lane, m_selected.span};
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
    if (m_hover) {
        TimelineItem hovered;
        hovered.kind = TimelineItem::Kind::Span;
        hovered.lane = m_hover->lane;
        hovered.span = m_hover->span;
        paintOutline(painter, hovered, 1.0);
    }
    paintOutline(painter, m_selected, 2.0);
    // The corner between the two scroll bars.
    painter.setClipping(false);
    paintDropIndicator(painter);
    painter.fillRect(
        QRect(m_vertical->x(), m_horizontal->y(), m_vertical->width(), m_horizontal->height()),
        m_theme->headerBackground);
    painter.fillRect(QRect(0, m_horizontal->y(), m_headerWidth, m_horizontal->height()),
                     m_theme->headerBackground);
}

void TimelineWidget::paintOutline(QPainter& painter, const TimelineItem& item, double width)
{
    const auto trace = m_model->trace();
    if (!item.valid() || item.lane >= trace->laneCount())
        return;
    const LaneRow* row = m_model->layout().laneRow(item.lane);
    if (row == nullptr)
        return;
    const Viewport v = viewport();
    const double top = plotRect().top() + row->top - m_scrollY;
    const TimelineTarget target = item.target(*trace);
    const double x0 = timeToX(target.start, v);
    const double x1 = timeToX(target.end, v);
    painter.setPen(QPen(m_theme->hover, width));
    painter.setBrush(Qt::NoBrush);
    switch (item.kind) {
    case TimelineItem::Kind::None: break;
    case TimelineItem::Kind::Span:
        painter.drawRect(QRectF(x0, top + 2, std::max(2.0, x1 - x0), row->height - 4));
        break;
    case TimelineItem::Kind::Event:
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.drawEllipse(QPointF(x0, top + row->height / 2.0), 7, 7);
        break;
    case TimelineItem::Kind::Slice: {
        const int rowHeight = m_model->metrics().sliceRowHeight;
        painter.drawRect(
            QRectF(x0, top + 3 + item.depth * rowHeight, std::max(2.0, x1 - x0), rowHeight - 2));
        break;
    }
    }
}

void TimelineWidget::resizeEvent(QResizeEvent* event)
{
    const int barHeight = m_horizontal->sizeHint().height();
    const int barWidth = m_vertical->sizeHint().width();
    m_horizontal->setGeometry(m_headerWidth, height() - barHeight,
                              width() - m_headerWidth - barWidth, barHeight);
    m_vertical->setGeometry(width() - barWidth, m_rulerHeight, barWidth,
                            height() - m_rulerHeight - barHeight);
    updateScrollBars();
    emit plotGeometryChanged(plotRect().left(), plotRect().width());
    if (event != nullptr && event->size().height() != event->oldSize().height())
        QTimer::singleShot(0, this, &TimelineWidget::fitRows);
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

void TimelineWidget::setScrollY(int y)
{
    m_scrollY = std::clamp(y, 0, std::max(0, m_vertical->maximum()));
    m_vertical->setValue(m_scrollY);
    updateDrawing();
}

} // namespace interleave
