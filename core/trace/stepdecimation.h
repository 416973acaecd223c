#pragma once

#include "trace/tracemodel.h"

#include <cstdint>
#include <vector>

namespace interleave {

/// One corner of a step line: the counter has `value` from time `t` on.
struct StepPoint {
    std::uint64_t t = 0;
    double value = 0;
};

/// The step line of a counter over [start, end), cut down to what `buckets` columns can show:
/// the value in force at `start`, then per column its first, highest, lowest and last value,
/// and the last value held until min(end, until). Drawing a line through the points in order
/// gives the step line; a million points cost a few per pixel.
std::vector<StepPoint> decimateSteps(const CounterSeries& counter, std::uint64_t start,
                                     std::uint64_t end, std::uint64_t until, int buckets);

} // namespace interleave
