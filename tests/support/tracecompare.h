#pragma once

#include <string>

namespace interleave {
class TraceStore;
}

namespace interleave::test {

/// What differs between two traces, in a line ("lane 2: 41 events vs 40"), or empty when they
/// hold the same run: metadata, lanes with their events, spans and slices, objects, strings in
/// use, counters, flows, notes, the saved view and results.
std::string traceDifference(const TraceStore& a, const TraceStore& b);

} // namespace interleave::test
