#pragma once

#include "theme.h"
#include "timeline/timecoordinates.h"
#include "trace/tracemodel.h"

#include <QRect>
#include <QString>
#include <vector>

class QPainter;

namespace interleave {

class TraceStore;

/// A chart under the lanes of a picture: one or more counter series on a shared time axis.
struct CounterStrip {
    QString title;
    QString unit;
    std::vector<const CounterSeries*> series;
    double highest = 1; ///< Top of the value axis.
    double scale = 1;   ///< Values are multiplied by this (utilisation 0..1 -> percent).
};

/// The strips a trace has: queue depth (all queues), core utilisation (all cores), and each
/// counter of an imported trace.
std::vector<CounterStrip> counterStrips(const TraceStore& trace);

/// Draws a strip: its title in `header`, step lines over `plot` for the window `viewport`,
/// at most a few points per pixel.
void paintCounterStrip(QPainter& painter, const CounterStrip& strip, const Theme& theme,
                       const Viewport& viewport, const QRect& header, const QRect& plot);

} // namespace interleave
