#include "charts/counterstrips.h"

#include "trace/stepdecimation.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace interleave {

double roundUpForAxis(double value)
{
    if (!(value > 0))
        return 1;
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * decade >= value * (1 - 1e-9))
            return factor * decade;
    }
    return 10 * decade;
}

std::vector<CounterStrip> counterStrips(const TraceStore& trace,
                                        std::shared_ptr<const CpuUsage> cpu)
{
    CounterStrip queues{CounterStrip::Kind::QueueDepth, "Queue depth", "items", {}, 1, nullptr};
    CounterStrip cores{CounterStrip::Kind::Cpu, "CPU in use", "cores", {}, 1, nullptr};
    std::vector<CounterStrip> custom;
    std::vector<const CounterSeries*> perCore;
    for (const CounterSeries& series : trace.counters()) {
        if (series.times.empty())
            continue;
        switch (series.kind) {
        case CounterKind::QueueDepth:
            queues.series.push_back(&series);
            queues.highest = std::max(queues.highest, series.highest);
            break;
        case CounterKind::CoreUtilisation: perCore.push_back(&series); break;
        case CounterKind::Custom:
            custom.push_back(CounterStrip{CounterStrip::Kind::Custom,
                                          QString::fromStdString(series.name),
                                          QString(),
                                          {&series},
                                          roundUpForAxis(series.highest),
                                          nullptr});
            break;
        }
    }
    if (!cpu)
        cpu = std::make_shared<CpuUsage>(cpuUsage(trace));
    // The kernel counts CPU time in 10 ms ticks: a run of a few of them says nothing true.
    constexpr std::uint64_t kShortestMeasurable = 150'000'000;
    const bool measurable =
        trace.run.durationNs() == 0 || trace.run.durationNs() >= kShortestMeasurable;
    if (!cpu->empty() && measurable) {
        // Interleave's own recording: what the run used, and what the machine did in all.
        cores.owned = cpu;
        cores.series = {&cpu->machine, &cpu->run};
        cores.highest = std::max(
            {double(std::max(1, trace.run.machine.cores)), cpu->machine.highest, cpu->run.highest});
    } else if (!perCore.empty() && measurable) {
        // Utilisation per core from another tool (or an exported JSON): 0..1 each.
        cores.title = "CPU cores busy";
        cores.unit = "";
        cores.series = perCore;
        cores.highest = 1;
    }
    queues.highest = roundUpForAxis(queues.highest);
    std::vector<CounterStrip> strips;
    if (!queues.series.empty())
        strips.push_back(std::move(queues));
    if (!cores.series.empty())
        strips.push_back(std::move(cores));
    for (CounterStrip& strip : custom)
        strips.push_back(std::move(strip));
    return strips;
}

QColor stripColor(const CounterStrip& strip, std::size_t index, const Theme& theme)
{
    switch (strip.kind) {
    case CounterStrip::Kind::QueueDepth:
        return index == 0 ? theme.stateColor(LaneState::QueueWait).darker(125)
                          : theme.workerColor(int(index) + 3);
    case CounterStrip::Kind::Cpu:
        if (strip.owned)
            return index == 0 ? theme.mutedText : theme.stateColor(LaneState::Running).darker(115);
        return theme.workerColor(int(index) + 5);
    case CounterStrip::Kind::Custom: break;
    }
    return theme.workerColor(int(index));
}

namespace {

/// "12", "0.5", "1.2e+06": short enough for the axis.
QString axisNumber(double value)
{
    return QString::number(value, 'g', 3);
}

} // namespace

void paintCounterStrip(QPainter& painter, const CounterStrip& strip, const Theme& theme,
                       const Viewport& v, std::uint64_t origin, const QRect& header,
                       const QRect& plot)
{
    painter.save();
    painter.fillRect(header, theme.headerBackground);
    painter.fillRect(plot, theme.background);
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(header.topLeft(), plot.topRight());
    painter.drawLine(header.topRight(), header.bottomRight());

    // The time grid of the lanes above, so that a chart's step lines up with a span's edge.
    for (const Tick& tick : rulerTicks(v, origin)) {
        if (tick.major && tick.x >= plot.left() && tick.x <= plot.right())
            painter.drawLine(QPointF(tick.x, plot.top()), QPointF(tick.x, plot.bottom()));
    }

    painter.setFont(theme.smallFont);
    const QFontMetrics small = painter.fontMetrics();
    const int plotTop = plot.top() + std::max(6, small.height() / 2 + 2);
    const int plotBottom = plot.bottom() - 2;
    painter.setPen(QPen(theme.grid, 1, Qt::DotLine));
    painter.drawLine(QPoint(plot.left(), plotTop), QPoint(plot.right(), plotTop));

    // Title, then which line is which while there is room: the whole header is theirs.
    const int textRight = header.right() - 6;
    painter.setPen(theme.text);
    painter.setFont(theme.boldFont);
    const QFontMetrics bold = painter.fontMetrics();
    painter.drawText(
        QRect(header.left() + 10, header.top() + 3, textRight - header.left() - 10, bold.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        bold.elidedText(strip.title, Qt::ElideRight, textRight - header.left() - 10));
    painter.setFont(theme.smallFont);
    if (strip.series.size() > 1 || strip.kind != CounterStrip::Kind::Custom) {
        int lineY = header.top() + 3 + bold.height();
        for (std::size_t i = strip.series.size(); i-- > 0;) {
            if (lineY + small.height() > header.bottom())
                break;
            painter.fillRect(QRect(header.left() + 10, lineY + small.height() / 2 - 1, 14, 3),
                             stripColor(strip, i, theme));
            painter.setPen(theme.text);
            painter.drawText(
                QRect(header.left() + 30, lineY, textRight - header.left() - 30, small.height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                small.elidedText(QString::fromStdString(strip.series[i]->name), Qt::ElideMiddle,
                                 textRight - header.left() - 30));
            lineY += small.height();
        }
    }

    painter.setClipRect(plot);
    // Step lines are all horizontal and vertical: antialiasing would only cost (it was most
    // of the GUI thread's time during a live run).
    painter.setRenderHint(QPainter::Antialiasing, false);
    const double height = plotBottom - plotTop;
    auto yOf = [&](double value) {
        return plotBottom - std::clamp(value / strip.highest, 0.0, 1.0) * height;
    };
    for (std::size_t i = 0; i < strip.series.size(); ++i) {
        const CounterSeries& series = *strip.series[i];
        if (series.times.empty())
            continue;
        QPainterPath path;
        bool first = true;
        const std::uint64_t until = std::max(series.times.back(), v.start);
        for (const StepPoint& p :
             decimateSteps(series, v.start, v.end, until, std::max(1, plot.width()))) {
            const QPointF point(std::max(double(plot.left()), timeToX(p.t, v)), yOf(p.value));
            if (first)
                path.moveTo(point);
            else
                path.lineTo(point);
            first = false;
        }
        const bool faint = strip.owned && i == 0;
        QColor color = stripColor(strip, i, theme);
        if (faint) {
            // The machine's total: a light area the run's own line stands on.
            QPainterPath area = path;
            area.lineTo(path.currentPosition().x(), plotBottom);
            area.lineTo(path.elementAt(0).x, plotBottom);
            area.closeSubpath();
            QColor fill = color;
            fill.setAlphaF(0.18f);
            painter.fillPath(area, fill);
            color.setAlphaF(0.6f);
        }
        painter.setPen(QPen(color, faint ? 1.2 : 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
    // The value axis inside the plot's left edge, over a veil so the lines do not hide it.
    const QString topLabel =
        axisNumber(strip.highest) + (strip.unit.isEmpty() ? "" : " ") + strip.unit;
    QColor veil = theme.background;
    veil.setAlphaF(0.8f);
    const QRect topBox(plot.left() + 3, plotTop - small.height() / 2,
                       small.horizontalAdvance(topLabel) + 6, small.height());
    const QRect zeroBox(plot.left() + 3, plotBottom - small.height() + 1,
                        small.horizontalAdvance("0") + 6, small.height());
    painter.fillRect(topBox, veil);
    painter.fillRect(zeroBox, veil);
    painter.setPen(theme.mutedText);
    painter.drawText(topBox, Qt::AlignCenter, topLabel);
    painter.drawText(zeroBox, Qt::AlignCenter, "0");
    painter.restore();
}

} // namespace interleave
