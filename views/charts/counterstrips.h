#pragma once

#include "theme.h"
#include "timeline/timecoordinates.h"
#include "trace/cpuusage.h"

#include <QRect>
#include <QString>
#include <memory>
#include <vector>

class QPainter;

namespace interleave {

class TraceStore;

/// A chart under the lanes, in the window and in pictures: one or more step lines on the
/// timeline's time axis.
struct CounterStrip {
    enum class Kind { QueueDepth, Cpu, Custom };

    Kind kind = Kind::Custom;
    QString title;
    QString unit;
    std::vector<const CounterSeries*> series;
    double highest = 1; ///< Top of the value axis, a round number.
    /// Derived series the strip points into (CPU use), kept alive with it.
    std::shared_ptr<const CpuUsage> owned;
};

/// The strips a trace has: queue depth (all queues), CPU use (this run's and the whole
/// machine's), and each counter of an imported trace. The caller holds the trace's read lock
/// while it uses them. `cpu` passes CPU use already derived (the window keeps it).
std::vector<CounterStrip> counterStrips(const TraceStore& trace,
                                        std::shared_ptr<const CpuUsage> cpu = nullptr);

/// The colour of a strip's `index`th line.
QColor stripColor(const CounterStrip& strip, std::size_t index, const Theme& theme);

/// Draws a strip: its title, its lines' names and its value axis in `header`, the grid of the
/// ruler's ticks (relative to `origin`) and the step lines over `plot` for `viewport`, at most
/// a few points per pixel, every column's highest and lowest value kept.
void paintCounterStrip(QPainter& painter, const CounterStrip& strip, const Theme& theme,
                       const Viewport& viewport, std::uint64_t origin, const QRect& header,
                       const QRect& plot);

/// A number rounded up to 1, 2 or 5 × 10^k (the top of an axis).
double roundUpForAxis(double value);

} // namespace interleave
