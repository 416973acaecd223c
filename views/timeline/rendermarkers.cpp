#include "qstrings.h"
#include "timeline/markerglyphs.h"
#include "timeline/renderhelpers.h"
#include "timeline/timelinemodel.h"
#include "trace/tracestore.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>

namespace interleave::render {

void markers(QPainter& painter, const TimelineFrame& f)
{
    const Theme& theme = *f.theme;
    const Viewport& v = f.viewport;
    painter.save();
    painter.setClipRect(f.plotRect);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(theme.smallFont);
    using Glyph = MarkerGlyphs::Glyph;
    MarkerGlyphs glyphs(painter, theme);
    for (const LaneRow& row : f.model->layout().rows()) {
        if (row.header || row.lane >= f.trace->laneCount())
            continue;
        const RowSpan r = onScreen(f, row);
        if (!visible(f, r))
            continue;
        const Lane& lane = f.trace->lane(row.lane);
        const std::size_t begin = lane.events.lowerBound(v.start);
        const std::size_t end = lane.events.lowerBound(v.end);
        // Walking the events costs per event, not per pixel: a lane this dense shows its
        // markers once zoomed in.
        if (end - begin > std::size_t(f.plotRect.width()) * 4)
            continue;
        const double top = r.top + 3, bottom = r.top + r.height - 3;
        const double middle = top + r.height / 2.0 - 3;
        const QColor color = theme.marker;
        std::uint64_t taskStart = v.start;
        // One marker of a kind per few pixels: they stay distinct, and a busy lane still
        // shows where its puts, gets and writes happen.
        constexpr double minimumGap = 4.0;
        std::array<double, 32> lastX;
        lastX.fill(-1e9);
        painter.setPen(QPen(theme.background, 1));
        lane.events.forEach(begin, end, row.lane, [&](const Event& e) {
            const double x = timeToX(e.tNs, v);
            const auto kindIndex = std::size_t(e.kind) % lastX.size();
            const bool thinned = e.kind != EventKind::TaskBegin && e.kind != EventKind::TaskEnd;
            if (thinned) {
                if (x - lastX[kindIndex] < minimumGap)
                    return;
                lastX[kindIndex] = x;
            }
            switch (e.kind) {
            case EventKind::Print: glyphs.draw(Glyph::Print, QPointF(x, top + 3.5)); break;
            case EventKind::QueuePut: glyphs.draw(Glyph::Put, QPointF(x, bottom - 4.2)); break;
            case EventKind::QueueGet: glyphs.draw(Glyph::Get, QPointF(x, bottom - 3.8)); break;
            case EventKind::PipeSend: glyphs.draw(Glyph::Send, QPointF(x - 2.8, middle)); break;
            case EventKind::PipeRecv: glyphs.draw(Glyph::Receive, QPointF(x + 2.8, middle)); break;
            case EventKind::ValueRead: glyphs.draw(Glyph::Read, QPointF(x, bottom - 5)); break;
            case EventKind::ValueWrite: glyphs.draw(Glyph::Write, QPointF(x, bottom - 5)); break;
            case EventKind::Instant: {
                // An imported instant event: a small flag on the lane's top edge.
                const QPointF tip(x, top - 1);
                const QPointF poly[] = {tip, tip + QPointF(-4.5, -0.0) + QPointF(0, 7),
                                        tip + QPointF(4.5, 7)};
                painter.setPen(QPen(theme.background, 1));
                painter.setBrush(theme.marker);
                painter.drawPolygon(poly, 3);
                break;
            }
            case EventKind::TaskBegin: taskStart = e.tNs; break;
            case EventKind::TaskEnd: {
                const double x0 = timeToX(taskStart, v);
                painter.fillRect(QRectF(x0, bottom - 3, std::max(1.0, x - x0), 3),
                                 theme.workerColor(int(e.a)));
                break;
            }
            case EventKind::Mark: {
                painter.setPen(QPen(color, 1.2, Qt::DashLine));
                painter.drawLine(QPointF(x, top - 2), QPointF(x, bottom + 2));
                const QString label = qs(f.trace->string(std::uint32_t(e.a)));
                const QFontMetrics metrics = painter.fontMetrics();
                const QRectF pill(x + 2, top + (bottom - top - metrics.height()) / 2.0,
                                  metrics.horizontalAdvance(label) + 8, metrics.height());
                QColor fill = theme.background;
                fill.setAlphaF(0.85f);
                painter.setPen(Qt::NoPen);
                painter.setBrush(fill);
                painter.drawRoundedRect(pill, 3, 3);
                painter.setPen(theme.text);
                painter.drawText(pill, Qt::AlignCenter, label);
                painter.setPen(QPen(theme.background, 1));
                break;
            }
            default: break;
            }
        });
    }
    painter.restore();
}

} // namespace interleave::render
