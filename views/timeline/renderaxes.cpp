#include "qstrings.h"
#include "statepalette.h"
#include "timeline/renderhelpers.h"
#include "timeline/timelinemodel.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace interleave::render {

void ruler(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    painter.save();
    painter.fillRect(f.rulerRect, theme.rulerBackground);
    painter.setClipRect(f.rulerRect);
    painter.setFont(theme.smallFont);
    const int bottom = f.rulerRect.bottom();
    const QFontMetrics metrics = painter.fontMetrics();
    for (const Tick& tick : rulerTicks(f.viewport, f.model->origin())) {
        painter.setPen(QPen(tick.major ? theme.text : theme.mutedText, 1));
        painter.drawLine(QPointF(tick.x, bottom - (tick.major ? 9 : 4)), QPointF(tick.x, bottom));
        // A label is shown whole or not at all: "600 m" at an edge reads as a wrong number.
        const QString label = qs(tick.label);
        if (tick.major && tick.x >= f.rulerRect.left() &&
            tick.x + 3 + metrics.horizontalAdvance(label) <= f.rulerRect.right())
            painter.drawText(QPointF(tick.x + 3, bottom - 11), label);
    }
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(f.rulerRect.bottomLeft(), f.rulerRect.bottomRight());
    painter.restore();
}

void headers(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    painter.save();
    painter.fillRect(f.headerRect, theme.headerBackground);
    painter.setClipRect(f.headerRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const LaneRow& row : f.model->layout().rows()) {
        const RowSpan r = onScreen(f, row);
        if (r.top + r.height < f.headerRect.top() || r.top > f.headerRect.bottom())
            continue;
        const QRect rect(f.headerRect.left(), r.top, f.headerRect.width(), r.height);
        if (row.header) {
            // A group title may run on over its row in the plot, which is empty there.
            const QRect whole(rect.left(), r.top, f.plotRect.right() - rect.left(), r.height);
            painter.save();
            painter.setClipRect(whole.intersected(
                QRect(whole.left(), f.headerRect.top(), whole.width(), f.headerRect.height())));
            painter.fillRect(rect, theme.groupBackground);
            // A disclosure triangle: click the header to fold the group's lanes away.
            const QPointF tip(rect.left() + 10, r.top + r.height / 2.0);
            QPolygonF triangle;
            if (row.collapsed)
                triangle << tip + QPointF(-3, -5) << tip + QPointF(3, 0) << tip + QPointF(-3, 5);
            else
                triangle << tip + QPointF(-5, -3) << tip + QPointF(5, -3) << tip + QPointF(0, 3);
            painter.setPen(Qt::NoPen);
            painter.setBrush(theme.mutedText);
            painter.drawPolygon(triangle);
            painter.setPen(theme.text);
            painter.setFont(theme.boldFont);
            QString text = qs(row.label);
            if (row.pid > 0)
                text += QString("  ·  pid %1").arg(row.pid);
            if (row.collapsed)
                text += QString("  (%1 %2)").arg(row.lanes).arg(row.lanes == 1 ? "lane" : "lanes");
            painter.drawText(whole.adjusted(20, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            painter.restore();
            continue;
        }
        if (row.lane >= f.trace->laneCount())
            continue;
        // Colour swatch, kind icon, name.
        const QColor swatch = theme.workerColor(row.lane);
        painter.fillRect(QRect(rect.left() + 6, r.top + 5, 4, r.height - 10), swatch);
        const QPointF icon(rect.left() + 20, r.top + r.height / 2.0);
        painter.setPen(QPen(theme.mutedText, 1.6));
        painter.setBrush(Qt::NoBrush);
        if (row.process) {
            painter.drawRect(QRectF(icon.x() - 5, icon.y() - 5, 10, 10));
            painter.setBrush(theme.mutedText);
            painter.drawEllipse(icon, 1.6, 1.6);
        } else {
            QPainterPath wave(icon + QPointF(-6, 0));
            wave.cubicTo(icon + QPointF(-3, -6), icon + QPointF(0, 6), icon + QPointF(3, 0));
            wave.cubicTo(icon + QPointF(4.5, -3), icon + QPointF(6, -3), icon + QPointF(6, -3));
            painter.drawPath(wave);
        }
        const WorkerInfo& info = f.trace->lane(row.lane).info;
        QString text = qs(row.label);
        if (info.fate == WorkerFate::Crashed)
            text += "  (crashed)";
        painter.setFont(theme.font);
        const int nameLeft = rect.left() + 32;
        int right = rect.right() - 6;
        const int nameWidth = painter.fontMetrics().horizontalAdvance(text);
        if (row.process && info.pid > 0) {
            painter.setPen(QPen(theme.grid, 1));
            painter.drawLine(rect.left(), r.top, rect.right(), r.top);
            // A worker process is its own process: its pid, quietly, on the right, when the
            // name still fits beside it (the name matters more; the tooltip has the pid).
            const QFontMetrics small(theme.smallFont);
            const QString pid = QString("pid %1").arg(info.pid);
            const int width = small.horizontalAdvance(pid);
            if (nameWidth + width + 12 <= right - nameLeft) {
                painter.setFont(theme.smallFont);
                painter.setPen(theme.mutedText);
                painter.drawText(QRect(right - width, r.top, width, r.height),
                                 Qt::AlignVCenter | Qt::AlignRight, pid);
                right -= width + 6;
                painter.setFont(theme.font);
            }
        }
        painter.setPen(info.fate == WorkerFate::Crashed ? theme.lostUpdate : theme.text);
        // Elided in the middle: "ForkPoolWorker-12" stays told apart from "ForkPoolWorker-13".
        painter.drawText(QRect(nameLeft, r.top, right - nameLeft, r.height),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(text, Qt::ElideMiddle, right - nameLeft));
    }
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(f.headerRect.topRight(), f.headerRect.bottomRight());
    painter.restore();
}

} // namespace interleave::render
