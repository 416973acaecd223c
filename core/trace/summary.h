#pragma once

#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <array>
#include <string>
#include <vector>

namespace interleave {

struct WorkerSummary {
    WorkerInfo info;
    std::uint64_t events = 0;
    std::array<std::uint64_t, kLaneStateCount> stateNs{};
    /// Imported traces: how many slices the lane has, and how long its outermost ones last.
    std::uint64_t slices = 0;
    std::uint64_t busyNs = 0;
};

/// Acquisitions of one lock or GIL and the waits they cost.
struct LockSummary {
    std::string name;
    ObjectKind kind = ObjectKind::Mutex;
    std::uint64_t acquisitions = 0;
    std::uint64_t contended = 0;
    std::uint64_t waitNsTotal = 0;
    std::uint64_t waitNsMax = 0;
};

struct QueueSummary {
    std::string name;
    std::uint64_t puts = 0;
    std::uint64_t gets = 0;
    std::uint32_t maxDepth = 0;
};

/// Everything `interleave info` reports, computed once from a finalised trace.
struct TraceSummary {
    RunInfo run;
    std::vector<WorkerSummary> workers;
    std::vector<LockSummary> locks;
    std::vector<QueueSummary> queues;
    std::uint64_t eventsTotal = 0;
    RingTotals rings;
    std::vector<int> coresUsed;
    std::uint32_t maxParallelRunning = 0;
    std::vector<OutputLine> output;
    Results results;
    std::vector<Moment> moments; ///< Lanes named in `lane` of each.
};

TraceSummary summarise(const TraceStore& trace);

} // namespace interleave
