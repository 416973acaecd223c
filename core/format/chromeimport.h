#pragma once

#include "base/progress.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace interleave {

class TraceStore;

/// Whether the bytes look like a Chrome Trace Event JSON file (an array or an object, after
/// any whitespace or byte-order mark).
bool looksLikeChromeJson(const std::uint8_t* data, std::size_t size);

/// Reads Chrome Trace Event JSON (chrome://tracing, Perfetto, viztracer, and Interleave's own
/// export) with simdjson's on-demand parser, which walks the events without building a
/// document tree, so files of hundreds of megabytes load. Both the bare-array form (its final
/// "]" may be missing, as the format allows) and the {"traceEvents": [...]} form are read.
///
/// Understood: B/E and X (slices, nested by depth per thread), i/I (instants), C (counters,
/// one series per argument), M (process and thread names and sort order), and flows: s/t/f
/// by id and X/B events' bind_id with flow_in / flow_out. Other phases are counted and
/// reported in the trace's run message, not fatal. A file Interleave wrote comes back as the
/// run it was: lanes, states, prints, counters and the scenario's verdict.
///
/// Throws FormatError (naming the byte offset) for text that is not valid trace JSON.
std::shared_ptr<TraceStore> parseChromeJson(std::string_view json, const std::string& title,
                                            const Progress& progress = {});

/// Reads a Chrome JSON file (see parseChromeJson). SystemError when it cannot be read.
std::shared_ptr<TraceStore> loadChromeJson(const std::string& path, const Progress& progress = {});

} // namespace interleave
