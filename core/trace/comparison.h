#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace interleave {

class TraceStore;
struct RunInfo;

/// The figures two runs of a lesson differ in, read off a finished trace.
struct RunFigures {
    std::uint64_t elapsedNs = 0;
    /// Most lanes running at the same instant.
    std::uint32_t maxParallel = 0;
    /// Updates of a shared value that were lost; none when the trace has no shared value.
    std::optional<std::int64_t> lostUpdates;
    /// Time lanes spent waiting for the GIL and for locks, summed over lanes.
    std::uint64_t gilWaitNs = 0;
    std::uint64_t lockWaitNs = 0;
    /// An imported trace has no states: only its length compares.
    bool imported = false;
};

/// Reads the figures off a finalised trace. The caller holds its read lock.
RunFigures runFigures(const TraceStore& trace);

/// One line saying how the second run differs from the first: "elapsed 629 ms → 380 ms
/// (1.66× faster) · max parallel 1 → 2 · GIL wait 1.2 s → 0 · lock wait 0 → 0". Figures that
/// neither run has (lost updates of a program without a shared value) are left out.
std::string differenceSummary(const RunFigures& first, const RunFigures& second);
/// The same for two finished traces; takes each one's read lock itself.
std::string differenceSummary(const TraceStore& first, const TraceStore& second);

/// What tells two runs of one scenario apart: the parameters whose values differ, as
/// "lock = false" and "lock = true" (time_scale left out unless nothing else differs); empty
/// when they ran different scenarios or the same values.
std::pair<std::string, std::string> differingParameters(const RunInfo& first,
                                                        const RunInfo& second);

} // namespace interleave
