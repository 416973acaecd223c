#include "charts/corelanes.h"

#include "timeline/timecoordinates.h"
#include "timeline/timelinemodel.h"
#include "timeline/timelinerenderer.h"
#include "timeline/zoomcontrol.h"
#include "trace/tracestore.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <shared_mutex>

namespace interleave {

CoreLanes::CoreLanes(TimelineModel* model, ZoomControl* zoom, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_zoom(zoom)
    , m_theme(&Theme::light())
{
    setMouseTracking(true);
    connect(m_zoom, &ZoomControl::windowChanged, this, qOverload<>(&QWidget::update));
    connect(m_model, &TimelineModel::changed, this, qOverload<>(&QWidget::update));
    connect(m_model, &TimelineModel::playheadChanged, this, qOverload<>(&QWidget::update));
}

void CoreLanes::setTheme(const Theme& theme)
{
    m_theme = &theme;
    updateGeometry();
    update();
}

void CoreLanes::alignPlot(int left, int width)
{
    m_plotLeft = left;
    m_plotWidth = width;
    update();
}

int CoreLanes::rowHeight() const
{
    return QFontMetrics(m_theme->smallFont).height() + 8;
}

int CoreLanes::coreCount() const
{
    const auto trace = m_model->trace();
    return trace ? std::max(1, trace->run.machine.cores) : 0;
}

QSize CoreLanes::sizeHint() const
{
    return QSize(800, std::max(1, coreCount()) * rowHeight() + 4);
}

void CoreLanes::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), m_theme->background);
    const auto trace = m_model->trace();
    if (!trace)
        return;
    std::shared_lock lock(trace->mutex());
    const int cores = std::max(1, trace->run.machine.cores);
    const int h = rowHeight();
    const Viewport v{m_zoom->windowStart(), m_zoom->windowEnd(), double(m_plotLeft),
                     double(std::max(1, m_plotWidth))};
    painter.setFont(m_theme->smallFont);
    for (int core = 0; core < cores; ++core) {
        const QRect header(0, core * h, m_plotLeft, h);
        painter.fillRect(header, m_theme->headerBackground);
        painter.setPen(m_theme->text);
        painter.drawText(header.adjusted(8, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         QString("CPU %1").arg(core));
        if (core == 0) {
            // What the colours mean: the lanes' own swatch colours.
            painter.setPen(m_theme->mutedText);
            painter.drawText(header.adjusted(8, 0, -6, 0), Qt::AlignVCenter | Qt::AlignRight,
                             "who ran there");
            painter.setPen(m_theme->text);
        }
        painter.fillRect(QRect(m_plotLeft, core * h, m_plotWidth, h),
                         core % 2 ? m_theme->laneAlternate : m_theme->laneBackground);
    }
    // Per core and pixel column, the worker that used most of it: overlapping workers would
    // otherwise blend into mud.
    struct Use {
        float share = 0;
        int worker = -1;
    };
    const int columns = std::max(1, m_plotWidth);
    std::vector<std::vector<Use>> use(static_cast<std::size_t>(cores),
                                      std::vector<Use>(static_cast<std::size_t>(columns)));
    for (std::size_t lane = 0; lane < trace->laneCount(); ++lane) {
        const auto& samples = trace->lane(lane).samples;
        if (samples.size() < 2)
            continue;
        auto it = std::lower_bound(samples.begin(), samples.end(), v.start,
                                   [](const WorkerSample& s, std::uint64_t t) { return s.t < t; });
        for (std::size_t i = std::size_t(std::max<std::ptrdiff_t>(1, it - samples.begin()));
             i < samples.size(); ++i) {
            const WorkerSample& from = samples[i - 1];
            const WorkerSample& to = samples[i];
            if (from.t >= v.end)
                break;
            if (to.t <= from.t || to.onCpuNs <= from.onCpuNs || to.cpu >= cores)
                continue;
            const auto share =
                float(std::min(1.0, double(to.onCpuNs - from.onCpuNs) / double(to.t - from.t)));
            const int c0 = std::max(0, int(timeToX(from.t, v) - m_plotLeft));
            const int c1 = std::min(columns, std::max(c0 + 1, int(timeToX(to.t, v) - m_plotLeft)));
            for (int c = c0; c < c1; ++c) {
                Use& u = use[to.cpu][std::size_t(c)];
                if (share > u.share)
                    u = Use{share, int(lane)};
            }
        }
    }
    for (int core = 0; core < cores; ++core) {
        const auto& row = use[std::size_t(core)];
        int c = 0;
        while (c < columns) {
            const Use u = row[std::size_t(c)];
            int end = c + 1;
            // Runs of the same worker at a similar share become one rectangle.
            while (end < columns && row[std::size_t(end)].worker == u.worker &&
                   std::abs(row[std::size_t(end)].share - u.share) < 0.1f)
                ++end;
            if (u.worker >= 0) {
                QColor color = m_theme->workerColor(u.worker);
                color.setAlphaF(0.35f + 0.65f * u.share);
                painter.fillRect(QRect(m_plotLeft + c, core * h + 3, end - c, h - 6), color);
            }
            c = end;
        }
    }
    if (m_model->hasPlayhead())
        render::coverFuture(painter, QRect(m_plotLeft, 0, m_plotWidth, cores * h), v,
                            m_model->playhead(), *m_theme);
}

void CoreLanes::mouseMoveEvent(QMouseEvent* event)
{
    const auto trace = m_model->trace();
    if (!trace || event->pos().x() < m_plotLeft)
        return;
    const int core = event->pos().y() / rowHeight();
    const Viewport v{m_zoom->windowStart(), m_zoom->windowEnd(), double(m_plotLeft),
                     double(std::max(1, m_plotWidth))};
    const std::uint64_t t = xToTime(event->position().x(), v);
    QStringList who;
    std::shared_lock lock(trace->mutex());
    for (std::size_t lane = 0; lane < trace->laneCount(); ++lane) {
        const auto& samples = trace->lane(lane).samples;
        auto it = std::lower_bound(samples.begin(), samples.end(), t,
                                   [](const WorkerSample& s, std::uint64_t x) { return s.t < x; });
        if (it == samples.end() || it == samples.begin() || it->cpu != core)
            continue;
        const WorkerSample& before = *(it - 1);
        if (it->onCpuNs > before.onCpuNs && it->t > before.t)
            who << QString("%1 (%2 %)")
                       .arg(QString::fromStdString(trace->lane(lane).info.name))
                       .arg(100.0 * double(it->onCpuNs - before.onCpuNs) / double(it->t - before.t),
                            0, 'f', 0);
    }
    QToolTip::showText(event->globalPosition().toPoint() + QPoint(12, 12),
                       who.isEmpty() ? QString("CPU %1: none of the workers").arg(core)
                                     : QString("CPU %1: %2").arg(core).arg(who.join(", ")),
                       this);
}

} // namespace interleave
