#pragma once

#include "trace/handover.h"
#include "trace/tracemodel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace interleave {

class TraceStore;

/// A place on the timeline a detail can lead to: a lane and a time range on it.
struct TimelineTarget {
    std::uint16_t lane = kNoWorker;
    std::uint64_t start = 0;
    std::uint64_t end = 0;
};

/// One line of a description: a field and its value, and where it leads (the put of this get,
/// the release that ended this wait, the worker joined).
struct DetailRow {
    std::string field;
    std::string value;
    std::optional<TimelineTarget> link;
    /// Already said by the summary line (lane, times): a tooltip leaves it out.
    bool inSummary = false;
};

/// Everything known about one thing on the timeline, for the details panel, tooltips and copy.
struct Details {
    std::string title;   ///< "waiting for lock", "put q", "GET /index.html"
    std::string summary; ///< One line: lane, time and duration.
    std::vector<DetailRow> rows;

    /// Title, summary and rows as plain text lines (the clipboard).
    std::string text() const;
};

/// One thing on the timeline the user can point at: a state span, an event or a slice.
struct TimelineItem {
    enum class Kind { None, Span, Event, Slice };
    Kind kind = Kind::None;
    std::uint16_t lane = kNoWorker;
    StateSpan span;        ///< Span.
    std::size_t index = 0; ///< Event: index in the lane's events; Slice: index in its row.
    int depth = 0;         ///< Slice: nesting depth.

    bool valid() const { return kind != Kind::None; }
    /// The time range it covers (an event: one instant).
    TimelineTarget target(const TraceStore& trace) const;
};

/// Whatever `item` is; empty details for none.
Details describe(const TraceStore& trace, const TimelineItem& item, std::uint64_t origin);

/// A state span of `lane`; times are given relative to `origin` (the trace's start).
Details describeSpan(const TraceStore& trace, std::uint16_t lane, const StateSpan& span,
                     std::uint64_t origin);
/// Event `index` of `lane`.
Details describeEvent(const TraceStore& trace, std::uint16_t lane, std::size_t index,
                      std::uint64_t origin);
/// Slice `index` of nesting depth `depth` of an imported lane; its args as rows, one per key.
Details describeSlice(const TraceStore& trace, std::uint16_t lane, int depth, std::size_t index,
                      std::uint64_t origin);

/// One line describing a hand-over, e.g. "Thread-1 released lock".
std::string describeHandOver(const TraceStore& trace, const HandOver& handOver);

/// A slice's args (compact JSON) as (key, value) pairs, nested keys joined with dots; a value
/// that is not an object comes back as one pair with an empty key. Empty for "{}" or bad JSON.
std::vector<std::pair<std::string, std::string>> flattenArgs(const std::string& json);

} // namespace interleave
