#pragma once

#include "base/progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

class TraceStore;

/// Encodes a trace as .itrace bytes (events zstd-compressed).
std::vector<std::uint8_t> encodeTrace(const TraceStore& trace, const Progress& progress = {});

/// Saves a trace as .itrace, atomically (see AtomicFile). Throws SystemError on failure and
/// Cancelled when `progress` says stop; either way an existing file is left as it was.
void saveTrace(const TraceStore& trace, const std::string& path, const Progress& progress = {});

} // namespace interleave
