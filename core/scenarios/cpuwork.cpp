#include "scenarios/cpuwork.h"

#include "base/durationformat.h"
#include "runtime/workercontext.h"
#include "trace/analysis.h"
#include "trace/tracestore.h"

#include <algorithm>
#include <cstdio>

namespace interleave::cpuwork {

std::vector<ParameterSpec> parameters(bool threads, bool gil)
{
    std::vector<ParameterSpec> specs{
        ParameterSpec::integer("workers", threads ? "Threads" : "Processes", 3, 1, 16,
                               threads ? "How many worker threads compute at the same time."
                                       : "How many worker processes compute at the same time."),
        // Under the GIL the bytecode loop shows the lesson best: the GIL moves from thread to
        // thread every switch interval while the others wait for it.
        ParameterSpec::choice("workload", "Workload", gil ? "bytecode" : "factorial",
                              {"factorial", "bytecode"},
                              "factorial: one long C call (math.factorial) that keeps the GIL; "
                              "bytecode: a pure-Python loop that gives it up every switch "
                              "interval."),
        ParameterSpec::integer("n", "n for factorial(n)", 1'500'000, 1, 5'000'000,
                               "Size of each factorial (1 500 000 takes about 0.35 s)."),
        ParameterSpec::integer("steps", "Bytecodes", 10'000'000, 1, 1'000'000'000,
                               "Length of each bytecode loop (10 000 000 is about 0.3 s)."),
        ParameterSpec::boolean("baseline", "Baseline call first", true,
                               "Time one call alone on the main thread before the workers "
                               "start, to compare against."),
    };
    if (gil)
        specs.push_back(ParameterSpec::real("switch_interval_ms", "GIL switch interval", 5.0, 0.1,
                                            100.0, "sys.setswitchinterval(), in milliseconds.",
                                            "ms"));
    specs.push_back(timeScaleParameter());
    return specs;
}

void work(WorkerContext& context)
{
    if (context.choice("workload") == "bytecode")
        context.bytecode(std::uint64_t(context.integer("steps")));
    else
        context.factorial(std::uint64_t(context.integer("n")));
}

void baseline(WorkerContext& main)
{
    if (!main.boolean("baseline"))
        return;
    main.mark("baseline: one call alone");
    work(main);
}

Measurement measure(const TraceStore& trace)
{
    Measurement m;
    std::vector<std::vector<Interval>> workers;
    std::uint64_t fastest = ~0ull;
    for (std::size_t i = 0; i < trace.laneCount(); ++i) {
        const Lane& lane = trace.lane(i);
        std::vector<Interval> compute = computeIntervals(lane);
        if (lane.info.role == "main") {
            if (!compute.empty())
                m.singleNs = compute.front().end - compute.front().start;
            continue;
        }
        for (const Interval& c : compute)
            fastest = std::min(fastest, c.end - c.start);
        workers.push_back(std::move(compute));
    }
    m.workers = workers.size();
    if (m.singleNs == 0 && fastest != ~0ull)
        m.singleNs = fastest;
    const Interval phase = envelope(workers);
    m.parallelNs = phase.end - phase.start;
    m.ratio = m.singleNs > 0 ? double(m.parallelNs) / double(m.singleNs) : 0.0;
    m.overlapNs = overlapTime(workers);
    m.maxRunning = maxParallelRunning(trace);
    m.maxCoresBusy = maxCoresBusyAtOnce(trace);
    return m;
}

void report(const Measurement& m, double expectedRatio, Results& results)
{
    results.set("single_ns", std::int64_t(m.singleNs));
    results.set("parallel_ns", std::int64_t(m.parallelNs));
    results.set("elapsed_ns", std::int64_t(m.parallelNs)); // what a sweep compares
    results.set("ratio", m.ratio);
    results.set("expected_ratio", expectedRatio);
    results.set("compute_overlap_ns", std::int64_t(m.overlapNs));
    results.set("max_parallel_running", std::int64_t(m.maxRunning));
    results.set("max_cores_busy", std::int64_t(m.maxCoresBusy));
}

std::string formatDuration(std::uint64_t ns)
{
    return formatBrief(ns);
}

} // namespace interleave::cpuwork
