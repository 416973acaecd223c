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

void annotations(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.boldFont);
    const QFontMetrics metrics = painter.fontMetrics();
    int stagger = 0;
    for (const Annotation& note : f.trace->annotations) {
        if (note.end < v.start || note.start > v.end)
            continue;
        double top = f.plotRect.top();
        double bottom = f.plotRect.bottom();
        if (note.lane != kNoWorker) {
            const LaneRow* row = f.model->layout().laneRow(note.lane);
            if (row == nullptr)
                continue;
            top = f.plotRect.top() + row->top - f.scrollY;
            bottom = top + row->height;
        }
        const double x0 = timeToX(note.start, v);
        const double x1 = timeToX(note.end, v);
        QColor band = theme.annotation;
        band.setAlphaF(0.18f);
        if (note.isRange())
            painter.fillRect(QRectF(x0, top, std::max(1.0, x1 - x0), bottom - top), band);
        painter.setPen(QPen(theme.annotation, 2));
        painter.drawLine(QPointF(x0, top), QPointF(x0, bottom));
        if (note.isRange())
            painter.drawLine(QPointF(x1, top), QPointF(x1, bottom));
        // The note's text on a flag at its start, staggered so neighbours stay readable.
        const QString text = qs(note.text);
        const QRectF flag(x0, top + 2 + (stagger++ % 3) * (metrics.height() + 6),
                          metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
        painter.setPen(QPen(theme.annotation.darker(130), 1));
        painter.setBrush(theme.kind == Theme::Kind::Dark ? theme.groupBackground
                                                         : QColor(0xFF, 0xF4, 0xCC));
        painter.drawRoundedRect(flag, 3, 3);
        painter.setPen(theme.text);
        painter.drawText(flag, Qt::AlignCenter, text);
    }
    painter.restore();
}

void lostUpdates(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.boldFont);
    for (const LostUpdate& lost : f.model->lostUpdates()) {
        const double x0 = timeToX(lost.overwritten.t, v);
        const double x1 = timeToX(lost.overwriting.t, v);
        if (std::max(x0, x1) < f.plotRect.left() || std::min(x0, x1) > f.plotRect.right())
            continue;
        const int y0 = laneCenterY(f, lost.overwritten.worker);
        const int y1 = laneCenterY(f, lost.overwriting.worker);
        if (y0 < 0 || y1 < 0)
            continue;
        const QPointF from(x0, y0 + 6), to(x1, y1 + 6);
        // Close together on screen: mark only; apart enough: link the two writes.
        if (std::abs(x1 - x0) + std::abs(y1 - y0) > 12)
            arrow(painter, from, to, theme.lostUpdate, true);
        painter.setPen(QPen(theme.lostUpdate, 2.2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(from, 6.5, 6.5); // the write whose update was lost
        painter.drawLine(to + QPointF(-5, -5), to + QPointF(5, 5)); // the stale write
        painter.drawLine(to + QPointF(-5, 5), to + QPointF(5, -5));
        if (std::abs(x1 - x0) > 40)
            painter.drawText(to + QPointF(8, -6), QString("lost %1").arg(lost.updatesLost));
    }
    painter.restore();
}

QRectF handOverLabelRect(const TimelineFrame& f)
{
    if (!f.handOver)
        return {};
    const HandOver& h = *f.handOver;
    const int y0 = laneCenterY(f, h.fromLane);
    const int y1 = laneCenterY(f, h.toLane);
    if (y0 < 0 || y1 < 0)
        return {};
    const QPointF from(timeToX(h.fromTime, f.viewport), y0);
    const QPointF to(timeToX(h.toTime, f.viewport), y1);
    const QFontMetrics metrics(f.theme->boldFont);
    const QRectF box =
        QRectF(metrics.boundingRect(qs(describeHandOver(*f.trace, h)))).adjusted(-5, -3, 5, 3);
    const QPointF at = (from + to) / 2 + QPointF(8, -box.height());
    QRectF placed = box.translated(at - box.topLeft());
    // Whole inside the plot: a label cut at the view's edge is no label.
    const QRectF plot(f.plotRect);
    placed.moveLeft(std::clamp(placed.left(), plot.left() + 2, plot.right() - placed.width() - 2));
    placed.moveTop(std::clamp(placed.top(), plot.top() + 2, plot.bottom() - placed.height() - 2));
    return placed;
}

void handOver(QPainter& painter, const TimelineFrame& f)
{
    if (!f.handOver)
        return;
    const HandOver& h = *f.handOver;
    const int y0 = laneCenterY(f, h.fromLane);
    const int y1 = laneCenterY(f, h.toLane);
    if (y0 < 0 || y1 < 0)
        return;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPointF from(timeToX(h.fromTime, f.viewport), y0);
    const QPointF to(timeToX(h.toTime, f.viewport), y1);
    // A lock's holder: its whole hold outlined, so that "who held it, how long" is seen.
    if (h.kind == HandOver::Kind::Lock && h.fromLane < f.model->laneCount()) {
        for (const LockHold& hold : f.model->holds(h.fromLane).holds()) {
            if (hold.object != h.object || hold.end != h.fromTime)
                continue;
            const LaneRow* row = f.model->layout().laneRow(h.fromLane);
            const double x0 = timeToX(hold.start, f.viewport);
            const double top = f.plotRect.top() + row->top - f.scrollY + 2;
            painter.setPen(QPen(f.theme->stateColor(LaneState::LockWait).darker(140), 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(QRectF(x0, top, std::max(2.0, from.x() - x0), row->height - 4));
            break;
        }
    }
    painter.setPen(QPen(f.theme->arrow, 2));
    painter.setBrush(f.theme->background);
    painter.drawEllipse(from, 4, 4);
    arrow(painter, from, to, f.theme->arrow, false);
    const QString label = qs(describeHandOver(*f.trace, h));
    painter.setFont(f.theme->boldFont);
    const QRectF placed = handOverLabelRect(f);
    painter.setPen(QPen(f.theme->arrow, 1));
    painter.setBrush(f.theme->background);
    painter.drawRoundedRect(placed, 3, 3);
    painter.setPen(f.theme->text);
    painter.drawText(placed, Qt::AlignCenter, label);
    painter.restore();
}

void selection(QPainter& painter, const TimelineFrame& f)
{
    if (!f.hasSelection)
        return;
    const Theme& theme = *f.theme;
    const double x0 = timeToX(f.selectionStart, f.viewport);
    const double x1 = timeToX(f.selectionEnd, f.viewport);
    painter.save();
    painter.setClipRect(f.plotRect.united(f.rulerRect));
    const QRectF area(x0, f.rulerRect.top(), std::max(1.0, x1 - x0),
                      f.plotRect.bottom() - f.rulerRect.top());
    painter.fillRect(area, theme.selection);
    painter.setPen(QPen(theme.selectionEdge, 1.5));
    painter.drawLine(QPointF(x0, area.top()), QPointF(x0, area.bottom()));
    painter.drawLine(QPointF(x1, area.top()), QPointF(x1, area.bottom()));
    if (!f.selectionLines.isEmpty()) {
        painter.setFont(theme.font);
        const QFontMetrics metrics = painter.fontMetrics();
        int width = 0;
        for (const QString& line : f.selectionLines)
            width = std::max(width, metrics.horizontalAdvance(line));
        const int height = metrics.height() * int(f.selectionLines.size());
        QRectF box(
            std::clamp(x1 + 8, double(f.plotRect.left()), double(f.plotRect.right() - width - 16)),
            f.plotRect.top() + 8, width + 14, height + 10);
        painter.setPen(QPen(theme.selectionEdge, 1));
        painter.setBrush(theme.background);
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(theme.text);
        int y = int(box.top()) + 5 + metrics.ascent();
        for (const QString& line : f.selectionLines) {
            painter.drawText(QPointF(box.left() + 7, y), line);
            y += metrics.height();
        }
    }
    painter.restore();
}

} // namespace interleave::render
