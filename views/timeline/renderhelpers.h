#pragma once

// Geometry and shapes shared by the timeline's render passes (internal to views/timeline).

#include "timeline/timelinerenderer.h"

#include <QColor>
#include <QPointF>

class QPainter;

namespace interleave::render {

/// The y range of a row on screen (widget coordinates).
struct RowSpan {
    int top;
    int height;
};

/// Where a layout row is on screen, given the frame's scroll.
RowSpan onScreen(const TimelineFrame& f, const LaneRow& row);
/// Whether any of the row is inside the plot.
bool visible(const TimelineFrame& f, const RowSpan& r);
/// A curved arrow from one lane to another, with a head at `to`.
void arrow(QPainter& p, QPointF from, QPointF to, const QColor& color, bool dashed);

} // namespace interleave::render
