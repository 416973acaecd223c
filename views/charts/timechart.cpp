#include "charts/timechart.h"

#include "qstrings.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinerenderer.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

TimeChart::TimeChart(TimelineModel* model, ZoomControl* zoom, CounterStrip::Kind kind,
                     QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_zoom(zoom)
    , m_kind(kind)
    , m_theme(&Theme::light())
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    // Painting reads the zoom as it is: nothing to rebuild when the window moves. While a run
    // records, the window moves with every poll: a few frames a second are plenty there.
    m_liveRepaint = new QTimer(this);
    m_liveRepaint->setSingleShot(true);
    m_liveRepaint->setInterval(200);
    connect(m_liveRepaint, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    connect(m_model, &TimelineModel::playheadChanged, this, qOverload<>(&QWidget::update));
    connect(m_zoom, &ZoomControl::windowChanged, this, [this] {
        if (!m_model->live())
            update();
        else if (!m_liveRepaint->isActive())
            m_liveRepaint->start();
    });
}

void TimeChart::setTheme(const Theme& theme)
{
    m_theme = &theme;
    updateGeometry();
    update();
}

void TimeChart::alignPlot(int left, int width)
{
    m_plotLeft = left;
    m_plotWidth = width;
    update();
}

Viewport TimeChart::viewport() const
{
    return Viewport{m_zoom->windowStart(), m_zoom->windowEnd(), double(m_plotLeft),
                    double(std::max(1, m_plotWidth))};
}

int TimeChart::stripHeight() const
{
    return std::max(72, QFontMetrics(m_theme->smallFont).height() * 5 + 8);
}

QSize TimeChart::sizeHint() const
{
    return QSize(800, std::max(1, m_strips) * stripHeight());
}

std::vector<CounterStrip> TimeChart::strips() const
{
    std::vector<CounterStrip> mine;
    const auto trace = m_model->trace();
    if (!trace)
        return mine;
    for (CounterStrip& strip : counterStrips(*trace, m_cpu ? m_cpu : std::make_shared<CpuUsage>()))
        if (strip.kind == m_kind)
            mine.push_back(std::move(strip));
    return mine;
}

void TimeChart::refresh()
{
    const auto trace = m_model->trace();
    int count = 0;
    if (trace) {
        std::shared_lock lock(trace->mutex());
        if (m_kind == CounterStrip::Kind::Cpu)
            m_cpu = std::make_shared<CpuUsage>(cpuUsage(*trace));
        count = int(strips().size());
    } else {
        m_cpu.reset();
    }
    if (count != m_strips) {
        m_strips = count;
        updateGeometry();
    }
    update();
}

void TimeChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_theme->background);
    const auto trace = m_model->trace();
    if (!trace)
        return;
    std::shared_lock lock(trace->mutex());
    const Viewport v = viewport();
    int top = 0;
    const int height = stripHeight();
    for (const CounterStrip& strip : strips()) {
        paintCounterStrip(painter, strip, *m_theme, v, m_model->origin(),
                          QRect(0, top, m_plotLeft, height),
                          QRect(m_plotLeft, top, m_plotWidth, height));
        top += height;
    }
    if (m_model->hasPlayhead())
        render::coverFuture(painter, QRect(m_plotLeft, 0, m_plotWidth, top), v, m_model->playhead(),
                            *m_theme);
}

void TimeChart::mouseMoveEvent(QMouseEvent* event)
{
    const auto trace = m_model->trace();
    if (!trace || event->position().x() < m_plotLeft) {
        QToolTip::hideText();
        return;
    }
    const std::uint64_t t = xToTime(event->position().x(), viewport());
    QString text;
    {
        std::shared_lock lock(trace->mutex());
        const std::vector<CounterStrip> all = strips();
        const auto index = std::size_t(std::max(0, int(event->position().y()) / stripHeight()));
        if (index >= all.size())
            return;
        const CounterStrip& strip = all[index];
        text = "<b>" + strip.title.toHtmlEscaped() + "</b> at " +
               qs(formatPrecise(t - std::min(t, m_model->origin())));
        for (const CounterSeries* series : strip.series) {
            const auto after = std::upper_bound(series->times.begin(), series->times.end(), t);
            if (after == series->times.begin())
                continue;
            const double value = series->values[std::size_t(after - series->times.begin()) - 1];
            text += "<br>" + qs(series->name).toHtmlEscaped() + ": " +
                    QString::number(value, 'g', 4) +
                    (strip.unit.isEmpty() ? QString() : " " + strip.unit);
        }
    }
    QToolTip::showText(event->globalPosition().toPoint() + QPoint(14, 16), text, this);
}

} // namespace interleave
