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
    for (const Tick& tick : rulerTicks(f.viewport, f.model->origin())) {
        painter.setPen(QPen(tick.major ? theme.text : theme.mutedText, 1));
        painter.drawLine(QPointF(tick.x, bottom - (tick.major ? 9 : 4)), QPointF(tick.x, bottom));
        if (tick.major)
            painter.drawText(QPointF(tick.x + 3, bottom - 11), qs(tick.label));
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
            painter.setPen(theme.text);
            painter.setFont(theme.boldFont);
            QString text = qs(row.label);
            if (row.pid > 0)
                text += QString("  ·  pid %1").arg(row.pid);
            painter.drawText(whole.adjusted(8, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
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
        int right = rect.right() - 6;
        if (row.process && info.pid > 0) {
            // A worker process is its own process: its pid, quietly, on the right.
            painter.setFont(theme.smallFont);
            painter.setPen(theme.mutedText);
            const QString pid = QString("pid %1").arg(info.pid);
            const int width = painter.fontMetrics().horizontalAdvance(pid);
            painter.drawText(QRect(right - width, r.top, width, r.height),
                             Qt::AlignVCenter | Qt::AlignRight, pid);
            right -= width + 6;
            painter.setPen(QPen(theme.grid, 1));
            painter.drawLine(rect.left(), r.top, rect.right(), r.top);
        }
        painter.setPen(info.fate == WorkerFate::Crashed ? theme.lostUpdate : theme.text);
        painter.setFont(theme.font);
        QString text = qs(info.name);
        if (info.fate == WorkerFate::Crashed)
            text += "  (crashed)";
        painter.drawText(
            QRect(rect.left() + 32, r.top, right - rect.left() - 32, r.height),
            Qt::AlignVCenter | Qt::AlignLeft,
            painter.fontMetrics().elidedText(text, Qt::ElideRight, right - rect.left() - 32));
    }
    painter.setPen(QPen(theme.grid, 1));
    painter.drawLine(f.headerRect.topRight(), f.headerRect.bottomRight());
    painter.restore();
}

} // namespace interleave::render
