#include "charts/sweepchart.h"

#include "charts/counterstrips.h"
#include "qstrings.h"
#include "timeline/timecoordinates.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace interleave {

std::vector<double> axisTicks(double highest, int count)
{
    const double top = roundUpForAxis(std::max(highest, 1e-12));
    double step = roundUpForAxis(top / std::max(1, count));
    // 1-2-5 steps can overshoot the top: one more tick reaches it.
    std::vector<double> ticks;
    for (double value = 0; value <= top * (1 + 1e-9) + step * 1e-9; value += step)
        ticks.push_back(value);
    if (ticks.back() < highest)
        ticks.push_back(ticks.back() + step);
    return ticks;
}

SweepChart::SweepChart(QWidget* parent)
    : QWidget(parent)
    , m_theme(&Theme::light())
{
}

void SweepChart::setTheme(const Theme& theme)
{
    m_theme = &theme;
    update();
}

void SweepChart::clear()
{
    m_sweep = SweepResult();
    update();
}

void SweepChart::setSweep(const SweepResult& sweep)
{
    m_sweep = sweep;
    update();
}

void SweepChart::paintEvent(QPaintEvent*)
{
    const Theme& theme = *m_theme;
    QPainter painter(this);
    painter.fillRect(rect(), theme.background);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.font);
    if (m_sweep.rows.empty()) {
        painter.setPen(theme.mutedText);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         "Run a sweep to compare parameter values");
        return;
    }
    const QFontMetrics font = painter.fontMetrics();
    const QFontMetrics small(theme.smallFont);
    const QColor barColor = theme.stateColor(LaneState::Sleeping);
    const QColor lineColor = theme.stateColor(LaneState::LockWait);

    double highestElapsed = 0, highestSpeedup = 0;
    for (const SweepRow& row : m_sweep.rows) {
        highestElapsed = std::max(highestElapsed, double(row.elapsedNs));
        highestSpeedup = std::max(highestSpeedup, row.speedup);
    }
    const std::vector<double> leftTicks = axisTicks(highestElapsed, 4);
    const std::vector<double> rightTicks = axisTicks(std::max(1.0, highestSpeedup), 4);
    const double leftTop = leftTicks.back();
    const double rightTop = rightTicks.back();
    const auto elapsedLabel = [&](double ns) {
        return qs(formatPrecise(std::uint64_t(std::llround(ns))));
    };
    int leftWidth = 0;
    for (double tick : leftTicks)
        leftWidth = std::max(leftWidth, small.horizontalAdvance(elapsedLabel(tick)));
    const int rightWidth = small.horizontalAdvance(QString::number(rightTop, 'g', 3) + " ×");

    // Title and legend on top; value names and the parameter's name below.
    const QString title =
        qs(m_sweep.scenario) + " — " + qs(m_sweep.parameter) +
        (m_sweep.repeat > 1 ? QString(" (median of %1 runs)").arg(m_sweep.repeat) : QString());
    painter.setPen(theme.text);
    painter.drawText(QRect(8, 4, width() - 16, font.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     font.elidedText(title, Qt::ElideRight, width() - 16));
    const QRect plot(leftWidth + 14, 10 + font.height() * 2, 0, 0);
    const QRect area(plot.left(), plot.top(), std::max(40, width() - plot.left() - rightWidth - 16),
                     std::max(40, height() - plot.top() - small.height() * 2 - font.height()));
    // Legend.
    painter.setFont(theme.smallFont);
    int legendX = area.left();
    const int legendY = 8 + font.height();
    for (const auto& [name, color, bar] : {std::tuple{QString("elapsed"), barColor, true},
                                           {QString("speedup ×"), lineColor, false}}) {
        if (bar)
            painter.fillRect(QRect(legendX, legendY + 3, 12, small.height() - 6), color);
        else
            painter.fillRect(QRect(legendX, legendY + small.height() / 2 - 1, 14, 3), color);
        painter.setPen(theme.text);
        painter.drawText(QPoint(legendX + 18, legendY + small.ascent()), name);
        legendX += 18 + small.horizontalAdvance(name) + 16;
    }

    // Grid and both axes.
    const auto yOfElapsed = [&](double ns) { return area.bottom() - ns / leftTop * area.height(); };
    const auto yOfSpeedup = [&](double x) { return area.bottom() - x / rightTop * area.height(); };
    for (double tick : leftTicks) {
        const double y = yOfElapsed(tick);
        painter.setPen(QPen(theme.grid, 1));
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
        painter.setPen(theme.mutedText);
        painter.drawText(QRectF(2, y - small.height() / 2.0, leftWidth + 6, small.height()),
                         Qt::AlignRight | Qt::AlignVCenter, elapsedLabel(tick));
    }
    for (double tick : rightTicks) {
        const double y = yOfSpeedup(tick);
        painter.setPen(lineColor.darker(110));
        painter.drawText(
            QRectF(area.right() + 6, y - small.height() / 2.0, rightWidth + 8, small.height()),
            Qt::AlignLeft | Qt::AlignVCenter, QString::number(tick, 'g', 3) + " ×");
    }

    // Bars with their times, the values under them, the speedup line over them.
    const int count = int(m_sweep.rows.size());
    const double slot = double(area.width()) / count;
    const double barWidth = std::min(slot * 0.6, 80.0);
    QPainterPath line;
    for (int i = 0; i < count; ++i) {
        const SweepRow& row = m_sweep.rows[std::size_t(i)];
        const double centre = area.left() + slot * (i + 0.5);
        const double top = yOfElapsed(double(row.elapsedNs));
        const QRectF bar(centre - barWidth / 2, top, barWidth, area.bottom() - top);
        painter.fillRect(bar, barColor);
        painter.setPen(theme.text);
        const QString time = elapsedLabel(double(row.elapsedNs));
        if (small.horizontalAdvance(time) < slot - 2)
            painter.drawText(
                QRectF(centre - slot / 2, top - small.height() - 1, slot, small.height()),
                Qt::AlignCenter, time);
        const QString value = small.elidedText(qs(row.valueText), Qt::ElideMiddle, int(slot) - 2);
        painter.drawText(QRectF(centre - slot / 2, area.bottom() + 3, slot, small.height()),
                         Qt::AlignCenter, value);
        const QPointF point(centre, yOfSpeedup(row.speedup));
        if (i == 0)
            line.moveTo(point);
        else
            line.lineTo(point);
    }
    painter.setPen(QPen(lineColor, 2.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(line);
    painter.setBrush(lineColor);
    painter.setPen(QPen(theme.background, 1.5));
    for (int i = 0; i < line.elementCount(); ++i)
        painter.drawEllipse(QPointF(line.elementAt(i).x, line.elementAt(i).y), 4.5, 4.5);
    painter.setPen(theme.mutedText);
    painter.drawText(
        QRect(area.left(), area.bottom() + 3 + small.height(), area.width(), small.height() + 2),
        Qt::AlignCenter, qs(m_sweep.parameter));
    painter.setPen(QPen(theme.mutedText, 1));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
}

} // namespace interleave
