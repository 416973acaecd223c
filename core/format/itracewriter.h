#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace interleave {

class TraceStore;

/// Encodes a trace as .itrace bytes (events zstd-compressed).
std::vector<std::uint8_t> encodeTrace(const TraceStore& trace);

/// Saves a trace as .itrace, atomically (see AtomicFile). Throws SystemError on failure.
void saveTrace(const TraceStore& trace, const std::string& path);

} // namespace interleave
