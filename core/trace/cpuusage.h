#pragma once

#include "trace/tracemodel.h"

namespace interleave {

class TraceStore;

/// How much CPU was in use over time, in cores' worth (0 to the machine's cores): `run` is what
/// the run's own workers used (from each worker's schedstat on-CPU time), `machine` what every
/// program on the machine used (from /proc/stat). Each sampler interval's figure holds from the
/// interval's start to its end, so the first interval is not lost.
struct CpuUsage {
    CounterSeries run;
    CounterSeries machine;

    bool empty() const { return run.times.empty() && machine.times.empty(); }
};

/// Derived from the trace's samples alone (a trace of another tool has none: empty).
CpuUsage cpuUsage(const TraceStore& trace);

} // namespace interleave
