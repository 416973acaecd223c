#pragma once

#include "trace/tracestore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

/// Intervals between each ComputeBegin and its ComputeEnd on a lane.
std::vector<Interval> computeIntervals(const Lane& lane);

/// Most intervals overlapping at any one instant, over all the lists together.
std::uint32_t maxOverlap(const std::vector<std::vector<Interval>>& intervalsPerLane);

/// Total time during which at least two of the lists' intervals overlap.
std::uint64_t overlapTime(const std::vector<std::vector<Interval>>& intervalsPerLane);

/// Most lanes in the Running state at one instant (finalised spans).
std::uint32_t maxParallelRunning(const TraceStore& trace);

/// Start of the first and end of the last of these intervals (0, 0 if none).
Interval envelope(const std::vector<std::vector<Interval>>& intervalsPerLane);

/// Cores seen running any worker: event CPUs plus sampled CPUs while running.
std::vector<int> coresUsed(const TraceStore& trace);

/// Most distinct cores busy with running workers at one sample instant (from the sampler).
/// `lanes`, if not empty, limits the count to those lanes.
std::uint32_t maxCoresBusyAtOnce(const TraceStore& trace,
                                 const std::vector<std::uint16_t>& lanes = {});

/// Cores a lane ran on: the CPUs of its events, and of samples taken while it was on a CPU.
std::vector<int> coresOfLane(const Lane& lane);

/// Intervals from each acquire of lock `object` to its release, on one lane.
std::vector<Interval> lockHolds(const Lane& lane, std::uint16_t object);

/// One pool task as run by a worker.
struct TaskRun {
    std::uint16_t worker = 0;
    std::int64_t index = 0;
    std::int64_t result = 0;
    Interval when;
};
/// Every TaskBegin / TaskEnd pair on every lane.
std::vector<TaskRun> taskRuns(const TraceStore& trace);

/// Times of the Mark events labelled `label` on a lane.
std::vector<std::uint64_t> marks(const TraceStore& trace, const Lane& lane, std::string_view label);

/// Median of the values (0 for none).
std::uint64_t median(std::vector<std::uint64_t> values);

/// The lane's id if its role is `role`, for every such lane.
std::vector<std::uint16_t> lanesWithRole(const TraceStore& trace, std::string_view role);

/// One printed line, in time order over all lanes.
struct OutputLine {
    std::uint64_t t = 0;
    std::uint16_t worker = 0;
    std::string text;
    bool error = false;
};
std::vector<OutputLine> outputLines(const TraceStore& trace);

/// One write to a shared value.
struct ValueWrite {
    std::uint64_t t = 0;
    std::uint16_t worker = 0;
    std::size_t eventIndex = 0; ///< Index in the worker's lane events.
    std::int64_t value = 0;     ///< Written.
    std::int64_t basedOn = 0;   ///< The value this worker last read before writing.
    /// The value it replaced in memory, when the trace records it (exact lost-update counts).
    std::optional<std::int64_t> overwrote;
};

/// A write that destroyed earlier updates: it was computed from a stale read.
struct LostUpdate {
    ValueWrite overwritten; ///< The last write before it, whose update (and maybe more) is lost.
    ValueWrite overwriting; ///< The stale write.
    std::int64_t updatesLost = 0;
};

/// Every write to value `object` in time order, and the lost updates among them.
struct LostUpdateReport {
    std::vector<ValueWrite> writes;
    std::vector<LostUpdate> lost;
    std::int64_t totalLost = 0;
};

/// Finds lost updates on a counter incremented by read-then-write: a write computed from a
/// value older than the one it replaced destroyed the updates in between. When writes record
/// what they replaced the count is exact (totalLost = increments - final value); otherwise
/// the writes are replayed in time order.
LostUpdateReport analyseLostUpdates(const TraceStore& trace, std::uint16_t object);

/// Time in each state per lane, summed from the finalised spans.
std::vector<std::uint64_t> stateTotals(const Lane& lane);

} // namespace interleave
