#include "timeline/renderhelpers.h"

#include "timeline/timelinemodel.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace interleave::render {

RowSpan onScreen(const TimelineFrame& f, const LaneRow& row)
{
    return RowSpan{f.plotRect.top() + row.top - f.scrollY, row.height};
}

bool visible(const TimelineFrame& f, const RowSpan& r)
{
    return r.top + r.height > f.plotRect.top() && r.top < f.plotRect.bottom();
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

int laneCenterY(const TimelineFrame& f, std::uint16_t lane)
{
    const LaneRow* row = f.model->layout().laneRow(lane);
    if (row == nullptr)
        return -1;
    const RowSpan r = onScreen(f, *row);
    return r.top + r.height / 2;
}

} // namespace interleave::render
