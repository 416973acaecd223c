#pragma once

#include <cstdint>
#include <vector>

namespace interleave {

class TraceStore;

/// A slice name and the time its outermost slices took.
struct SliceNameTime {
    std::uint32_t name = 0; ///< String id.
    std::uint64_t ns = 0;
};

/// The slice names of an imported trace that take the most time (outermost slices only, so
/// nested time is not counted twice), most first, at most `limit`. `lanes` empty: every lane.
std::vector<SliceNameTime> busiestSliceNames(const TraceStore& trace,
                                             const std::vector<std::uint16_t>& lanes,
                                             std::size_t limit);

} // namespace interleave
