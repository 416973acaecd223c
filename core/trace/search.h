#pragma once

#include "trace/details.h"

#include <string>
#include <string_view>
#include <vector>

namespace interleave {

class TraceStore;

/// One match of a search on the timeline: what it is, where it is, a line to list it by.
struct SearchHit {
    enum class Kind { Lane, Object, Print, Mark, Slice };
    Kind kind = Kind::Lane;
    TimelineItem item;     ///< What a jump selects (none for a lane: its first span).
    TimelineTarget target; ///< Where a jump goes.
    std::string label;     ///< "print “Thread-2 finished” · Thread-2 · 1.25 s"
};

/// Everything whose name or text contains `query` (case-insensitive): lanes, locks / queues /
/// values (at their first use), printed lines, phase marks and instants, imported slices — in
/// time order within each kind, lanes and objects first. At most `limit` hits.
std::vector<SearchHit> searchTrace(const TraceStore& trace, std::string_view query,
                                   std::uint64_t origin, std::size_t limit = 500);

} // namespace interleave
