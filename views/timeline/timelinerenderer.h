#pragma once

#include "theme.h"
#include "timeline/lanelayout.h"
#include "timeline/timecoordinates.h"
#include "trace/details.h"
#include "trace/handover.h"
#include "trace/tracemodel.h"

#include <QRect>
#include <QString>
#include <QStringList>
#include <optional>

class QPainter;

namespace interleave {

class TimelineModel;
class TraceStore;

/// A span under the mouse or picked by a click.
struct SpanRef {
    std::uint16_t lane = 0;
    StateSpan span;
};

/// Everything one frame of the timeline needs: built per paint, kept by nobody. The render
/// passes below are free functions of it, so the widget, the export to pictures and the frame
/// benchmark draw exactly the same thing. Callers hold the trace's read lock while painting.
struct TimelineFrame {
    const TimelineModel* model = nullptr;
    const TraceStore* trace = nullptr;
    const Theme* theme = nullptr;
    Viewport viewport;     ///< Time window across plotRect.
    QRect plotRect;        ///< Where lanes are drawn (right of the headers, below the ruler).
    QRect headerRect;      ///< Lane names, left of plotRect, same height.
    QRect rulerRect;       ///< Above plotRect.
    int scrollY = 0;       ///< Content offset of the lanes (vertical scrolling).
    std::uint64_t now = 0; ///< Live: the current time, drawn as a line; 0 when not live.
    /// Playback: nothing after this time is shown (absolute ns; 0: the whole trace).
    std::uint64_t playhead = 0;
    /// A moment on show: its events are ringed (empty: none).
    std::vector<MomentPoint> momentPoints;
    std::optional<SpanRef> hover;
    std::optional<SpanRef> picked;
    std::optional<HandOver> handOver;
    bool hasSelection = false;
    std::uint64_t selectionStart = 0;
    std::uint64_t selectionEnd = 0;
    QStringList selectionLines; ///< Duration and per-state totals of the selection.
};

namespace render {

/// Lane, group and slice-row heights that fit the theme's fonts.
LaneMetrics laneMetrics(const Theme& theme);
int rulerHeight(const Theme& theme);

/// Draws a whole frame: lanes, markers, races, hand-over, selection, ruler, headers.
void frame(QPainter& painter, const TimelineFrame& f);

void laneBackgrounds(QPainter& painter, const TimelineFrame& f);
/// State spans of every visible lane at the level of detail the zoom needs.
void spans(QPainter& painter, const TimelineFrame& f);
/// Prints, queue put / get, pipe send / recv, value read / write, pool tasks, phase marks.
void markers(QPainter& painter, const TimelineFrame& f);
/// Imported traces: named slices stacked by nesting depth, narrow neighbours merged into one
/// hatched box (their children skipped).
void slices(QPainter& painter, const TimelineFrame& f);
/// Imported traces: flow arrows between lanes.
void flows(QPainter& painter, const TimelineFrame& f);
/// The user's notes: a flag at a moment or a band over a range, on a lane or on all lanes.
void annotations(QPainter& painter, const TimelineFrame& f);
/// Lost updates: the overwritten write, the write that overwrote it, and a link.
void lostUpdates(QPainter& painter, const TimelineFrame& f);
void handOver(QPainter& painter, const TimelineFrame& f);
/// Where the hand-over's label goes (empty when none is shown): other labels keep clear of it.
QRectF handOverLabelRect(const TimelineFrame& f);
void selection(QPainter& painter, const TimelineFrame& f);
/// The frame cut at the playhead: the same time scale, the window and plot ending there (the
/// frame itself when no playhead is inside it; an empty window before it).
TimelineFrame untilPlayhead(const TimelineFrame& f);
/// The same for any plot: where the window ends at the playhead, and how wide it is then.
Viewport viewportUntil(const Viewport& v, std::uint64_t playhead);
/// Playback: covers what comes after the playhead and draws its line (renderplayback.cpp).
void playhead(QPainter& painter, const TimelineFrame& f);
/// Covers `plot` after the playhead (0: nothing) and draws the playhead's line over it: the
/// timeline, the charts and the CPU rows all show the trace only up to the playhead.
void coverFuture(QPainter& painter, const QRect& plot, const Viewport& v, std::uint64_t playhead,
                 const Theme& theme);
/// The events of the moment on show, ringed, and joined in time order.
void momentPoints(QPainter& painter, const TimelineFrame& f);
void ruler(QPainter& painter, const TimelineFrame& f);
void headers(QPainter& painter, const TimelineFrame& f);

/// Y of the middle of a lane's row in widget coordinates, or -1 when it is not on screen.
int laneCenterY(const TimelineFrame& f, std::uint16_t lane);

} // namespace render

} // namespace interleave
