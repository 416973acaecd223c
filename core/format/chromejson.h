#pragma once

#include <ostream>
#include <string>

namespace interleave {

class TraceStore;

/// Writes the Chrome Trace Event JSON that Perfetto UI and chrome://tracing open: process and
/// thread names (real pids and tids), one complete event per state span named after the state,
/// counters for queue depth and core utilisation, instant events for printed lines, and flow
/// arrows for lock and GIL hand-overs. Times are microseconds from the start of the run.
void writeChromeJson(const TraceStore& trace, std::ostream& out);

/// Same, into a file written atomically.
void saveChromeJson(const TraceStore& trace, const std::string& path);

} // namespace interleave
