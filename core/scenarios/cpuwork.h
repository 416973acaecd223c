#pragma once

#include "scenario/scenario.h"

#include <vector>

namespace interleave {

class TraceStore;
class WorkerContext;

/// Parameters, work and measurements shared by the CPU-bound scenarios (threads with and
/// without the GIL, processes): N workers each do the same computation, optionally after one
/// baseline call alone on the main lane, and the run is judged by how the parallel phase
/// compares with that single call.
namespace cpuwork {

std::vector<ParameterSpec> parameters(bool threads, bool gil);

/// One unit of work as the parameters define it (factorial or bytecode loop).
void work(WorkerContext& context);

/// The main lane's baseline call, if enabled.
void baseline(WorkerContext& main);

/// What the parallel phase measured.
struct Measurement {
    std::uint64_t singleNs = 0;   ///< One call alone (baseline, else the fastest worker call).
    std::uint64_t parallelNs = 0; ///< First worker compute start to last worker compute end.
    double ratio = 0;             ///< parallel / single.
    std::uint64_t overlapNs = 0;  ///< Time two or more workers' compute spans overlapped.
    std::uint32_t maxRunning = 0; ///< Most lanes running at one instant.
    std::uint32_t maxCoresBusy = 0;
    std::size_t workers = 0;
};

Measurement measure(const TraceStore& trace);

/// Stores the measurement as result values.
void report(const Measurement& m, double expectedRatio, Results& results);

/// "1.23 s", "456 ms", "78 µs"
std::string formatDuration(std::uint64_t ns);

} // namespace cpuwork
} // namespace interleave
