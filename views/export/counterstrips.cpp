#include "export/counterstrips.h"

#include "trace/stepdecimation.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace interleave {

std::vector<CounterStrip> counterStrips(const TraceStore& trace)
{
    CounterStrip queues{"Queue depth", "items", {}, 1, 1};
    CounterStrip cores{"CPU cores", "% busy", {}, 100, 100};
    std::vector<CounterStrip> custom;
    for (const CounterSeries& series : trace.counters()) {
        if (series.times.empty())
            continue;
        const double top = *std::max_element(series.values.begin(), series.values.end());
        switch (series.kind) {
        case CounterKind::QueueDepth:
            queues.series.push_back(&series);
            queues.highest = std::max(queues.highest, top);
            break;
        case CounterKind::CoreUtilisation: cores.series.push_back(&series); break;
        case CounterKind::Custom:
            custom.push_back(CounterStrip{
                QString::fromStdString(series.name), QString(), {&series}, std::max(top, 1e-9), 1});
            break;
        }
    }
    std::vector<CounterStrip> strips;
    if (!queues.series.empty())
        strips.push_back(std::move(queues));
    if (!cores.series.empty())
        strips.push_back(std::move(cores));
    for (CounterStrip& strip : custom)
        strips.push_back(std::move(strip));
    return strips;
}

namespace {

/// "12", "0.5", "1.2e+06": short enough for the axis.
QString axisNumber(double value)
{
    return QString::number(value, 'g', 3);
}

} // namespace

void paintCounterStrip(QPainter& painter, const CounterStrip& strip, const Theme& theme,
                       const Viewport& v, const QRect& header, const QRect& plot)
{
    painter.save();
    painter.fillRect(header, theme.headerBackground);
    painter.fillRect(plot, theme.background);
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(header.topLeft(), plot.topRight());
    painter.drawLine(header.topRight(), header.bottomRight());
    painter.setPen(theme.text);
    painter.setFont(theme.boldFont);
    const QFontMetrics bold = painter.fontMetrics();
    painter.drawText(header.adjusted(10, 4, -6, 0), Qt::AlignTop | Qt::AlignLeft,
                     bold.elidedText(strip.title, Qt::ElideRight, header.width() - 16));
    painter.setFont(theme.smallFont);
    painter.setPen(theme.mutedText);
    const QFontMetrics small = painter.fontMetrics();
    // Axis: the top value, and 0, at the header's right edge.
    const QString topLabel =
        axisNumber(strip.highest) + (strip.unit.isEmpty() ? "" : " ") + strip.unit;
    painter.drawText(QRect(header.left() + 10, header.bottom() - small.height() - 3,
                           header.width() - 16, small.height()),
                     Qt::AlignLeft, "0 to " + topLabel);
    // Which line is which, under the title, while there is room.
    if (strip.series.size() > 1) {
        int lineY = header.top() + 4 + bold.height() + 2;
        for (std::size_t i = 0; i < strip.series.size(); ++i) {
            if (lineY + small.height() > header.bottom() - small.height() - 3)
                break;
            painter.fillRect(QRect(header.left() + 10, lineY + small.height() / 2 - 1, 14, 3),
                             theme.workerColor(int(i)));
            painter.setPen(theme.text);
            painter.drawText(QRect(header.left() + 30, lineY, header.width() - 36, small.height()),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             small.elidedText(QString::fromStdString(strip.series[i]->name),
                                              Qt::ElideRight, header.width() - 36));
            lineY += small.height();
        }
    }
    painter.setPen(QPen(theme.grid, 1, Qt::DotLine));
    const int plotTop = plot.top() + 6;
    painter.drawLine(QPoint(plot.left(), plotTop), QPoint(plot.right(), plotTop));

    painter.setClipRect(plot);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double height = plot.bottom() - plotTop - 2;
    auto yOf = [&](double value) {
        return plot.bottom() - 1 -
               std::clamp(value * strip.scale / strip.highest, 0.0, 1.0) * height;
    };
    int index = 0;
    for (const CounterSeries* series : strip.series) {
        const QColor color = theme.workerColor(index++);
        QPainterPath path;
        bool first = true;
        for (const StepPoint& p :
             decimateSteps(*series, v.start, v.end, series->times.back(), plot.width())) {
            const QPointF point(std::max(double(plot.left()), timeToX(p.t, v)), yOf(p.value));
            if (first)
                path.moveTo(point);
            else
                path.lineTo(point);
            first = false;
        }
        painter.setPen(QPen(color, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
    painter.restore();
}

} // namespace interleave
