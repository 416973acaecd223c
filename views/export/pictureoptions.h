#pragma once

#include "trace/tracemodel.h"

#include <QSize>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace interleave {

class TraceStore;
struct Theme;

/// What a picture of a trace shows and how big it is.
struct PictureOptions {
    /// Size in logical pixels; PNG multiplies it by `scale` (2 = crisp at twice the size).
    QSize size{1600, 900};
    double scale = 1.0;
    /// The time window, relative to the start of the trace; none: the whole trace.
    std::optional<std::uint64_t> rangeStart;
    std::optional<std::uint64_t> rangeEnd;
    /// The lanes to show; empty: all.
    std::vector<std::uint16_t> lanes;
    const Theme* theme = nullptr; ///< None: the lecture look.
    /// Shown above the timeline; none: the trace's title and verdict. Empty: no title.
    std::optional<QString> title;
    bool legend = true;
    bool charts = true; ///< Queue depth, core utilisation and imported counters.
    /// Playback: the trace drawn up to this time (relative to its start); none: all of it.
    std::optional<std::uint64_t> playhead;
    /// The events of a moment on show, ringed as on screen.
    std::vector<MomentPoint> momentPoints;
    /// A comparison: the other trace, whose lanes these are lined up with (same names at the
    /// same height, the lane-name column as wide as both need), and which of the two this is.
    std::shared_ptr<TraceStore> alignWith;
    int alignSide = 0;
    /// Whether the range is cut at the trace's end (a comparison on a shared time scale runs
    /// as long as the longer trace).
    bool clampRange = true;
};

} // namespace interleave
